using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Declarations.Eligibility;

/// <summary>An eligibility rule set, as far as authorization cares: the city it applies to (null = the province's).</summary>
public sealed record RuleSetResource(string? CityCode);

public static class RuleSetOperations
{
    /// <summary>Derive, edit the thresholds of, and adopt a rule set.</summary>
    public static readonly Operation Manage = new("RuleSet.Manage", "维护申报条件规则集");
}

/// <summary>The province manages every set; a city only its own city's sets (DECL-06 stricter city variants).</summary>
public sealed class RuleSetAuthorizationHandler : IResourceHandler<RuleSetResource>
{
    public Decision Decide(Operation operation, RuleSetResource r, Caller caller)
    {
        if (operation != RuleSetOperations.Manage)
            throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a rule-set operation.");
        if (!caller.Has(Permissions.Declaration.RuleSetManage)) return Decision.Lacks(Permissions.Declaration.RuleSetManage);
        if (caller.Scope.IsProvince) return Decision.Allow;
        if (!caller.Scope.IsCity) return Decision.Deny("申报条件规则集只能由省级或市级维护。");
        return Decision.When(r.CityCode == caller.Scope.CityCode, "市级只能维护本市派生的申报条件规则集。");
    }
}
