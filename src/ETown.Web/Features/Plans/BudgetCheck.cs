using System.Globalization;

namespace ETown.Web.Features.Plans;

/// <summary>
/// FUND-03: the three categories of provincial special funds (K §五.2, citing 晋商建〔2022〕376号).
/// Stored as strings; the order is the order of the document.
/// </summary>
public enum FundCategory
{
    /// <summary>主导产业发展（新增市场主体培育、产业转型升级、网货化标准化生产线、产业链供应链、区域公共品牌 …）</summary>
    LeadingIndustry,
    /// <summary>电商全要素建设发展（电商市场主体、跨境电商、商业带头人、电商公共服务体系 …）</summary>
    EcommerceElements,
    /// <summary>乡村e镇配套支撑（基础配套设施、物流配送体系、规划和宣传 …）</summary>
    SupportingServices,
}

/// <summary>One budget line (PLAN-04, K 附件2): standard item → content → category → provincial and county money in 元.</summary>
public sealed class BudgetLine
{
    /// <summary>Construction-standard item number 1–39 (P 附件1); the catalogue itself lives in Features/Standards.</summary>
    public int ItemNo { get; set; }
    /// <summary>建设内容</summary>
    public string Content { get; set; } = "";
    public FundCategory Category { get; set; }
    /// <summary>省级配套资金（元）</summary>
    public decimal ProvincialYuan { get; set; }
    /// <summary>县级配套资金（元）</summary>
    public decimal CountyYuan { get; set; }
}

/// <summary>A band of FUND-03: the provincial share of a category must lie within [Min, Max] percent, bounds included.</summary>
public sealed record FundBand(FundCategory Category, decimal MinPercent, decimal MaxPercent)
{
    public string Label => BudgetCheck.CategoryLabel(Category);
}

public enum BudgetIssueSeverity
{
    /// <summary>The budget cannot be stored at all (negative money, item number outside 1–39).</summary>
    Invalid,
    /// <summary>May be saved as a draft, but the plan cannot be filed (total ≠ allocation, no money).</summary>
    BlocksFiling,
    /// <summary>
    /// Outside a FUND-03 band: the bands are "原则上" (002 line 113), so the plan may be filed once the county's written
    /// justification is approved by the city (issue #14 item 12); until then it blocks filing.
    /// </summary>
    NeedsJustification,
}

/// <summary>Where the county's written justification for a budget outside the FUND-03 bands stands (issue #14 item 12).</summary>
public enum JustificationStatus { None, Submitted, Approved, Rejected }

/// <summary>Money of one category (元): budget lines, or — for the funds ledger — actual spending.</summary>
public sealed record CategoryAmount(FundCategory Category, decimal ProvincialYuan, decimal CountyYuan = 0m);

/// <summary>The FUND-03 band check of a split of provincial money: the total and, per category, its share and whether it is inside.</summary>
public sealed record BandAssessment(decimal ProvincialTotalYuan, IReadOnlyList<CategoryShare> Categories)
{
    public bool AllWithin => ProvincialTotalYuan > 0 && Categories.All(c => c.WithinBand);
}

/// <summary>One finding, with a stable code (ETOWN-PLAN-01NN), the field it concerns and a Chinese message citing the rule.</summary>
public sealed record BudgetIssue(string Code, BudgetIssueSeverity Severity, string Field, string Message);

/// <summary>Per category: provincial money, its share of the provincial total, the band and whether it is inside.</summary>
public sealed record CategoryShare(FundCategory Category, string Label, decimal ProvincialYuan, decimal CountyYuan, decimal? SharePercent,
    decimal MinPercent, decimal MaxPercent, bool WithinBand);

