namespace ETown.Web.Platform.Auth;

// The acceptance module's permissions (ACC-01 … ACC-09).
public static partial class Permissions
{
    public static class Acceptance
    {
        public const string Read = "Acceptance.Application.Read";
        public const string Apply = "Acceptance.Application.Apply";
        public const string Review = "Acceptance.Application.Review";
        public const string Acknowledge = "Acceptance.Filing.Acknowledge";
        public const string Evaluate = "Acceptance.Evaluation.Evaluate";
        public const string Score = "Acceptance.Evaluation.Score";
        public const string Inspect = "Acceptance.Evaluation.Inspect";
    }

    /// <summary>The Acceptance permission group as the module contributes it.</summary>
    public static readonly Node AcceptanceGroup =
        new("Acceptance", "验收评价", [
        new("Acceptance.Application", "验收申请与验收", [
            Leaf(Acceptance.Read, "查看验收申请、验收结论与公示"),
            Leaf(Acceptance.Apply, "提出验收申请、上传材料、答复整改（运营方；整体验收可由县级）"),
            Leaf(Acceptance.Review, "初审、组织验收、作出结论、发布公示、答复异议、报送备案（县级）"),
        ]),
        new("Acceptance.Filing", "验收备案", [
            Leaf(Acceptance.Acknowledge, "确认收到验收备案（市级、省级）"),
        ]),
        new("Acceptance.Evaluation", "绩效评价", [
            Leaf(Acceptance.Evaluate, "记录对县（市、区）的绩效评价结果，维护指标表、分配专家、定稿排名（省级）"),
            Leaf(Acceptance.Score, "按指标表为分配的e镇评分（评审专家，EVAL-01）"),
            Leaf(Acceptance.Inspect, "上传整体验收后的第三方核查与绩效报告（受托第三方，ACC-08）"),
        ]),
    ]);
}
