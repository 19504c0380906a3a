namespace ETown.Web.Platform.Auth;

public static partial class Permissions
{
    public static class Supervision
    {
        /// <summary>Read inspections, problem lists and boards (province, city, county, operators for their own e-town, discipline/audit).</summary>
        public const string Read = "Supervision.Inspection.Read";
        /// <summary>Record and sign off inspections (county, SUP-04).</summary>
        public const string Record = "Supervision.Inspection.Record";
        /// <summary>Issue notices, verify, escalate (county, SUP-05).</summary>
        public const string Rectify = "Supervision.Problem.Rectify";
        /// <summary>Answer a rectification notice with evidence (operator, SUP-05).</summary>
        public const string Respond = "Supervision.Problem.Respond";
        /// <summary>Derive and adopt frequency rule sets (province, county for its own county, SUP-02).</summary>
        public const string Rules = "Supervision.RuleSet.Manage";
        /// <summary>Write the monthly progress report and keep the team/agreement record of its own e-towns (operator, SUP-06/08).</summary>
        public const string Report = "Supervision.Operator.Report";
        /// <summary>Acknowledge operator reports (county, SUP-06).</summary>
        public const string Acknowledge = "Supervision.Operator.Acknowledge";
        /// <summary>Record city supervision visits and joint meetings and their decisions (city, 朔州 督导).</summary>
        public const string Guide = "Supervision.Visit.Record";
        /// <summary>Close a decision assigned to one's county (county) — the city closes any in its city.</summary>
        public const string Follow = "Supervision.Visit.Follow";
    }

    public static readonly Node SupervisionGroup =
        new("Supervision", "日常监管", [
        new("Supervision.Inspection", "监督检查", [
            Leaf(Supervision.Read, "查看监督检查、问题清单与监管看板"),
            Leaf(Supervision.Record, "记录并签认监督检查（县）"),
        ]),
        new("Supervision.Problem", "问题整改", [
            Leaf(Supervision.Rectify, "下发整改通知、核查销号、升级处理（县）"),
            Leaf(Supervision.Respond, "答复整改通知（承办企业）"),
        ]),
        new("Supervision.Operator", "承办企业月报与团队", [
            Leaf(Supervision.Report, "报送月度进展报告、登记运营团队与运营协议（承办企业）"),
            Leaf(Supervision.Acknowledge, "查阅确认承办企业月报（县）"),
        ]),
        new("Supervision.Visit", "市级督导与联席会议", [
            Leaf(Supervision.Guide, "记录督导检查、联席会议及决定事项（市）"),
            Leaf(Supervision.Follow, "办结督导决定事项（县、市）"),
        ]),
        new("Supervision.RuleSet", "检查频次规则", [
            Leaf(Supervision.Rules, "派生与启用检查频次规则集"),
        ]),
    ]);
}
