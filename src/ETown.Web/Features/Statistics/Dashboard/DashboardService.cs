using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics.Dashboard;

/// <summary>Reporting completeness of one area (a city, or a county for a city user) for one month (STAT-02).</summary>
public sealed record AreaCompletenessRow(string Code, string Name, int Expected, int Received, int OnTime, decimal? ReceivedPercent, decimal? OnTimePercent);

/// <summary>Completeness of one month in the caller's scope, split by city (province) or by county (everyone else).</summary>
public sealed record CompletenessView(string Period, DateOnly DueOn, string AreaLevel, int Expected, int Received, int OnTime,
    decimal? ReceivedPercent, decimal? OnTimePercent, IReadOnlyList<AreaCompletenessRow> Areas);

public sealed record CompletenessMonth(string Period, int Expected, int Received, int OnTime, decimal? ReceivedPercent, decimal? OnTimePercent);

/// <summary>Completeness of the twelve months up to a month, for the caller's scope or one city of it.</summary>
public sealed record CompletenessTrendView(string From, string To, string? CityCode, IReadOnlyList<CompletenessMonth> Months);

/// <summary>What a ranking ranks: the year-to-date value, its year-on-year growth, or the completion of the annual target.</summary>
public enum RankingMeasure { Ytd, Yoy, Target }

/// <summary>
/// One e-town in a ranking. <c>Rank</c> is null when it has no value (it is listed last). <c>Approved</c> false: the figure
/// rests on data not yet approved by the county (marked “未审核”).
/// </summary>
public sealed record RankingRow(int? Rank, Guid EtownId, string EtownName, string CountyName, string CityName, decimal? Value,
    decimal? YearToDate, int YtdMonths, decimal? YearToDateLastYear, decimal? AnnualTarget, string? TargetSource, bool Approved, string StatusLabel);

public sealed record RankingView(string Period, string Indicator, string IndicatorName, string IndicatorUnit, RankingMeasure Measure,
    string MeasureLabel, string Unit, bool ApprovedOnly, string? CityCode, IReadOnlyList<RankingRow> Rows);

/// <summary>Monthly values and year-to-date of one indicator of one e-town.</summary>
public sealed record EtownTrendView(Guid EtownId, string EtownName, string Indicator, string IndicatorName, string Unit,
    StatAggregation Aggregation, string From, string To, bool ApprovedOnly, IReadOnlyList<TrendPoint> Points);

/// <summary>How many e-towns meet one programme standard check (STD-60, STD-36, STD-33 …) in the month, and which.</summary>
public sealed record StandardSummaryRow(string Rule, string Label, int Met, int NotMet, int Unknown,
    IReadOnlyList<string> MetEtowns, IReadOnlyList<string> NotMetEtowns, IReadOnlyList<string> UnknownEtowns);

public sealed record StandardsView(string Period, bool ApprovedOnly, string? CityCode, int Etowns, IReadOnlyList<StandardSummaryRow> Rules);

public sealed record EtownOption(Guid Id, string Name, string CountyName);

