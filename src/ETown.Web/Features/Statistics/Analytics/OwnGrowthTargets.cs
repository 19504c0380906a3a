using ETown.Web.Features.Standards;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Statistics.Analytics;

/// <summary>A county's own growth target relative to the city average, from its filed cultivation plan (PLAN-03).</summary>
public sealed record OwnGrowthTarget(string Indicator, decimal PointsAboveCity, int? FromYear, string? Source);

/// <summary>
/// The e-towns' own growth targets "高于所在市平均水平 N 个百分点" (潞城 001 line 173; issue #14 item 13). Produced by the plans
/// module (the filed cultivation plan's targets); the statistics target views judge them. No producer: no such targets.
/// </summary>
public interface IOwnGrowthTargets
{
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<OwnGrowthTarget>>> ForEtownsAsync(EtownDbContext ctx, IReadOnlyCollection<Guid> etownIds, CancellationToken ct);
}

/// <summary>How an own growth target is judged: the e-town's year-to-date growth against the city's growth of the same indicator + N.</summary>
public static class OwnGrowthTargets
{
    /// <summary>The indicators a growth target may name (the city enters its official growth for them).</summary>
    public static readonly IReadOnlySet<string> Indicators = new HashSet<string>(StringComparer.Ordinal) { IndicatorCatalogue.OnlineRetail, IndicatorCatalogue.TotalOutput };

    /// <summary>Rule of the check: a declared target, judged as targets are (DECL-09; rules.md "Target, L").</summary>
    public const string Rule = "DECL-09";

    /// <summary>
    /// "高于所在市平均水平 5 个百分点" read as STD-33's "2个百分点以上" is (issue #14 item 1): exactly N points above meets it.
    /// Compared unrounded; a missing or single-town city average is not judged (as STD-33, issue #14 item 2).
    /// </summary>
    public static StandardCheck Check(StatPeriod p, OwnGrowthTarget t, DerivedFigure? f, decimal? cityGrowth, string cityGrowthBasis)
    {
        var span = p.Month == 12 ? $"{p.Year}年全年" : $"{p.Year}年1–{p.Month}月累计";
        var name = f?.Name ?? t.Indicator;
        var growth = f?.YtdYoyPercent is null ? null : StandardJudge.Growth(f.YearToDate, f.YearToDateLastYear);
        decimal? threshold = cityGrowth is { } c ? c + t.PointsAboveCity : null;
        bool? met = growth is { } g && threshold is { } th ? g >= th : null;
        var pp = t.PointsAboveCity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        var basis = growth is null ? $"{span}或上年同期数据不全，无法计算增速"
            : cityGrowth is null ? (string.IsNullOrEmpty(cityGrowthBasis) ? "所在市平均增速未知" : cityGrowthBasis)
            : $"{span}：增速 {growth:0.0}%，所在市平均 {cityGrowth:0.0}%（{cityGrowthBasis}）+ {pp}";
        return new(Rule, $"本镇目标：{name}同比增速高于所在市平均 {pp} 个百分点以上（含）" + (t.Source is null ? "" : $"（{t.Source}）"),
            f?.YtdYoyPercent, threshold is { } x ? Math.Round(x, 2, MidpointRounding.AwayFromZero) : null, met, basis);
    }
}
