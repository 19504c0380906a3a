namespace ETown.Web.Platform.Auth;

// 资金管理 (issue #10): allocations, operators, contracts, payment requests and the payment rule sets.
public static partial class Permissions
{
    public static class Fund
    {
        public const string Read = "Fund.Fund.Read";
        public const string AllocationEdit = "Fund.Allocation.Edit";
        public const string MatchingEdit = "Fund.Allocation.Matching";
        public const string OperatorEdit = "Fund.Operator.Edit";
        public const string OperatorCancel = "Fund.Operator.Cancel";
        public const string ContractEdit = "Fund.Contract.Edit";
        public const string ContractRequestChange = "Fund.Contract.RequestChange";
        public const string ContractApproveChange = "Fund.Contract.ApproveChange";
        public const string ContractAssess = "Fund.Contract.Assess";
        public const string InvestmentEdit = "Fund.Investment.Edit";
        public const string PaymentRequest = "Fund.Payment.Request";
        public const string PaymentReview = "Fund.Payment.Review";
        public const string PaymentApprove = "Fund.Payment.Approve";
        public const string PaymentRecord = "Fund.Payment.Record";
        public const string RuleSetManage = "Fund.RuleSet.Manage";
    }

    /// <summary>The Fund permission group as the module contributes it.</summary>
    public static readonly Node FundGroup =
        new("Fund", "资金管理", [
        new("Fund.Fund", "资金总览", [Leaf(Fund.Read, "查看资金下达、合同与拨付")]),
        new("Fund.Allocation", "资金下达", [
            Leaf(Fund.AllocationEdit, "录入省级专项资金下达额度（省）"),
            Leaf(Fund.MatchingEdit, "登记县级配套资金承诺与到位（县）"),
        ]),
        new("Fund.Operator", "承办主体", [
            Leaf(Fund.OperatorEdit, "登记承办主体及资格条件（县）"),
            Leaf(Fund.OperatorCancel, "取消承办主体资格并追回资金（县、省）"),
        ]),
        new("Fund.Contract", "合同", [
            Leaf(Fund.ContractEdit, "登记合同（县）"),
            Leaf(Fund.ContractRequestChange, "提出合同变更、延期书面申请"),
            Leaf(Fund.ContractApproveChange, "批准合同变更、延期（市、省）"),
            Leaf(Fund.ContractAssess, "考核承办主体履约能力（县、受托第三方，FUND-14）"),
        ]),
        new("Fund.Investment", "其他部门投资", [Leaf(Fund.InvestmentEdit, "登记其他部门在e镇的投资项目（县，FUND-15）")]),
        new("Fund.Payment", "资金拨付", [
            Leaf(Fund.PaymentRequest, "提出拨付申请（承办企业）"),
            Leaf(Fund.PaymentReview, "审核拨付申请并出具拨付意见（e镇办、受托第三方）"),
            Leaf(Fund.PaymentApprove, "财政审批拨付"),
            Leaf(Fund.PaymentRecord, "登记拨付凭证"),
        ]),
        new("Fund.RuleSet", "拨付规则", [Leaf(Fund.RuleSetManage, "派生、修改、启用拨付规则集（省、县）")]),
    ]);
}
