using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Settings;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Platform.Administration;

/// <summary>Platform administration under 三权分立: security (roles), audit (logs, chain check), system (settings).</summary>
public sealed class AdministrationModule : IEtownModule
{
    public string Name => "administration";
    public int Order => 90;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<RoleService>();
        services.AddScoped<AuditService>();
        services.AddScoped<LoginLogService>();
        services.AddScoped<SettingsService>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapAdministrationEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.SecurityGroup, P.AuditGroup, P.SystemGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.SystemAdmin, P.System.SettingManage),
        new(R.SecurityAdmin, P.Security.RoleRead, P.Security.RoleManage),
        new(R.AuditAdmin, P.Audit.LogRead, P.Audit.LogVerify, P.Audit.LoginLogRead),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        var admin = new List<MenuEntry>();
        if (caller.Has(P.Security.RoleRead)) admin.Add(new("角色与权限", "/admin/roles", "fa-solid fa-user-shield"));
        if (caller.Has(P.System.SettingManage)) admin.Add(new("系统参数", "/admin/settings", "fa-solid fa-gear"));
        yield return new("组织与安全", "fa-solid fa-shield-halved", 80, admin);
        var audit = new List<MenuEntry>();
        if (caller.Has(P.Audit.LogRead)) audit.Add(new("审计日志", "/audit/log", "fa-solid fa-file-shield"));
        if (caller.Has(P.Audit.LoginLogRead)) audit.Add(new("登录日志", "/audit/logins", "fa-solid fa-right-to-bracket"));
        yield return new("审计", "fa-solid fa-magnifying-glass", Order, audit);
    }
}
