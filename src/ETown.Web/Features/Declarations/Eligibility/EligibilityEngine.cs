using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;
using static ETown.Web.Features.Declarations.Eligibility.EligibilityThresholds;

namespace ETown.Web.Features.Declarations.Eligibility;

public enum RuleOutcome
{
    /// <summary>符合</summary>
    Pass,
    /// <summary>不符合 — makes the declaration ineligible.</summary>
    Fail,
    /// <summary>待补充证明: a figure is missing or the rule needs a judgement on evidence.</summary>
    NeedsEvidence,
    /// <summary>提示: a declared target below the standard for the county class (STD items).</summary>
    Warning,
}

/// <summary>
/// Facts the form itself does not carry, gathered from the database by <see cref="EligibilityContextBuilder"/>.
/// </summary>
public sealed record EligibilityContext
{
    /// <summary>County-level units (县、市、区) of the county's city; 0 = unknown.</summary>
    public int CountyLevelUnitsInCity { get; init; }
    /// <summary>Counties of the city that already declare two e-towns (not counting the form's county).</summary>
    public int CountiesWithTwoInCity { get; init; }
    /// <summary>Declarations the form's county already has, not counting this one.</summary>
    public int ExistingDeclarationsInCounty { get; init; }
    /// <summary>County class in the region directory: it wins over the form's (issue #14 item 7).</summary>
    public CountyClass? RegionCountyClass { get; init; }
    /// <summary>Area of the boundary polygon in km², computed in a projected CRS from the GeoJSON (issue #3 §4).</summary>
    public decimal? BoundaryAreaKm2 { get; init; }
    /// <summary>The city's average yoy output growth in percent, when known (STD-33 "高于所在市平均水平2个百分点").</summary>
    public decimal? CityAverageOutputGrowthPct { get; init; }
    public string? CountyName { get; init; }
    public string? CityName { get; init; }
    /// <summary>Items of the standard version in force for the county (STD-33/35/36/37 thresholds; issue #9 item 5). Null: none found.</summary>
    public IReadOnlyList<StandardItem>? StandardItems { get; init; }
    public string? StandardVersionCode { get; init; }

    public static readonly EligibilityContext Empty = new();
}

/// <summary>One rule's verdict. <see cref="Figures"/> holds the compared numbers (declared and threshold).</summary>
public sealed record RuleResult(string RuleId, RuleOutcome Outcome, string Message, IReadOnlyDictionary<string, decimal?> Figures);

public sealed record EligibilityReport(
    string RuleSetCode, int RuleSetVersion, string? CountyCode, CountyClass? CountyClass, string CountyClassSource,
    bool Eligible, int FailCount, int NeedsEvidenceCount, int WarningCount, IReadOnlyList<RuleResult> Results)
{
    public RuleResult this[string ruleId] => Results.First(r => r.RuleId == ruleId);
}

/// <summary>
/// The declaration conditions (DECL-02, 04, 05, 06) and the target checks against the county class
/// (standard items 33, 35, 36, 37). Pure: the same form, set and context always give the same report.
/// Eligible = no rule failed; NeedsEvidence and Warning do not block.
/// </summary>
public static class EligibilityEngine
{
    public static readonly IReadOnlyList<string> RuleIds = ["DECL-02", "DECL-04", "DECL-05", "DECL-06", "STD-33", "STD-35", "STD-36", "STD-37"];

    public static EligibilityReport Evaluate(DeclarationForm form, EligibilityRuleSet set, EligibilityContext ctx)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(set);
        ctx ??= EligibilityContext.Empty;
        var t = set.Thresholds;
        // The county class is the province's (000 二(三): the province names the 先行示范/整体推进/重点帮扶 counties): the
        // region catalogue's class wins over what the county types on its form, so eligibility and compliance always judge
        // by the same class (issue #14 item 7). The form's class counts only for a county the catalogue has not classed.
        var cls = ctx.RegionCountyClass ?? form.CountyClass;
        var source = ctx.RegionCountyClass is not null ? "区划目录" : form.CountyClass is not null ? "申报表（区划目录未分类）" : "未定";

