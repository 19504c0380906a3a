using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
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

/// <summary>
/// The statistics dashboards (issue #4 item 7). Every figure comes from scoped queries (the caller's <c>DataScope</c>
/// through <see cref="EtownDb.Create"/>, or the scoped <see cref="StatisticsService"/>), so a city sees only its
/// e-towns, a county its own, an operator its assigned ones. Each result maps to a <see cref="ChartData"/> in
/// <see cref="DashboardCharts"/> for the chart, the table view and the .xlsx export alike.
/// </summary>
public sealed class DashboardService(EtownDb db, Caller caller, RegionDirectory regions, StatisticsService statistics, TimeProvider clock)
{
    public const string LevelCity = "city";
    public const string LevelCounty = "county";

    /// <summary>Share in percent with one decimal; none when nothing was expected.</summary>
    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>The month the dashboard opens on: the latest month with any report in scope, at most last month.</summary>
    public async Task<string> DefaultPeriodAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var last = new StatPeriod(now.Year, now.Month).Previous.ToString();
        await using var ctx = db.Create(caller);
        var latest = await ctx.StatReports.AsNoTracking().Where(r => string.Compare(r.Period, last) <= 0)
            .OrderByDescending(r => r.Period).Select(r => r.Period).FirstOrDefaultAsync(ct);
        return latest ?? last;
    }

    /// <summary>The city code ("140900") of a county code, from the region tree.</summary>
    public string CityOf(string countyCode) => regions.Find(countyCode)?.ParentCode ?? countyCode[..4] + "00";

    /// <summary>
    /// STAT-02 completeness of one month: expected / received (submitted or later) / on time, as in the report list
    /// (<see cref="StatisticsService.ListAsync"/> is the one definition), grouped by city for the province and by county otherwise.
    /// </summary>
    public async Task<CompletenessView> CompletenessAsync(string period, CancellationToken ct = default)
    {
        var list = await statistics.ListAsync(period, ct);
        var level = caller.Scope.All ? LevelCity : LevelCounty;
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
    /// Expected are the e-towns of the report list (neither withdrawn nor merely declared), received and on time as in
    /// <see cref="CompletenessAsync"/>. <paramref name="cityCode"/> narrows to one city inside the caller's scope.
    /// </summary>
    public async Task<CompletenessTrendView> CompletenessTrendAsync(string period, string? cityCode = null, int months = 12, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var to = StatPeriod.Parse(period);
        RequireCity(cityCode);
        months = Math.Clamp(months, 1, 60);
        var periods = new List<StatPeriod> { to };
        while (periods.Count < months) periods.Insert(0, periods[0].Previous);
        var keys = periods.Select(p => p.ToString()).ToList();
        await using var ctx = db.Create(caller);
        var towns = (await ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared)
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
