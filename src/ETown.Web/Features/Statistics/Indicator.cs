using ETown.Web.Platform.Data;
using System.Globalization;
using ETown.Web.Platform;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Statistics;

/// <summary>How often an indicator is reported (STAT-05: monthly; a few only once a year, in the annual report "YYYY").</summary>
public enum StatPeriodType { Monthly, Annual }

/// <summary>How monthly values add up over a year or a region: flows are summed, stocks take the last value.</summary>
public enum StatAggregation { Sum, Last }

/// <summary>
/// One statistics indicator (STAT-01) as data, not code: the catalogue is seeded at start-up (idempotent, by code) and
/// drives the entry form, the validation rules and the aggregation.
/// </summary>
public class Indicator : IProvinceWide
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public StatPeriodType PeriodType { get; set; } = StatPeriodType.Monthly;
    public StatAggregation Aggregation { get; set; } = StatAggregation.Sum;
    /// <summary>A running total since construction began: it never decreases from one month to the next (rule CUM-*).</summary>
    public bool Cumulative { get; set; }
    /// <summary>Where the number comes from and who vouches for it (STAT-01 “真实可信”).</summary>
    public required string SourceRule { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Monthly indicators belong to the monthly reports, annual ones (e.g. tax) to the annual report of the year.</summary>
    public bool AppliesTo(StatPeriod period) => PeriodType == StatPeriodType.Annual ? period.IsAnnual : !period.IsAnnual;
}

