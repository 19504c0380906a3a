using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Scheduling;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Supervision;

/// <summary>日常监管 (SUP-01…SUP-05): frequency rules, due inspections, inspection records, problem lists and rectification.</summary>
public sealed class SupervisionModule : IEtownModule
{
    public string Name => "supervision";
    public int Order => 65;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, SupervisionWorkItems>();
        services.AddScoped<SupervisionService>();
        services.AddScoped<OperatorReportService>(); // SUP-06/08
        services.AddScoped<CityVisitService>(); // 市级督导、联席会议 (issue #11 item 6)
        services.AddScoped<Statistics.CityReport.ICitySupervisionFigures, SupervisionCityFigures>(); // SUP-07 city report port
        services.AddScoped<Disclosure.IPublicSupervisionFacts, SupervisionPublicFacts>(); // DISC-01 public column
        services.AddScoped<SupervisionScheduler>();
        services.AddScoped<Archives.IArchiveSource, SupervisionArchiveSource>(); // ARCH-01: inspections and notices in the archive
        // FUND-06: the funds module asks every registered producer; an unresolved rectification blocks payments.
        services.AddSingleton<Funds.IOpenRectifications, SupervisionOpenRectifications>();
        services.AddScoped<Funds.IDisbursementListener, SupervisionScheduler.DisbursementListener>();
        services.AddRecurringJob<SupervisionJob>(SupervisionJob.Name, SupervisionJob.Schedule);
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapSupervisionEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.SupervisionGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Supervision.Read, P.Supervision.Rules),
        new(R.CityOfficer, P.Supervision.Read, P.Supervision.Guide, P.Supervision.Follow),
        new(R.CountyOfficer, P.Supervision.Read, P.Supervision.Record, P.Supervision.Rectify, P.Supervision.Rules, P.Supervision.Acknowledge, P.Supervision.Follow),
        new(R.Operator, P.Supervision.Read, P.Supervision.Respond, P.Supervision.Report),
        // Discipline and audit read everything in their region and write nothing (朔州 督导: 移交纪检、审计).
        new(R.Discipline, P.Supervision.Read),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock) =>
        caller.Has(P.Supervision.Read)
            ? [new MenuSection("监督检查", "fa-solid fa-clipboard-check", 55, [new("监管看板", "/supervision", "fa-solid fa-table-list"), new("督导与联席会议", "/supervision/visits", "fa-solid fa-people-group")])]
            : [];

    public async Task SeedReferenceAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct)
    {
        if (await db.SupervisionRuleSets.AnyAsync(ct)) return;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var s in SupervisionDemo.DefaultRuleSets(now)) db.SupervisionRuleSets.Add(s);
        await db.SaveChangesAsync(ct);
    }

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        SupervisionDemo.Seed(demo);
        return Task.CompletedTask;
    }
}
