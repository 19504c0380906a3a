using System.Diagnostics;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Features.Statistics.Dashboard;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Bench.Scenarios;

/// <summary>
/// Issue #4: "the province dashboard query over 5 years of such data". Run after <see cref="FiveYearHistoryScenario"/>
/// (e.g. <c>history dashboard</c>). Measures, with the province-wide scope (the system caller sees what the province
/// sees), (1) one complete dashboard page load for the latest month — completeness per city, the 12-month completeness
/// trend, ranking by YTD and by target completion, the standard checks, one e-town's trend over all the years — and
/// (2) the derived figures of every e-town for every month of the history (one <c>ScopeAsync</c> per month). Page loads are
/// measured twice (issue #16): right after a statistics write (the data generation bumped, so nothing comes from the read
/// cache) and with no write in between (the derived figures the parts share come from the cache).
/// </summary>
public sealed class DashboardScenario : IScenario
{
    public string Name => "dashboard";
    public string Description => "省级看板查询（多年数据）";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchWorld world, CancellationToken ct)
    {
        var o = world.Options;
        var caller = Caller.System();
        var cache = world.Services.GetRequiredService<ReadCache>(); // as the app wires it: derived figures per scope and generation (#16)
        var statistics = new StatisticsService(world.Db, caller, world.Regions, world.Calendar, world.Clock, world.Authorizer(caller));
        // The bench world files no plans, so no e-town has its own growth target (#14 item 13): none to read.
        var analytics = new StatAnalyticsService(world.Db, caller, world.Regions, world.Clock, world.Authorizer(caller), [], cache);
        var dashboard = new DashboardService(world.Db, caller, world.Regions, statistics, analytics, world.Clock);
        var last = new StatPeriod(o.Year, 12).ToString();
        var first = new StatPeriod(o.Year - o.HistoryYears + 1, 1).ToString();
        var town = world.Towns[0].Id;
        var parts = new Dictionary<string, TimeSpan>();

        async Task Part(string name, Func<Task> part)
        {
            var sw = Stopwatch.StartNew();
            await part();
            parts[name] = parts.GetValueOrDefault(name) + sw.Elapsed;
        }

        async Task PageLoadAsync()
        {
            await Part("completeness", () => dashboard.CompletenessAsync(last, ct));
            await Part("completeness trend", () => dashboard.CompletenessTrendAsync(last, null, 12, ct));
            await Part("ranking ytd", () => dashboard.RankingAsync(last, IndicatorCatalogue.OnlineRetail, RankingMeasure.Ytd, null, false, ct));
            await Part("ranking target", () => dashboard.RankingAsync(last, IndicatorCatalogue.OnlineRetail, RankingMeasure.Target, null, false, ct));
            await Part("standards", () => dashboard.StandardsAsync(last, null, false, ct));
            await Part("trend", () => dashboard.TrendAsync(town, IndicatorCatalogue.OnlineRetail, first, last, false, ct));
        }

        // A statistics write elsewhere (any instance): the next page load recomputes everything (issue #16 cache invalidation).
        async Task WriteAsync()
        {
            await using var ctx = world.Db.CreateSystem();
            await GenerationInterceptor.BumpAsync(ctx, ct);
        }

        async Task<List<TimeSpan>> LoadsAsync(bool afterWrite)
        {
            var loads = new List<TimeSpan>();
            for (var i = 0; i < 5; i++)
            {
                if (afterWrite) await WriteAsync();
                var sw = Stopwatch.StartNew();
                await PageLoadAsync();
                loads.Add(sw.Elapsed);
            }
            loads.Sort();
            return loads;
        }

        await PageLoadAsync(); // unmeasured: JIT and query compilation
        parts.Clear();
        var cold = await LoadsAsync(afterWrite: true);
        Console.WriteLine($"   page loads after a write (s): {string.Join(" / ", cold.Select(l => l.TotalSeconds.ToString("0.000")))}");
        Console.WriteLine($"   parts (mean ms): {string.Join(", ", parts.Select(p => $"{p.Key} {p.Value.TotalMilliseconds / 5:0}"))}");
        var warm = await LoadsAsync(afterWrite: false);
        Console.WriteLine($"   page loads, no write in between (s): {string.Join(" / ", warm.Select(l => l.TotalSeconds.ToString("0.000")))}");

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
        Console.WriteLine($"   derived figures for {months} months × {world.Towns.Count} e-towns: {figures} figures in {sweepTime.TotalSeconds:0.00} s ({sweepTime.TotalMilliseconds / months:0} ms a month)");
        return
        [
            new(Name, "province dashboard page load after a statistics write (6 queries, median of 5)", cold[cold.Count / 2], 6, "queries"),
            new(Name, "province dashboard page load, no write in between (median of 5)", warm[warm.Count / 2], 6, "queries"),
            new(Name, $"derived figures of every e-town for each of {months} months", sweepTime, figures, "figures"),
            new(Name, "derived figures of every e-town for one month (mean of the months above)", sweepTime / months, figures / months, "figures"),
        ];
    }
}
