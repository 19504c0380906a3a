namespace ETown.Web.Platform.Auth;

/// <summary>
/// Roles created on first start; the security administrator may edit their permissions later. What each
/// role is granted comes from the modules (<see cref="Modules.IEtownModule.RoleGrants"/>, assembled by
/// <see cref="Modules.ModuleCatalog.Roles"/>); here are only the names, descriptions and two-factor flags.
/// </summary>
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

    /// <summary>Names and descriptions; <see cref="Definition.Permissions"/> is empty here (see the module catalog).</summary>
    public static readonly IReadOnlyList<Definition> All =
    [
        new(ProvinceOfficer, "省商务厅等省级部门业务人员：全省数据", false, []),
        new(CityOfficer, "市商务局等市级部门业务人员：本市各县数据", false, []),
        // Issue #4 item 9: a city liaison fills many e-towns at once (template + import); the county still approves (STAT-05).
        new(CityStatisticsLiaison, "市商务局统计信息联络员：代填本市各e镇统计数据、批量导入 Excel（仍由县级审核）", false, []),
        new(CountyOfficer, "县政府、e镇办业务人员：本县数据", false, []),
        new(Operator, "承办企业：受托的e镇", false, []),
        new(ThirdParty, "第三方机构：受委托的e镇", false, []),
        new(MarketEntity, "市场主体：所在的e镇", false, []),
        new(Discipline, "纪检监察、审计人员：本辖区资金与项目监督", false, []),
        new(SystemAdmin, "系统管理员：组织、用户、参数（不能查看审计日志，不能授权）", true, []),
        new(SecurityAdmin, "安全管理员：角色与权限、管理员角色授予", true, []),
        new(Expert, "评审专家：只看分配给自己的申报并评分", false, []),
        new(AuditAdmin, "审计管理员：审计日志、登录日志、审计链校验", true, []),
    ];
}