/// <summary>
/// The statistics dashboards (issue #4 item 7). Every figure comes from scoped queries (the caller's <c>DataScope</c>
/// through <see cref="EtownDb.Create"/>, or the scoped <see cref="StatisticsService"/>), so a city sees only its
/// e-towns, a county its own, an operator its assigned ones. Each result maps to a <see cref="ChartData"/> in
/// <see cref="DashboardCharts"/> for the chart, the table view and the .xlsx export alike.
/// </summary>
public sealed class DashboardService(EtownDb db, Caller caller, RegionDirectory regions, StatisticsService statistics,
    StatAnalyticsService analytics, TimeProvider clock)
{
    public const string LevelCity = "city";
    public const string LevelCounty = "county";

    /// <summary>Share in percent with one decimal; none when nothing was expected.</summary>
    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>The month the dashboard opens on: the latest month with any report in scope, at most last month.</summary>
    public async Task<string> DefaultPeriodAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var last = StatPeriod.Current(clock).Previous.ToString();
        await using var ctx = db.Create(caller);
        var latest = await ctx.StatReports.AsNoTracking().Where(r => r.Period.Length == 7 && string.Compare(r.Period, last) <= 0)
            .OrderByDescending(r => r.Period).Select(r => r.Period).FirstOrDefaultAsync(ct);
        return latest ?? last;
    }

    /// <summary>The dashboards are monthly: a "YYYY-MM" month (the annual report "YYYY" has its own list).</summary>
    static StatPeriod Month(string? period, string field = "period")
    {
        var p = StatPeriod.Parse(period);
        if (!p.IsAnnual) return p;
        var errors = new FieldErrors();
        errors.Add(field, "统计分析看板按月统计，请写作“YYYY-MM”，例如 2025-11。");
        errors.ThrowIfAny();
        return p;
    }

    /// <summary>The city code ("140900") of a county code, from the region tree.</summary>
    public string CityOf(string countyCode) => regions.Find(countyCode)?.ParentCode ?? countyCode[..4] + "00";

    /// <summary>
    /// STAT-02 completeness of one month: expected / received (submitted or later) / on time, as in the report list
    /// (<see cref="StatisticsService.ListAsync"/> is the one definition), grouped by city for the province and by county otherwise.
    /// </summary>
    public async Task<CompletenessView> CompletenessAsync(string period, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var list = await statistics.ListAsync(Month(period).ToString(), ct);
        var level = caller.Scope.IsProvince ? LevelCity : LevelCounty;
        var areas = list.Rows
            .GroupBy(r => level == LevelCity ? CityOf(r.CountyCode) : r.CountyCode)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                int expected = g.Count(), received = g.Count(Received), onTime = g.Count(r => Received(r) && r.OnTime == true);
                return new AreaCompletenessRow(g.Key, regions.NameOf(g.Key), expected, received, onTime, Percent(received, expected), Percent(onTime, expected));
            }).ToList();
        return new CompletenessView(list.Period, list.DueOn, level, list.Expected, list.Received, list.OnTime,
            Percent(list.Received, list.Expected), Percent(list.OnTime, list.Expected), areas);

        static bool Received(StatListRow r) => r.Status >= StatReportStatus.Submitted;
    }

    /// <summary>
    /// Completeness of the <paramref name="months"/> months ending with <paramref name="period"/>, in one query of reports.
    /// Expected are the e-towns of the report list (reporting, assigned the monthly data set), received and on time as in
    /// <see cref="CompletenessAsync"/>. <paramref name="cityCode"/> narrows to one city inside the caller's scope.
    /// </summary>
    public async Task<CompletenessTrendView> CompletenessTrendAsync(string period, string? cityCode = null, int months = 12, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var to = Month(period);
        RequireCity(cityCode);
        months = Math.Clamp(months, 1, 60);
        var periods = new List<StatPeriod> { to };
        while (periods.Count < months) periods.Insert(0, periods[0].Previous);
        var keys = periods.Select(p => p.ToString()).ToList();
        await using var ctx = db.Create(caller);
        // Expected as in the report list: reporting e-towns assigned the monthly data set.
        var towns = (await ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared
                    && ctx.StatDataSetAssignments.Any(a => a.EtownId == e.Id && a.DataSetCode == StatDataSet.Monthly))
                .Select(e => new { e.Id, e.CountyCode }).ToListAsync(ct))
            .Where(e => cityCode is null || CityOf(e.CountyCode) == cityCode).Select(e => e.Id).ToHashSet();
        var reports = await ctx.StatReports.AsNoTracking().Where(r => keys.Contains(r.Period)).ToListAsync(ct);
        var rows = keys.Select(k =>
        {
            var mine = reports.Where(r => r.Period == k && towns.Contains(r.EtownId) && r.Status >= StatReportStatus.Submitted).ToList();
            int expected = towns.Count, received = mine.Count, onTime = mine.Count(r => r.OnTime == true);
            return new CompletenessMonth(k, expected, received, onTime, Percent(received, expected), Percent(onTime, expected));
        }).ToList();
        return new CompletenessTrendView(keys[0], keys[^1], cityCode, rows);
    }

    // ------------------------------------------------------------------ derived figures (StatAnalyticsService)

    public static string MeasureLabel(RankingMeasure m) => m switch
    {
        RankingMeasure.Ytd => "本年累计",
        RankingMeasure.Yoy => "累计同比增速",
        RankingMeasure.Target => "年度目标完成率",
        _ => m.ToString(),
    };

    /// <summary>"ytd", "yoy" or "target" (any case); anything else is a 400 naming the field.</summary>
    public static RankingMeasure ParseMeasure(string? measure)
    {
        switch (measure?.Trim().ToLowerInvariant())
        {
            case null or "" or "ytd": return RankingMeasure.Ytd;
            case "yoy": return RankingMeasure.Yoy;
            case "target": return RankingMeasure.Target;
        }
        var errors = new FieldErrors();
        errors.Add("measure", "排名口径只能是 ytd（本年累计）、yoy（累计同比增速）或 target（年度目标完成率）。");
        errors.ThrowIfAny();
        return default;
    }

    /// <summary>The e-towns the caller may chart (those expected to report), for the trend's e-town choice.</summary>
    public async Task<IReadOnlyList<EtownOption>> EtownsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        await using var ctx = db.Create(caller);
        return (await ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared)
                .OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct))
            .Select(e => new EtownOption(e.Id, e.Name, regions.NameOf(e.CountyCode))).ToList();
    }

    async Task<Indicator> IndicatorAsync(string? code, CancellationToken ct)
    {
        await using var ctx = db.Create(caller);
        var indicator = code is null ? null : await ctx.StatIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null)
        {
            var errors = new FieldErrors();
            errors.Add("indicator", $"未知的统计指标：{code}。");
            errors.ThrowIfAny();
        }
        return indicator!;
    }

    /// <summary>
    /// Ranks the e-towns in scope (optionally one city) by one indicator's year-to-date value, its year-on-year growth,
    /// or the completion of its annual target, highest first; e-towns without a value follow, unranked. Equal values
    /// share a rank (1, 1, 3). Figures on unapproved data stay in, marked, unless <paramref name="approvedOnly"/>.
    /// </summary>
    public async Task<RankingView> RankingAsync(string period, string indicator, RankingMeasure measure, string? cityCode = null,
        bool approvedOnly = false, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = Month(period).ToString();
        RequireCity(cityCode);
        var ind = await IndicatorAsync(indicator, ct);
        var towns = await analytics.ScopeAsync(p, approvedOnly, cityCode, ct);
        var rows = towns.Select(t =>
        {
            var f = t.Figures.FirstOrDefault(x => x.Indicator == ind.Code);
            decimal? value = measure switch
            {
                RankingMeasure.Ytd => f?.YearToDate,
                RankingMeasure.Yoy => f?.YtdYoyPercent,
                _ => f?.TargetCompletionPercent,
            };
            return (Town: t, Figure: f, Value: value);
        })
        .OrderBy(x => x.Value is null).ThenByDescending(x => x.Value).ThenBy(x => x.Town.EtownName, StringComparer.Ordinal).ToList();
        var ranked = new List<RankingRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (t, f, v) = rows[i];
            int? rank = v is null ? null : i > 0 && rows[i - 1].Value == v ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankingRow(rank, t.EtownId, t.EtownName, t.CountyName, t.CityName, v, f?.YearToDate, f?.YtdMonths ?? 0,
                f?.YearToDateLastYear, f?.AnnualTarget, f?.TargetSource, f?.Approved ?? t.Approved, t.StatusLabel));
        }
        return new RankingView(p, ind.Code, ind.Name, ind.Unit, measure, MeasureLabel(measure), measure == RankingMeasure.Ytd ? ind.Unit : "%",
            approvedOnly, cityCode, ranked);
    }

    /// <summary>
    /// The monthly values and year-to-date of one indicator of one e-town from <paramref name="from"/> to <paramref name="to"/>
    /// (at most 120 months; default the 24 months up to the dashboard's month). With <paramref name="approvedOnly"/> the
    /// points not yet county-approved are left empty instead of marked.
    /// </summary>
    public async Task<EtownTrendView> TrendAsync(Guid etownId, string indicator, string? from = null, string? to = null, bool approvedOnly = false,
        CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var end = Month(to ?? await DefaultPeriodAsync(ct), "to");
        var start = from is null ? Back(end, 23) : Month(from, "from");
        var months = (end.Year - start.Year) * 12 + end.Month - start.Month + 1;
        if (months is < 1 or > 120)
        {
            var errors = new FieldErrors();
            errors.Add("from", "起始月份应不晚于截止月份，且区间不超过 120 个月。");
            errors.ThrowIfAny();
        }
        var ind = await IndicatorAsync(indicator, ct);
        string name;
        await using (var ctx = db.Create(caller))
            name = await ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId).Select(e => e.Name).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("e镇");
        var points = await analytics.TrendAsync(etownId, ind.Code, start.ToString(), end.ToString(), ct);
        if (approvedOnly) points = points.Select(x => x.Approved ? x : x with { Value = null, YearToDate = null }).ToList();
        return new EtownTrendView(etownId, name, ind.Code, ind.Name, ind.Unit, ind.Aggregation, start.ToString(), end.ToString(), approvedOnly, points);

        static StatPeriod Back(StatPeriod p, int n) { for (var i = 0; i < n; i++) p = p.Previous; return p; }
    }

    /// <summary>For each programme standard check of the month (STD-60, STD-36, STD-33 …): how many e-towns in scope meet it, miss it, or cannot be judged yet.</summary>
    public async Task<StandardsView> StandardsAsync(string period, string? cityCode = null, bool approvedOnly = false, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = Month(period).ToString();
        RequireCity(cityCode);
        var towns = await analytics.ScopeAsync(p, approvedOnly, cityCode, ct);
        var checks = towns.SelectMany(t => t.Checks.Select(c => (t.EtownName, Check: c))).ToList();
        var rules = checks.GroupBy(c => c.Check.Rule).Select(g =>
        {
            List<string> Of(bool? met) => g.Where(c => c.Check.Met == met).Select(c => c.EtownName).ToList();
            var (met, notMet, unknown) = (Of(true), Of(false), Of(null));
            return new StandardSummaryRow(g.Key, g.First().Check.Label, met.Count, notMet.Count, unknown.Count, met, notMet, unknown);
        }).ToList();
        return new StandardsView(p, approvedOnly, cityCode, towns.Count, rules);
    }

    /// <summary>A city filter must be a city code; outside the caller's scope it simply finds nothing.</summary>
    void RequireCity(string? cityCode)
    {
        if (cityCode is null) return;
        if (regions.Find(cityCode) is not { Level: RegionLevel.City })
        {
            var errors = new FieldErrors();
            errors.Add("cityCode", $"“{cityCode}”不是设区市的行政区划代码（例如 140400）。");
            errors.ThrowIfAny();
        }
    }
}
