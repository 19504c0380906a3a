using System.Collections.Concurrent;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// The permission tree (Group.Resource.Action). Each module declares its group in its own folder
/// (a <c>*Permissions.cs</c> part of this class, so checks read <c>Permissions.Statistics.Read</c>
/// everywhere) and contributes it through <see cref="Modules.IEtownModule.Permissions"/>; the
/// <see cref="Modules.ModuleCatalog"/> assembles the tree for the role admin page, the policies and
/// the seeded roles.
/// </summary>
public static partial class Permissions
{
    public sealed record Node(string Name, string Label, IReadOnlyList<Node> Children)
    {
        public bool IsLeaf => Children.Count == 0;
    }

    static Node Leaf(string name, string label) => new(name, label, []);

    // Labels of every permission any catalog in this process has registered: display text only.
    static readonly ConcurrentDictionary<string, string> Labels = new(StringComparer.Ordinal);

    internal static void RegisterLabels(IEnumerable<Node> leaves)
    {
        foreach (var n in leaves) Labels[n.Name] = n.Label;
    }

    public static string Label(string permission) => Labels.GetValueOrDefault(permission, permission);

    /// <summary>
    /// 三权分立 (等保 2.0): audit, security and system administration must not meet in one role,
    /// and only these groups make a role "privileged".
    /// </summary>
    public static string? DutyOf(string permission) => permission switch
    {
        _ when permission.StartsWith("Audit.", StringComparison.Ordinal) => "审计管理",
        _ when permission.StartsWith("Security.", StringComparison.Ordinal) => "安全管理",
        _ when permission.StartsWith("System.", StringComparison.Ordinal) => "系统管理",
        Org.UserManage or Org.OrganisationManage => "系统管理",
        _ => null,
    };

    /// <summary>The claim type that carries a permission on a role.</summary>
    public const string ClaimType = "perm";
}
