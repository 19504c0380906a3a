using ETown.Web.Features.Declarations;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;

namespace ETown.Web.Features.Statistics.Analytics;

/// <summary>One indicator of one e-town for one month, with everything derived from the entered values.</summary>
/// <param name="Month">The month's value.</param>
/// <param name="MonthYoyPercent">(Month − MonthLastYear) / MonthLastYear × 100, one decimal.</param>
/// <param name="YearToDate">Summed indicators: January … the month (the months present, see <paramref name="YtdMonths"/>); stocks: the month's value.</param>
/// <param name="YtdYoyPercent">Only when both years have every month 1…M: a growth over a partial span would mislead.</param>
/// <param name="TargetCompletionPercent">YearToDate / AnnualTarget × 100, one decimal.</param>
/// <param name="Approved">Every month that entered the figure is county-approved or later (STAT-05); otherwise shown as “未审核”.</param>
public sealed record DerivedFigure(
    string Indicator, string Name, string Unit, StatAggregation Aggregation,
    decimal? Month, decimal? MonthLastYear, decimal? MonthYoyPercent,
    decimal? YearToDate, int YtdMonths, decimal? YearToDateLastYear, decimal? YtdYoyPercent,
    decimal? AnnualTarget, string? TargetSource, decimal? TargetCompletionPercent, bool Approved);

/// <summary>A programme standard check on derived figures (STD-60, items 33, 36, 37). <c>Met</c> is null when it cannot be decided yet.</summary>
public sealed record StandardCheck(string Rule, string Label, decimal? Value, decimal? Threshold, bool? Met, string Basis);

/// <summary>
/// What one indicator's figure for month M reads of an e-town's reports: the month's value (and whether its report is
/// county-approved), the same month last year, and for summed indicators January…M of this year and of last year — sum,
/// months with a value, and how many of those are approved. An annual indicator's <c>Month</c> is the year's value.
/// </summary>
public sealed record MonthFacts(decimal? Month, bool MonthApproved, decimal? MonthLastYear,
    decimal? Ytd = null, int YtdMonths = 0, int YtdApprovedMonths = 0, decimal? YtdLast = null, int YtdLastMonths = 0)
{
    public static readonly MonthFacts None = new(null, false, null);
}

/// <summary>A month's values of one e-town (null = not reported), and whether that month's report is county-approved.</summary>
public sealed record MonthValues(IReadOnlyDictionary<string, decimal> Values, bool Approved);

/// <summary>
/// The derived figures as pure functions over entered values, so that every number on a dashboard or in the
/// city report can be recomputed by hand (issue #4 “done when”) and is tested against hand-computed cases.
/// </summary>
public static class DerivedCalculator
{
    public const string FromDeclaration = "申报书";
    public const string FromEntry = "填报";

    /// <summary>Statistics indicators whose annual target the 附件2 form carries (DECL-09).</summary>
    public static readonly IReadOnlyDictionary<string, TargetIndicator> DeclarationTargets = new Dictionary<string, TargetIndicator>
    {
        [IndicatorCatalogue.TotalInvestment] = TargetIndicator.TotalInvestment,
        [IndicatorCatalogue.NewInvestment] = TargetIndicator.NewInvestment,
        [IndicatorCatalogue.LeadingIndustryInvestment] = TargetIndicator.LeadingIndustryInvestment,
        [IndicatorCatalogue.NewMarketEntities] = TargetIndicator.NewMarketEntities,
        [IndicatorCatalogue.TotalOutput] = TargetIndicator.TotalOutput,
        [IndicatorCatalogue.OnlineRetail] = TargetIndicator.OnlineRetail,
        [IndicatorCatalogue.Brands] = TargetIndicator.Brands,
        [IndicatorCatalogue.Employment] = TargetIndicator.Employment,
        [IndicatorCatalogue.Tax] = TargetIndicator.Tax,
    };

    public static decimal? Percent(decimal? part, decimal? whole) =>
        part is { } a && whole is { } b && b != 0 ? Math.Round(a / b * 100m, 1, MidpointRounding.AwayFromZero) : null;

