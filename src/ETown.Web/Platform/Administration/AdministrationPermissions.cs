namespace ETown.Web.Platform.Auth;

// Platform administration (三权分立): security, audit and system groups.
public static partial class Permissions
{
    public static class Security
    {
        public const string RoleRead = "Security.Role.Read";
        public const string RoleManage = "Security.Role.Manage";
    }

    /// <summary>The Security permission group as the module contributes it.</summary>
    public static readonly Node SecurityGroup =
        new("Security", "安全管理", [
        new("Security.Role", "角色与权限", [
            Leaf(Security.RoleRead, "查看角色"),
            Leaf(Security.RoleManage, "编辑角色权限"),
        ]),
    ]);

    public static class Audit
    {
        public const string LogRead = "Audit.Log.Read";
        public const string LogVerify = "Audit.Log.Verify";
        public const string LoginLogRead = "Audit.LoginLog.Read";
    }

    /// <summary>The Audit permission group as the module contributes it.</summary>
    public static readonly Node AuditGroup =
        new("Audit", "审计", [
        new("Audit.Log", "审计日志", [
            Leaf(Audit.LogRead, "查看审计日志"),
            Leaf(Audit.LogVerify, "校验审计链"),
        ]),
        new("Audit.LoginLog", "登录日志", [Leaf(Audit.LoginLogRead, "查看登录日志")]),
    ]);

    public static class System
    {
        public const string SettingManage = "System.Setting.Manage";
    }

    /// <summary>The System permission group as the module contributes it.</summary>
    public static readonly Node SystemGroup =
        new("System", "系统设置", [
        new("System.Setting", "系统参数", [Leaf(System.SettingManage, "管理系统参数")]),
    ]);
}
