namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.X.Y wherever they are checked.
public static partial class Permissions
{
    public static class Standard
    {
        public const string CatalogueRead = "Standard.Catalogue.Read";
        public const string CatalogueManage = "Standard.Catalogue.Manage";
        public const string FigureEnter = "Standard.Figure.Enter";
        public const string EvidenceSubmit = "Standard.Evidence.Submit";
        public const string EvidenceReview = "Standard.Evidence.Review";
        public const string ComplianceRead = "Standard.Compliance.Read";
    }

    /// <summary>The Standard permission group as the module contributes it.</summary>
    public static readonly Node StandardGroup =
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
    ]);
}
