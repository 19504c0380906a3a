using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using static ETown.Web.Platform.Documents.WordKit;

namespace ETown.Web.Features.Declarations.Documents;

/// <summary>One line of the 公示 list.</summary>
public sealed record NoticeListRow(int Rank, string City, string County, string ProjectName, decimal AverageScore);

/// <summary>
/// The public-notice (公示) list of declarations proposed for listing (DECL-07), as .docx: title, an introduction with the
/// notice period and where objections go, the ranked table (序号, 市, 县, 名称, 平均分), issuer and date. A4, 宋体.
/// </summary>
public static class NoticeListDocx
{
    public const string ContentType = Platform.Documents.WordKit.ContentType;

    static readonly int[] Grid = [900, 1500, 1800, 3938, 1500];

    public static byte[] Render(string title, IReadOnlyList<NoticeListRow> rows, DateOnly from, DateOnly to, string objectionContact,
        string issuer = "山西省商务厅")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (to < from) throw new ArgumentException("公示结束日期不能早于开始日期。", nameof(to));
        return Create(title, body =>
        {
            body.Append(Para(title, JustificationValues.Center, bold: true, halfPoints: 36, before: 240, after: 240));
            body.Append(Para(
                $"经县级申报、市级推荐、专家评审，拟将以下 {rows.Count} 个项目认定为山西省乡村e镇，现予以公示。" +
                $"公示期为{Date(from)}至{Date(to)}。公示期间，如有异议，请以书面形式向{objectionContact}反映，" +
                "并提供必要的证明材料；以单位名义提出的异议应加盖公章，以个人名义提出的异议应署真实姓名和联系方式。",
                JustificationValues.Both, halfPoints: 24, after: 240, firstLineChars: 2));

            var t = Table(Grid);
            var h = Row(454, header: true);
            string[] heads = ["序号", "市", "县（市、区）", "乡村e镇名称", "专家评审平均分"];
            for (var i = 0; i < heads.Length; i++) Cell(h, Grid, i, 1, heads[i], bold: true);
            t.Append(h);
            foreach (var row in rows)
            {
                var r = Row(454);
                Cell(r, Grid, 0, 1, row.Rank.ToString(CultureInfo.InvariantCulture));
                Cell(r, Grid, 1, 1, row.City);
                Cell(r, Grid, 2, 1, row.County);
                Cell(r, Grid, 3, 1, row.ProjectName, JustificationValues.Left);
                Cell(r, Grid, 4, 1, row.AverageScore.ToString("0.00", CultureInfo.InvariantCulture));
                t.Append(r);
            }
            if (rows.Count == 0)
            {
                var r = Row(454);
                Cell(r, Grid, 0, 5, "（无）");
                t.Append(r);
            }
            body.Append(t);
            body.Append(Para("", before: 480));
            body.Append(Para(issuer, JustificationValues.Right, halfPoints: 24));
            body.Append(Para(Date(from), JustificationValues.Right, halfPoints: 24));
        });
    }

    static string Date(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}
