namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.X.Y wherever they are checked.
public static partial class Permissions
{
    public static class Plan
    {
        public const string Read = "Plan.Plan.Read";
        public const string Edit = "Plan.Plan.Edit";
        public const string File = "Plan.Plan.File";
        public const string Reopen = "Plan.Plan.Reopen";
        public const string ApproveJustification = "Plan.Plan.ApproveJustification";
    }

    /// <summary>The Plan permission group as the module contributes it.</summary>
    public static readonly Node PlanGroup =
        new("Plan", "培育方案与预算", [
        new("Plan.Plan", "培育方案", [
            Leaf(Plan.Read, "查看培育方案与预算"),
            Leaf(Plan.Edit, "编制培育方案与预算（县）"),
            Leaf(Plan.File, "提交培育方案备案（县）"),
            Leaf(Plan.Reopen, "重新打开已备案的培育方案（省）"),
            Leaf(Plan.ApproveJustification, "审核超出资金比例的预算说明（市）"),
        ]),
    ]);
}
