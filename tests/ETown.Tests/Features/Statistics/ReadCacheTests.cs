using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Platform.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #16: the derived figures behind the dashboards and the compliance matrix are kept in the read cache per data scope and
/// data generation. Every write of the data they derive from bumps the generation in its own transaction, so the next read —
/// on this instance or any other on the same database — shows it. Each case reads first (filling the cache), writes, reads again.
/// </summary>
public class ReadCacheTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Api = "/api/v1/statistics/dashboard";
    const string Lucheng = "长治市潞城区乡村e镇";

    /// <summary>潞城's row of the province's online-retail ranking (year to date) for <paramref name="period"/>.</summary>
    static async Task<JsonElement> LuchengRowAsync(HttpClient province, Guid town, string period) =>
        (await OkJson(province.GetAsync($"{Api}/ranking?period={period}&indicator={C.OnlineRetail}&measure=ytd")))
        .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("etownId").GetGuid() == town);

    static decimal? Value(JsonElement row) => row.GetProperty("value").ValueKind == JsonValueKind.Null ? null : row.GetProperty("value").GetDecimal();

    static async Task<long?> GenerationAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.DataGenerations.Where(g => g.Area == DataGeneration.Derived).Select(g => (long?)g.Value).SingleOrDefaultAsync();
    }

    [Theory, SqliteData, PostgresData]
    public async Task Dashboard_ShowsAValueSave_AnApproval_AndAWriteOfAnotherInstance_OnTheNextRead(string provider)
    {
        var app = apps[provider];
        var town = (await TownsAsync(app))[Lucheng];
        const string period = "2037-04"; // a month of this class alone
        var province = await app.SignInAsync("province");
        var op = await app.SignInAsync("operator");
        Assert.NotNull(await GenerationAsync(app)); // the migration seeds the row: without it nothing would be cached

        Assert.Null(Value(await LuchengRowAsync(province, town, period)));

        // A value save.
        var before = await GenerationAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(town, period), Values((C.OnlineRetail, 120m)))).StatusCode);
        Assert.True(await GenerationAsync(app) > before);
        var row = await LuchengRowAsync(province, town, period);
        Assert.Equal(120m, Value(row));
        Assert.False(row.GetProperty("approved").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(town, period), Values((C.OnlineRetail, 135m)))).StatusCode);
        Assert.Equal(135m, Value(await LuchengRowAsync(province, town, period)));

        // An approval (no value changes, only the report's status).
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync(Url(town, period, "submit"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("lucheng")).PostAsync(Url(town, period, "approve"), null)).StatusCode);
        row = await LuchengRowAsync(province, town, period);
        Assert.True(row.GetProperty("approved").GetBoolean());
        Assert.Equal(135m, Value(row));

        // A write through a context of its own, as another app instance on the same database makes it: nothing in this
        // process is told, only the generation row changes with the data.
        await using (var ctx = app.SystemContext())
        {
            var value = await ctx.StatValues.SingleAsync(v => v.EtownId == town && v.IndicatorCode == C.OnlineRetail
                && ctx.StatReports.Any(r => r.Id == v.ReportId && r.Period == period));
            value.Value = 150m;
            await ctx.SaveChangesAsync();
        }
        Assert.Equal(150m, Value(await LuchengRowAsync(province, town, period)));
    }

    static async Task<long> StampAsync(EtownAppFactory app, Guid town)
    {
        await using var ctx = app.SystemContext();
        return await ctx.EtownDataStamps.Where(s => s.EtownId == town).Select(s => s.Value).SingleOrDefaultAsync();
    }

    /// <summary>
    /// The month facts are kept per e-town (StatFactsCache): a save or an approval moves only the stamp of the e-town it writes,
    /// so a province-wide read after one liaison's save reads that e-town again and keeps the others. The stamp is bumped in the
    /// save's own transaction and found again by its e-town's id (the raw upsert writes the id as EF reads it on both databases).
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task ASave_MovesOnlyItsOwnEtownsStamp_AndTheOtherEtownsKeepTheirFacts(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var (town, other) = (towns[Lucheng], towns["岢岚县乡村e镇"]);
        const string period = "2039-08"; // a year of this case alone: the ranking sums the year to date
        var province = await app.SignInAsync("province");
        var op = await app.SignInAsync("operator");
        await LuchengRowAsync(province, town, period); // the month's facts of every e-town are read and kept
        var facts = app.Services.GetRequiredService<StatFactsCache>();
        long mine = await StampAsync(app, town), others = await StampAsync(app, other);

        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(town, period), Values((C.OnlineRetail, 42m)))).StatusCode);
        Assert.Equal(mine + 1, await StampAsync(app, town));
        Assert.Equal(others, await StampAsync(app, other));
        Assert.Equal(42m, Value(await LuchengRowAsync(province, town, period)));
        await using (var ctx = app.SystemContext())
        {
            var catalogue = StatFactsCache.IndicatorsKey(await ctx.StatIndicators.OrderBy(i => i.SortOrder).ToListAsync());
            Assert.True(facts.TryGet(other, period, false, catalogue, others, out _)); // kept, not read again
            Assert.True(facts.TryGet(town, period, false, catalogue, mine + 1, out var fresh)); // read again under the new stamp
            Assert.Equal(42m, fresh.Facts[C.OnlineRetail].Month);
        }

        // The county's approval writes the report only: the e-town's stamp moves again, and the figure is shown as approved.
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync(Url(town, period, "submit"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("lucheng")).PostAsync(Url(town, period, "approve"), null)).StatusCode);
        Assert.True(await StampAsync(app, town) > mine + 1);
        Assert.Equal(others, await StampAsync(app, other));
        Assert.True((await LuchengRowAsync(province, town, period)).GetProperty("approved").GetBoolean());
    }

    /// <summary>
    /// A month derived for the first time reads only the reports not kept per e-town stamp and sums the year to date from the
    /// kept ones (StatFactsCache.TryGetReport, issue #16 target 2). A change of an earlier month's value moves the e-town's stamp,
    /// so the next month's year to date sums the new value, not the kept one; the other e-towns' reports stay kept.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task ANewMonth_SumsTheKeptMonths_AndAChangedEarlierMonthShows(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var (town, other) = (towns[Lucheng], towns["岢岚县乡村e镇"]);
        var province = await app.SignInAsync("province");
        var op = await app.SignInAsync("operator");
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(town, "2041-01"), Values((C.OnlineRetail, 100m)))).StatusCode);
        Assert.Equal(100m, Value(await LuchengRowAsync(province, town, "2041-01"))); // January of every e-town read and kept
        var facts = app.Services.GetRequiredService<StatFactsCache>();
        long others = await StampAsync(app, other);
        Assert.True(facts.TryGetReport(other, "2041-01", others, out _));

        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(town, "2041-01"), Values((C.OnlineRetail, 50m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(town, "2041-02"), Values((C.OnlineRetail, 20m)))).StatusCode);
        Assert.Equal(70m, Value(await LuchengRowAsync(province, town, "2041-02"))); // 50 + 20: January read again under the new stamp
        Assert.True(facts.TryGetReport(other, "2041-01", others, out _)); // the other e-towns' January still kept
        Assert.True(facts.TryGetReport(other, "2041-02", others, out _)); // and only their February read
    }

    [Theory, SqliteData, PostgresData]
    public async Task Dashboard_KeepsEachScopeApart(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        const string period = "2037-06";
        // The province fills the cache first; a city user with the same month and filters still sees its own e-towns only.
        var all = await OkJson((await app.SignInAsync("province")).GetAsync($"{Api}/ranking?period={period}&indicator={C.OnlineRetail}&measure=ytd"));
        var city = await OkJson((await app.SignInAsync("shuozhou")).GetAsync($"{Api}/ranking?period={period}&indicator={C.OnlineRetail}&measure=ytd"));
        var cityRows = city.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(cityRows);
        Assert.True(all.GetProperty("rows").GetArrayLength() > cityRows.Count);
        Assert.All(cityRows, r => Assert.Equal("朔州市", r.GetProperty("cityName").GetString()));
        var county = await OkJson((await app.SignInAsync("lucheng")).GetAsync($"{Api}/ranking?period={period}&indicator={C.OnlineRetail}&measure=ytd"));
        Assert.Equal([towns[Lucheng]], county.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("etownId").GetGuid()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Matrix_ShowsAConfirmedEvidence_OnTheNextRead(string provider)
    {
        var app = apps[provider];
        var town = (await TownsAsync(app))[Lucheng];
        var province = await app.SignInAsync("province");
        async Task<string> CellAsync(int item) =>
            (await OkJson(province.GetAsync("/api/v1/compliance/matrix"))).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("id").GetGuid() == town).GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("number").GetInt32() == 8).GetProperty("verdict").GetString()!;
        Assert.Equal("EvidencePending", await CellAsync(8));

        var op = await app.SignInAsync("operator");
        var r = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence",
            new { itemNumber = 8, facts = new Dictionary<string, decimal> { ["financial_outlets"] = 2 }, note = "农商行网点" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var id = (await r.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal("EvidencePending", await CellAsync(8));
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.SignInAsync("lucheng")).SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence/{id}/confirm")).StatusCode);
        Assert.Equal("Met", await CellAsync(8));
    }

    /// <summary>
    /// Month-end: many users open the same board right after a save. Callers of one key at one generation share one computation
    /// (the others await it); the next generation computes again; when the first caller's computation fails, a waiting caller
    /// computes for itself instead of inheriting another request's failure.
    /// </summary>
    [Theory, SqliteData]
    public async Task ConcurrentReads_OfOneKeyAtOneGeneration_ComputeOnce(string provider)
    {
        var app = apps[provider];
        var cache = app.Services.GetRequiredService<ReadCache>();
        var key = "test-single-flight:" + Guid.NewGuid().ToString("N");
        var computed = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Compute()
        {
            var n = Interlocked.Increment(ref computed);
            await gate.Task;
            return "value " + n;
        }
        var reads = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetOrComputeAsync(key, Compute, CancellationToken.None))).ToList();
        while (Volatile.Read(ref computed) == 0) await Task.Delay(10);
        await Task.Delay(100); // the other readers reach the cache while the first computation waits at the gate
        gate.SetResult();
        Assert.All(await Task.WhenAll(reads), v => Assert.Equal("value 1", v));
        Assert.Equal(1, computed);

        await using (var ctx = app.SystemContext()) await GenerationInterceptor.BumpAsync(ctx);
        Assert.Equal("value 2", await cache.GetOrComputeAsync(key, Compute, CancellationToken.None));

        // A failing first computation: the waiting caller computes for itself.
        var failKey = key + ":fail";
        var failGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        async Task<string> FailFirst()
        {
            if (Interlocked.Increment(ref attempts) == 1) { await failGate.Task; throw new InvalidOperationException("first request failed"); }
            return "recomputed";
        }
        var first = Task.Run(() => cache.GetOrComputeAsync(failKey, FailFirst, CancellationToken.None));
        while (Volatile.Read(ref attempts) == 0) await Task.Delay(10);
        var second = Task.Run(() => cache.GetOrComputeAsync(failKey, FailFirst, CancellationToken.None));
        await Task.Delay(100);
        failGate.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("recomputed", await second);
    }

    /// <summary>
    /// The matrix's approved years are kept per e-town stamp (StatFactsCache, issue #16 target 2). A change of an approved value
    /// (here through a context of its own, as another instance writes) must show in that e-town's row and — through STD-33's
    /// city average, which 朔州 computes from its own e-towns (no official figure in the demo) — in the other e-towns' rows of
    /// the city, whose stamps did not move. Twice, in both directions, so the verdicts do not depend on the demo's starting state.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task Matrix_ShowsAnApprovedValueChange_InItsRow_AndThroughTheCityAverage_InTheOtherTownsRows(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var (shanyin, yingxian) = (towns["山阴县古城乡村e镇"], towns["应县木塔鲜生乡村e镇"]);
        var province = await app.SignInAsync("province");
        async Task<string> CellAsync(Guid town, int item) =>
            (await OkJson(province.GetAsync("/api/v1/compliance/matrix?year=2024"))).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("id").GetGuid() == town).GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("number").GetInt32() == item).GetProperty("verdict").GetString()!;
        async Task<decimal> OutputAsync(Guid town) =>
            (await OkJson(province.GetAsync($"/api/v1/etowns/{town}/figures"))).EnumerateArray()
            .Single(f => f.GetProperty("indicator").GetString() == ETown.Web.Features.Standards.Indicators.TotalOutput && f.GetProperty("year").GetInt32() == 2024)
            .GetProperty("value").GetDecimal();
        async Task AddToDecemberOutputAsync(Guid town, decimal delta)
        {
            await using var ctx = app.SystemContext();
            var value = await ctx.StatValues.SingleAsync(v => v.EtownId == town && v.IndicatorCode == C.TotalOutput
                && ctx.StatReports.Any(r => r.Id == v.ReportId && r.Period == "2024-12"));
            value.Value += delta;
            await ctx.SaveChangesAsync();
        }
        await CellAsync(shanyin, 33); // every e-town's approved years read and kept
        var output = await OutputAsync(shanyin);
        long others = await StampAsync(app, yingxian);

        // 山阴's 2024 output grows far beyond the others': its own growth meets the city average + 2 points, theirs cannot.
        await AddToDecemberOutputAsync(shanyin, 5_000_000m);
        Assert.Equal(others, await StampAsync(app, yingxian));
        Assert.Equal(output + 5_000_000m, await OutputAsync(shanyin)); // the exact sum of the twelve approved months
        Assert.Equal("Met", await CellAsync(shanyin, 33));
        Assert.Equal("NotMet", await CellAsync(yingxian, 33)); // its stamp did not move, the city average did

        // Now 应县's grows further still: the verdicts turn round, 山阴's row changing through the city average alone.
        long shanyinStamp = await StampAsync(app, shanyin);
        await AddToDecemberOutputAsync(yingxian, 50_000_000m);
        Assert.Equal(shanyinStamp, await StampAsync(app, shanyin));
        Assert.Equal("Met", await CellAsync(yingxian, 33));
        Assert.Equal("NotMet", await CellAsync(shanyin, 33));
    }
}