public sealed record BudgetCheckResult(decimal AllocationYuan, decimal ProvincialTotalYuan, decimal CountyTotalYuan, IReadOnlyList<CategoryShare> Categories,
    IReadOnlyList<BudgetIssue> Issues, bool JustificationApproved = false)
{
    /// <summary>Some category is outside its FUND-03 band (a written justification is needed to file).</summary>
    public bool OutsideBands => Issues.Any(i => i.Severity == BudgetIssueSeverity.NeedsJustification);
    /// <summary>
    /// The budget may be filed: nothing invalid or blocking, and any category outside its band is covered by a
    /// justification the city approved (FUND-03 "原则上"; issue #14 item 12).
    /// </summary>
    public bool CanFile => Issues.All(i => i.Severity == BudgetIssueSeverity.NeedsJustification && JustificationApproved);
    /// <summary>No <see cref="BudgetIssueSeverity.Invalid"/> issue: the budget may be saved as a draft.</summary>
    public bool CanSave => Issues.All(i => i.Severity != BudgetIssueSeverity.Invalid);
    public decimal TotalYuan => ProvincialTotalYuan + CountyTotalYuan;
}

/// <summary>
/// The PLAN-04 / FUND-03 budget checker: pure, used live by the page, by the API response and at filing.
/// Shares are computed against the provincial total of the lines (the money that is being split) with exact
/// decimal arithmetic — 40% exactly is inside the 40–50% band, 39.99% is not. Whether the lines add up to the
/// allocation is a separate check (ETOWN-PLAN-0103).
/// </summary>
public static class BudgetCheck
{
    public const int FirstItem = 1, LastItem = 39;
    public const string Source = "FUND-03，晋商建〔2022〕376号";

    /// <summary>K §五.2: 主导产业 40–50%，电商全要素 30–40%，配套支撑 20–30% (原则上不低于…不高于…).</summary>
    public static readonly IReadOnlyList<FundBand> Bands =
    [
        new(FundCategory.LeadingIndustry, 40m, 50m),
        new(FundCategory.EcommerceElements, 30m, 40m),
        new(FundCategory.SupportingServices, 20m, 30m),
    ];

    public static string CategoryLabel(FundCategory c) => c switch
    {
        FundCategory.LeadingIndustry => "主导产业",
        FundCategory.EcommerceElements => "电商要素",
        FundCategory.SupportingServices => "配套基础设施和服务",
        _ => c.ToString(),
    };

    /// <summary>
    /// FUND-03's band check of a split of provincial money — THE one implementation: the plan budget below uses it, and so
    /// does the funds ledger for actual spending. Exact: min·total ≤ 100·sum ≤ max·total, bounds included.
    /// </summary>
    public static BandAssessment AssessBands(IEnumerable<CategoryAmount> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var list = amounts.ToList();
        var total = list.Sum(a => a.ProvincialYuan);
        var categories = new List<CategoryShare>();
        foreach (var band in Bands)
        {
            var sum = list.Where(a => a.Category == band.Category).Sum(a => a.ProvincialYuan);
            var county = list.Where(a => a.Category == band.Category).Sum(a => a.CountyYuan);
            decimal? share = total > 0 ? sum * 100m / total : null;
            var within = total > 0 && sum * 100m >= band.MinPercent * total && sum * 100m <= band.MaxPercent * total;
            categories.Add(new(band.Category, band.Label, sum, county, share, band.MinPercent, band.MaxPercent, within));
        }
        return new(total, categories);
    }

