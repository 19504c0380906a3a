using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Data;

namespace ETown.Web.Platform.Auth;

/// <summary>
/// Who is acting in this request or Blazor circuit: identity, organisation, permissions and
/// data scope. Filled once by <see cref="CallerResolver"/>; read by services, the DbContext's
/// scope filters and the audit trail.
/// </summary>
public sealed class Caller
{
    public bool IsAuthenticated { get; private set; }
    public bool IsResolved { get; private set; }
    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? DisplayName { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public string? OrganisationName { get; private set; }
    public OrganisationKind? OrganisationKind { get; private set; }
    public string? RegionCode { get; private set; }
    public IReadOnlySet<string> Permissions { get; private set; } = new HashSet<string>();
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public DataScope Scope { get; private set; } = DataScope.Public;
    /// <summary>The level the caller acts at, for pages that show a different view per level (not for authorization: use <see cref="Authorizer"/>).</summary>
    public ScopeLevel Level => Scope.Level;
    /// <summary>"全省", "区划 1404*", … for the header and the home page.</summary>
    public string ScopeLabel => Scope.Describe();
    public string? Ip { get; set; }
    public bool IsApiKey { get; private set; }
    /// <summary>Start-up, seeding and background work: every permission, whatever the modules define.</summary>
    public bool IsSystem { get; private set; }

    /// <summary>Used for seeding, migrations and background work: sees all, audited as "system".</summary>
    public static Caller System() => new()
    {
        IsAuthenticated = true, IsResolved = true, UserName = "system", DisplayName = "系统",
        Scope = DataScope.System, IsSystem = true,
    };

    public static Caller Anonymous(string? ip = null) => new() { IsResolved = true, Ip = ip };

    internal void Set(Guid? userId, string userName, string displayName, Organisation org,
        IReadOnlySet<string> permissions, IReadOnlyList<string> roles, DataScope scope, bool isApiKey)
    {
        IsAuthenticated = true; IsResolved = true;
        UserId = userId; UserName = userName; DisplayName = displayName;
        OrganisationId = org.Id; OrganisationName = org.Name; OrganisationKind = org.Kind; RegionCode = org.RegionCode;
        Permissions = permissions; Roles = roles; Scope = scope; IsApiKey = isApiKey;
    }

    /// <summary>Turns this (scoped) caller into the system actor, for start-up work in a DI scope.</summary>
    internal void SetSystem()
    {
        IsAuthenticated = true; IsResolved = true; UserName = "system"; DisplayName = "系统";
        Scope = DataScope.System; IsSystem = true;
    }

    internal void SetAnonymous() { IsResolved = true; IsAuthenticated = false; Scope = DataScope.Public; }

    public bool Has(string permission) => IsSystem || Permissions.Contains(permission);

    /// <summary>Authorization inside services, not only in pages (architecture pattern 4).</summary>
    public void Require(string permission)
    {
        if (!IsAuthenticated) throw new DomainException(AuthErrors.SignInRequired, "请先登录。", 401);
        if (!Has(permission)) throw new ForbiddenException($"您没有“{Auth.Permissions.Label(permission)}”权限。");
    }
}
