using ETown.Web.Platform.Data;
using System.Globalization;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Versioning;

namespace ETown.Web.Features.Declarations.Eligibility;

/// <summary>
/// Every number the eligibility engine compares against (P §四(二) 申报条件 and 附件1 建设标准). Next
/// year's thresholds are a new <see cref="EligibilityRuleSet"/> with a different copy of this record,
/// not a code change (architecture pattern 3). Immutable: a change replaces the whole value.
/// </summary>
public sealed record EligibilityThresholds
{
    // DECL-04 市场主体基础
    /// <summary>申报时电商企业（家）≥</summary>
    public int MinEcommerceEnterprises { get; init; }
    /// <summary>上年度网络零售额（万元）≥ (exactly the threshold passes: 不低于)</summary>
    public decimal MinOnlineRetailWan { get; init; }
    /// <summary>… or 上年度网络零售额超100万元的电商企业（个）≥ (不少于)</summary>
    public int MinEnterprisesOver100Wan { get; init; }

    // DECL-05 产业基础
    /// <summary>市场主体（家）≥</summary>
    public int MinMarketEntities { get; init; }
    /// <summary>上年度产值（万元）≥ (the text says "5000 万元以上"; 以上 includes the figure)</summary>
    public decimal MinOutputWan { get; init; }
    /// <summary>特色产品品类 1~2 个</summary>
    public int MinFeaturedProducts { get; init; }
    public int MaxFeaturedProducts { get; init; }

    // DECL-06 物理空间条件 (= standard item 34)
    public decimal MinAreaKm2 { get; init; }
    public decimal MaxAreaKm2 { get; init; }
    /// <summary>建筑面积（平方米）≥ (50万平米以上)</summary>
    public decimal MinFloorAreaM2 { get; init; }

    // DECL-02 申报主体
    /// <summary>原则上一县一镇，个别可申报两个.</summary>
    public int MaxDeclarationsPerCounty { get; init; }
    /// <summary>每市申报两个的县不超过全市县(市、区)数量的 30%.</summary>
    public decimal TwoPerCountyMaxShare { get; init; }

    // Standard items 33, 35, 36, 37 (warnings on the declared targets). Their thresholds are the standard version's
    // (Features/Standards, issue #9 item 5); the rule set only says which declared target years are compared.
    /// <summary>验收当年: the target year compared with the class thresholds.</summary>
    public int AcceptanceYear { get; init; }
    /// <summary>First year "建成后" (built by end of 2023): year-on-year growth is checked from here to the acceptance year.</summary>
    public int GrowthFromYear { get; init; }
    /// <summary>First year of the declared targets (STD-37 is per year from here).</summary>
    public int FirstTargetYear { get; init; }

    /// <summary>晋商建〔2022〕58号 四(二) and 附件1, as published.</summary>
    public static EligibilityThresholds Shanxi2022 { get; } = new()
    {
        MinEcommerceEnterprises = 10, MinOnlineRetailWan = 1000m, MinEnterprisesOver100Wan = 3,
        MinMarketEntities = 20, MinOutputWan = 5000m, MinFeaturedProducts = 1, MaxFeaturedProducts = 2,
        MinAreaKm2 = 0.5m, MaxAreaKm2 = 5m, MinFloorAreaM2 = 500_000m,
        MaxDeclarationsPerCounty = 2, TwoPerCountyMaxShare = 0.30m,
        AcceptanceYear = 2025, GrowthFromYear = 2024, FirstTargetYear = 2022,
    };

