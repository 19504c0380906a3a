using System.Reflection;
using ETown.Web.Platform.Auth;

namespace ETown.Web.Platform.Modules;

/// <summary>
/// The modules of this installation: the built-in ones plus any named in configuration
/// (<c>Modules:Extra</c>, assembly-qualified type names separated by ';' — how a test adds a toy
/// module without touching the app). Built once at start, before the services; a singleton.
/// </summary>
public sealed class ModuleCatalog
{
    public IReadOnlyList<IEtownModule> Modules { get; }

    /// <summary>Assemblies holding modules (entity configurations and pages are looked up there).</summary>
    public IReadOnlyList<Assembly> Assemblies { get; }

    /// <summary>The whole permission tree, in module order.</summary>
    public IReadOnlyList<Permissions.Node> PermissionTree { get; }

    public IReadOnlyList<string> AllPermissions { get; }

    /// <summary>Identifies the module set, so EF builds one model per set (tests host toy modules beside the real app).</summary>
    public string Signature { get; }

    public ModuleCatalog(IEnumerable<IEtownModule> modules)
    {
        Modules = modules.OrderBy(m => m.Order).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        var duplicate = Modules.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Module name '{duplicate.Key}' is used twice.");
        Assemblies = Modules.Select(m => m.Assembly).Distinct().ToList();
        PermissionTree = Modules.SelectMany(m => m.Permissions).ToList();
        AllPermissions = Flatten(PermissionTree).Select(n => n.Name).ToList();
        var twice = AllPermissions.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidOperationException($"Permission '{twice.Key}' is contributed twice.");
        Signature = string.Join(",", Modules.Select(m => m.GetType().FullName));
        Auth.Permissions.RegisterLabels(Flatten(PermissionTree));
    }

    public static ModuleCatalog BuiltIn { get; } = new(BuiltInModules.Create());

    /// <summary>The built-in modules plus those named in <c>Modules:Extra</c>.</summary>
    public static ModuleCatalog From(IConfiguration config)
    {
        var extra = (config["Modules:Extra"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (extra.Length == 0) return BuiltIn;
        var added = extra.Select(name => Type.GetType(name, throwOnError: false)
                ?? throw new Data.StartupException($"找不到模块类型 {name}（配置 Modules:Extra）。"))
            .Select(t => (IEtownModule)Activator.CreateInstance(t)!);
        return new ModuleCatalog([.. BuiltInModules.Create(), .. added]);
    }

    public bool PermissionExists(string permission) => AllPermissions.Contains(permission);

    /// <summary>The built-in roles with the permissions every module grants them.</summary>
    public IReadOnlyList<BuiltInRoles.Definition> Roles() =>
        BuiltInRoles.All.Select(r => r with
        {
            Permissions = Modules.SelectMany(m => m.RoleGrants).Where(g => g.Role == r.Name)
                .SelectMany(g => g.Permissions).Distinct().ToArray(),
        }).ToList();

    /// <summary>Menu sections of all modules for this caller; same-titled sections merged, empty ones dropped.</summary>
    public IReadOnlyList<MenuSection> Menu(Caller caller, TimeProvider clock) =>
        Modules.SelectMany(m => m.Menu(caller, clock))
            .GroupBy(s => s.Title)
            .Select(g => g.First() with { Order = g.Min(s => s.Order), Items = g.SelectMany(s => s.Items).ToList() })
            .Where(s => s.Items.Count > 0)
            .OrderBy(s => s.Order)
            .ToList();

    static IEnumerable<Permissions.Node> Flatten(IEnumerable<Permissions.Node> nodes) =>
        nodes.SelectMany(n => n.IsLeaf ? [n] : Flatten(n.Children));
}
