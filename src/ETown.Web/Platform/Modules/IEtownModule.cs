using System.Reflection;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;

namespace ETown.Web.Platform.Modules;

/// <summary>
/// The module contract (issue #9 item 1). A feature folder exposes one module: it registers its
/// services, maps its endpoint group, contributes its permission subtree, the grants of the built-in
/// roles, its menu entries, its reference data and its demo data. Program.cs, the layout and the
/// initializer ask the <see cref="ModuleCatalog"/> instead of naming features; adding a module is its
/// folder plus one line in <see cref="BuiltInModules"/>. Entity mappings are found in the module's
/// assembly (<c>IEntityTypeConfiguration</c>), pages through <see cref="Assembly"/> (see Routes.razor).
/// Every member but <see cref="Name"/> has a default, so a module says only what it has.
/// </summary>
public interface IEtownModule
{
    /// <summary>Short stable name ("statistics"), used in logs and the module list.</summary>
    string Name { get; }

    /// <summary>Position in menus and seeding: lower first. Modules other modules build on come first.</summary>
    int Order => 100;

    /// <summary>The assembly that holds the module's pages and entity configurations.</summary>
    Assembly Assembly => GetType().Assembly;

    void AddServices(IServiceCollection services, IConfiguration config) { }

    void MapEndpoints(IEndpointRouteBuilder app) { }

    /// <summary>The module's top-level permission groups (Group.Resource.Action leaves).</summary>
    IReadOnlyList<Permissions.Node> Permissions => [];

    /// <summary>What the built-in roles get from this module (role name → permissions).</summary>
    IReadOnlyList<RoleGrant> RoleGrants => [];

    /// <summary>Menu entries for this caller (already filtered by permission and scope).</summary>
    IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock) => [];

    /// <summary>Reference data and rule sets every installation needs; must be idempotent (runs at each start).</summary>
    Task SeedReferenceAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Demo rows, added to the demo seed's one save (runs once, on an empty database with Demo:Enabled).</summary>
    Task SeedDemoAsync(DemoSeed demo, CancellationToken ct) => Task.CompletedTask;

    /// <summary>After reference and demo data: work that needs both (e.g. default assignments); idempotent.</summary>
    Task AfterSeedAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Permissions a built-in role receives from one module.</summary>
public sealed record RoleGrant(string Role, params string[] Permissions);

/// <summary>A menu section ("统计监测") with its items; sections of the same title from several modules are merged.</summary>
public sealed record MenuSection(string Title, string Icon, int Order, IReadOnlyList<MenuEntry> Items);

/// <summary>One menu link. <paramref name="ExactMatch"/> for "/" only.</summary>
public sealed record MenuEntry(string Text, string Url, string Icon, bool ExactMatch = false);

/// <summary>What a module's demo seed works with: the context and the demo e-towns (in the order of DemoData).</summary>
public sealed record DemoSeed(EtownDbContext Db, IReadOnlyList<Features.Etowns.Etown> Etowns, TimeProvider Clock,
    Calendar.WorkingCalendar Calendar, IServiceProvider Services);
