using ETown.Web.Features.Regions;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Time;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Statistics.CityReport;

/// <summary>One key indicator summed over the city's e-towns (approved data only, STAT-05).</summary>
/// <param name="MonthSum">Σ of the month's values over the e-towns that have an approved value for the month.</param>
/// <param name="YtdSum">Σ of the 1…M year-to-date values (approved months only).</param>
/// <param name="YoyYtdSum">Σ YTD over the e-towns whose both spans (this year and last year, 1…M) are complete; with <see cref="YoyYtdLastSum"/> gives <see cref="YoyPercent"/>.</param>
/// <param name="TargetYtdSum">Σ YTD over the e-towns that have an annual target; ÷ <see cref="TargetSum"/> = <see cref="CompletionPercent"/>.</param>
public sealed record CityIndicatorSummary(string Indicator, string Name, string Unit,
    decimal? MonthSum, int MonthCount, decimal? YtdSum, int YtdCount,
    decimal? YoyYtdSum, decimal? YoyYtdLastSum, int YoyCount, decimal? YoyPercent,
    decimal? TargetYtdSum, decimal? TargetSum, int TargetCount, decimal? CompletionPercent);

/// <summary>Why an e-town or a report is called out in 需要关注的问题.</summary>
public sealed record CityReportIssue(string EtownName, string CountyName, string Kind, string Text);

public sealed record CityReportData(string CityCode, string CityName, string Period, int Year, int Month, DateOnly GeneratedOn,
    decimal ElapsedPercent, IReadOnlyList<EtownDerived> Etowns, StatCompleteness Completeness,
    IReadOnlyList<CityIndicatorSummary> Summary, IReadOnlyList<CityReportIssue> Lagging, IReadOnlyList<CityReportIssue> Reporting,
    CitySupervisionMonth? Supervision = null)
{
    public string Title => $"{CityName}乡村e镇建设工作进展情况报告";
    public string PeriodLabel => $"{Year}年{Month}月";
    public string IssuingBody => $"{CityName}商务局";
    public int ApprovedCount => Etowns.Count(e => e.Approved);
}

