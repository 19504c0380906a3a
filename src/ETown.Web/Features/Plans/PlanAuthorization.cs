using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Plans;

/// <summary>A cultivation plan, as far as authorization cares: the county of its e-town. Null county = "any plan" (a level check).</summary>
public sealed record PlanResource(string? CountyCode)
{
    public static readonly PlanResource Any = new((string?)null);
}

public static class PlanOperations
{
    public static readonly Operation Edit = new("Plan.Edit", "编制培育方案");
    public static readonly Operation File = new("Plan.File", "培育方案备案");
    public static readonly Operation Reopen = new("Plan.Reopen", "重新打开培育方案");
    public static readonly Operation ApproveJustification = new("Plan.ApproveJustification", "审核预算比例说明");
}

/// <summary>PLAN-01: the plan is the county's document — only the county itself writes and files it; the province reopens.</summary>
public sealed class PlanAuthorizationHandler : IResourceHandler<PlanResource>
{
    const string CountyOnly = "培育方案由县（市、区）编制，只能编制本县e镇的方案。";

    public Decision Decide(Operation operation, PlanResource p, Caller caller)
    {
        var scope = caller.Scope;
        var ownCounty = scope.IsCounty && (p.CountyCode is null || p.CountyCode == scope.CountyCode);
        if (operation == PlanOperations.Edit)
            return !caller.Has(Permissions.Plan.Edit) ? Decision.Lacks(Permissions.Plan.Edit) : Decision.When(ownCounty, CountyOnly);
        if (operation == PlanOperations.File)
            return !caller.Has(Permissions.Plan.File) ? Decision.Lacks(Permissions.Plan.File) : Decision.When(ownCounty, CountyOnly);
        if (operation == PlanOperations.Reopen)
            return !caller.Has(Permissions.Plan.Reopen) ? Decision.Lacks(Permissions.Plan.Reopen)
                : Decision.When(scope.IsProvince, "已备案的培育方案由省级重新打开。");
        if (operation == PlanOperations.ApproveJustification)
            // FUND-03 "原则上" (issue #14 item 12): the justification is approved by the county's city.
            return !caller.Has(Permissions.Plan.ApproveJustification) ? Decision.Lacks(Permissions.Plan.ApproveJustification)
                : Decision.When(scope.IsCity && (p.CountyCode is null || scope.CoversRegion(p.CountyCode)), "超出资金比例的预算说明由所在市审核。");
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a plan operation.");
    }
}
