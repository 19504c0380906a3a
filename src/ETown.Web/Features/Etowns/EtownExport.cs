using ETown.Web.Platform.Documents;

namespace ETown.Web.Features.Etowns;

/// <summary>The registry list as .xlsx, exactly the rows the caller's scope and filters allow.</summary>
public static class EtownExport
{
    public const string ContentType = XlsxWriter.ContentType;

    public static byte[] ToXlsx(IReadOnlyList<EtownRow> rows) => XlsxWriter.Write("e镇名录",
        ["e镇名称", "所在市", "所在县（市、区）", "县域类别", "规划面积（平方公里）", "建筑面积（平方米）", "状态", "是否公开", "主导产业"],
        rows.Select(r => (IReadOnlyList<object?>)[r.Name, r.CityName, r.CountyName, r.CountyClass, r.PlannedAreaKm2, r.FloorAreaM2,
            r.StatusLabel, r.IsPublished ? "是" : "否", r.LeadingIndustries]));
}