/// <summary>
/// SUP-07: the city's monthly 《XX市乡村e镇建设工作进展情况报告》 (issue #4 item 8). Figures come only from
/// county-approved (or later) reports (STAT-05, <c>ScopeAsync(approvedOnly: true)</c>); completeness from
/// <see cref="StatisticsService.ListAsync"/> (STAT-02). The .docx (<see cref="CityReportDocx"/>) states only numbers
/// that the .xlsx annex (<see cref="CityReportXlsx"/>) carries or that are sums/ratios of its columns.
/// </summary>
public sealed class CityMonthlyReport(StatAnalyticsService analytics, StatisticsService statistics, Caller caller, RegionDirectory regions, TimeProvider clock,
    Authorizer auth, EtownDb db, IEnumerable<ICitySupervisionFigures> supervision)
{
    /// <summary>The indicators summarised in 总体情况 (in this order).</summary>
    public static readonly string[] KeyIndicators =
        [IndicatorCatalogue.OnlineRetail, IndicatorCatalogue.TotalOutput, IndicatorCatalogue.NewMarketEntities, IndicatorCatalogue.NewInvestment];

    /// <summary>The programme standard checks reported in 建设标准监测.</summary>
    public static readonly string[] MonitoredChecks = ["STD-60", "STD-36", "STD-33"];

    /// <summary>Lagging: target completion below the elapsed share of the year (M/12) by more than this many points.</summary>
    public const decimal LagPoints = 10m;

    /// <summary>
    /// The report's data. Province: any city; city: only its own (another city → 403, like a county or an operator,
    /// who may not generate the city's document at all).
    /// </summary>
    public async Task<CityReportData> BuildAsync(string? cityCode, string period, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.CityReportGenerate);
        var city = regions.Find(cityCode) is { Level: RegionLevel.City } c ? c
            : throw new DomainException(StatisticsErrors.BadCityCode, $"不是山西省的市级行政区划代码：{cityCode}。", 400);
        auth.Require(CityOperations.GenerateReport, new CityResource(city.Code));
        var prefix = DataScope.CityPrefixOf(city.Code);
        var p = StatPeriod.Parse(period);

        var etowns = await analytics.ScopeAsync(p.ToString(), approvedOnly: true, city.Code, ct);
        var list = await statistics.ListAsync(p.ToString(), ct);
        var rows = list.Rows.Where(r => r.CountyCode.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var completeness = new StatCompleteness(list.Period, list.DueOn, rows.Count, rows.Count(r => r.Status >= StatReportStatus.Submitted),
            rows.Count(r => r.Status >= StatReportStatus.Submitted && r.OnTime == true), rows);

        var elapsed = Math.Round(p.Month * 100m / 12m, 1, MidpointRounding.AwayFromZero);
        var summary = KeyIndicators.Select(i => Summarise(i, etowns)).Where(s => s is not null).Select(s => s!).ToList();
        var today = clock.ChinaToday();
        // Supervision figures of the month (issue #11 item 6) through the port; none when the module is not deployed.
        CitySupervisionMonth? sup = null;
        if (supervision.FirstOrDefault() is { } figures)
        {
            await using var ctx = db.Create(caller);
            sup = await figures.ForMonthAsync(ctx, city.Code, p.Year, p.Month, ct);
        }
        return new CityReportData(city.Code, city.Name, p.ToString(), p.Year, p.Month, today, elapsed, etowns, completeness,
            summary, Lagging(etowns, elapsed), [.. Reporting(rows), .. Incomplete(etowns, p.Month)], sup);
    }

    static CityIndicatorSummary? Summarise(string indicator, IReadOnlyList<EtownDerived> etowns)
    {
        var figures = etowns.Select(e => e.Figure(indicator)).Where(f => f is not null).Select(f => f!).ToList();
        var any = figures.FirstOrDefault();
        if (any is null) return null;
        var month = figures.Where(f => f.Month is not null).ToList();
        var ytd = figures.Where(f => f.YearToDate is not null).ToList();
        var yoy = figures.Where(f => f.YtdYoyPercent is not null).ToList();
        var target = figures.Where(f => f.AnnualTarget is > 0 && f.YearToDate is not null).ToList();
        decimal? Sum(List<DerivedFigure> l, Func<DerivedFigure, decimal?> v) => l.Count == 0 ? null : l.Sum(f => v(f)!.Value);
        var yoyNow = Sum(yoy, f => f.YearToDate);
        var yoyLast = Sum(yoy, f => f.YearToDateLastYear);
        var tYtd = Sum(target, f => f.YearToDate);
        var tSum = Sum(target, f => f.AnnualTarget);
        return new(indicator, Short(any.Name), any.Unit, Sum(month, f => f.Month), month.Count, Sum(ytd, f => f.YearToDate), ytd.Count,
            yoyNow, yoyLast, yoy.Count, DerivedCalculator.Growth(yoyNow, yoyLast),
            tYtd, tSum, target.Count, DerivedCalculator.Percent(tYtd, tSum));
    }

    /// <summary>E-towns behind schedule on a key indicator's target, or missing a monitored standard check.</summary>
    static List<CityReportIssue> Lagging(IReadOnlyList<EtownDerived> etowns, decimal elapsed)
    {
        var issues = new List<CityReportIssue>();
        foreach (var e in etowns)
        {
            foreach (var f in KeyIndicators.Select(e.Figure).Where(f => f?.TargetCompletionPercent is not null))
                if (f!.TargetCompletionPercent < elapsed - LagPoints)
                    issues.Add(new(e.EtownName, e.CountyName, "目标进度滞后",
                        $"{Short(f.Name)}本年累计 {Num(f.YearToDate)} {f.Unit}，完成年度目标 {Num(f.AnnualTarget)} {f.Unit} 的 {Pct(f.TargetCompletionPercent)}，低于时间进度 {Pct(elapsed)} 超过 {LagPoints:0} 个百分点"));
            foreach (var c in e.Checks.Where(c => c.Met == false && (MonitoredChecks.Contains(c.Rule) || c.Rule == "STD-37")))
                issues.Add(new(e.EtownName, e.CountyName, "建设标准未达标", $"{c.Rule}（{c.Label}）未达标：{c.Basis}"));
        }
        return issues;
    }

    /// <summary>Reports not received, received late, or not yet county-approved (their data are left out of the figures).</summary>
    static List<CityReportIssue> Reporting(IReadOnlyList<StatListRow> rows)
    {
        var issues = new List<CityReportIssue>();
        foreach (var r in rows)
        {
            if (r.Status is null or StatReportStatus.Draft)
                issues.Add(new(r.EtownName, r.CountyName, "未报送",
                    $"本月报表{(r.Status is null ? "未填报" : "填报中、尚未报送")}（截止 {r.DueOn:yyyy-MM-dd}{(r.Overdue ? "，已逾期" : "")}），数据未计入本报告"));
            else
            {
                if (r.OnTime == false) issues.Add(new(r.EtownName, r.CountyName, "逾期报送", $"本月报表逾期报送（截止 {r.DueOn:yyyy-MM-dd}）"));
                if (r.Status == StatReportStatus.Submitted)
                    issues.Add(new(r.EtownName, r.CountyName, "未经县级审核", "本月报表已报送但尚未经县级审核，数据未计入本报告"));
            }
        }
        return issues;
    }

    /// <summary>E-towns whose year-to-date covers fewer approved months than 1…M (an earlier month is missing or unapproved).</summary>
    static IEnumerable<CityReportIssue> Incomplete(IReadOnlyList<EtownDerived> etowns, int month) =>
        from e in etowns
        let f = KeyIndicators.Select(e.Figure).FirstOrDefault(f => f is { Aggregation: StatAggregation.Sum, YearToDate: not null } && f.YtdMonths < month)
        where f is not null
        select new CityReportIssue(e.EtownName, e.CountyName, "累计数据不完整",
            $"1–{month}月中仅 {f.YtdMonths} 个月有经县级审核的数据，本年累计按已审核月份计算，未审核月份未计入");

    /// <summary>The indicator's name without the entry form's “（当月）”, for sentences about sums.</summary>
    internal static string Short(string name) => name.Replace("（当月）", "", StringComparison.Ordinal);

    internal static string Num(decimal? v) => v is { } d ? d.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) : "—";
    internal static string Pct(decimal? v) => v is { } d ? d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
