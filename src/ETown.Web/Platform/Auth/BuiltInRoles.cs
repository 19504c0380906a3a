using P = ETown.Web.Platform.Auth.Permissions;

namespace ETown.Web.Platform.Auth;

/// <summary>Roles created on first start; the security administrator may edit their permissions later.</summary>
public static class BuiltInRoles
{
    public const string ProvinceOfficer = "省级业务管理员";
    public const string CityOfficer = "市级业务管理员";
    public const string CityStatisticsLiaison = "市级统计信息联络员";
    public const string CountyOfficer = "县级业务管理员";
    public const string Operator = "承办企业用户";
    public const string ThirdParty = "第三方机构用户";
    public const string MarketEntity = "市场主体用户";
    public const string Discipline = "纪检审计用户";
    public const string SystemAdmin = "系统管理员";
    public const string SecurityAdmin = "安全管理员";
    public const string AuditAdmin = "审计管理员";
    public const string Expert = "评审专家";

    public sealed record Definition(string Name, string Description, bool RequiresTwoFactor, string[] Permissions);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(ProvinceOfficer, "省商务厅等省级部门业务人员：全省数据", false,
            [P.Registry.EtownRead, P.Registry.EtownCreate, P.Registry.EtownUpdate, P.Registry.EtownChangeStatus, P.Registry.EtownPublish,
             P.Registry.AssignmentManage, P.Reference.RegionUpdate, P.Org.OrganisationRead, P.Org.UserRead,
             P.Declaration.Read, P.Declaration.ReviewManage, P.Declaration.EligibilityCheck, P.Declaration.RuleSetManage,
             P.Plan.Read, P.Plan.Reopen, P.Standard.CatalogueRead, P.Standard.CatalogueManage, P.Standard.ComplianceRead,
             P.Statistics.Read, P.Statistics.Accept, P.Statistics.TargetSet, P.Statistics.CityFigureSet, P.Statistics.UnlockAccepted, P.Statistics.DataSetManage, P.Statistics.CatalogueManage, P.Statistics.ReminderRun, P.Statistics.CityReportGenerate]),
        new(CityOfficer, "市商务局等市级部门业务人员：本市各县数据", false,
            [P.Registry.EtownRead, P.Org.OrganisationRead, P.Org.UserRead, P.Declaration.Read, P.Declaration.Recommend,
             P.Declaration.EligibilityCheck, P.Declaration.RuleSetManage,
             P.Plan.Read, P.Standard.CatalogueRead, P.Standard.CatalogueManage, P.Standard.ComplianceRead,
             P.Statistics.Read, P.Statistics.Accept, P.Statistics.CityFigureSet, P.Statistics.UnlockAccepted, P.Statistics.CityReportGenerate]),
        // Issue #4 item 9: a city liaison fills many e-towns at once (template + import); the county still approves (STAT-05).
        new(CityStatisticsLiaison, "市商务局统计信息联络员：代填本市各e镇统计数据、批量导入 Excel（仍由县级审核）", false,
            [P.Registry.EtownRead, P.Statistics.Read, P.Statistics.Enter]),
        new(CountyOfficer, "县政府、e镇办业务人员：本县数据", false,
            [P.Registry.EtownRead, P.Registry.EtownCreate, P.Registry.EtownUpdate, P.Registry.EtownChangeStatus, P.Registry.EtownPublish,
             P.Registry.AssignmentManage, P.Org.OrganisationRead, P.Org.UserRead, P.Org.ApiKeyManage,
             P.Declaration.Read, P.Declaration.Edit, P.Declaration.EligibilityCheck,
             P.Plan.Read, P.Plan.Edit, P.Plan.File,
             P.Standard.CatalogueRead, P.Standard.FigureEnter, P.Standard.EvidenceSubmit, P.Standard.EvidenceReview, P.Standard.ComplianceRead,
             P.Statistics.Read, P.Statistics.Enter, P.Statistics.Approve, P.Statistics.Unlock, P.Statistics.TargetSet, P.Statistics.ReminderRun]),
        new(Operator, "承办企业：受托的e镇", false, [P.Registry.EtownRead, P.Org.ApiKeyManage, P.Declaration.EligibilityCheck,
             P.Standard.CatalogueRead, P.Standard.EvidenceSubmit, P.Standard.ComplianceRead, P.Statistics.Read, P.Statistics.Enter]),
        new(ThirdParty, "第三方机构：受委托的e镇", false, [P.Registry.EtownRead]),
        new(MarketEntity, "市场主体：所在的e镇", false, [P.Registry.EtownRead]),
        new(Discipline, "纪检监察、审计人员：本辖区资金与项目监督", false, [P.Registry.EtownRead, P.Org.OrganisationRead]),
        new(SystemAdmin, "系统管理员：组织、用户、参数（不能查看审计日志，不能授权）", true,
            [P.Org.OrganisationRead, P.Org.OrganisationManage, P.Org.UserRead, P.Org.UserManage, P.System.SettingManage, P.Reference.CalendarUpdate]),
        new(SecurityAdmin, "安全管理员：角色与权限、管理员角色授予", true,
            [P.Security.RoleRead, P.Security.RoleManage, P.Org.UserRead, P.Org.UserUnmask]),
        new(Expert, "评审专家：只看分配给自己的申报并评分", false, [P.Declaration.Read, P.Declaration.ReviewScore]),
        new(AuditAdmin, "审计管理员：审计日志、登录日志、审计链校验", true,
            [P.Audit.LogRead, P.Audit.LogVerify, P.Audit.LoginLogRead]),
    ];
}
