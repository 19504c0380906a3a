namespace ETown.Web.Platform.Auth;

/// <summary>
/// The one permission tree (Group.Resource.Action). It drives the role admin page, the
/// authorization policies and the seeded roles; later modules add their groups here.
/// </summary>
public static class Permissions
{
    public sealed record Node(string Name, string Label, IReadOnlyList<Node> Children)
    {
        public bool IsLeaf => Children.Count == 0;
    }

    public static class Registry
    {
        public const string EtownRead = "Registry.Etown.Read";
        public const string EtownCreate = "Registry.Etown.Create";
        public const string EtownUpdate = "Registry.Etown.Update";
        public const string EtownChangeStatus = "Registry.Etown.ChangeStatus";
        public const string EtownPublish = "Registry.Etown.Publish";
        public const string AssignmentManage = "Registry.Assignment.Manage";
    }

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

    public static class Plan
    {
        public const string Read = "Plan.Plan.Read";
        public const string Edit = "Plan.Plan.Edit";
        public const string File = "Plan.Plan.File";
        public const string Reopen = "Plan.Plan.Reopen";
    }

    public static class Standard
    {
        public const string CatalogueRead = "Standard.Catalogue.Read";
        public const string CatalogueManage = "Standard.Catalogue.Manage";
        public const string FigureEnter = "Standard.Figure.Enter";
        public const string EvidenceSubmit = "Standard.Evidence.Submit";
        public const string EvidenceReview = "Standard.Evidence.Review";
        public const string ComplianceRead = "Standard.Compliance.Read";
    }

    public static class Statistics
    {
        public const string Read = "Statistics.Report.Read";
        public const string Enter = "Statistics.Report.Enter";
        public const string Approve = "Statistics.Report.Approve";
        public const string Accept = "Statistics.Report.Accept";
        public const string Unlock = "Statistics.Report.Unlock";
        public const string TargetSet = "Statistics.Target.Set";
        public const string CityFigureSet = "Statistics.CityFigure.Set";
        public const string UnlockAccepted = "Statistics.Report.UnlockAccepted";
        public const string DataSetManage = "Statistics.DataSet.Manage";
        public const string CatalogueManage = "Statistics.Catalogue.Manage";
        public const string ReminderRun = "Statistics.Reminder.Run";
        public const string CityReportGenerate = "Statistics.CityReport.Generate";
    }

    public static class Reference
    {
        public const string RegionUpdate = "Reference.Region.Update";
        public const string CalendarUpdate = "Reference.Calendar.Update";
    }

    public static class Org
    {
        public const string OrganisationRead = "Org.Organisation.Read";
        public const string OrganisationManage = "Org.Organisation.Manage";
        public const string UserRead = "Org.User.Read";
        public const string UserManage = "Org.User.Manage";
        public const string UserUnmask = "Org.User.Unmask";
        public const string ApiKeyManage = "Org.ApiKey.Manage";
    }

    public static class Security
    {
        public const string RoleRead = "Security.Role.Read";
        public const string RoleManage = "Security.Role.Manage";
    }

    public static class Audit
    {
        public const string LogRead = "Audit.Log.Read";
        public const string LogVerify = "Audit.Log.Verify";
        public const string LoginLogRead = "Audit.LoginLog.Read";
    }

    public static class System
    {
        public const string SettingManage = "System.Setting.Manage";
    }

    static Node Leaf(string name, string label) => new(name, label, []);

