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
    /// <summary>May be saved as a draft, but the plan cannot be filed (bands, total ≠ allocation).</summary>
    BlocksFiling,
}

/// <summary>One finding, with a stable code (ETOWN-PLAN-01NN), the field it concerns and a Chinese message citing the rule.</summary>
public sealed record BudgetIssue(string Code, BudgetIssueSeverity Severity, string Field, string Message);

/// <summary>Per category: provincial money, its share of the provincial total, the band and whether it is inside.</summary>
public sealed record CategoryShare(FundCategory Category, string Label, decimal ProvincialYuan, decimal CountyYuan, decimal? SharePercent,
    decimal MinPercent, decimal MaxPercent, bool WithinBand);

public sealed record BudgetCheckResult(decimal AllocationYuan, decimal ProvincialTotalYuan, decimal CountyTotalYuan, IReadOnlyList<CategoryShare> Categories,
    IReadOnlyList<BudgetIssue> Issues)
{
    /// <summary>No issue at all: the budget may be filed.</summary>
    public bool CanFile => Issues.Count == 0;
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

    public static BudgetCheckResult Check(decimal allocationYuan, IReadOnlyList<BudgetLine> lines)
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

        var categories = new List<CategoryShare>();
        foreach (var band in Bands)
        {
            var sum = lines.Where(l => l.Category == band.Category).Sum(l => l.ProvincialYuan);
            var county = lines.Where(l => l.Category == band.Category).Sum(l => l.CountyYuan);
            decimal? share = total > 0 ? sum * 100m / total : null;
            // Exact comparison without rounding: min·total ≤ 100·sum ≤ max·total.
            var within = total > 0 && sum * 100m >= band.MinPercent * total && sum * 100m <= band.MaxPercent * total;
            categories.Add(new(band.Category, band.Label, sum, county, share, band.MinPercent, band.MaxPercent, within));
            if (total <= 0) continue;
            if (sum * 100m < band.MinPercent * total)
                issues.Add(new(PlanErrors.CategoryBelowBand, BudgetIssueSeverity.BlocksFiling, $"category.{band.Category}",
                    $"“{band.Label}”类省级资金 {Wan(sum)} 万元，占 {Pct(share!.Value)}，低于 {band.MinPercent:0}% 的下限（{Source}：{band.MinPercent:0}%–{band.MaxPercent:0}%）。"));
            else if (sum * 100m > band.MaxPercent * total)
                issues.Add(new(PlanErrors.CategoryAboveBand, BudgetIssueSeverity.BlocksFiling, $"category.{band.Category}",
                    $"“{band.Label}”类省级资金 {Wan(sum)} 万元，占 {Pct(share!.Value)}，高于 {band.MaxPercent:0}% 的上限（{Source}：{band.MinPercent:0}%–{band.MaxPercent:0}%）。"));
        }
        if (total <= 0)
            issues.Add(new(PlanErrors.NoProvincialMoney, BudgetIssueSeverity.BlocksFiling, "lines",
                "预算中没有省级配套资金，无法按类别核对比例（" + Source + "）。"));

        return new BudgetCheckResult(allocationYuan, total, countyTotal, categories, issues);
    }

    /// <summary>元 → 万元 text, up to four decimals (1 元 = 0.0001 万元), trailing zeros trimmed.</summary>
    public static string Wan(decimal yuan) => (yuan / 10000m).ToString("#,0.####", CultureInfo.InvariantCulture);

    /// <summary>Percent with up to four decimals (display only — the check itself is exact).</summary>
    public static string Pct(decimal percent) => decimal.Round(percent, 4).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
