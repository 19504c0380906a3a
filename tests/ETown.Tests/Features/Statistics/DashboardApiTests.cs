using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics.Dashboard;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #4 item 7 dashboards through the API and the page, on every configured database: completeness per city
/// against the hand-counted demo month, scope of every dashboard, and the .xlsx export holding exactly the table's rows.
/// </summary>
public partial class DashboardApiTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇";
    const string Api = "/api/v1/statistics/dashboard";

    static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var r = await client.GetAsync(url);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.JsonAsync();
    }

    static Dictionary<string, (int Expected, int Received, int OnTime)> Areas(JsonElement v) =>
        v.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!,
            a => (a.GetProperty("expected").GetInt32(), a.GetProperty("received").GetInt32(), a.GetProperty("onTime").GetInt32()));

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    [Trait("Rule", "SVC-STAT")]
    public async Task Completeness_PerCity_MatchesTheHandCountedDemoMonth(string provider)
    {
        var app = apps[provider];
        // Demo 2025-11 (DemoStatistics): 潞城 approved; 岢岚 city-accepted; 临猗 submitted 3 days late;
        // 朔州: 山阴 submitted, 应县 approved, 怀仁 still a draft, 右玉 missing.
        var v = await GetJsonAsync(await app.SignInAsync("province"), $"{Api}/completeness?period=2025-11");
        Assert.Equal("city", v.GetProperty("areaLevel").GetString());
        Assert.Equal((7, 5, 4), (v.GetProperty("expected").GetInt32(), v.GetProperty("received").GetInt32(), v.GetProperty("onTime").GetInt32()));
        Assert.Equal(new Dictionary<string, (int, int, int)>
        {
            ["长治市"] = (1, 1, 1), ["朔州市"] = (4, 2, 2), ["运城市"] = (1, 1, 0), ["忻州市"] = (1, 1, 1),
        }, Areas(v));
        var shuozhou = v.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "140600");
        Assert.Equal(50.0m, shuozhou.GetProperty("receivedPercent").GetDecimal());
        Assert.Equal(57.1m, v.GetProperty("onTimePercent").GetDecimal()); // 4 / 7

        // A city user sees its own counties, nothing of the others (scope).
        var city = await GetJsonAsync(await app.SignInAsync("shuozhou"), $"{Api}/completeness?period=2025-11");
        Assert.Equal("county", city.GetProperty("areaLevel").GetString());
        Assert.Equal(new Dictionary<string, (int, int, int)>
        {
            ["山阴县"] = (1, 1, 1), ["应县"] = (1, 1, 1), ["右玉县"] = (1, 0, 0), ["怀仁市"] = (1, 0, 0),
        }, Areas(city));
        Assert.Equal((4, 2, 2), (city.GetProperty("expected").GetInt32(), city.GetProperty("received").GetInt32(), city.GetProperty("onTime").GetInt32()));
        foreach (var user in new[] { "changzhi", "lucheng", "operator" })
            Assert.Equal(new Dictionary<string, (int, int, int)> { ["潞城区"] = (1, 1, 1) },
                Areas(await GetJsonAsync(await app.SignInAsync(user), $"{Api}/completeness?period=2025-11")));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    [Trait("Rule", "SVC-STAT")]
    public async Task CompletenessTrend_CountsEachMonth_AndFollowsTheCityFilterAndScope(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        // Periods of their own (2031-03 … 2031-05): 潞城 reports two months, 岢岚 one; nothing else exists there.
        var op = await app.SignInAsync("operator");
        var kelan = await app.SignInAsync("kelan");
        foreach (var p in new[] { "2031-03", "2031-05" })
        {
            Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(towns[Lucheng], p), Values((C.MarketEntities, 100m)))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await op.PostAsync(Url(towns[Lucheng], p, "submit"), null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, Url(towns[Kelan], "2031-05"), Values((C.MarketEntities, 50m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kelan.PostAsync(Url(towns[Kelan], "2031-05", "submit"), null)).StatusCode);
        // A draft is not received.
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, Url(towns[Kelan], "2031-04"), Values((C.MarketEntities, 50m)))).StatusCode);

        static List<(string, int, int, int)> Months(JsonElement v) => v.GetProperty("months").EnumerateArray()
            .Select(m => (m.GetProperty("period").GetString()!, m.GetProperty("expected").GetInt32(), m.GetProperty("received").GetInt32(), m.GetProperty("onTime").GetInt32())).ToList();

        var province = await app.SignInAsync("province");
        var all = await GetJsonAsync(province, $"{Api}/completeness/trend?period=2031-05&months=3");
        Assert.Equal("2031-03", all.GetProperty("from").GetString());
        // Submitted years before the due date: on time.
        Assert.Equal([("2031-03", 7, 1, 1), ("2031-04", 7, 0, 0), ("2031-05", 7, 2, 2)], Months(all));
        var twelve = await GetJsonAsync(province, $"{Api}/completeness/trend?period=2031-05");
        Assert.Equal(12, twelve.GetProperty("months").GetArrayLength());
        Assert.Equal("2030-06", twelve.GetProperty("from").GetString());

        var changzhi = await GetJsonAsync(province, $"{Api}/completeness/trend?period=2031-05&months=3&cityCode=140400");
        Assert.Equal([("2031-03", 1, 1, 1), ("2031-04", 1, 0, 0), ("2031-05", 1, 1, 1)], Months(changzhi));
        var xinzhou = await GetJsonAsync(await app.SignInAsync("kelan"), $"{Api}/completeness/trend?period=2031-05&months=3");
        Assert.Equal([("2031-03", 1, 0, 0), ("2031-04", 1, 0, 0), ("2031-05", 1, 1, 1)], Months(xinzhou));
        // Another city inside a city user's request finds nothing (scope), an unknown code is a 400.
        var foreign = await GetJsonAsync(await app.SignInAsync("shuozhou"), $"{Api}/completeness/trend?period=2031-05&months=3&cityCode=140400");
        Assert.All(Months(foreign), m => Assert.Equal(0, m.Item2));
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync($"{Api}/completeness/trend?period=2031-05&cityCode=140406")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync($"{Api}/completeness?period=2031-5")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync($"{Api}/completeness?period=2031-05&format=pdf")).StatusCode);
        // The dashboards are monthly; the annual report ("YYYY") is not a month.
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync($"{Api}/completeness/trend?period=2031")).StatusCode);
    }

    // ------------------------------------------------------------------ the table view and the export hold the same rows

    /// <summary>The table of one panel in the prerendered page: header row, then data rows, as shown.</summary>
    internal static List<List<string>> HtmlTable(string html, string key)
    {
        var table = Regex.Match(html, $"<table[^>]*data-testid=\"table-{Regex.Escape(key)}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        if (!table.Success)
        {
            // Say what the page showed instead (an empty panel, an error, another page), so a failure can be diagnosed.
            var shown = Regex.Matches(html, "data-testid=\"(empty-[^\"]*|error)\"[^>]*>(.*?)</", RegexOptions.Singleline)
                .Select(m => $"{m.Groups[1].Value}: {WebUtility.HtmlDecode(Regex.Replace(m.Groups[2].Value, "<[^>]*>", "")).Trim()}");
            var title = Regex.Match(html, "<title>(.*?)</title>", RegexOptions.Singleline).Groups[1].Value;
            Assert.Fail($"table-{key} not in the page “{title}” ({html.Length} chars); shown: {string.Join(" | ", shown)}");
        }
        return Regex.Matches(table.Groups[1].Value, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(tr => Regex.Matches(tr.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)
                .Select(td => WebUtility.HtmlDecode(Regex.Replace(td.Groups[1].Value, "<[^>]*>", "")).Trim()).ToList())
            .ToList();
    }

    /// <summary>The export's rows up to the first empty row (the notes follow it), written as the table writes them.</summary>
    internal static List<List<string>> XlsxTable(byte[] xlsx, int columns)
    {
        var sheet = XlsxReader.Read(new MemoryStream(xlsx));
        var rows = new List<List<string>>();
        for (var r = 1; r <= sheet.MaxRow && sheet.Text(r, 1) is not null; r++)
            rows.Add(Enumerable.Range(1, columns).Select(c => sheet[r, c] switch
            {
                null => "—",
                { Text.Length: 0 } => "—",
                { IsNumeric: true } cell => ChartData.FormatCell(decimal.Parse(cell.Text, CultureInfo.InvariantCulture)),
                var cell => cell.Text,
            }).ToList());
        return rows;
    }

    internal static async Task AssertExportEqualsTableAsync(HttpClient client, string pageUrl, string key, string exportUrl, int minRows)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{pageUrl}: {(int)page.StatusCode} {page.Headers.Location}");
        var html = await page.Content.ReadAsStringAsync();
        var table = HtmlTable(html, key);
        Assert.True(table.Count > minRows, $"{key}: only {table.Count - 1} rows");
        // The page links the export of exactly this table.
        Assert.Contains($"href=\"{exportUrl.Replace("&", "&amp;", StringComparison.Ordinal)}\"", html, StringComparison.Ordinal);
        var r = await client.GetAsync(exportUrl);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, r.Content.Headers.ContentType?.MediaType);
        var xlsx = XlsxTable(await r.Content.ReadAsByteArrayAsync(), table[0].Count);
        Assert.Equal(table, xlsx);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    [Trait("Rule", "SVC-STAT")]
    public async Task CompletenessExport_HoldsTheSameRowsAsTheTable(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        await AssertExportEqualsTableAsync(province, "/statistics/dashboard?period=2025-11", "completeness",
            $"{Api}/completeness?period=2025-11&format=xlsx", minRows: 3);
        await AssertExportEqualsTableAsync(province, "/statistics/dashboard?period=2025-11", "completeness-trend",
            $"{Api}/completeness/trend?period=2025-11&format=xlsx", minRows: 11);
        var html = await (await province.GetAsync("/statistics/dashboard?period=2025-11")).Content.ReadAsStringAsync();
        var rows = HtmlTable(html, "completeness");
        Assert.Equal(["市", "应报（个）", "已报（个）", "按时（个）", "报送率（%）", "按时率（%）"], rows[0]);
        Assert.Contains(rows, r => r.SequenceEqual(["朔州市", "4", "2", "2", "50", "50"]));
    }

    // ------------------------------------------------------------------ rankings, trend, standards (on StatAnalyticsService)

    /// <summary>Operator/county enters and submits; the county approves when asked.</summary>
    static async Task ReportAsync(HttpClient enterer, HttpClient county, Guid id, string period, bool submit, bool approve, params (string, decimal)[] values)
    {
        Assert.Equal(HttpStatusCode.OK, (await enterer.SendJsonAsync(HttpMethod.Put, Url(id, period), Values(values))).StatusCode);
        if (!submit) return;
        var r = await enterer.PostAsync(Url(id, period, "submit"), null);
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        if (approve) Assert.Equal(HttpStatusCode.OK, (await county.PostAsync(Url(id, period, "approve"), null)).StatusCode);
    }

    /// <summary>
    /// The hand-computed case, online retail (万元), 2032 → 2033-03, in periods no other test of this class touches:
    /// 潞城 2032: 100+100+100 = 300, 2033: 100+110+120 = 330 → +10.0 %, target 1000 → 33.0 %, all approved;
    /// 岢岚 2032: 150+120+130 = 400, 2033: 140+100+100 = 340 → −15.0 %, target 680 → 50.0 %, submitted, not approved.
    /// </summary>
    static readonly SemaphoreSlim Once = new(1, 1);
    static readonly HashSet<string> Seeded = [];

    async Task<Dictionary<string, Guid>> SeedRankingCaseAsync(EtownAppFactory app)
    {
        var towns = await TownsAsync(app);
        await Once.WaitAsync();
        try
        {
            if (!Seeded.Add(app.Provider + app.ConnectionString)) return towns;
            var op = await app.SignInAsync("operator");
            var lucheng = await app.SignInAsync("lucheng");
            var kelan = await app.SignInAsync("kelan");
            decimal[] l2032 = [100, 100, 100], l2033 = [100, 110, 120], k2032 = [150, 120, 130], k2033 = [140, 100, 100];
            for (var m = 0; m < 3; m++)
            {
                await ReportAsync(op, lucheng, towns[Lucheng], $"2032-{m + 1:D2}", submit: false, approve: false, (C.OnlineRetail, l2032[m]));
                await ReportAsync(kelan, kelan, towns[Kelan], $"2032-{m + 1:D2}", submit: false, approve: false, (C.OnlineRetail, k2032[m]));
                await ReportAsync(op, lucheng, towns[Lucheng], $"2033-{m + 1:D2}", submit: true, approve: true, (C.OnlineRetail, l2033[m]));
                await ReportAsync(kelan, kelan, towns[Kelan], $"2033-{m + 1:D2}", submit: true, approve: false, (C.OnlineRetail, k2033[m]));
            }
            foreach (var (county, town, target) in new[] { (lucheng, Lucheng, 1000m), (kelan, Kelan, 680m) })
            {
                var r = await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{towns[town]}/targets?year=2033",
                    new { targets = new[] { new { indicator = C.OnlineRetail, value = (decimal?)target, note = (string?)"测试目标" } } });
                Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            }
            return towns;
        }
        finally { Once.Release(); }
    }

    static List<(int? Rank, string Name, decimal? Value, bool Approved)> Ranked(JsonElement v) => v.GetProperty("rows").EnumerateArray().Select(r => (
        r.GetProperty("rank").ValueKind == JsonValueKind.Null ? (int?)null : r.GetProperty("rank").GetInt32(),
        r.GetProperty("etownName").GetString()!,
        r.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty("value").GetDecimal(),
        r.GetProperty("approved").GetBoolean())).ToList();

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SVC-STAT")]
    public async Task Ranking_ByYtdYoyAndTarget_MatchesTheHandComputedCase_AndMarksUnapprovedData(string provider)
    {
        var app = apps[provider];
        await SeedRankingCaseAsync(app);
        var province = await app.SignInAsync("province");
        string Url(string measure, string extra = "") => $"{Api}/ranking?period=2033-03&indicator={C.OnlineRetail}&measure={measure}{extra}";

        var ytd = await GetJsonAsync(province, Url("ytd"));
        Assert.Equal("万元", ytd.GetProperty("unit").GetString());
        var rows = Ranked(ytd);
        Assert.Equal(7, rows.Count);
        Assert.Equal((1, Kelan, 340m, false), rows[0]);
        Assert.Equal((2, Lucheng, 330m, true), rows[1]);
        Assert.All(rows.Skip(2), r => Assert.Equal((null, null), (r.Rank, r.Value))); // nothing reported in 2033: listed, not ranked
        Assert.Equal(300m, ytd.GetProperty("rows")[1].GetProperty("yearToDateLastYear").GetDecimal());
        Assert.Equal(3, ytd.GetProperty("rows")[1].GetProperty("ytdMonths").GetInt32());

        var yoy = Ranked(await GetJsonAsync(province, Url("yoy")));
        Assert.Equal([(1, Lucheng, 10.0m, true), (2, Kelan, -15.0m, false)], yoy.Take(2));

        var target = await GetJsonAsync(province, Url("target"));
        Assert.Equal("%", target.GetProperty("unit").GetString());
        Assert.Equal([(1, Kelan, 50.0m, false), (2, Lucheng, 33.0m, true)], Ranked(target).Take(2));
        var kelanRow = target.GetProperty("rows")[0];
        Assert.Equal(680m, kelanRow.GetProperty("annualTarget").GetDecimal());
        Assert.Equal("填报", kelanRow.GetProperty("targetSource").GetString());

        // Approved only: 岢岚's unapproved months drop out, so it has no value and no rank.
        var approved = Ranked(await GetJsonAsync(province, Url("target", "&approvedOnly=true")));
        Assert.Equal((1, Lucheng, 33.0m, true), approved[0]);
        Assert.Contains((null, Kelan, null, false), approved);

        // The city filter, and a city user's own scope.
        Assert.Equal([Kelan], Ranked(await GetJsonAsync(province, Url("ytd", "&cityCode=140900"))).Select(r => r.Name));
        Assert.Equal([Lucheng], Ranked(await GetJsonAsync(await app.SignInAsync("changzhi"), Url("ytd"))).Select(r => r.Name));
        Assert.Equal([Lucheng], Ranked(await GetJsonAsync(await app.SignInAsync("operator"), Url("target"))).Select(r => r.Name));
        Assert.Equal(new[] { "山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇" }.Order(),
            Ranked(await GetJsonAsync(await app.SignInAsync("shuozhou"), Url("ytd"))).Select(r => r.Name).Order());

        var bad = await province.GetAsync(Url("best"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("measure", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync($"{Api}/ranking?period=2033-03&indicator=no_such")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SVC-STAT")]
    public async Task Trend_ShowsMonthsAndYtd_MarksUnapprovedMonths_AndStaysInScope(string provider)
    {
        var app = apps[provider];
        var towns = await SeedRankingCaseAsync(app);
        var province = await app.SignInAsync("province");
        static List<(string, decimal?, decimal?, bool)> Points(JsonElement v) => v.GetProperty("points").EnumerateArray().Select(p => (
            p.GetProperty("period").GetString()!,
            p.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : p.GetProperty("value").GetDecimal(),
            p.GetProperty("yearToDate").ValueKind == JsonValueKind.Null ? (decimal?)null : p.GetProperty("yearToDate").GetDecimal(),
            p.GetProperty("approved").GetBoolean())).ToList();

        var lucheng = await GetJsonAsync(province, $"{Api}/trend?etownId={towns[Lucheng]}&indicator={C.OnlineRetail}&from=2032-12&to=2033-03");
        // 2032-12: no report that month, the year to date holds the three (draft) months 2032-01…03 → not approved.
        Assert.Equal([("2032-12", null, 300m, false), ("2033-01", 100m, 100m, true), ("2033-02", 110m, 210m, true), ("2033-03", 120m, 330m, true)], Points(lucheng));
        var kelan = await GetJsonAsync(province, $"{Api}/trend?etownId={towns[Kelan]}&indicator={C.OnlineRetail}&from=2033-01&to=2033-03");
        Assert.Equal([("2033-01", 140m, 140m, false), ("2033-02", 100m, 240m, false), ("2033-03", 100m, 340m, false)], Points(kelan));
        var approvedOnly = await GetJsonAsync(province, $"{Api}/trend?etownId={towns[Kelan]}&indicator={C.OnlineRetail}&from=2033-01&to=2033-03&approvedOnly=true");
        Assert.All(Points(approvedOnly), p => Assert.Null(p.Item2));
        // Default range: the 24 months up to the given month.
        var dflt = await GetJsonAsync(province, $"{Api}/trend?etownId={towns[Lucheng]}&indicator={C.OnlineRetail}&to=2033-03");
        Assert.Equal(("2031-04", "2033-03", 24), (dflt.GetProperty("from").GetString(), dflt.GetProperty("to").GetString(), dflt.GetProperty("points").GetArrayLength()));

        // Another city's e-town is not found; a reversed range is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("changzhi")).GetAsync($"{Api}/trend?etownId={towns[Kelan]}&indicator={C.OnlineRetail}&to=2033-03")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync($"{Api}/trend?etownId={towns[Kelan]}&indicator={C.OnlineRetail}&from=2033-04&to=2033-03")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STD-33")]
    [Trait("Rule", "STD-36")]
    [Trait("Rule", "STD-37")]
    [Trait("Rule", "STD-60")]
    [Trait("Rule", "SVC-STAT")]
    public async Task Standards_CountEtownsMeetingEachCheck(string provider)
    {
        var app = apps[provider];
        await SeedRankingCaseAsync(app);
        var v = await GetJsonAsync(await app.SignInAsync("province"), $"{Api}/standards?period=2033-03");
        Assert.Equal(7, v.GetProperty("etowns").GetInt32());
        var rules = v.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!);
        Assert.Contains("STD-60", rules.Keys);
        Assert.Contains("STD-33", rules.Keys);
        // STD-36 (online retail growth ≥ 10 %): 潞城 +10.0 % meets it (at the boundary), 岢岚 −15.0 % does not, the rest have no 2033 data.
        var std36 = rules["STD-36"];
        Assert.Equal((1, 1, 5), (std36.GetProperty("met").GetInt32(), std36.GetProperty("notMet").GetInt32(), std36.GetProperty("unknown").GetInt32()));
        Assert.Equal([Lucheng], std36.GetProperty("metEtowns").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([Kelan], std36.GetProperty("notMetEtowns").EnumerateArray().Select(x => x.GetString()));
        foreach (var r in rules.Values)
            Assert.Equal(7, r.GetProperty("met").GetInt32() + r.GetProperty("notMet").GetInt32() + r.GetProperty("unknown").GetInt32());

        // A county sees only its own e-town.
        var kelan = await GetJsonAsync(await app.SignInAsync("kelan"), $"{Api}/standards?period=2033-03");
        Assert.Equal(1, kelan.GetProperty("etowns").GetInt32());
        Assert.Equal([Kelan], kelan.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "STD-36")
            .GetProperty("notMetEtowns").EnumerateArray().Select(x => x.GetString()));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SVC-STAT")]
    public async Task RankingTrendAndStandardsExports_HoldTheSameRowsAsTheirTables(string provider)
    {
        var app = apps[provider];
        var towns = await SeedRankingCaseAsync(app);
        var province = await app.SignInAsync("province");
        var page = $"/statistics/dashboard?period=2033-03&indicator={C.OnlineRetail}&measure=yoy&etown={towns[Lucheng]}&months=12";
        await AssertExportEqualsTableAsync(province, page, "ranking", $"{Api}/ranking?period=2033-03&indicator={C.OnlineRetail}&measure=yoy&format=xlsx", minRows: 6);
        await AssertExportEqualsTableAsync(province, page, "target", $"{Api}/ranking?period=2033-03&indicator={C.OnlineRetail}&measure=target&format=xlsx", minRows: 6);
        await AssertExportEqualsTableAsync(province, page, "standards", $"{Api}/standards?period=2033-03&format=xlsx", minRows: 2);
        await AssertExportEqualsTableAsync(province, page, "trend",
            $"{Api}/trend?etownId={towns[Lucheng]}&indicator={C.OnlineRetail}&from=2032-04&to=2033-03&format=xlsx", minRows: 11);

        var html = await (await province.GetAsync(page)).Content.ReadAsStringAsync();
        var target = HtmlTable(html, "target");
        Assert.Equal(["e镇", "排名", "县（市、区）", "市", "年度目标完成率（%）", "本年累计（万元）", "年度目标（万元）", "目标来源", "本年计入月数", "本月报表状态", "审核状态"], target[0]);
        Assert.Equal([Kelan, "1", "岢岚县", "忻州市", "50", "340", "680", "填报", "3", "已报送", "未审核"], target[1]);
        Assert.Equal([Lucheng, "2", "潞城区", "长治市", "33", "330", "1,000", "填报", "3", "县级已审核", "已审核"], target[2]);
        // The city user's page and export hold only its own e-town.
        var changzhi = await app.SignInAsync("changzhi");
        var cityHtml = await (await changzhi.GetAsync("/statistics/dashboard?period=2033-03")).Content.ReadAsStringAsync();
        Assert.Equal(2, HtmlTable(cityHtml, "ranking").Count);
        Assert.DoesNotContain(Kelan, cityHtml, StringComparison.Ordinal);
    }

    [Theory, SqliteData]
    public async Task EveryDashboardEndpoint_IsInTheOpenApiDocument_WithItsXlsxVariant(string provider)
    {
        var doc = await GetJsonAsync(apps[provider].Anonymous(), "/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "completeness", "completeness/trend", "ranking", "trend", "standards" })
        {
            Assert.True(paths.TryGetProperty($"{Api}/{path}", out var item), $"{path} missing in OpenAPI");
            var get = item.GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()));
            Assert.Contains("xlsx", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "format");
        }
    }
}

