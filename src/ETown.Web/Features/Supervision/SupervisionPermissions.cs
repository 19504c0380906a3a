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
        new("Supervision.RuleSet", "检查频次规则", [
            Leaf(Supervision.Rules, "派生与启用检查频次规则集"),
        ]),
    ]);
}
