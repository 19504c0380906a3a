namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.X.Y wherever they are checked.
public static partial class Permissions
{
    public static class Registry
    {
        public const string EtownRead = "Registry.Etown.Read";
        public const string EtownCreate = "Registry.Etown.Create";
        public const string EtownUpdate = "Registry.Etown.Update";
        public const string EtownChangeStatus = "Registry.Etown.ChangeStatus";
        public const string EtownPublish = "Registry.Etown.Publish";
        public const string AssignmentManage = "Registry.Assignment.Manage";
    }

    /// <summary>The Registry permission group as the module contributes it.</summary>
    public static readonly Node RegistryGroup =
        new("Registry", "e镇登记", [
        new("Registry.Etown", "e镇", [
            Leaf(Registry.EtownRead, "查看e镇"),
            Leaf(Registry.EtownCreate, "新建e镇"),
            Leaf(Registry.EtownUpdate, "编辑e镇"),
            Leaf(Registry.EtownChangeStatus, "变更e镇状态"),
            Leaf(Registry.EtownPublish, "公开/撤回e镇信息"),
        ]),
        new("Registry.Assignment", "承办与委托", [Leaf(Registry.AssignmentManage, "管理承办/委托关系")]),
    ]);
}
