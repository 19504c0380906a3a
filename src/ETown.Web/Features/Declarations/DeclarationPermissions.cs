namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.X.Y wherever they are checked.
public static partial class Permissions
{
    public static class Declaration
    {
        public const string Read = "Declaration.Declaration.Read";
        public const string Edit = "Declaration.Declaration.Edit";
        public const string Recommend = "Declaration.Declaration.Recommend";
        public const string ReviewManage = "Declaration.Review.Manage";
        public const string ReviewScore = "Declaration.Review.Score";
        public const string EligibilityCheck = "Declaration.Eligibility.Check";
        public const string RuleSetManage = "Declaration.RuleSet.Manage";
    }

    /// <summary>The Declaration permission group as the module contributes it.</summary>
    public static readonly Node DeclarationGroup =
        new("Declaration", "申报与评审", [
        new("Declaration.Declaration", "申报", [
            Leaf(Declaration.Read, "查看申报"),
            Leaf(Declaration.Edit, "填报、上传材料、提交（县）"),
            Leaf(Declaration.Recommend, "推荐或退回（市）"),
        ]),
        new("Declaration.Review", "评审", [
            Leaf(Declaration.ReviewManage, "组织评审、决定、公示（省）"),
            Leaf(Declaration.ReviewScore, "专家评分"),
        ]),
        new("Declaration.Eligibility", "申报条件", [Leaf(Declaration.EligibilityCheck, "申报条件自检")]),
        new("Declaration.RuleSet", "申报条件规则集", [Leaf(Declaration.RuleSetManage, "维护申报条件规则集（派生、修改、启用）")]),
    ]);
}
