namespace ETown.Web.Platform.Auth;

public static partial class Permissions
{
    public static class Archives
    {
        /// <summary>Read checklists, completeness and filed documents (province, city, county, discipline/audit, commissioned third party).</summary>
        public const string Read = "Archives.Archive.Read";
        /// <summary>Upload and (after retention) delete documents, record the signage (county).</summary>
        public const string Manage = "Archives.Archive.Manage";
        /// <summary>Download the archive bundle (.zip): the county and the auditors of the e-town's region (ARCH-01).</summary>
        public const string Download = "Archives.Bundle.Download";
        /// <summary>Edit the required-documents checklist and retention periods (province).</summary>
        public const string Checklist = "Archives.Checklist.Manage";
    }

    public static readonly Node ArchivesGroup =
        new("Archives", "档案管理", [
        new("Archives.Archive", "e镇档案", [
            Leaf(Archives.Read, "查看档案清单、完整性与归档材料"),
            Leaf(Archives.Manage, "上传档案材料、登记统一标识（县）"),
        ]),
        new("Archives.Bundle", "档案包", [
            Leaf(Archives.Download, "下载档案包（县、本辖区审计与受托第三方）"),
        ]),
        new("Archives.Checklist", "档案清单", [
            Leaf(Archives.Checklist, "维护档案清单与保管期限（省）"),
        ]),
    ]);
}
