using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Acceptance;

/// <summary>An acceptance as far as authorization cares: its e-town and county. Null county = a level check only.</summary>
public sealed record AcceptanceResource(Guid? EtownId, string? CountyCode)
{
    public static readonly AcceptanceResource Any = new(null, null);
}

public static class AcceptanceOperations
{
    /// <summary>ACC-01: the operator of the e-town (or the county for the whole e-town) applies and answers rectifications.</summary>
    public static readonly Operation Apply = new("Acceptance.Apply", "提出验收申请");
    /// <summary>ACC-02/03/06/07: the county e镇办 checks, organises, concludes, publishes and files.</summary>
    public static readonly Operation Review = new("Acceptance.Review", "组织验收");
    /// <summary>ACC-07/09: the city (朔州: filed with the city) and the province acknowledge the filing.</summary>
    public static readonly Operation AcknowledgeCity = new("Acceptance.AcknowledgeCity", "市级确认备案");
    public static readonly Operation AcknowledgeProvince = new("Acceptance.AcknowledgeProvince", "省级确认备案");
    /// <summary>ACC-09 (P 五: the province "对县(市、区)进行绩效评价和验收"): the province records its provincial acceptance.</summary>
    public static readonly Operation ProvincialAccept = new("Acceptance.ProvincialAccept", "省级验收");
}

public sealed class AcceptanceAuthorizationHandler : IResourceHandler<AcceptanceResource>
{
    public Decision Decide(Operation operation, AcceptanceResource r, Caller caller)
    {
        var scope = caller.Scope;
        var covers = r.CountyCode is null || scope.CoversRegion(r.CountyCode);
        if (operation == AcceptanceOperations.Apply)
        {
            if (!caller.Has(Permissions.Acceptance.Apply)) return Decision.Lacks(Permissions.Acceptance.Apply);
            if (scope.IsCounty) return Decision.When(covers, "只能为本县的e镇申请验收。");
            return Decision.When(scope.Level == Platform.Data.ScopeLevel.Etown && (r.EtownId is null || scope.EtownIds.Contains(r.EtownId.Value)),
                "验收申请由受托运营的承办企业（整体验收也可由县级）提出。");
        }
        if (operation == AcceptanceOperations.Review)
            return !caller.Has(Permissions.Acceptance.Review) ? Decision.Lacks(Permissions.Acceptance.Review)
                : Decision.When(scope.IsCounty && covers, "验收由e镇所在县（市、区）e镇办组织。");
        if (operation == AcceptanceOperations.AcknowledgeCity)
            return !caller.Has(Permissions.Acceptance.Acknowledge) ? Decision.Lacks(Permissions.Acceptance.Acknowledge)
                : Decision.When(scope.IsCity && covers, "向市级报送的备案由本市确认。");
        if (operation == AcceptanceOperations.AcknowledgeProvince)
            return !caller.Has(Permissions.Acceptance.Acknowledge) ? Decision.Lacks(Permissions.Acceptance.Acknowledge)
                : Decision.When(scope.IsProvince, "向省级报送的备案由省级确认。");
        if (operation == AcceptanceOperations.ProvincialAccept)
            return !caller.Has(Permissions.Acceptance.Evaluate) ? Decision.Lacks(Permissions.Acceptance.Evaluate)
                : Decision.When(scope.IsProvince, "省级验收由省级作出。");
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not an acceptance operation.");
    }
}
