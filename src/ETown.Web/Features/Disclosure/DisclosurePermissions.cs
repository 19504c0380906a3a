namespace ETown.Web.Platform.Auth;

public static partial class Permissions
{
    public static class Disclosure
    {
        /// <summary>See the county's column administration: candidates, published items, opinions, survey results (province, city, county).</summary>
        public const string Read = "Disclosure.Column.Read";
        /// <summary>Publish and withdraw items on the public column (county, DISC-01).</summary>
        public const string Publish = "Disclosure.Column.Publish";
        /// <summary>Approve or reject public opinions before display (county).</summary>
        public const string Moderate = "Disclosure.Opinion.Moderate";
        /// <summary>Read and handle whistle-blowing reports routed to one's own discipline/audit organisation (DISC-01).</summary>
        public const string HandleReports = "Disclosure.Report.Handle";
        /// <summary>Unmask a reporter's contact details (discipline/audit, audited; DISC-01).</summary>
        public const string Unmask = "Disclosure.Report.Unmask";
    }

    public static readonly Node DisclosureGroup =
        new("Disclosure", "信息公开", [
        new("Disclosure.Column", "公开专栏", [
            Leaf(Disclosure.Read, "查看公开专栏管理、征求意见与满意度结果"),
            Leaf(Disclosure.Publish, "公开与撤回专栏信息（县）"),
        ]),
        new("Disclosure.Opinion", "征求意见", [
            Leaf(Disclosure.Moderate, "审核公众意见（县）"),
        ]),
        new("Disclosure.Report", "举报", [
            Leaf(Disclosure.HandleReports, "查阅并办理举报（纪检审计）"),
            Leaf(Disclosure.Unmask, "查看举报人联系方式（纪检审计，留痕）"),
        ]),
    ]);
}
