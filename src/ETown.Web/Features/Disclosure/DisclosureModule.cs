using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Disclosure;

/// <summary>信息公开 (DISC-01; whistle-blowing and opinions are its comment and whistle-blowing windows): the public column per e-town, opinions, whistle-blowing, satisfaction survey, open data.</summary>
public sealed class DisclosureModule : IEtownModule
{
    public string Name => "disclosure";
    public int Order => 80;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<DisclosureGuard>();
        services.AddScoped<DisclosureService>();
        services.AddScoped<WhistleService>();
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, DisclosureWorkItems>();
        services.AddScoped<Acceptance.ISatisfactionResults, DisclosureSatisfactionResults>();
        services.AddScoped<Plans.IPlanNoticeDates, PlanNoticeDates>(); // DISC-02: notice before filing
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapDisclosureEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.DisclosureGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Disclosure.Read),
        new(R.CityOfficer, P.Disclosure.Read),
        new(R.CountyOfficer, P.Disclosure.Read, P.Disclosure.Publish, P.Disclosure.Moderate),
        // DISC-01: reports go to discipline/audit only; unmasking a reporter is its own permission (audited).
        new(R.Discipline, P.Disclosure.HandleReports, P.Disclosure.Unmask),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        var items = new List<MenuEntry>();
        if (caller.Has(P.Disclosure.Read)) items.Add(new("公开专栏管理", "/disclosure", "fa-solid fa-bullhorn"));
        if (caller.Has(P.Disclosure.HandleReports)) items.Add(new("举报办理", "/disclosure/reports", "fa-solid fa-user-shield"));
        if (items.Count > 0) yield return new MenuSection("信息公开", "fa-solid fa-bullhorn", 80, items);
    }

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DisclosureDemo.Seed(demo);
        return Task.CompletedTask;
    }

    public Task AfterSeedAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct) => DisclosureDemo.PublishAsync(db, services, ct);
}