    public static decimal? Growth(decimal? now, decimal? before) =>
        now is { } a && before is { } b && b != 0 ? Math.Round((a - b) / b * 100m, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// Derives one indicator for month <paramref name="p"/>. <paramref name="months"/> maps "YYYY-MM" (and "YYYY" for an
    /// annual report) to that report's values; absent keys are months with no report.
    /// </summary>
    public static DerivedFigure Figure(Indicator i, StatPeriod p, IReadOnlyDictionary<string, MonthValues> months, decimal? target, string? targetSource) =>
        Figure(i, p, Gather(i, p, months), target, targetSource);

    /// <summary>What <see cref="Figure(Indicator, StatPeriod, MonthFacts, decimal?, string?)"/> reads of an e-town's months for one indicator.</summary>
    public static MonthFacts Gather(Indicator i, StatPeriod p, IReadOnlyDictionary<string, MonthValues> months)
    {
        decimal? ValueOf(string key) => months.TryGetValue(key, out var m) && m.Values.TryGetValue(i.Code, out var v) ? v : null;
        bool ApprovedOf(string key) => months.TryGetValue(key, out var m) && m.Approved;

        if (i.PeriodType == StatPeriodType.Annual)
        {
            // Annual indicators live in the annual report "YYYY" (or, in older data, the December report).
            string? Key(int year) => ValueOf($"{year:D4}") is not null ? $"{year:D4}" : ValueOf($"{year:D4}-12") is not null ? $"{year:D4}-12" : null;
            var k = Key(p.Year); var kLast = Key(p.Year - 1);
            return new(k is null ? null : ValueOf(k), k is not null && ApprovedOf(k), kLast is null ? null : ValueOf(kLast));
        }
        var key = p.ToString();
        var month = ValueOf(key);
        var lastYear = ValueOf(p.SameMonthLastYear.ToString());
        if (i.Aggregation != StatAggregation.Sum) return new(month, month is not null && ApprovedOf(key), lastYear);
        var present = Enumerable.Range(1, p.Month).Select(m => new StatPeriod(p.Year, m).ToString()).Where(s => ValueOf(s) is not null).ToList();
        var presentLast = Enumerable.Range(1, p.Month).Select(m => new StatPeriod(p.Year - 1, m).ToString()).Where(s => ValueOf(s) is not null).ToList();
        return new(month, month is not null && ApprovedOf(key), lastYear,
            present.Count == 0 ? null : present.Sum(s => ValueOf(s)!.Value), present.Count, present.Count(ApprovedOf),
            presentLast.Count == 0 ? null : presentLast.Sum(s => ValueOf(s)!.Value), presentLast.Count);
    }

    /// <summary>
    /// Derives one indicator for month <paramref name="p"/> from its <see cref="MonthFacts"/> — gathered from the months
    /// (<see cref="Gather"/>) or counted and summed in the database (issue #16); the one definition of the arithmetic.
    /// </summary>
    public static DerivedFigure Figure(Indicator i, StatPeriod p, MonthFacts a, decimal? target, string? targetSource)
    {
        if (i.PeriodType == StatPeriodType.Annual)
        {
            var (value, last) = (a.Month, a.MonthLastYear);
            return new(i.Code, i.Name, i.Unit, i.Aggregation, value, last, Growth(value, last), value, value is null ? 0 : 12, last,
                Growth(value, last), target, targetSource, Percent(value, target), value is not null && a.MonthApproved);
        }
        decimal? ytd, ytdLast, ytdGrowth;
        int ytdMonths;
        bool approved;
        if (i.Aggregation == StatAggregation.Sum)
        {
            (ytd, ytdLast, ytdMonths) = (a.Ytd, a.YtdLast, a.YtdMonths);
            ytdGrowth = a.YtdMonths == p.Month && a.YtdLastMonths == p.Month ? Growth(ytd, ytdLast) : null;
            approved = a.YtdMonths > 0 && a.YtdApprovedMonths == a.YtdMonths;
        }
        else
        {
            (ytd, ytdLast, ytdMonths) = (a.Month, a.MonthLastYear, a.Month is null ? 0 : 1);
            ytdGrowth = Growth(a.Month, a.MonthLastYear);
            approved = a.Month is not null && a.MonthApproved;
        }
        return new(i.Code, i.Name, i.Unit, i.Aggregation, a.Month, a.MonthLastYear, Growth(a.Month, a.MonthLastYear), ytd, ytdMonths, ytdLast, ytdGrowth,
            target, targetSource, Percent(ytd, target), approved);
    }

    /// <summary>
    /// Growth of a summed indicator over a group of e-towns (the city average for STD-33 when the city has not entered
    /// its official figure): Σ YTD / Σ YTD last year − 1, over the e-towns whose both spans are complete. Unrounded: it
    /// sets a threshold (#9 item 5 compares unrounded values); round it to show it.
    /// </summary>
    public static decimal? CityGrowth(IEnumerable<DerivedFigure> figures)
    {
        var complete = figures.Where(f => f.YtdYoyPercent is not null).ToList();
        return complete.Count == 0 ? null : StandardJudge.Growth(complete.Sum(f => f.YearToDate!.Value), complete.Sum(f => f.YearToDateLastYear!.Value));
    }

    /// <summary>
    /// The standard's statistical checks on one e-town's derived figures for month M of a year. Growth checks use the
    /// year-to-date span (1…M); the count check (item 37) is decided at year end, and earlier only once reached.
    /// Thresholds and comparisons are those of <paramref name="items"/> (the standard version in force for the e-town)
    /// through <see cref="StandardJudge"/>, as in the compliance view (issue #9 item 5); values are compared unrounded
    /// and shown with one decimal.
    /// </summary>
    public static IReadOnlyList<StandardCheck> Checks(StatPeriod p, IReadOnlyDictionary<string, DerivedFigure> f, decimal? cityGrowth, string cityGrowthBasis,
        IReadOnlyList<StandardItem>? items, CountyClass? countyClass)
    {
        var span = p.Month == 12 ? $"{p.Year}年全年" : $"{p.Year}年1–{p.Month}月累计";
        var checks = new List<StandardCheck>();
        const string NoRule = "适用的建设标准版本未规定此项";

        // STD-60: share of the year's new market entities doing e-commerce.
        var newAll = f.GetValueOrDefault(IndicatorCatalogue.NewMarketEntities)?.YearToDate;
        var newEc = f.GetValueOrDefault(IndicatorCatalogue.NewEcommerceEntities)?.YearToDate;
        var share = StandardJudge.Share(newEc, newAll);
        var c60 = StandardRule.Std60EcommerceShare.In(items);
        var j60 = StandardJudge.Judge(StandardRule.Std60EcommerceShare, items, countyClass, share);
        checks.Add(new("STD-60", $"新增市场主体中开展电商业务的比例 {Req(c60, "%")}", Percent(newEc, newAll), j60.Threshold, j60.Passed,
            c60 is null ? NoRule : share is null ? $"{span}新增市场主体为零或未填报" : $"{span}：新增电商主体 {newEc:0.##} ÷ 新增市场主体 {newAll:0.##}"));

        // STD-36: online retail year-on-year growth.
        var retail = f.GetValueOrDefault(IndicatorCatalogue.OnlineRetail);
        var rg = retail?.YtdYoyPercent is null ? null : StandardJudge.Growth(retail.YearToDate, retail.YearToDateLastYear);
        var c36 = StandardRule.Std36Growth.In(items);
        var j36 = StandardJudge.Judge(StandardRule.Std36Growth, items, countyClass, rg);
        checks.Add(new("STD-36", $"网络零售额同比增长 {Req(c36, "%")}", retail?.YtdYoyPercent, j36.Threshold, j36.Passed,
            c36 is null ? NoRule : rg is null ? $"{span}或上年同期数据不全，无法计算增速" : $"{span}：{retail!.YearToDate:0.##} 万元，上年同期 {retail.YearToDateLastYear:0.##} 万元"));

        // STD-33 (附件1 item 33): output growth against the city average + the version's points, compared as the version says.
        var output = f.GetValueOrDefault(IndicatorCatalogue.TotalOutput);
        var og = output?.YtdYoyPercent is null ? null : StandardJudge.Growth(output.YearToDate, output.YearToDateLastYear);
        var c33 = StandardRule.Std33Growth.In(items);
        var j33 = StandardJudge.Judge(StandardRule.Std33Growth, items, countyClass, og, cityGrowth);
        var pp = Num(c33?.Value ?? 0);
        checks.Add(new("STD-33", $"总产值同比增速高于所在市平均增速 {pp} 个百分点{(c33?.Op == ">" ? "（不含）" : "以上（含）")}",
            output?.YtdYoyPercent, j33.Threshold is { } t33 ? Math.Round(t33, 2, MidpointRounding.AwayFromZero) : null, og is null || cityGrowth is null ? null : j33.Passed,
            c33 is null ? NoRule
            : og is null ? $"{span}或上年同期数据不全，无法计算增速"
            : cityGrowth is null ? (string.IsNullOrEmpty(cityGrowthBasis) ? "所在市平均增速未知" : cityGrowthBasis) : $"{span}：增速 {og:0.0}%，所在市平均 {cityGrowth:0.0}%（{cityGrowthBasis}）+ {pp}"));

        // STD-37: new legal-person units per year ("新增市场主体数量（法人单位）", 003 line 98; 附件1 item 37) — the indicator of
        // their own, not all new market entities (issue #14 item 4). Decided at year end; earlier only once reached.
        var newLegal = f.GetValueOrDefault(IndicatorCatalogue.NewLegalEntities)?.YearToDate;
        var c37 = StandardRule.Std37NewEntities.In(items);
        var j37 = StandardJudge.Judge(StandardRule.Std37NewEntities, items, countyClass, newLegal);
        bool? met37 = j37.Passed switch { true => true, false when p.Month == 12 => false, _ => null };
        checks.Add(new("STD-37", $"每年新增市场主体（法人单位）{(c37 is null ? "" : $"{StandardJudge.OpWords(c37.Op)} {Num(c37.Value ?? 0)} 个")}", newLegal, j37.Threshold, met37,
            c37 is null ? NoRule
            : newLegal is null ? $"{span}未填报新增法人单位" : $"{span}新增法人单位 {newLegal:0.##} 个" + (j37.Passed == false && p.Month < 12 ? "（年内尚未达到，年底判定）" : "")));
        return checks;
    }

    static string Req(MeasureCondition? c, string unit) => c is null ? "" : $"{StandardJudge.Op(c.Op)} {Num(c.Value ?? 0)}{unit}";

    static string Num(decimal v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
