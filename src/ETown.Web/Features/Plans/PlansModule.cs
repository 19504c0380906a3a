using ETown.Web.Features.Plans.Demo;
using ETown.Web.Platform.Modules;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Plans;

/// <summary>培育方案与预算 (PLAN-01…04, FUND-03 bands on the budget). Reached from the e-town's page, no menu of its own.</summary>
public sealed class PlansModule : IEtownModule
{
    public string Name => "plans";
    public int Order => 30;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<PlanService>();
        services.AddScoped<Archives.IArchiveSource, PlanArchiveSource>(); // ARCH-01: the filed plan (.docx) in the archive
        services.AddScoped<Statistics.Analytics.IOwnGrowthTargets, PlanOwnGrowthTargets>();
        services.AddScoped<Disclosure.IPublicPlanFacts, PlanPublicFacts>(); // DISC-01 public column
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, PlanWorkItems>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapPlanEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.PlanGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Plan.Read, P.Plan.Reopen),
        new(R.CityOfficer, P.Plan.Read, P.Plan.ApproveJustification),
        new(R.CountyOfficer, P.Plan.Read, P.Plan.Edit, P.Plan.File),
    ];

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DemoPlans.Seed(demo.Db, demo.Etowns[1]); // 岢岚: the documented 建设标准及预算 table
        return Task.CompletedTask;
    }
}