    /// <summary>Sanity of one set on its own (no negatives, min ≤ max, share in (0, 1]).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        void NonNegative(decimal v, string what) { if (v < 0) p.Add($"{what}不能为负数"); }
        NonNegative(MinEcommerceEnterprises, "电商企业下限"); NonNegative(MinOnlineRetailWan, "网络零售额下限");
        NonNegative(MinEnterprisesOver100Wan, "超100万元企业数下限"); NonNegative(MinMarketEntities, "市场主体下限");
        NonNegative(MinOutputWan, "产值下限"); NonNegative(MinFloorAreaM2, "建筑面积下限");
        if (MinFeaturedProducts < 0 || MinFeaturedProducts > MaxFeaturedProducts) p.Add("特色产品品类数的上下限不合理");
        if (MinAreaKm2 < 0 || MinAreaKm2 > MaxAreaKm2) p.Add("规划面积的上下限不合理");
        if (MaxDeclarationsPerCounty < 1) p.Add("每县申报数上限至少为 1");
        if (TwoPerCountyMaxShare is < 0 or > 1) p.Add("申报两个e镇的县占比应在 0–1 之间");
        if (FirstTargetYear > GrowthFromYear || GrowthFromYear > AcceptanceYear) p.Add("目标年份顺序不合理");
        return p;
    }

    /// <summary>
    /// Where <paramref name="child"/> is looser than this set (a city-derived set may only tighten):
    /// a lower minimum, a higher maximum, a larger share, or different years.
    /// </summary>
    public IReadOnlyList<string> LooserIn(EligibilityThresholds child)
    {
        var p = new List<string>();
        void Min(decimal parent, decimal c, string what) { if (c < parent) p.Add($"{what}由 {F(parent)} 降为 {F(c)}"); }
        void Max(decimal parent, decimal c, string what) { if (c > parent) p.Add($"{what}由 {F(parent)} 提高为 {F(c)}"); }
        Min(MinEcommerceEnterprises, child.MinEcommerceEnterprises, "DECL-04 电商企业下限");
        Min(MinOnlineRetailWan, child.MinOnlineRetailWan, "DECL-04 网络零售额下限（万元）");
        Min(MinEnterprisesOver100Wan, child.MinEnterprisesOver100Wan, "DECL-04 超100万元企业数下限");
        Min(MinMarketEntities, child.MinMarketEntities, "DECL-05 市场主体下限");
        Min(MinOutputWan, child.MinOutputWan, "DECL-05 产值下限（万元）");
        Min(MinFeaturedProducts, child.MinFeaturedProducts, "DECL-05 特色产品品类下限");
        Max(MaxFeaturedProducts, child.MaxFeaturedProducts, "DECL-05 特色产品品类上限");
        Min(MinAreaKm2, child.MinAreaKm2, "DECL-06 规划面积下限（平方公里）");
        Max(MaxAreaKm2, child.MaxAreaKm2, "DECL-06 规划面积上限（平方公里）");
        Min(MinFloorAreaM2, child.MinFloorAreaM2, "DECL-06 建筑面积下限（平方米）");
        Max(MaxDeclarationsPerCounty, child.MaxDeclarationsPerCounty, "DECL-02 每县申报数上限");
        Max(TwoPerCountyMaxShare, child.TwoPerCountyMaxShare, "DECL-02 申报两个的县占比上限");
        if (child.AcceptanceYear != AcceptanceYear || child.GrowthFromYear != GrowthFromYear || child.FirstTargetYear != FirstTargetYear)
            p.Add("派生规则集不能改变目标年份（验收年、增长考核起始年、目标起始年）");
        return p;
    }

    internal static string F(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// One version of the declaration conditions and standard thresholds (architecture pattern 3:
/// rules as versioned data). The 2022 provincial set "SX-2022" is seeded; a city derives a stricter
/// set from it (<see cref="CityCode"/> set, may only tighten); the province derives next year's set.
/// A set that is in use (adopted: declarations are checked against it) is immutable. Derive, edit,
/// adopt and resolve follow the platform's one <see cref="RuleSetLifecycle{T}"/> (as standard versions do).
/// </summary>
/// <remarks>
/// Thresholds are one JSON column rather than child rows: a version is read, compared (may only
/// tighten) and locked as a whole and is never queried by a single threshold; adding a threshold
/// next year needs no schema change; and the audit trail records the whole before/after document
/// in one change record, which is what a reviewer of a rule change wants to see.
/// </remarks>
public class EligibilityRuleSet : IVersionedRuleSet<EligibilityRuleSet>, IProvinceWide
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    /// <summary>Stable code clients pass as ruleSetCode, e.g. "SX-2022", "SZ-2022" (a city's set).</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Revision within the lineage: the parent's version + 1.</summary>
    public int Version { get; private set; }
    public Guid? ParentId { get; private set; }
    /// <summary>Set for a city-derived (stricter) set: the city's GB/T 2260 code (xxxx00).</summary>
    public string? CityCode { get; private set; }
    /// <summary>Adopted: declarations are checked against it, so it can no longer change.</summary>
    public bool IsInUse { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public EligibilityThresholds Thresholds { get; private set; } = EligibilityThresholds.Shanxi2022;

    EligibilityRuleSet() { } // EF

    /// <summary>A rule set's region is its city (no column change: CityCode stays the mapped name).</summary>
    string? IVersionedRuleSet.RegionCode => CityCode;

    /// <summary>ETOWN-ELIG-0001 in use, -0003 duplicate code, -0004 bad code/name, -0005 another city.</summary>
    public static RuleSetLifecycle<EligibilityRuleSet> Lifecycle { get; } = new(new RuleSetTerms
    {
        Noun = "规则集", CodeNoun = "规则集",
        InvalidCode = DeclarationErrors.RuleSetInvalid, DuplicateCode = DeclarationErrors.RuleSetCodeTaken, InUseCode = DeclarationErrors.RuleSetInUse, RegionCode = DeclarationErrors.RuleSetOtherCity,
        // A city's set is derived only for the same city.
        MayDeriveFor = (parentCity, childCity) => childCity == parentCity,
        RegionMessage = p => $"规则集 {p.Code} 属于 {p.RegionCode}，只能派生同一市的规则集。",
    });

    EligibilityRuleSet IVersionedRuleSet<EligibilityRuleSet>.CopyAs(RuleSetHeader h) => new()
    {
        Code = h.Code, Name = h.Name, Version = h.Version, ParentId = h.ParentId, CityCode = h.RegionCode, CreatedAt = h.CreatedAt,
        Thresholds = Thresholds,
    };

    public const string ProvinceCode2022 = "SX-2022";
    public static readonly Guid ProvinceId2022 = new("5a2022e1-0000-4000-8000-000000000001");

    /// <summary>The published 2022 provincial version; in use from the start (the 2022 declarations were judged by it).</summary>
    public static EligibilityRuleSet Shanxi2022(DateTimeOffset now) => new()
    {
        Id = ProvinceId2022, Code = ProvinceCode2022,
        Name = "山西省乡村e镇申报条件与建设标准（2022，晋商建〔2022〕58号）",
        Version = 1, IsInUse = true, CreatedAt = now, Thresholds = EligibilityThresholds.Shanxi2022,
    };

    /// <summary>
    /// A new set copied from this one. With <paramref name="cityCode"/> it is a city's stricter set and
    /// may only tighten; without, it is the province's next version and may change any threshold.
    /// </summary>
    public EligibilityRuleSet Derive(string code, string name, string? cityCode, EligibilityThresholds? thresholds, DateTimeOffset now)
    {
        var set = Lifecycle.Derive(this, code, name, cityCode, now);
        set.ReplaceThresholds(thresholds ?? Thresholds, this);
        return set;
    }

    /// <summary>Replace the thresholds of a set not yet in use; a city set is checked against its parent.</summary>
    public void ReplaceThresholds(EligibilityThresholds thresholds, EligibilityRuleSet? parent)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Lifecycle.RequireEditable(this);
        var problems = thresholds.Problems();
        if (problems.Count > 0)
            throw new DomainException(DeclarationErrors.RuleSetInvalid, "规则集阈值不合理：" + string.Join("；", problems) + "。");
        if (CityCode is not null && parent is not null)
        {
            var looser = parent.Thresholds.LooserIn(thresholds);
            if (looser.Count > 0)
                throw new DomainException(DeclarationErrors.RuleSetLooser,
                    $"市级派生规则集只能从严，不能放宽上级规则集 {parent.Code} 的条件：" + string.Join("；", looser) + "。");
        }
        Thresholds = thresholds;
    }

    /// <summary>Adopt (through <see cref="RuleSetLifecycle{T}.Adopt"/>): from now on declarations are checked against this set and it is locked.</summary>
    public void MarkInUse() => IsInUse = true;
}