    public static readonly IReadOnlyList<Node> Tree =
    [
        new("Registry", "e镇登记", [
            new("Registry.Etown", "e镇", [
                Leaf(Registry.EtownRead, "查看e镇"),
                Leaf(Registry.EtownCreate, "新建e镇"),
                Leaf(Registry.EtownUpdate, "编辑e镇"),
                Leaf(Registry.EtownChangeStatus, "变更e镇状态"),
                Leaf(Registry.EtownPublish, "公开/撤回e镇信息"),
            ]),
            new("Registry.Assignment", "承办与委托", [Leaf(Registry.AssignmentManage, "管理承办/委托关系")]),
        ]),
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
        ]),
        new("Plan", "培育方案与预算", [
            new("Plan.Plan", "培育方案", [
                Leaf(Plan.Read, "查看培育方案与预算"),
                Leaf(Plan.Edit, "编制培育方案与预算（县）"),
                Leaf(Plan.File, "提交培育方案备案（县）"),
                Leaf(Plan.Reopen, "重新打开已备案的培育方案（省）"),
            ]),
        ]),
        new("Standard", "建设标准与达标", [
            new("Standard.Catalogue", "建设标准", [
                Leaf(Standard.CatalogueRead, "查看建设标准"),
                Leaf(Standard.CatalogueManage, "维护建设标准版本（派生、修改、启用）"),
            ]),
            new("Standard.Figure", "指标数据", [Leaf(Standard.FigureEnter, "录入e镇指标数据（县）")]),
            new("Standard.Evidence", "佐证材料", [
                Leaf(Standard.EvidenceSubmit, "提交佐证材料"),
                Leaf(Standard.EvidenceReview, "审核佐证材料（确认或退回）"),
            ]),
            new("Standard.Compliance", "达标情况", [Leaf(Standard.ComplianceRead, "查看达标情况")]),
        ]),
        new("Statistics", "统计监测", [
            new("Statistics.Report", "月度统计报表", [
                Leaf(Statistics.Read, "查看统计报表"),
                Leaf(Statistics.Enter, "填报、报送统计数据（承办企业、县）"),
                Leaf(Statistics.Approve, "审核统计报表（县）"),
                Leaf(Statistics.Accept, "接收统计报表（市、省）"),
                Leaf(Statistics.Unlock, "解锁已审核的统计报表（县）"),
                Leaf(Statistics.UnlockAccepted, "解锁本级已接收的统计报表（市、省）"),
            ]),
            new("Statistics.Target", "年度目标", [Leaf(Statistics.TargetSet, "填报无申报书目标时的年度目标（县、省）")]),
            new("Statistics.CityFigure", "市级官方数据", [Leaf(Statistics.CityFigureSet, "填报本市总产值官方增速（市、省）")]),
            new("Statistics.DataSet", "统计数据集", [Leaf(Statistics.DataSetManage, "维护数据集截止工作日、提醒天数与e镇分配（省）")]),
            new("Statistics.Catalogue", "指标与校验规则", [Leaf(Statistics.CatalogueManage, "新增、修改统计指标与数据校验规则（省）")]),
            new("Statistics.Reminder", "报送提醒", [Leaf(Statistics.ReminderRun, "立即发送统计报送提醒（省、县）")]),
            new("Statistics.CityReport", "市级月度进展报告", [Leaf(Statistics.CityReportGenerate, "生成市级月度进展报告")]),
        ]),
        new("Reference", "基础数据", [
            new("Reference.Region", "行政区划", [Leaf(Reference.RegionUpdate, "维护县域类别与示范县标志")]),
            new("Reference.Calendar", "节假日日历", [Leaf(Reference.CalendarUpdate, "维护节假日与调休")]),
        ]),
        new("Org", "组织与用户", [
            new("Org.Organisation", "组织机构", [
                Leaf(Org.OrganisationRead, "查看组织机构"),
                Leaf(Org.OrganisationManage, "管理组织机构"),
            ]),
            new("Org.User", "用户", [
                Leaf(Org.UserRead, "查看用户"),
                Leaf(Org.UserManage, "管理用户"),
                Leaf(Org.UserUnmask, "查看完整个人信息"),
            ]),
            new("Org.ApiKey", "接口密钥", [Leaf(Org.ApiKeyManage, "管理本单位接口密钥")]),
        ]),
        new("Security", "安全管理", [
            new("Security.Role", "角色与权限", [
                Leaf(Security.RoleRead, "查看角色"),
                Leaf(Security.RoleManage, "编辑角色权限"),
            ]),
        ]),
        new("Audit", "审计", [
            new("Audit.Log", "审计日志", [
                Leaf(Audit.LogRead, "查看审计日志"),
                Leaf(Audit.LogVerify, "校验审计链"),
            ]),
            new("Audit.LoginLog", "登录日志", [Leaf(Audit.LoginLogRead, "查看登录日志")]),
        ]),
        new("System", "系统设置", [
            new("System.Setting", "系统参数", [Leaf(System.SettingManage, "管理系统参数")]),
        ]),
    ];

    static IEnumerable<Node> Flatten(IEnumerable<Node> nodes) =>
        nodes.SelectMany(n => n.IsLeaf ? [n] : Flatten(n.Children));

    public static readonly IReadOnlyList<string> All = Flatten(Tree).Select(n => n.Name).ToList();
    static readonly Dictionary<string, string> Labels = Flatten(Tree).ToDictionary(n => n.Name, n => n.Label);

    public static string Label(string permission) => Labels.GetValueOrDefault(permission, permission);
    public static bool Exists(string permission) => Labels.ContainsKey(permission);

    /// <summary>
    /// 三权分立 (等保 2.0): audit, security and system administration must not meet in one role,
    /// and only these groups make a role "privileged".
    /// </summary>
    public static string? DutyOf(string permission) => permission switch
    {
        _ when permission.StartsWith("Audit.", StringComparison.Ordinal) => "审计管理",
        _ when permission.StartsWith("Security.", StringComparison.Ordinal) => "安全管理",
        _ when permission.StartsWith("System.", StringComparison.Ordinal) => "系统管理",
        Org.UserManage or Org.OrganisationManage => "系统管理",
        _ => null,
    };

    /// <summary>The claim type that carries a permission on a role.</summary>
    public const string ClaimType = "perm";
}
