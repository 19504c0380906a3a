using Microsoft.Extensions.DependencyInjection.Extensions;
using ETown.Web.Features.Statistics.Demo;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Scheduling;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Statistics;

/// <summary>统计监测 (STAT-*): monthly and annual reports, the review chain, analysis, dashboards, city report, import.</summary>
public sealed class StatisticsModule : IEtownModule
{
    public string Name => "statistics";
    public int Order => 50;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, StatisticsWorkItems>();
        services.AddScoped<StatisticsService>();
        services.AddScoped<Disclosure.IPublicProgressFacts, StatisticsPublicFacts>(); // DISC-01 public column
        services.AddScoped<Analytics.StatAnalyticsService>();
        services.TryAddSingleton<Platform.Caching.ReadCache>(); // derived figures per scope and data generation (#16)
        services.AddSingleton<Analytics.StatFactsCache>(); // month facts per e-town and e-town stamp (#16)
        services.AddScoped<StatDataSetService>();
        services.AddScoped<StatCatalogueService>();
        services.AddScoped<StatReminderService>();
        services.AddRecurringJob<StatReminderJob>(StatReminderJob.Name, StatReminderJob.Schedule); // STAT-02, daily 06:00 China time
        services.AddScoped<CityReport.CityMonthlyReport>();
        services.AddScoped<Import.StatImportService>();
        services.AddScoped<Dashboard.DashboardService>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapStatisticsEndpoints();
        Analytics.StatAnalyticsEndpoints.MapStatAnalyticsEndpoints(app);
        CityReport.CityReportEndpoints.MapCityReportEndpoints(app);
        Import.StatImportEndpoints.MapStatisticsImportEndpoints(app);
        Dashboard.DashboardEndpoints.MapStatisticsDashboardEndpoints(app);
    }

    public IReadOnlyList<P.Node> Permissions => [P.StatisticsGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Statistics.Read, P.Statistics.Accept, P.Statistics.TargetSet, P.Statistics.CityFigureSet, P.Statistics.UnlockAccepted,
            P.Statistics.DataSetManage, P.Statistics.CatalogueManage, P.Statistics.ReminderRun, P.Statistics.CityReportGenerate),
        new(R.CityOfficer, P.Statistics.Read, P.Statistics.Accept, P.Statistics.CityFigureSet, P.Statistics.UnlockAccepted, P.Statistics.CityReportGenerate),
        // Issue #4 item 9: a city liaison fills many e-towns at once (template + import); the county still approves (STAT-05).
        new(R.CityStatisticsLiaison, P.Statistics.Read, P.Statistics.Enter),
        new(R.CountyOfficer, P.Statistics.Read, P.Statistics.Enter, P.Statistics.Approve, P.Statistics.Unlock, P.Statistics.TargetSet, P.Statistics.ReminderRun),
        new(R.Operator, P.Statistics.Read, P.Statistics.Enter),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        if (!caller.Has(P.Statistics.Read)) yield break;
        var items = new List<MenuEntry>
        {
            new("统计报送（月报、年报）", "/statistics", "fa-solid fa-table-list"),
            new("指标分析与目标", "/statistics/analysis", "fa-solid fa-calculator"),
            new("统计分析看板", "/statistics/dashboard", "fa-solid fa-chart-column"),
            new("数据集分配", "/statistics/data-sets", "fa-solid fa-list-check"),
            new("指标与校验规则", "/statistics/catalogue", "fa-solid fa-book"),
        };
        if (caller.Has(P.Statistics.CityReportGenerate)) items.Add(new("市级月度进展报告", "/statistics/city-report", "fa-solid fa-file-word"));
        // Excel import and template (issue #4 item 9) for those who enter figures.
        if (caller.Has(P.Statistics.Enter)) items.Add(new("Excel 导入", "/statistics/import", "fa-solid fa-file-import"));
        yield return new("统计监测", "fa-solid fa-chart-line", Order, items);
    }

    public async Task SeedReferenceAsync(Platform.Data.EtownDbContext db, IServiceProvider services, CancellationToken ct)
    {
        await StatisticsService.SeedAsync(db, ct);
        await StatDataSets.SeedAsync(db, ct);
    }

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DemoStatistics.Seed(demo.Db, demo.Etowns, demo.Calendar);
        return Task.CompletedTask;
    }

    public Task AfterSeedAsync(Platform.Data.EtownDbContext db, IServiceProvider services, CancellationToken ct) =>
        StatDataSets.EnsureDefaultAssignmentsAsync(db, ct);
}
