using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Standards;

/// <summary>A construction-standard version, as far as authorization cares: the city or county it applies to (null = province).</summary>
public sealed record StandardVersionResource(string? RegionCode);

public static class StandardVersionOperations
{
    /// <summary>Derive, edit items of, and adopt a version.</summary>
    public static readonly Operation Manage = new("StandardVersion.Manage", "维护建设标准版本");
}

/// <summary>The province manages every version; a city its own and its counties' versions (e.g. KL-2022).</summary>
public sealed class StandardVersionAuthorizationHandler : IResourceHandler<StandardVersionResource>
{
    public Decision Decide(Operation operation, StandardVersionResource v, Caller caller)
    {
        if (operation != StandardVersionOperations.Manage)
            throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a standard-version operation.");
        if (!caller.Has(Permissions.Standard.CatalogueManage)) return Decision.Lacks(Permissions.Standard.CatalogueManage);
        if (caller.Scope.IsProvince) return Decision.Allow;
        if (!caller.Scope.IsCity) return Decision.Deny("建设标准版本只能由省级或市级维护。");
        return Decision.When(v.RegionCode is not null && caller.Scope.CoversRegion(v.RegionCode), "市级只能维护本市（或本市所辖县）的建设标准版本。");
    }
}
