using ETown.Web.Features.Regions;

namespace ETown.Web.Features.Declarations;

/// <summary>The 12 target indicators of 附件2 (DECL-09), each with a value per year 2022–2025.</summary>
public enum TargetIndicator
{
    TotalInvestment,            // 总投资规模（万元）
    NewInvestment,              // 新增投资（万元）
    LeadingIndustryInvestment,  // 主导产业投资（万元）
    NewMarketEntities,          // 新增市场主体（个）
    NewEcommerceEnterprises,    // 新增电商企业（个）
    OnlineMerchants,            // 网商（人）
    TotalOutput,                // 总产值（万元）
    OnlineRetail,               // 网络零售额（万元）
    Brands,                     // 品牌（个）
    RdInstitutions,             // 电商研发机构（个）
    Employment,                 // 吸纳就业（人）— reference indicator
    Tax,                        // 纳税（万元）— reference indicator
}

public static class TargetIndicators
{
    public static readonly int[] Years = [2022, 2023, 2024, 2025];

    public static (string Label, string Unit) Describe(TargetIndicator i) => i switch
    {
        TargetIndicator.TotalInvestment => ("总投资规模", "万元"),
        TargetIndicator.NewInvestment => ("新增投资", "万元"),
        TargetIndicator.LeadingIndustryInvestment => ("主导产业投资", "万元"),
        TargetIndicator.NewMarketEntities => ("新增市场主体", "个"),
        TargetIndicator.NewEcommerceEnterprises => ("新增电商企业", "个"),
        TargetIndicator.OnlineMerchants => ("网商", "人"),
        TargetIndicator.TotalOutput => ("总产值", "万元"),
        TargetIndicator.OnlineRetail => ("网络零售额", "万元"),
        TargetIndicator.Brands => ("品牌", "个"),
        TargetIndicator.RdInstitutions => ("电商研发机构", "个"),
        TargetIndicator.Employment => ("吸纳就业", "人"),
        TargetIndicator.Tax => ("纳税", "万元"),
        _ => (i.ToString(), ""),
    };
}

/// <summary>One target cell: indicator × year → value. Year-on-year growth is computed, never entered.</summary>
public sealed class TargetValue
{
    public TargetIndicator Indicator { get; set; }
    public int Year { get; set; }
    public decimal? Value { get; set; }
}

/// <summary>
/// The 山西省乡村e镇申报表 (附件2 of 晋商建〔2022〕58号), field for field (DECL-09). This is the JSON
/// document the API accepts and returns, the eligibility engine evaluates, and the .docx/.xlsx
/// documents render. Money is in 万元 as on the form; all data are inside the planned area, base data
/// as of now or 2021 (填表说明).
/// </summary>
public sealed class DeclarationForm
{
    // 申报县 (市、区) and the header row
    public string CountyCode { get; set; } = "";
    /// <summary>是否为电子商务进农村综合示范县</summary>
    public bool IsNationalDemoCounty { get; set; }
    /// <summary>三类县分类</summary>
    public CountyClass? CountyClass { get; set; }
    /// <summary>乡村e镇项目名称</summary>
    public string ProjectName { get; set; } = "";
    /// <summary>负责人 / 联系电话</summary>
    public string? PersonInCharge { get; set; }
    public string? PersonInChargePhone { get; set; }
    /// <summary>联系人 / 联系电话 / 电子邮箱</summary>
    public string? Contact { get; set; }
    public string? ContactPhone { get; set; }
    public string? Email { get; set; }
    /// <summary>地址</summary>
    public string? Address { get; set; }

    // 目前基础条件 (current base)
    /// <summary>规划面积（平方公里）— DECL-06 0.5–5 km² …</summary>
    public decimal? PlannedAreaKm2 { get; set; }
    /// <summary>… or 建筑面积（平方米）≥ 50万 m² (DECL-06 alternative).</summary>
    public decimal? FloorAreaM2 { get; set; }
    /// <summary>基础设施情况: one item per line (物流、仓储、宽带 …).</summary>
    public string? Infrastructure { get; set; }
    /// <summary>市场主体（个）— DECL-05 ≥ 20.</summary>
    public int? MarketEntities { get; set; }
    /// <summary>电商企业（个）— DECL-04 ≥ 10.</summary>
    public int? EcommerceEnterprises { get; set; }
    /// <summary>网络零售额（万元），previous year — DECL-04 ≥ 1000 …</summary>
    public decimal? OnlineRetailWan { get; set; }
    /// <summary>… or 网络零售额超过100万元企业数 ≥ 3 (DECL-04).</summary>
    public int? EnterprisesOver100Wan { get; set; }
    /// <summary>主导产业（具体名称）, separated by 、 or newlines.</summary>
    public string? LeadingIndustries { get; set; }
    /// <summary>特色产品（具体名称）— DECL-05: 1–2 featured product categories.</summary>
    public string? FeaturedProducts { get; set; }
    /// <summary>拥有品牌（具体名称）</summary>
    public string? Brands { get; set; }
    /// <summary>产值（万元），previous year — DECL-05 ≥ 5000.</summary>
    public decimal? OutputWan { get; set; }

    /// <summary>Boundary polygon as GeoJSON (WGS84 lon/lat), optional; its projected area is checked against DECL-06.</summary>
    public string? BoundaryGeoJson { get; set; }
    /// <summary>四至 text (DECL-06: exact four-side limits).</summary>
    public string? BoundaryText { get; set; }

    // 培育规划目标 2022–2025
    public List<TargetValue> Targets { get; set; } = [];

    /// <summary>县(市、区)政府意见</summary>
    public string? CountyOpinion { get; set; }

    public decimal? Target(TargetIndicator i, int year) =>
        Targets.FirstOrDefault(t => t.Indicator == i && t.Year == year)?.Value;

    public void SetTarget(TargetIndicator i, int year, decimal? value)
    {
        var t = Targets.FirstOrDefault(x => x.Indicator == i && x.Year == year);
        if (t is null) Targets.Add(new TargetValue { Indicator = i, Year = year, Value = value });
        else t.Value = value;
    }

    /// <summary>同比增长率 in percent, computed from the values where the previous year is known and non-zero.</summary>
    public decimal? Growth(TargetIndicator i, int year) =>
        Target(i, year) is { } v && Target(i, year - 1) is { } prev && prev != 0
            ? Math.Round((v - prev) / prev * 100m, 1)
            : null;

    /// <summary>Names split on 、，,;；/ and newlines (the form lists names in one cell).</summary>
    public static IReadOnlyList<string> SplitNames(string? text) =>
        string.IsNullOrWhiteSpace(text) ? []
        : text.Split(['、', '，', ',', ';', '；', '/', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