    /// <param name="justificationApproved">The city approved the county's written justification for going outside the bands.</param>
    public static BudgetCheckResult Check(decimal allocationYuan, IReadOnlyList<BudgetLine> lines, bool justificationApproved = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var issues = new List<BudgetIssue>();

        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.ItemNo is < FirstItem or > LastItem)
                issues.Add(new(PlanErrors.ItemNumber, BudgetIssueSeverity.Invalid, $"lines[{i}].itemNo",
                    $"第 {i + 1} 行：建设标准条目序号应为 {FirstItem}–{LastItem}，当前为 {l.ItemNo}。"));
            if (l.ProvincialYuan < 0)
                issues.Add(new(PlanErrors.NegativeAmount, BudgetIssueSeverity.Invalid, $"lines[{i}].provincialYuan",
                    $"第 {i + 1} 行（条目 {l.ItemNo}）：省级配套资金不能为负数。"));
            if (l.CountyYuan < 0)
                issues.Add(new(PlanErrors.NegativeAmount, BudgetIssueSeverity.Invalid, $"lines[{i}].countyYuan",
                    $"第 {i + 1} 行（条目 {l.ItemNo}）：县级配套资金不能为负数。"));
            if (!Enum.IsDefined(l.Category))
                issues.Add(new(PlanErrors.Category, BudgetIssueSeverity.Invalid, $"lines[{i}].category",
                    $"第 {i + 1} 行（条目 {l.ItemNo}）：资金类别无效。"));
        }
        if (allocationYuan < 0)
            issues.Add(new(PlanErrors.NegativeAmount, BudgetIssueSeverity.Invalid, "allocationYuan", "省级专项资金下达额度不能为负数。"));

        var total = lines.Sum(l => l.ProvincialYuan);
        var countyTotal = lines.Sum(l => l.CountyYuan);

        if (allocationYuan <= 0)
            issues.Add(new(PlanErrors.NoAllocation, BudgetIssueSeverity.BlocksFiling, "allocationYuan", "请填写省级专项资金下达额度（如岢岚县 1000 万元）。"));
        else if (total != allocationYuan)
            issues.Add(new(PlanErrors.TotalNotAllocation, BudgetIssueSeverity.BlocksFiling, "allocationYuan",
                $"省级配套资金合计 {Wan(total)} 万元，与省级专项资金下达额度 {Wan(allocationYuan)} 万元不一致（相差 {Wan(total - allocationYuan)} 万元）。"));

        var assessment = AssessBands(lines.Select(l => new CategoryAmount(l.Category, l.ProvincialYuan, l.CountyYuan)));
        var categories = assessment.Categories;
        foreach (var c in categories)
        {
            if (total <= 0) continue;
            // FUND-03 is "原则上" (002 line 113): outside a band needs a justification approved by the city, not a hard block.
            if (c.ProvincialYuan * 100m < c.MinPercent * total)
                issues.Add(new(PlanErrors.CategoryBelowBand, BudgetIssueSeverity.NeedsJustification, $"category.{c.Category}",
                    $"“{c.Label}”类省级资金 {Wan(c.ProvincialYuan)} 万元，占 {Pct(c.SharePercent!.Value)}，低于 {c.MinPercent:0}% 的下限（{Source}：原则上 {c.MinPercent:0}%–{c.MaxPercent:0}%，超出须书面说明理由并经市级审核同意）。"));
            else if (c.ProvincialYuan * 100m > c.MaxPercent * total)
                issues.Add(new(PlanErrors.CategoryAboveBand, BudgetIssueSeverity.NeedsJustification, $"category.{c.Category}",
                    $"“{c.Label}”类省级资金 {Wan(c.ProvincialYuan)} 万元，占 {Pct(c.SharePercent!.Value)}，高于 {c.MaxPercent:0}% 的上限（{Source}：原则上 {c.MinPercent:0}%–{c.MaxPercent:0}%，超出须书面说明理由并经市级审核同意）。"));
        }
        if (total <= 0)
            issues.Add(new(PlanErrors.NoProvincialMoney, BudgetIssueSeverity.BlocksFiling, "lines",
                "预算中没有省级配套资金，无法按类别核对比例（" + Source + "）。"));

        return new BudgetCheckResult(allocationYuan, total, countyTotal, categories, issues, justificationApproved);
    }

    /// <summary>元 → 万元 text, up to four decimals (1 元 = 0.0001 万元), trailing zeros trimmed.</summary>
    public static string Wan(decimal yuan) => (yuan / 10000m).ToString("#,0.####", CultureInfo.InvariantCulture);

    /// <summary>Percent with up to four decimals (display only — the check itself is exact).</summary>
    public static string Pct(decimal percent) => decimal.Round(percent, 4).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
