using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Geo;
using static ETown.Web.Platform.Documents.WordKit;

namespace ETown.Web.Features.Declarations.Documents;

/// <summary>
/// The 山西省乡村e镇申报表 (附件2 of 晋商建〔2022〕58号) as .docx, laid out like the original: the header rows,
/// 目前基础条件, 培育规划目标 2022–2025 (值 and 同比增长率 for the 12 indicators, growth computed by
/// <see cref="DeclarationForm.Growth"/>), 县(市、区)政府意见 with 年 月 日（盖章） and the 填表说明. A4, 宋体.
/// </summary>
public static class DeclarationDocx
{
    public const string ContentType = Platform.Documents.WordKit.ContentType;
    public const string Title = "山西省乡村e镇申报表";

    /// <summary>The 填表说明 of 附件2, verbatim.</summary>
    public static readonly IReadOnlyList<string> Notes =
    [
        "所有数据均为乡村e镇规划区域内的数据，目前基础条件数据以现有或2021年为准。",
        "基础设施情况指围绕乡村e镇建设目前拥有哪些基础设施，单独列明，如：物流、仓储、宽带等。",
        "特色产品指具有培育潜力、适合网销、市场影响力大的特色产品品类，具体列明。",
        "吸纳就业、纳税属于参考指标。",
        "品牌指乡村e镇内区域公用品牌及企业自有的品牌。",
        "山西省乡村e镇申报表需经县(市、区)政府主要负责人签名并加盖公章。",
    ];

    // 10 grid columns: section label | item label | 8 × (值, 同比增长率)
    static readonly int[] Grid = [500, 2138, 875, 875, 875, 875, 875, 875, 875, 875];

    /// <summary>Suggested download name, e.g. "山西省乡村e镇申报表-山阴县-某某e镇.docx".</summary>
    public static string FileName(DeclarationForm form, RegionDirectory regions) =>
        Safe($"{Title}-{regions.NameOf(form.CountyCode)}-{form.ProjectName}") + ".docx";

