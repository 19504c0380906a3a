using System.Diagnostics;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Features.Statistics.Dashboard;
using ETown.Web.Platform.Auth;

namespace ETown.Bench.Scenarios;

/// <summary>
/// Issue #4: "the province dashboard query over 5 years of such data". Run after <see cref="FiveYearHistoryScenario"/>
/// (e.g. <c>history dashboard</c>). Measures, with the province-wide scope (the system caller sees what the province
/// sees), (1) one complete dashboard page load for the latest month — completeness per city, the 12-month completeness
/// trend, ranking by YTD and by target completion, the standard checks, one e-town's trend over all the years — and
/// (2) the derived figures of every e-town for every month of the history (one <c>ScopeAsync</c> per month).
/// </summary>
public sealed class DashboardScenario : IScenario
{
    public string Name => "dashboard";
    public string Description => "省级看板查询（多年数据）";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchWorld world, CancellationToken ct)
    {
        var o = world.Options;
        var caller = Caller.System();
        var statistics = new StatisticsService(world.Db, caller, world.Regions, world.Calendar, world.Clock, world.Authorizer(caller));
        // The bench world files no plans, so no e-town has its own growth target (#14 item 13): none to read.
        var analytics = new StatAnalyticsService(world.Db, caller, world.Regions, world.Clock, world.Authorizer(caller), []);
        var dashboard = new DashboardService(world.Db, caller, world.Regions, statistics, analytics, world.Clock);
        var last = new StatPeriod(o.Year, 12).ToString();
        var first = new StatPeriod(o.Year - o.HistoryYears + 1, 1).ToString();
        var town = world.Towns[0].Id;

        async Task PageLoadAsync()
        {
            await dashboard.CompletenessAsync(last, ct);
            await dashboard.CompletenessTrendAsync(last, null, 12, ct);
            await dashboard.RankingAsync(last, IndicatorCatalogue.OnlineRetail, RankingMeasure.Ytd, null, false, ct);
            await dashboard.RankingAsync(last, IndicatorCatalogue.OnlineRetail, RankingMeasure.Target, null, false, ct);
            await dashboard.StandardsAsync(last, null, false, ct);
            await dashboard.TrendAsync(town, IndicatorCatalogue.OnlineRetail, first, last, false, ct);
        }

        await PageLoadAsync(); // unmeasured: JIT and query compilation
        var loads = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            await PageLoadAsync();
            loads.Add(sw.Elapsed);
        }
        loads.Sort();
        Console.WriteLine($"   page loads (s): {string.Join(" / ", loads.Select(l => l.TotalSeconds.ToString("0.000")))}");

        var sweep = Stopwatch.StartNew();
        var months = 0;
        long figures = 0;
        for (var p = StatPeriod.Parse(first); string.CompareOrdinal(p.ToString(), last) <= 0; p = p.Next)
        {
            var rows = await analytics.ScopeAsync(p.ToString(), false, null, ct);
            figures += rows.Sum(r => r.Figures.Count);
            months++;
        }
        var sweepTime = sweep.Elapsed;
        Console.WriteLine($"   derived figures for {months} months × {world.Towns.Count} e-towns: {figures} figures in {sweepTime.TotalSeconds:0.00} s");
        return
        [
            new(Name, "province dashboard page load (6 queries, median of 5)", loads[loads.Count / 2], 6, "queries"),
            new(Name, $"derived figures of every e-town for each of {months} months", sweepTime, figures, "figures"),
        ];
    }
}
