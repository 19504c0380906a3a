namespace ETown.Web.Platform.Auth;

// The module's permissions: constants stay reachable as Permissions.X.Y wherever they are checked.
public static partial class Permissions
{
    public static class Reference
    {
        public const string RegionUpdate = "Reference.Region.Update";
        public const string CalendarUpdate = "Reference.Calendar.Update";
    }

    /// <summary>The Reference permission group as the module contributes it.</summary>
    public static readonly Node ReferenceGroup =
        new("Reference", "基础数据", [
        new("Reference.Region", "行政区划", [Leaf(Reference.RegionUpdate, "维护县域类别与示范县标志")]),
        new("Reference.Calendar", "节假日日历", [Leaf(Reference.CalendarUpdate, "维护节假日与调休")]),
    ]);
}