/// <summary>
/// A reporting period: a month written "YYYY-MM" (monthly data set), or a whole year written "YYYY" (annual data set),
/// held as <c>Month = 0</c>. For a year, "previous" and "same month last year" are both the year before.
/// </summary>
public readonly record struct StatPeriod(int Year, int Month)
{
    public static StatPeriod ForYear(int year) => new(year, 0);

    /// <summary>The month it is now in China.</summary>
    public static StatPeriod Current(TimeProvider clock) { var today = clock.ChinaToday(); return new(today.Year, today.Month); }
    /// <summary>"YYYY" (an annual period) rather than "YYYY-MM".</summary>
    public static bool IsYearText([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text) => text?.Length == 4;

    /// <summary>"YYYY-MM" for a month, "YYYY" for a year.</summary>
    public static StatPeriod Parse(string? text)
    {
        if (text is { Length: 7 } && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && y is >= 2000 and <= 2100 && m is >= 1 and <= 12)
            return new StatPeriod(y, m);
        if (IsYearText(text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
            return ForYear(year);
        var errors = new FieldErrors();
        errors.Add("period", "统计期应写作“YYYY-MM”（月报，例如 2025-11）或“YYYY”（年报，例如 2025）。");
        errors.ThrowIfAny();
        return default;
    }

    public bool IsAnnual => Month == 0;
    /// <summary>The data set the period belongs to (<see cref="StatDataSet"/> codes).</summary>
    public string DataSetCode => IsAnnual ? StatDataSet.Annual : StatDataSet.Monthly;
    public StatPeriod Previous => IsAnnual ? ForYear(Year - 1) : Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);
    public StatPeriod SameMonthLastYear => new(Year - 1, Month);
    public StatPeriod Next => IsAnnual ? ForYear(Year + 1) : Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);
    public DateOnly LastDay => IsAnnual ? new DateOnly(Year, 12, 31) : new DateOnly(Year, Month, 1).AddMonths(1).AddDays(-1);
    public override string ToString() => IsAnnual ? $"{Year:D4}" : $"{Year:D4}-{Month:D2}";
}

/// <summary>The seeded catalogue (STAT-01, STAT-05). Codes are stable: API clients and rules refer to them.</summary>
public static class IndicatorCatalogue
{
    public const string MarketEntities = "market_entities";
    public const string NewMarketEntities = "new_market_entities";
    /// <summary>Of the new market entities, the legal-person units (法人单位): STD-37 counts these ("新增市场主体数量（法人单位）",
    /// 朔州 003 line 98; 附件1 item 37). Individual businesses and natural persons are market entities but not 法人单位 (issue #14 item 4).</summary>
    public const string NewLegalEntities = "new_legal_entities";
    public const string NewEcommerceEntities = "new_ecommerce_entities";
    public const string EcommerceEnterprises = "ecommerce_enterprises";
    public const string OnlineRetail = "online_retail";
    public const string SocialRetail = "social_retail";
    public const string TotalOutput = "total_output";
    public const string TotalInvestment = "total_investment";
    public const string NewInvestment = "new_investment";
    public const string LeadingIndustryInvestment = "leading_industry_investment";
    public const string Employment = "employment";
    public const string Tax = "tax";
    public const string Brands = "brands";
    public const string OnlineProducts = "online_products";
    public const string TrainingPersonTimes = "training_person_times";
    public const string Influencers = "local_influencers";

    const string Operator = "承办企业按月填报，县级e镇办审核";
    const string Bureau = "以县统计局口径为准，县级e镇办填报";

    public static IReadOnlyList<Indicator> All() =>
    [
        I(MarketEntities, "市场主体总数", "户", StatAggregation.Last, false, "以市场监管部门登记为准，月末数", 10),
        I(NewMarketEntities, "新增市场主体", "户", StatAggregation.Sum, false, "以市场监管部门登记为准，本月新增", 20),
        I(NewLegalEntities, "其中：新增法人单位", "户", StatAggregation.Sum, false, "以市场监管部门登记为准，本月新增的法人单位（不含个体工商户）；不得大于新增市场主体", 25),
        I(NewEcommerceEntities, "其中：新增从事电商的市场主体", "户", StatAggregation.Sum, false, Operator + "；不得大于新增市场主体", 30),
        I(EcommerceEnterprises, "电商企业数", "家", StatAggregation.Last, false, Operator + "，月末数", 40),
        I(OnlineRetail, "网络零售额（当月）", "万元", StatAggregation.Sum, false, "以商务部电子商务统计口径为准（STAT-01）", 50),
        I(SocialRetail, "社会消费品零售总额（当月）", "万元", StatAggregation.Sum, false, Bureau, 60),
        I(TotalOutput, "总产值（当月）", "万元", StatAggregation.Sum, false, Bureau, 70),
        I(TotalInvestment, "累计完成总投资", "万元", StatAggregation.Last, true, "自建设起累计，县发改、e镇办核实", 80),
        I(NewInvestment, "新增投资（当月）", "万元", StatAggregation.Sum, false, "县发改、e镇办核实", 90),
        I(LeadingIndustryInvestment, "累计主导产业投资", "万元", StatAggregation.Last, true, "自建设起累计，县发改、e镇办核实", 100),
        I(Employment, "吸纳就业人数", "人", StatAggregation.Last, false, Operator + "，月末在岗数", 110),
        I(Tax, "税收（年度）", "万元", StatAggregation.Sum, false, "以税务部门数据为准，年报报送全年数", 120, StatPeriodType.Annual),
        I(Brands, "累计培育品牌数", "个", StatAggregation.Last, true, Operator, 130),
        I(OnlineProducts, "累计开发网货数", "款", StatAggregation.Last, true, Operator, 140),
        I(TrainingPersonTimes, "累计培训人次", "人次", StatAggregation.Last, true, Operator + "，与培训档案（一人一档）一致", 150),
        I(Influencers, "累计培育本地网红", "人", StatAggregation.Last, true, Operator, 160),
    ];

    static Indicator I(string code, string name, string unit, StatAggregation agg, bool cumulative, string source, int order,
        StatPeriodType type = StatPeriodType.Monthly) =>
        new() { Code = code, Name = name, Unit = unit, Aggregation = agg, Cumulative = cumulative, SourceRule = source, SortOrder = order, PeriodType = type };
}
