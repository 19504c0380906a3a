using System.Globalization;
using ETown.Web.Features.Regions;

namespace ETown.Web.Features.Standards;

/// <summary>
/// Where a rule of the domain catalogue sits in a standard version: the item and the condition (indicator, value or
/// growth) that decides it. STD-60 is item 37's share condition (P §四(二) is judged with item 37).
/// </summary>
public sealed record StandardRule(string RuleId, int Item, string Indicator, bool Growth)
{
    public static readonly StandardRule Std33Output = new("STD-33", 33, Indicators.TotalOutput, false);
    public static readonly StandardRule Std33Growth = new("STD-33", 33, Indicators.TotalOutput, true);
    public static readonly StandardRule Std35Investment = new("STD-35", 35, Indicators.TotalInvestment, false);
    public static readonly StandardRule Std36Retail = new("STD-36", 36, Indicators.OnlineRetail, false);
    public static readonly StandardRule Std36Growth = new("STD-36", 36, Indicators.OnlineRetail, true);
    public static readonly StandardRule Std37NewEntities = new("STD-37", 37, Indicators.NewLegalEntities, false);
    public static readonly StandardRule Std60EcommerceShare = new("STD-60", 37, Indicators.NewEntitiesEcommercePct, false);

    /// <summary>This rule's condition in a version's items; null when the version sets none (then the rule does not apply).</summary>
    public MeasureCondition? In(IEnumerable<StandardItem>? items) =>
        items?.Where(i => i.Number == Item && i.Kind == ItemKind.Measured)
            .SelectMany(i => i.Spec.AnyOf.SelectMany(g => g))
            .FirstOrDefault(c => c.Indicator == Indicator && c.Growth == Growth);
}

/// <summary>
/// One comparison of a measured standard condition: the threshold it set (null when none could be set), how the
/// requirement reads, the verdict, and — when it could not be compared — why not.
/// </summary>
public sealed record Judgement(Verdict Verdict, decimal? Threshold, string Requirement, string? Reason)
{
    public bool? Passed => Verdict switch { Verdict.Met => true, Verdict.NotMet => false, _ => null };
}

/// <summary>
/// The one implementation of the measured standard thresholds (issue #9 item 5): the compliance view
/// (<see cref="ComplianceEngine"/>), the eligibility warnings on declared targets and the statistics dashboard checks all
/// hand it the condition of the version in force and the measured value, so a variant (e.g. KL-2022) changes all three.
/// Pure. Values are compared unrounded; rounding is for display only.
/// </summary>
public static class StandardJudge
{
    /// <summary>Judges one condition. <paramref name="relativeValue"/>: the related indicator's value (STD-33: the city's
    /// average growth); <paramref name="declarationTarget"/>: the e-town's declared target (item 38).</summary>
    public static Judgement Judge(MeasureCondition c, CountyClass? cls, decimal? actual, decimal? relativeValue = null, decimal? declarationTarget = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ind = Indicators.Get(c.Indicator);
        var what = What(c);
        var unit = Unit(c);
        decimal? threshold;
        string requirement;
        if (c.AgainstDeclarationTarget)
        {
            threshold = declarationTarget;
            requirement = threshold is null ? "≥ 申报目标（未填）" : $"≥ 申报目标 {F(threshold.Value)} {unit}";
        }
        else if (c.RelativeTo is { } rel)
        {
            var relInd = Indicators.Get(rel);
            threshold = relativeValue is null ? null : relativeValue + (c.Value ?? 0);
            requirement = $"{Op(c.Op)} {relInd.Label} + {F(c.Value ?? 0)} 个百分点" + (threshold is null ? "（所在市数据未录入）" : $" = {F(threshold.Value)}{unit}");
        }
        else if (c.ByClass is { } byClass)
        {
            if (cls is not { } k)
                return new(Verdict.EvidencePending, null, "按县域类别（未定）", $"{what}：县域类别未定，无法确定标准");
            threshold = byClass.For(k);
            if (threshold is null)
                return new(Verdict.NotApplicable, null, "", $"本版本未规定{Region.ClassLabel(k)}的{what}标准");
            requirement = $"{Op(c.Op)} {F(threshold.Value)} {unit}（{Region.ClassLabel(k)}）";
        }
        else
        {
            threshold = c.Value;
            requirement = c.Op == "between" ? $"{F(c.Value ?? 0)}–{F(c.Max ?? 0)} {unit}" : $"{Op(c.Op)} {F(c.Value ?? 0)} {unit}";
        }
        if (actual is not { } a)
            return new(Verdict.EvidencePending, threshold, requirement, $"{what}：缺少数据");
        if (threshold is null && c.Op != "between")
            return new(Verdict.EvidencePending, null, requirement, $"{what}：{requirement}");
        return new(Passes(c.Op, a, threshold, c.Value, c.Max) ? Verdict.Met : Verdict.NotMet, threshold, requirement, null);
    }

    /// <summary>Judges a rule against a version's items; a version without the rule's condition makes it not applicable.</summary>
    public static Judgement Judge(StandardRule rule, IEnumerable<StandardItem>? items, CountyClass? cls, decimal? actual,
        decimal? relativeValue = null, decimal? declarationTarget = null) =>
        rule.In(items) is { } c ? Judge(c, cls, actual, relativeValue, declarationTarget)
            : new(Verdict.NotApplicable, null, "", $"适用的建设标准版本未规定第 {rule.Item} 项的该指标");

    /// <summary>
    /// The comparison operator as the compliance engine has always read it (">=" default, ">" strict, "&lt;=", "between"
    /// inclusive). Whether STD-33's "高于…2个百分点" is ≥ or &gt; is the version's data, not decided here: the 2022
    /// versions say "≥" (K line 6 "2个百分点以上", issue #14 item 1).
    /// </summary>
    public static bool Passes(string op, decimal actual, decimal? threshold, decimal? min = null, decimal? max = null) => op switch
    {
        ">" => actual > threshold!.Value,
        "<=" => actual <= threshold!.Value,
        "between" => actual >= (min ?? decimal.MinValue) && actual <= (max ?? decimal.MaxValue),
        _ => actual >= threshold!.Value,
    };

    /// <summary>Year-on-year growth in percent, unrounded (compare this; round only to show it).</summary>
    public static decimal? Growth(decimal? now, decimal? before) =>
        now is { } a && before is { } b && b != 0 ? (a - b) / b * 100m : null;

    /// <summary>A share in percent, unrounded (STD-60).</summary>
    public static decimal? Share(decimal? part, decimal? whole) =>
        part is { } a && whole is { } b && b != 0 ? a / b * 100m : null;

    /// <summary>"年网络零售额同比增长率" / "年网络零售额".</summary>
    public static string What(MeasureCondition c)
    {
        var ind = Indicators.Get(c.Indicator);
        return c.Growth ? $"{ind.Label}同比增长率" : ind.Label;
    }

    public static string Unit(MeasureCondition c) => c.Growth ? "%" : Indicators.Get(c.Indicator).Unit;

    /// <summary>How the comparison reads: "≥", "&gt;", "≤", "介于".</summary>
    public static string Op(string op) => op switch { ">" => ">", "<=" => "≤", "between" => "介于", _ => "≥" };

    /// <summary>How the comparison reads in a sentence: "不少于" ("不低于" for a rate), "高于", "不超过".</summary>
    public static string OpWords(string op, bool rate = false) => op switch
    {
        ">" => "高于", "<=" => "不超过", "between" => "介于", _ => rate ? "不低于" : "不少于",
    };

    internal static string F(decimal v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);
}
