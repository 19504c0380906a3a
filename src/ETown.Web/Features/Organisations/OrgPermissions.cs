namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.X.Y wherever they are checked.
public static partial class Permissions
{
    public static class Org
    {
        public const string OrganisationRead = "Org.Organisation.Read";
        public const string OrganisationManage = "Org.Organisation.Manage";
        public const string UserRead = "Org.User.Read";
        public const string UserManage = "Org.User.Manage";
        public const string UserUnmask = "Org.User.Unmask";
        public const string ApiKeyManage = "Org.ApiKey.Manage";
    }

    /// <summary>The Org permission group as the module contributes it.</summary>
    public static readonly Node OrgGroup =
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
    ]);
}
