using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Funds;

/// <summary>Funds data of one e-town as authorization sees it: its county, the e-town and (for contracts) the operator.</summary>
public sealed record FundResource(string? CountyCode, Guid? EtownId = null, Guid? OperatorOrganisationId = null)
{
    public static readonly FundResource Province = new((string?)null);
}

public static class FundOperations
{
    public static readonly Operation EditAllocation = new("Fund.EditAllocation", "录入专项资金下达额度");
    public static readonly Operation EditMatching = new("Fund.EditMatching", "登记县级配套资金");
    public static readonly Operation EditOperator = new("Fund.EditOperator", "登记承办主体");
    public static readonly Operation CancelOperator = new("Fund.CancelOperator", "取消承办主体资格");
    public static readonly Operation EditContract = new("Fund.EditContract", "登记合同");
    public static readonly Operation RequestChange = new("Fund.RequestChange", "提出合同变更申请");
    public static readonly Operation ApproveChange = new("Fund.ApproveChange", "批准合同变更");
    public static readonly Operation RequestPayment = new("Fund.RequestPayment", "提出拨付申请");
    public static readonly Operation ReviewPayment = new("Fund.ReviewPayment", "审核拨付申请");
    public static readonly Operation ApprovePayment = new("Fund.ApprovePayment", "财政审批拨付");
    public static readonly Operation RecordPayment = new("Fund.RecordPayment", "登记拨付凭证");
    public static readonly Operation AssessContract = new("Fund.AssessContract", "考核承办主体履约能力");
    public static readonly Operation EditInvestment = new("Fund.EditInvestment", "登记其他部门投资");
    public static readonly Operation ManageRuleSet = new("Fund.ManageRuleSet", "管理拨付规则集");
}

/// <summary>
/// Who may act on an e-town's funds: the province enters allocations (issue #10 item 1); the county manages operators,
/// contracts, review, finance approval and payment (L 第六条); the operator requests payments on its own contracts
/// only; a commissioned third party may review (FUND-07); changes are approved upward (FUND-09: city or province).
/// </summary>
public sealed class FundAuthorizationHandler : IResourceHandler<FundResource>
{
    const string CountyOnly = "只能办理本县（市、区）e镇的资金事项。";

    public Decision Decide(Operation op, FundResource r, Caller caller)
    {
        var scope = caller.Scope;
        var ownCounty = scope.IsCounty && (r.CountyCode is null || r.CountyCode == scope.CountyCode);
        Decision Need(string permission, bool allowed, string reason) =>
            !caller.Has(permission) ? Decision.Lacks(permission) : Decision.When(allowed, reason);

        if (op == FundOperations.EditAllocation)
            return Need(Permissions.Fund.AllocationEdit, scope.IsProvince, "专项资金下达额度由省级录入。");
        if (op == FundOperations.EditMatching)
            return Need(Permissions.Fund.MatchingEdit, ownCounty, CountyOnly);
        if (op == FundOperations.EditOperator)
            return Need(Permissions.Fund.OperatorEdit, ownCounty, CountyOnly);
        if (op == FundOperations.CancelOperator)
            return Need(Permissions.Fund.OperatorCancel, ownCounty || scope.IsProvince, CountyOnly);
        if (op == FundOperations.EditContract || op == FundOperations.ApprovePayment || op == FundOperations.RecordPayment)
            return Need(op == FundOperations.EditContract ? Permissions.Fund.ContractEdit
                : op == FundOperations.ApprovePayment ? Permissions.Fund.PaymentApprove : Permissions.Fund.PaymentRecord, ownCounty, CountyOnly);
        if (op == FundOperations.RequestChange)
            return Need(Permissions.Fund.ContractRequestChange,
                ownCounty || (r.OperatorOrganisationId is { } o && caller.OrganisationId == o), "只能为本县或本单位承办的合同提出变更申请。");
        if (op == FundOperations.ApproveChange)
            // FUND-09 (Y 第九–十条): approved by a level above the county that asked.
            return Need(Permissions.Fund.ContractApproveChange,
                scope.IsProvince || (scope.IsCity && r.CountyCode is { } c && scope.CoversRegion(c)), "合同变更、延期须报上级（市、省）批准。");
        if (op == FundOperations.RequestPayment)
            return Need(Permissions.Fund.PaymentRequest,
                caller.OrganisationKind == OrganisationKind.Operator && r.OperatorOrganisationId is { } org && caller.OrganisationId == org,
                "拨付申请由承办该合同的承办主体提出。");
        if (op == FundOperations.ReviewPayment)
            return Need(Permissions.Fund.PaymentReview,
                ownCounty || (caller.OrganisationKind == OrganisationKind.ThirdParty && r.EtownId is { } e && scope.EtownIds.Contains(e)),
                "拨付申请由本县e镇办或受委托的第三方机构审核。");
        if (op == FundOperations.AssessContract)
            // FUND-14 (P 四(八)): the county, or the third party it commissions for daily management and performance assessment.
            return Need(Permissions.Fund.ContractAssess,
                ownCounty || (caller.OrganisationKind == OrganisationKind.ThirdParty && r.EtownId is { } te && scope.EtownIds.Contains(te)),
                "履约能力考核由本县或受委托的第三方机构进行。");
        if (op == FundOperations.EditInvestment)
            return Need(Permissions.Fund.InvestmentEdit, ownCounty, CountyOnly);
        if (op == FundOperations.ManageRuleSet)
            return Need(Permissions.Fund.RuleSetManage, r.CountyCode is null ? scope.IsProvince : scope.IsProvince || ownCounty,
                "省级默认拨付规则由省级管理，县只能为本县派生。");
        throw new ArgumentOutOfRangeException(nameof(op), op.Name, "Not a funds operation.");
    }
}
