using System.Diagnostics;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Features.Statistics.Dashboard;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Caching;
using Microsoft.EntityFrameworkCore;
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
        var facts = world.Services.GetRequiredService<StatFactsCache>(); // month facts per e-town stamp, as the app wires them
        var analytics = new StatAnalyticsService(world.Db, caller, world.Regions, world.Clock, world.Authorizer(caller), [], cache, facts);
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

        // One liaison's save (any instance): one value of one e-town's open month changes, audited like every write; it bumps
        // the data generation and that e-town's stamp, so the next page load derives again and reads that e-town again.
        var saves = 0;
        async Task SaveAsync()
        {
            await using var ctx = world.Db.CreateSystem();
            var town = world.Towns[++saves % world.Towns.Count].Id;
            var value = await ctx.StatValues.FirstAsync(v => v.EtownId == town && ctx.StatReports.Any(r => r.Id == v.ReportId && r.Period == last), ct);
            value.Value += 1;
            await ctx.SaveChangesAsync(ct);
        }

        // Nothing kept: the generation bumped and the month facts of every e-town read again (a fresh start of the instance).
        async Task ColdAsync()
        {
            await using var ctx = world.Db.CreateSystem();
            await GenerationInterceptor.BumpAsync(ctx, ct);
            analytics = new StatAnalyticsService(world.Db, caller, world.Regions, world.Clock, world.Authorizer(caller), [], cache, new StatFactsCache());
            dashboard = new DashboardService(world.Db, caller, world.Regions, statistics, analytics, world.Clock);
        }

        async Task<List<TimeSpan>> LoadsAsync(Func<Task>? before)
        {
            var loads = new List<TimeSpan>();
            for (var i = 0; i < 5; i++)
            {
                if (before is not null) await before();
                var sw = Stopwatch.StartNew();
                await PageLoadAsync();
                loads.Add(sw.Elapsed);
            }
            loads.Sort();
            return loads;
        }

        await PageLoadAsync(); // unmeasured: JIT and query compilation
        parts.Clear();
        var saved = await LoadsAsync(SaveAsync);
        Console.WriteLine($"   page loads after one e-town's save (s): {string.Join(" / ", saved.Select(l => l.TotalSeconds.ToString("0.000")))}");
        Console.WriteLine($"   parts (mean ms): {string.Join(", ", parts.Select(p => $"{p.Key} {p.Value.TotalMilliseconds / 5:0}"))}");
        parts.Clear();
        var cold = await LoadsAsync(ColdAsync);
        Console.WriteLine($"   page loads with nothing kept (s): {string.Join(" / ", cold.Select(l => l.TotalSeconds.ToString("0.000")))}");
        Console.WriteLine($"   parts (mean ms): {string.Join(", ", parts.Select(p => $"{p.Key} {p.Value.TotalMilliseconds / 5:0}"))}");
        var warm = await LoadsAsync(null);
        Console.WriteLine($"   page loads, no write in between (s): {string.Join(" / ", warm.Select(l => l.TotalSeconds.ToString("0.000")))}");

        // Each month derived for the first time (its facts not kept yet): the province-wide read of a month nobody looked at.
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
            new(Name, "province dashboard page load after one e-town's statistics save (6 queries, median of 5)", saved[saved.Count / 2], 6, "queries"),
            new(Name, "province dashboard page load with nothing kept: generation bumped, every e-town read (median of 5)", cold[cold.Count / 2], 6, "queries"),
            new(Name, "province dashboard page load, no write in between (median of 5)", warm[warm.Count / 2], 6, "queries"),
            new(Name, $"derived figures of every e-town for each of {months} months", sweepTime, figures, "figures"),
            new(Name, "derived figures of every e-town for one month (mean of the months above)", sweepTime / months, figures / months, "figures"),
        ];
    }
}
