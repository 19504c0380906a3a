namespace ETown.Web.Features.Organisations;

/// <summary>
/// Stable error codes of 机构、用户和接口密钥（ETOWN-ORG-*, ETOWN-USER-*, ETOWN-APIKEY-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class OrganisationErrors
{
    /// <summary>只能选择本人持有的角色</summary>
    public const string ApiKeyRoleNotHeld = "ETOWN-APIKEY-0001";
    /// <summary>管理员角色不能用于接口密钥</summary>
    public const string ApiKeyAdminRole = "ETOWN-APIKEY-0002";
    /// <summary>密钥已吊销</summary>
    public const string ApiKeyRevoked = "ETOWN-APIKEY-0003";
    /// <summary>不能停用自己所在的单位</summary>
    public const string DeactivateOwnOrganisation = "ETOWN-ORG-0002";
    /// <summary>不能修改自己的角色（三权分立）</summary>
    public const string OwnRoles = "ETOWN-USER-0001";
    /// <summary>不能停用自己的账户</summary>
    public const string DeactivateSelf = "ETOWN-USER-0003";
    /// <summary>角色不存在</summary>
    public const string UnknownRole = "ETOWN-USER-0004";
}
