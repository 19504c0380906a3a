namespace ETown.Web.Platform.Auth;

/// <summary>
/// Stable error codes of 登录、双因素认证和角色（ETOWN-AUTH-*, ETOWN-ROLE-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class AuthErrors
{
    /// <summary>动态口令错误</summary>
    public const string WrongTotp = "ETOWN-AUTH-0002";
    /// <summary>角色要求双因素认证，不能关闭</summary>
    public const string TwoFactorRequired = "ETOWN-AUTH-0003";
    /// <summary>请先登录</summary>
    public const string SignInRequired = "ETOWN-AUTH-0401";
    /// <summary>未知权限</summary>
    public const string UnknownPermission = "ETOWN-ROLE-0001";
    /// <summary>违反三权分立</summary>
    public const string SeparationOfDuties = "ETOWN-ROLE-0002";
    /// <summary>角色保存失败</summary>
    public const string RoleUpdateFailed = "ETOWN-ROLE-0003";
    /// <summary>不能修改自己所持有角色的权限</summary>
    public const string OwnRolePermissions = "ETOWN-ROLE-0004";
    /// <summary>审计管理员角色的权限由平台固定（issue #17）</summary>
    public const string FixedRole = "ETOWN-ROLE-0005";
    /// <summary>角色与用户所属单位层级不符（issue #17）</summary>
    public const string RoleLevelMismatch = "ETOWN-ROLE-0006";
    /// <summary>同源校验失败：跨站的 Cookie 请求被拒绝（issue #17）</summary>
    public const string CrossSiteRequest = "ETOWN-AUTH-0004";
}
