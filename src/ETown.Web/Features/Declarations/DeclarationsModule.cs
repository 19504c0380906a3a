using ETown.Web.Features.Declarations.Demo;
using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Time;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Declarations;

/// <summary>申报与评审 (DECL-01…08): declarations, eligibility rule sets, expert review, notice and listing.</summary>
public sealed class DeclarationsModule : IEtownModule
{
    public string Name => "declarations";
    public int Order => 20;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, DeclarationWorkItems>();
        services.AddScoped<DeclarationService>();
        services.AddScoped<Disclosure.IPublicListingFacts, DeclarationPublicFacts>(); // DISC-01: listing decision on the column
        services.AddScoped<Archives.IArchiveSource, DeclarationArchiveSource>(); // ARCH-01: declaration materials filed automatically
        services.AddScoped<IDeclarationCounts, DbDeclarationCounts>();
        services.AddScoped<EligibilityService>();
        services.AddScoped<EligibilityContextBuilder>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapDeclarationEndpoints();
        app.MapEligibilityEndpoints();
    }

    public IReadOnlyList<P.Node> Permissions => [P.DeclarationGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Declaration.Read, P.Declaration.ReviewManage, P.Declaration.EligibilityCheck, P.Declaration.RuleSetManage),
        new(R.CityOfficer, P.Declaration.Read, P.Declaration.Recommend, P.Declaration.EligibilityCheck, P.Declaration.RuleSetManage),
        new(R.CountyOfficer, P.Declaration.Read, P.Declaration.Edit, P.Declaration.EligibilityCheck),
        new(R.Operator, P.Declaration.EligibilityCheck),
        new(R.Expert, P.Declaration.Read, P.Declaration.ReviewScore),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        if (!caller.Has(P.Declaration.Read)) yield break;
        var items = new List<MenuEntry> { new("申报列表", "/declarations", "fa-solid fa-file-signature") };
        if (caller.Has(P.Declaration.ReviewManage) && caller.Scope.IsProvince)
            items.Add(new("评审与公示", $"/declarations/review/{clock.ChinaToday().Year}", "fa-solid fa-ranking-star"));
        if (caller.Has(P.Declaration.EligibilityCheck)) items.Add(new("申报条件规则集", "/declarations/rule-sets", "fa-solid fa-scale-balanced"));
        yield return new("申报与评审", "fa-solid fa-stamp", Order, items);
    }

    public Task SeedReferenceAsync(Platform.Data.EtownDbContext db, IServiceProvider services, CancellationToken ct) =>
        EligibilityService.SeedAsync(db, services.GetRequiredService<TimeProvider>(), ct);

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        DemoDeclarations.Seed(demo.Db, demo.Etowns, demo.Clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
