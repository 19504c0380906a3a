using ETown.Web.Platform.Data;
using System.Globalization;

namespace ETown.Web.Features.Statistics;

public enum RuleImportance
{
    /// <summary>Stops submission (ETOWN-STAT-0003).</summary>
    Blocking,
    /// <summary>Allowed only with an explanation in the value's comment.</summary>
    Warning,
}

/// <summary>
/// A validation rule as data (STAT-01 “真实可信”): <c>Left Operator Factor × Right</c>. Left is an indicator code;
/// Right is an indicator code, a number, <see cref="PreviousMonth"/> or <see cref="SameMonthLastYear"/> (of the left
/// indicator). A rule whose operands are not all known (no value, no previous report) is not applicable and passes.
/// </summary>
public class StatRule : IProvinceWide
{
    public const string PreviousMonth = "previous_month";
    public const string SameMonthLastYear = "same_month_last_year";
    public static readonly string[] Operators = ["<=", ">=", "<", ">", "=="];

    public required string Code { get; set; }
    public required string Left { get; set; }
    public required string Operator { get; set; }
    public required string Right { get; set; }
    public decimal Factor { get; set; } = 1m;
    public RuleImportance Importance { get; set; }
    public required string Message { get; set; }
    public int SortOrder { get; set; }
    /// <summary>A rule is switched off, never deleted: start-up seeding re-adds missing seeded codes, and findings stay explainable.</summary>
    public bool Enabled { get; set; } = true;
}

public sealed record RuleResult(string Code, string Indicator, RuleImportance Importance, bool Applicable, bool Passed,
    decimal? LeftValue, decimal? RightValue, string Message, bool Commented)
{
    /// <summary>Blocks submission: a failed blocking rule, or a failed warning without a comment on the value.</summary>
    public bool Blocks => Applicable && !Passed && (Importance == RuleImportance.Blocking || !Commented);
}

/// <summary>Evaluates the rules for one report; pure, so it is tested on its own.</summary>
public static class StatRuleEngine
{
    public static IReadOnlyList<RuleResult> Evaluate(IEnumerable<StatRule> rules,
        IReadOnlyDictionary<string, decimal?> current, IReadOnlyDictionary<string, decimal?> previousMonth,
        IReadOnlyDictionary<string, decimal?> sameMonthLastYear, IReadOnlyDictionary<string, string?> comments)
    {
        var results = new List<RuleResult>();
        foreach (var r in rules.OrderBy(r => r.SortOrder).ThenBy(r => r.Code, StringComparer.Ordinal))
        {
            if (!r.Enabled) continue; // switched off by the province
            if (!current.ContainsKey(r.Left)) continue; // the indicator is not reported in this period
            var left = current.GetValueOrDefault(r.Left);
            decimal? right = r.Right switch
            {
                StatRule.PreviousMonth => previousMonth.GetValueOrDefault(r.Left),
                StatRule.SameMonthLastYear => sameMonthLastYear.GetValueOrDefault(r.Left),
                _ when decimal.TryParse(r.Right, NumberStyles.Number, CultureInfo.InvariantCulture, out var c) => c,
                _ => current.GetValueOrDefault(r.Right),
            };
            var applicable = left is not null && right is not null;
            var rightScaled = right * r.Factor;
            var passed = !applicable || Compare(left!.Value, r.Operator, rightScaled!.Value);
            var commented = !string.IsNullOrWhiteSpace(comments.GetValueOrDefault(r.Left));
            results.Add(new RuleResult(r.Code, r.Left, r.Importance, applicable, passed, left, rightScaled, r.Message, commented));
        }
        return results;
    }

    public static bool Compare(decimal left, string op, decimal right) => op switch
    {
        "<=" => left <= right,
        ">=" => left >= right,
        "<" => left < right,
        ">" => left > right,
        "==" => left == right,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "未知的比较运算符"),
    };

    /// <summary>The seeded rules (STAT-01). Cumulative indicators get one “never decreases” rule each.</summary>
    public static IReadOnlyList<StatRule> Seed(IEnumerable<Indicator> indicators)
    {
        const string C = IndicatorCatalogue.OnlineRetail;
        var rules = new List<StatRule>
        {
            new() { Code = "NEW-EC-LE-NEW", Left = IndicatorCatalogue.NewEcommerceEntities, Operator = "<=", Right = IndicatorCatalogue.NewMarketEntities,
                Importance = RuleImportance.Blocking, Message = "新增从事电商的市场主体不能多于新增市场主体。", SortOrder = 10 },
            new() { Code = "NEW-LEGAL-LE-NEW", Left = IndicatorCatalogue.NewLegalEntities, Operator = "<=", Right = IndicatorCatalogue.NewMarketEntities,
                Importance = RuleImportance.Blocking, Message = "新增法人单位不能多于新增市场主体。", SortOrder = 11 },
            new() { Code = "EC-LE-ENTITIES", Left = IndicatorCatalogue.EcommerceEnterprises, Operator = "<=", Right = IndicatorCatalogue.MarketEntities,
                Importance = RuleImportance.Blocking, Message = "电商企业数不能多于市场主体总数。", SortOrder = 20 },
            new() { Code = "RETAIL-YOY-UP", Left = C, Operator = "<=", Right = StatRule.SameMonthLastYear, Factor = 1.5m,
                Importance = RuleImportance.Warning, Message = "网络零售额比上年同月增长超过50%，请在备注中说明原因。", SortOrder = 40 },
            new() { Code = "RETAIL-YOY-DOWN", Left = C, Operator = ">=", Right = StatRule.SameMonthLastYear, Factor = 0.5m,
                Importance = RuleImportance.Warning, Message = "网络零售额比上年同月下降超过50%，请在备注中说明原因。", SortOrder = 41 },
        };
        rules.AddRange(indicators.Where(i => i.Cumulative).Select(CumulativeRule));
        return rules;
    }

    /// <summary>The “never decreases” rule of a cumulative indicator (CUM-code), for the seeded and for added indicators.</summary>
    public static StatRule CumulativeRule(Indicator i) => new()
    {
        Code = "CUM-" + i.Code, Left = i.Code, Operator = ">=", Right = StatRule.PreviousMonth, Importance = RuleImportance.Blocking,
        Message = $"{i.Name}是累计数，不能小于上{(i.PeriodType == StatPeriodType.Annual ? "年" : "月")}。", SortOrder = 30,
    };
}