    public static byte[] Render(DeclarationForm form, RegionDirectory regions)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(regions);
        return Create(Title, body =>
        {
            body.Append(Para("附件2", JustificationValues.Left, halfPoints: 24));
            body.Append(Para(Title, JustificationValues.Center, bold: true, halfPoints: 36, before: 240, after: 240));
            body.Append(FormTable(form, regions));
            body.Append(Para("填表说明：", JustificationValues.Left, bold: true, before: 120));
            for (var i = 0; i < Notes.Count; i++)
                body.Append(Para($"{i + 1}．{Notes[i]}", JustificationValues.Left, firstLineChars: 2));
        });
    }

    static Table FormTable(DeclarationForm f, RegionDirectory regions)
    {
        var t = Table(Grid);
        const int H = 454; // 0.8 cm

        // Header rows
        var r = Row(H);
        Cell(r, Grid, 0, 2, "申报县（市、区）");
        Cell(r, Grid, 2, 2, regions.FullName(f.CountyCode));
        Cell(r, Grid, 4, 2, "是否为电子商务进农村综合示范县");
        Cell(r, Grid, 6, 2, f.IsNationalDemoCounty ? "■是　□否" : "□是　■否");
        Cell(r, Grid, 8, 1, "三类县分类");
        Cell(r, Grid, 9, 1, f.CountyClass is null ? "" : Region.ClassLabel(f.CountyClass));
        t.Append(r);

        void ThreePairs(string l1, string? v1, string l2, string? v2, string l3, string? v3)
        {
            var row = Row(H);
            Cell(row, Grid, 0, 2, l1);
            Cell(row, Grid, 2, 2, v1 ?? "");
            Cell(row, Grid, 4, 2, l2);
            Cell(row, Grid, 6, 2, v2 ?? "");
            Cell(row, Grid, 8, 1, l3);
            Cell(row, Grid, 9, 1, v3 ?? "");
            t.Append(row);
        }
        ThreePairs("乡村e镇项目名称", f.ProjectName, "负责人", f.PersonInCharge, "联系电话", f.PersonInChargePhone);
        ThreePairs("联系人", f.Contact, "联系电话", f.ContactPhone, "电子邮箱", f.Email);

        r = Row(H);
        Cell(r, Grid, 0, 2, "地址");
        Cell(r, Grid, 2, 8, f.Address ?? "", JustificationValues.Left);
        t.Append(r);

        // 目前基础条件
        var area = Num(f.PlannedAreaKm2);
        if (!string.IsNullOrWhiteSpace(f.BoundaryGeoJson))
        {
            try
            {
                var measured = BoundaryArea.Compute(f.BoundaryGeoJson);
                area += (area.Length > 0 ? "\n" : "") + $"（边界测算 {measured.AreaKm2.ToString("0.00", CultureInfo.InvariantCulture)}）";
            }
            catch (Platform.DomainException)
            {
                // An invalid boundary is reported by the form's own checks; the document shows the declared value.
            }
        }
        var baseRows = new (string, string, string, string)[]
        {
            ("规划面积（平方公里）", area, "基础设施情况", f.Infrastructure ?? ""),
            ("市场主体（个）", Num(f.MarketEntities), "电商企业（个）", Num(f.EcommerceEnterprises)),
            ("网络零售额（万元）", Num(f.OnlineRetailWan), "网络零售额超过100万元企业数", Num(f.EnterprisesOver100Wan)),
            ("主导产业（具体名称）", f.LeadingIndustries ?? "", "特色产品（具体名称）", f.FeaturedProducts ?? ""),
            ("拥有品牌（具体名称）", f.Brands ?? "", "产值（万元）", Num(f.OutputWan)),
        };
        var extra = new List<(string, string, string, string)>();
        if (f.FloorAreaM2 is not null || !string.IsNullOrWhiteSpace(f.BoundaryText))
            extra.Add(("建筑面积（平方米）", Num(f.FloorAreaM2), "四至范围", f.BoundaryText ?? ""));
        var all = baseRows.Concat(extra).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var (l1, v1, l2, v2) = all[i];
            var row = Row(H);
            Cell(row, Grid, 0, 1, "目前基础条件", bold: false, vmerge: i == 0 ? VMerge.Restart : VMerge.Continue);
            Cell(row, Grid, 1, 1, l1);
            Cell(row, Grid, 2, 3, v1);
            Cell(row, Grid, 5, 2, l2);
            Cell(row, Grid, 7, 3, v2);
            t.Append(row);
        }

        // 培育规划目标
        var years = TargetIndicators.Years;
        r = Row(H, header: false);
        Cell(r, Grid, 0, 1, "培育规划目标", vmerge: VMerge.Restart);
        Cell(r, Grid, 1, 1, "指标", vmerge: VMerge.Restart);
        for (var y = 0; y < years.Length; y++) Cell(r, Grid, 2 + 2 * y, 2, years[y].ToString(CultureInfo.InvariantCulture), bold: true);
        t.Append(r);
        r = Row(H);
        Cell(r, Grid, 0, 1, "", vmerge: VMerge.Continue);
        Cell(r, Grid, 1, 1, "", vmerge: VMerge.Continue);
        for (var y = 0; y < years.Length; y++)
        {
            Cell(r, Grid, 2 + 2 * y, 1, "值");
            Cell(r, Grid, 3 + 2 * y, 1, "同比增长率");
        }
        t.Append(r);
        foreach (var indicator in Enum.GetValues<TargetIndicator>())
        {
            var (label, unit) = TargetIndicators.Describe(indicator);
            var row = Row(H);
            Cell(row, Grid, 0, 1, "", vmerge: VMerge.Continue);
            Cell(row, Grid, 1, 1, $"{label}（{unit}）");
            for (var y = 0; y < years.Length; y++)
            {
                Cell(row, Grid, 2 + 2 * y, 1, Num(f.Target(indicator, years[y])));
                Cell(row, Grid, 3 + 2 * y, 1, Percent(f.Growth(indicator, years[y])));
            }
            t.Append(row);
        }

        // 县(市、区)政府意见
        r = Row(2600);
        Cell(r, Grid, 0, 2, "县(市、区)政府意见");
        var opinion = Cell(r, Grid, 2, 8, f.CountyOpinion ?? "", JustificationValues.Left);
        opinion.TableCellProperties!.TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Top };
        opinion.Append(Para("", before: 600));
        opinion.Append(Para("（主要负责人签名）　　　　　　　　　　", JustificationValues.Right));
        opinion.Append(Para("年　　月　　日（盖章）　　", JustificationValues.Right, before: 120, after: 120));
        t.Append(r);
        return t;
    }

    internal static string Num(decimal? v) => v?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";
    internal static string Num(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
    internal static string Percent(decimal? v) => v is { } g ? g.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    internal static string Safe(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c));
}
