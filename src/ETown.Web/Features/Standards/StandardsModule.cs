using Microsoft.Extensions.DependencyInjection.Extensions;
using ETown.Web.Features.Standards.Demo;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Standards;

/// <summary>建设标准与达标 (STD-*): the 39-item standard as versioned data, figures, evidence and compliance.</summary>
public sealed class StandardsModule : IEtownModule
{
    public string Name => "standards";
    public int Order => 40;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<StandardService>();
        services.TryAddSingleton<Platform.Caching.ReadCache>(); // the compliance matrix per scope and data generation (#16)
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, StandardWorkItems>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapStandardEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.StandardGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Standard.CatalogueRead, P.Standard.CatalogueManage, P.Standard.ComplianceRead),
        new(R.CityOfficer, P.Standard.CatalogueRead, P.Standard.CatalogueManage, P.Standard.ComplianceRead),
        new(R.CountyOfficer, P.Standard.CatalogueRead, P.Standard.FigureEnter, P.Standard.EvidenceSubmit, P.Standard.EvidenceReview, P.Standard.ComplianceRead),
        new(R.Operator, P.Standard.CatalogueRead, P.Standard.EvidenceSubmit, P.Standard.ComplianceRead),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        var items = new List<MenuEntry>();
        if (caller.Has(P.Standard.CatalogueRead)) items.Add(new("建设标准", "/standards", "fa-solid fa-list-check"));
        if (caller.Has(P.Standard.ComplianceRead)) items.Add(new("达标矩阵", "/standards/matrix", "fa-solid fa-table-cells"));
        yield return new("建设标准与达标", "fa-solid fa-clipboard-check", Order, items);
    }

    public Task SeedReferenceAsync(Platform.Data.EtownDbContext db, IServiceProvider services, CancellationToken ct) =>
        StandardService.SeedAsync(db, services.GetRequiredService<TimeProvider>(), ct);

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DemoStandards.Seed(demo.Db, demo.Etowns, demo.Clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