        List<RuleResult> results =
        [
            Decl02(t, ctx), Decl04(form, t), Decl05(form, t), Decl06(form, t, ctx),
            Std33(form, t, cls, ctx), Std35(form, t, cls, ctx), Std36(form, t, cls, ctx), Std37(form, t, cls, ctx),
        ];
        int Count(RuleOutcome o) => results.Count(r => r.Outcome == o);
        return new EligibilityReport(set.Code, set.Version, string.IsNullOrEmpty(form.CountyCode) ? null : form.CountyCode, cls, source,
            Count(RuleOutcome.Fail) == 0, Count(RuleOutcome.Fail), Count(RuleOutcome.NeedsEvidence), Count(RuleOutcome.Warning), results);
    }

    // ------------------------------------------------------------------ building blocks

    enum Part { Ok, Missing, Bad }

    sealed class Builder(string ruleId, string title)
    {
        readonly List<(Part Part, string Text)> _parts = [];
        public readonly Dictionary<string, decimal?> Figures = new(StringComparer.Ordinal);
        public Builder Add(Part p, string text) { _parts.Add((p, text)); return this; }
        public Builder Fig(string key, decimal? v) { Figures[key] = v; return this; }

        /// <summary>Condition rule: any failed part fails; else any missing part needs evidence.</summary>
        public RuleResult Condition(RuleOutcome missing = RuleOutcome.NeedsEvidence) =>
            Build(_parts.Any(p => p.Part == Part.Bad) ? RuleOutcome.Fail
                : _parts.Any(p => p.Part == Part.Missing) ? missing : RuleOutcome.Pass);

        /// <summary>Target rule (standard items): anything short of the standard is a warning only.</summary>
        public RuleResult Target() => Build(_parts.All(p => p.Part == Part.Ok) ? RuleOutcome.Pass : RuleOutcome.Warning);

        public RuleResult Build(RuleOutcome outcome)
        {
            var label = outcome switch
            {
                RuleOutcome.Pass => "符合",
                RuleOutcome.Fail => "不符合",
                RuleOutcome.NeedsEvidence => "待补充证明",
                _ => "提示",
            };
            return new RuleResult(ruleId, outcome, $"{ruleId}（{title}）{label}：{string.Join("；", _parts.Select(p => p.Text))}。", Figures);
        }
    }

    static string N(decimal v) => F(v);
    static string N(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ DECL-02 申报主体

    /// <summary>
    /// DECL-02: one e-town per county in principle; a county may declare a second only while the
    /// city's counties declaring two stay within floor(30% × county-level units). The second needs
    /// evidence of "基础条件特别好、引领带动汇聚作用特别强", so an allowed second is NeedsEvidence.
    /// </summary>
    static RuleResult Decl02(EligibilityThresholds t, EligibilityContext ctx)
    {
        var b = new Builder("DECL-02", "申报主体：原则上一县一镇");
        var units = ctx.CountyLevelUnitsInCity;
        var limit = (int)Math.Floor(t.TwoPerCountyMaxShare * units);
        var pct = N(t.TwoPerCountyMaxShare * 100);
        b.Fig("existingDeclarationsInCounty", ctx.ExistingDeclarationsInCounty).Fig("countyLevelUnitsInCity", units)
            .Fig("countiesWithTwoInCity", ctx.CountiesWithTwoInCity).Fig("maxCountiesWithTwo", units > 0 ? limit : null)
            .Fig("maxDeclarationsPerCounty", t.MaxDeclarationsPerCounty).Fig("twoPerCountyMaxShare", t.TwoPerCountyMaxShare);

        if (ctx.ExistingDeclarationsInCounty <= 0)
            return b.Add(Part.Ok, "本县尚无其他乡村e镇申报，本次为第 1 个").Condition();
        if (ctx.ExistingDeclarationsInCounty + 1 > t.MaxDeclarationsPerCounty)
            return b.Add(Part.Bad, $"本县已有 {N(ctx.ExistingDeclarationsInCounty)} 个申报，每县最多申报 {N(t.MaxDeclarationsPerCounty)} 个").Condition();
        if (units <= 0)
            return b.Add(Part.Missing, $"本县已有 {N(ctx.ExistingDeclarationsInCounty)} 个申报，无法确定所在市的县级单位数，不能核对申报两个的县不超过 {pct}% 的限制").Condition();

        var city = ctx.CityName ?? "所在市";
        var quota = $"{city}共 {N(units)} 个县级单位，申报两个的县不超过 {pct}%（最多 {N(limit)} 个），目前已有 {N(ctx.CountiesWithTwoInCity)} 个";
        if (ctx.CountiesWithTwoInCity + 1 > limit)
            return b.Add(Part.Bad, $"本县已有 1 个申报，本次为第 2 个；{quota}，名额已满").Condition();
        return b.Add(Part.Ok, $"本县已有 1 个申报，本次为第 2 个；{quota}，尚有名额")
            .Add(Part.Missing, "申报第二个须证明本县基础条件特别好、引领带动汇聚作用特别强").Condition();
    }

    // ------------------------------------------------------------------ DECL-04 市场主体基础

    /// <summary>DECL-04: ≥ 10 e-commerce enterprises AND (previous-year online retail ≥ 1000万元 OR ≥ 3 enterprises over 100万元).</summary>
    static RuleResult Decl04(DeclarationForm f, EligibilityThresholds t)
    {
        var b = new Builder("DECL-04", "市场主体基础");
        b.Fig("ecommerceEnterprises", f.EcommerceEnterprises).Fig("minEcommerceEnterprises", t.MinEcommerceEnterprises)
            .Fig("onlineRetailWan", f.OnlineRetailWan).Fig("minOnlineRetailWan", t.MinOnlineRetailWan)
            .Fig("enterprisesOver100Wan", f.EnterprisesOver100Wan).Fig("minEnterprisesOver100Wan", t.MinEnterprisesOver100Wan);

        if (f.EcommerceEnterprises is not { } e) b.Add(Part.Missing, $"未填写电商企业数（要求不少于 {N(t.MinEcommerceEnterprises)} 家）");
        else if (e >= t.MinEcommerceEnterprises) b.Add(Part.Ok, $"电商企业 {N(e)} 家（要求不少于 {N(t.MinEcommerceEnterprises)} 家）");
        else b.Add(Part.Bad, $"电商企业 {N(e)} 家，少于 {N(t.MinEcommerceEnterprises)} 家");

        var retail = f.OnlineRetailWan;
        var over = f.EnterprisesOver100Wan;
        var retailText = retail is { } r ? $"上年度网络零售额 {N(r)} 万元" : "未填写上年度网络零售额";
        var overText = over is { } o ? $"上年度网络零售额超100万元的电商企业 {N(o)} 家" : "未填写网络零售额超100万元的企业数";
        if (retail >= t.MinOnlineRetailWan)
            b.Add(Part.Ok, $"{retailText}（要求不低于 {N(t.MinOnlineRetailWan)} 万元）");
        else if (over >= t.MinEnterprisesOver100Wan)
            b.Add(Part.Ok, $"{overText}（要求不少于 {N(t.MinEnterprisesOver100Wan)} 家；{retailText}）");
        else if (retail is not null && over is not null)
            b.Add(Part.Bad, $"{retailText}，低于 {N(t.MinOnlineRetailWan)} 万元，且{overText}，少于 {N(t.MinEnterprisesOver100Wan)} 家");
        else
            b.Add(Part.Missing, $"{retailText}；{overText}（须上年度网络零售额不低于 {N(t.MinOnlineRetailWan)} 万元，或超100万元的电商企业不少于 {N(t.MinEnterprisesOver100Wan)} 家）");
        return b.Condition();
    }

    // ------------------------------------------------------------------ DECL-05 产业基础

    /// <summary>DECL-05: ≥ 20 market entities, previous-year output ≥ 5000万元, 1–2 featured product categories.</summary>
    static RuleResult Decl05(DeclarationForm f, EligibilityThresholds t)
    {
        var b = new Builder("DECL-05", "产业基础");
        var products = DeclarationForm.SplitNames(f.FeaturedProducts);
        b.Fig("marketEntities", f.MarketEntities).Fig("minMarketEntities", t.MinMarketEntities)
            .Fig("outputWan", f.OutputWan).Fig("minOutputWan", t.MinOutputWan)
            .Fig("featuredProducts", products.Count).Fig("minFeaturedProducts", t.MinFeaturedProducts).Fig("maxFeaturedProducts", t.MaxFeaturedProducts);

        if (f.MarketEntities is not { } m) b.Add(Part.Missing, $"未填写市场主体数（要求不少于 {N(t.MinMarketEntities)} 家）");
        else if (m >= t.MinMarketEntities) b.Add(Part.Ok, $"市场主体 {N(m)} 家（要求不少于 {N(t.MinMarketEntities)} 家）");
        else b.Add(Part.Bad, $"市场主体 {N(m)} 家，少于 {N(t.MinMarketEntities)} 家");

        if (f.OutputWan is not { } o) b.Add(Part.Missing, $"未填写上年度产值（要求 {N(t.MinOutputWan)} 万元以上）");
        else if (o >= t.MinOutputWan) b.Add(Part.Ok, $"上年度产值 {N(o)} 万元（要求 {N(t.MinOutputWan)} 万元以上）");
        else b.Add(Part.Bad, $"上年度产值 {N(o)} 万元，低于 {N(t.MinOutputWan)} 万元");

        var range = $"{N(t.MinFeaturedProducts)}~{N(t.MaxFeaturedProducts)} 个";
        if (products.Count == 0) b.Add(Part.Missing, $"未填写特色产品品类（要求 {range}）");
        else if (products.Count < t.MinFeaturedProducts || products.Count > t.MaxFeaturedProducts)
            b.Add(Part.Bad, $"特色产品品类 {N(products.Count)} 个（{string.Join("、", products)}），应为 {range}");
        else b.Add(Part.Ok, $"特色产品品类 {N(products.Count)} 个（{string.Join("、", products)}；要求 {range}）");
        return b.Condition();
    }

    // ------------------------------------------------------------------ DECL-06 物理空间条件

    /// <summary>
    /// DECL-06: planned area 0.5–5 km² inclusive OR floor area ≥ 50万 m². A boundary area computed from
    /// the GeoJSON is reported beside the declared area and must satisfy the rule too.
    /// </summary>
    static RuleResult Decl06(DeclarationForm f, EligibilityThresholds t, EligibilityContext ctx)
    {
        var b = new Builder("DECL-06", "物理空间条件");
        b.Fig("plannedAreaKm2", f.PlannedAreaKm2).Fig("floorAreaM2", f.FloorAreaM2).Fig("boundaryAreaKm2", ctx.BoundaryAreaKm2)
            .Fig("minAreaKm2", t.MinAreaKm2).Fig("maxAreaKm2", t.MaxAreaKm2).Fig("minFloorAreaM2", t.MinFloorAreaM2);
        var range = $"{N(t.MinAreaKm2)}~{N(t.MaxAreaKm2)} 平方公里";
        bool InRange(decimal a) => a >= t.MinAreaKm2 && a <= t.MaxAreaKm2;
        var floorOk = f.FloorAreaM2 >= t.MinFloorAreaM2;

        if (floorOk)
            b.Add(Part.Ok, $"建筑面积 {N(f.FloorAreaM2!.Value)} 平方米（要求 {N(t.MinFloorAreaM2)} 平方米以上）");
        else if (f.PlannedAreaKm2 is { } a)
        {
            var floorNote = f.FloorAreaM2 is { } fa ? $"；建筑面积 {N(fa)} 平方米，不足 {N(t.MinFloorAreaM2)} 平方米" : "";
            b.Add(InRange(a) ? Part.Ok : Part.Bad,
                InRange(a) ? $"规划面积 {N(a)} 平方公里（要求 {range}）" : $"规划面积 {N(a)} 平方公里，不在 {range}之内{floorNote}");
        }
        else if (f.FloorAreaM2 is { } fa)
            b.Add(Part.Bad, $"建筑面积 {N(fa)} 平方米，不足 {N(t.MinFloorAreaM2)} 平方米，且未填写规划面积");
        else if (ctx.BoundaryAreaKm2 is null)
            b.Add(Part.Missing, $"未填写规划面积或建筑面积（要求规划面积 {range}，或建筑面积 {N(t.MinFloorAreaM2)} 平方米以上）");
        else
            b.Add(Part.Missing, "申报表未填写规划面积（以下按边界计算）");

        if (ctx.BoundaryAreaKm2 is { } ba)
        {
            var declared = f.PlannedAreaKm2 is { } d ? $"，申报规划面积 {N(d)} 平方公里" : "";
            var diff = f.PlannedAreaKm2 is { } d2 && d2 > 0 ? Math.Round((ba - d2) / d2 * 100m, 1) : (decimal?)null;
            b.Fig("boundaryDifferencePct", diff);
            var diffNote = diff is { } x && Math.Abs(x) > 10m ? $"，相差 {N(x)}%，请核对" : "";
            if (floorOk)
                b.Add(Part.Ok, $"按边界计算面积 {N(ba)} 平方公里{declared}{diffNote}（已按建筑面积达标）");
            else if (InRange(ba))
                b.Add(Part.Ok, $"按边界计算面积 {N(ba)} 平方公里{declared}{diffNote}（要求 {range}）");
            else
                b.Add(Part.Bad, $"按边界计算面积 {N(ba)} 平方公里{declared}，不在 {range}之内");
        }
        return b.Condition();
    }

    // ------------------------------------------------------------------ standard items 33, 35, 36, 37 (warnings)

    // The thresholds and comparisons are the standard version's (ctx.StandardItems) judged by StandardJudge, the same
    // judge the compliance view and the dashboard checks use (issue #9 item 5); only which declared target years are
    // compared is this rule set's (AcceptanceYear, GrowthFromYear, FirstTargetYear).

    static string ClassLabel(CountyClass c) => Region.ClassLabel(c);

    static RuleResult NoClass(Builder b) => b.Add(Part.Missing, "未确定三类县分类（先行示范县/整体推进县/重点帮扶县），无法对照建设标准").Target();

    static RuleResult NoStandard(Builder b) => b.Add(Part.Missing, "未找到适用的建设标准版本，无法对照建设标准").Target();

    /// <summary>STD-33: total output in the acceptance year against the class threshold; yoy growth against the city average + the version's points when known.</summary>
    static RuleResult Std33(DeclarationForm f, EligibilityThresholds t, CountyClass? cls, EligibilityContext ctx)
    {
        var b = new Builder("STD-33", "建设标准第33项 总产值");
        var y = t.AcceptanceYear;
        var v = f.Target(TargetIndicator.TotalOutput, y);
        b.Fig("totalOutputWan", v).Fig("acceptanceYear", y);
        if (ctx.StandardItems is not { } items) return NoStandard(b);
        if (cls is not { } c) return NoClass(b);
        var min = ClassTarget(b, StandardRule.Std33Output, items, c, v, $"{N(y)} 年（验收当年）总产值目标", "minTotalOutputWan");
        if (ctx.CityAverageOutputGrowthPct is { } avg && StandardRule.Std33Growth.In(items) is { } growth)
        {
            var pp = N(growth.Value ?? 0);
            var words = StandardJudge.OpWords(growth.Op, rate: true);
            b.Fig("cityAverageOutputGrowthPct", avg);
            for (var year = t.GrowthFromYear; year <= y; year++)
            {
                b.Fig($"totalOutputGrowthPct{year}", f.Growth(TargetIndicator.TotalOutput, year));
                var g = StandardJudge.Growth(f.Target(TargetIndicator.TotalOutput, year), f.Target(TargetIndicator.TotalOutput, year - 1));
                var j = StandardJudge.Judge(growth, c, g, avg);
                if (g is null) b.Add(Part.Missing, $"{N(year)} 年总产值同比增长率无法计算（缺少上一年目标）");
                else if (j.Verdict == Verdict.Met) b.Add(Part.Ok, $"{N(year)} 年总产值同比增长 {Shown(g.Value)}%（{words}全市平均 {N(avg)}% + {pp} 个百分点）");
                else b.Add(Part.Bad, $"{N(year)} 年总产值同比增长 {Shown(g.Value)}%，未{words}全市平均 {N(avg)}% + {pp} 个百分点");
            }
        }
        return b.Target();
    }

    /// <summary>STD-35: total investment (the acceptance-year cumulative target) against the class threshold.</summary>
    static RuleResult Std35(DeclarationForm f, EligibilityThresholds t, CountyClass? cls, EligibilityContext ctx)
    {
        var b = new Builder("STD-35", "建设标准第35项 总投资规模");
        var y = t.AcceptanceYear;
        var v = f.Target(TargetIndicator.TotalInvestment, y);
        b.Fig("totalInvestmentWan", v).Fig("acceptanceYear", y);
        if (ctx.StandardItems is not { } items) return NoStandard(b);
        if (cls is not { } c) return NoClass(b);
        ClassTarget(b, StandardRule.Std35Investment, items, c, v, $"{N(y)} 年总投资规模目标", "minTotalInvestmentWan");
        return b.Target();
    }

    /// <summary>STD-36: online retail in the acceptance year against the class threshold, and yoy growth after completion.</summary>
    static RuleResult Std36(DeclarationForm f, EligibilityThresholds t, CountyClass? cls, EligibilityContext ctx)
    {
        var b = new Builder("STD-36", "建设标准第36项 网络零售额");
        var y = t.AcceptanceYear;
        var v = f.Target(TargetIndicator.OnlineRetail, y);
        b.Fig("onlineRetailWan", v).Fig("acceptanceYear", y);
        if (ctx.StandardItems is not { } items) return NoStandard(b);
        var growth = StandardRule.Std36Growth.In(items);
        b.Fig("minOnlineRetailGrowthPct", growth?.Value);
        if (cls is not { } c) return NoClass(b);
        ClassTarget(b, StandardRule.Std36Retail, items, c, v, $"{N(y)} 年（验收当年）网络零售额目标", "minOnlineRetailWan");
        if (growth is null) return b.Target();
        var req = $"{StandardJudge.OpWords(growth.Op, rate: true)} {N(growth.Value ?? 0)}%";
        for (var year = t.GrowthFromYear; year <= y; year++)
        {
            b.Fig($"onlineRetailGrowthPct{year}", f.Growth(TargetIndicator.OnlineRetail, year));
            var g = StandardJudge.Growth(f.Target(TargetIndicator.OnlineRetail, year), f.Target(TargetIndicator.OnlineRetail, year - 1));
            if (g is null) b.Add(Part.Missing, $"{N(year)} 年网络零售额同比增长率无法计算（缺少当年或上一年目标）");
            else if (StandardJudge.Judge(growth, c, g).Verdict == Verdict.Met) b.Add(Part.Ok, $"{N(year)} 年网络零售额同比增长 {Shown(g.Value)}%（要求{req}）");
            else b.Add(Part.Bad, $"{N(year)} 年网络零售额同比增长 {Shown(g.Value)}%，不满足“{req}”");
        }
        return b.Target();
    }

    /// <summary>STD-37: new market entities (legal-person units) per year per town, every target year.</summary>
    static RuleResult Std37(DeclarationForm f, EligibilityThresholds t, CountyClass? cls, EligibilityContext ctx)
    {
        var b = new Builder("STD-37", "建设标准第37项 市场主体发展");
        if (ctx.StandardItems is not { } items || StandardRule.Std37NewEntities.In(items) is not { } rule) return NoStandard(b);
        b.Fig("minNewMarketEntitiesPerYear", rule.Value);
        var req = $"{StandardJudge.OpWords(rule.Op)} {N(rule.Value ?? 0)} 个/年";
        for (var year = t.FirstTargetYear; year <= t.AcceptanceYear; year++)
        {
            var v = f.Target(TargetIndicator.NewMarketEntities, year);
            b.Fig($"newMarketEntities{year}", v);
            if (v is null) b.Add(Part.Missing, $"{N(year)} 年未填写新增市场主体目标");
            else if (StandardJudge.Judge(rule, cls, v).Verdict == Verdict.Met) b.Add(Part.Ok, $"{N(year)} 年新增市场主体 {N(v.Value)} 个（要求{req}）");
            else b.Add(Part.Bad, $"{N(year)} 年新增市场主体 {N(v.Value)} 个，不满足“{req}”");
        }
        return b.Target();
    }

    /// <summary>A declared target against the version's per-class threshold of a rule; returns the threshold.</summary>
    static decimal? ClassTarget(Builder b, StandardRule rule, IReadOnlyList<StandardItem> items, CountyClass cls, decimal? v, string what, string figureKey)
    {
        var j = StandardJudge.Judge(rule, items, cls, v);
        var unit = Indicators.Get(rule.Indicator).Unit;
        var label = ClassLabel(cls);
        b.Fig(figureKey, j.Threshold);
        if (j.Verdict == Verdict.NotApplicable) { b.Add(Part.Ok, $"{j.Reason}（不作要求）"); return null; }
        var words = StandardJudge.OpWords(rule.In(items)!.Op);
        var min = j.Threshold is { } m ? N(m) : "?";
        if (v is null) b.Add(Part.Missing, $"未填写 {what}（{label}要求{words} {min} {unit}）");
        else if (j.Verdict == Verdict.Met) b.Add(Part.Ok, $"{what} {N(v.Value)} {unit}（{label}要求{words} {min} {unit}）");
        else b.Add(Part.Bad, $"{what} {N(v.Value)} {unit}，低于{label}标准 {min} {unit}");
        return j.Threshold;
    }

    /// <summary>A growth for the message: one decimal (the comparison used the unrounded value).</summary>
    static string Shown(decimal g) => N(Math.Round(g, 1));
}
