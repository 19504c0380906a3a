namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.Ledgers.X wherever they are checked.
public static partial class Permissions
{
    public static class Ledgers
    {
        /// <summary>Read the special-account and asset ledgers in the caller's scope (FUND-08, FUND-12).</summary>
        public const string Read = "Ledgers.Ledger.Read";
        /// <summary>The operator enters expense lines in its own e-town's 专账 (FUND-12).</summary>
        public const string ExpenseWrite = "Ledgers.Expense.Write";
        /// <summary>The operator keeps its asset ledger (FUND-08).</summary>
        public const string AssetWrite = "Ledgers.Asset.Write";
        /// <summary>The county records a justified exception to a FUND-03 band ("原则上").</summary>
        public const string ExceptionApprove = "Ledgers.Exception.Approve";
        /// <summary>The province keeps the list of purposes and prohibited uses (FUND-01, FUND-17).</summary>
        public const string PurposeManage = "Ledgers.Purpose.Manage";
    }

    /// <summary>The Ledgers permission group as the module contributes it.</summary>
    public static readonly Node LedgersGroup =
        new("Ledgers", "资金台账", [
        new("Ledgers.Ledger", "专账与资产台账", [Leaf(Ledgers.Read, "查看专账与资产台账")]),
        new("Ledgers.Expense", "专账支出", [Leaf(Ledgers.ExpenseWrite, "登记专账支出（承办企业）")]),
        new("Ledgers.Asset", "资产台账", [Leaf(Ledgers.AssetWrite, "登记资产台账（承办企业）")]),
        new("Ledgers.Exception", "比例例外", [Leaf(Ledgers.ExceptionApprove, "批准资金类别比例例外（县）")]),
        new("Ledgers.Purpose", "支出用途目录", [Leaf(Ledgers.PurposeManage, "维护支出用途与禁止用途目录（省）")]),
    ]);
}
