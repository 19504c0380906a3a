using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics.Dashboard;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #4 item 7 dashboards through the API and the page, on every configured database: completeness per city
/// against the hand-counted demo month, scope of every dashboard, and the .xlsx export holding exactly the table's rows.
/// </summary>
public partial class DashboardApiTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇";
    const string Api = "/api/v1/statistics/dashboard";

    static async Task<Dictionary<string, Guid>> TownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);
    }

    static object Values(params (string Indicator, decimal Value)[] v) =>
        new { values = v.Select(x => new { indicator = x.Indicator, value = x.Value, comment = (string?)null }).ToArray() };

    static string ReportUrl(Guid etown, string period, string? action = null) =>
        $"/api/v1/statistics/etowns/{etown}/{period}" + (action is null ? "" : "/" + action);

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
    public async Task CompletenessTrend_CountsEachMonth_AndFollowsTheCityFilterAndScope(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        // Periods of their own (2031-03 … 2031-05): 潞城 reports two months, 岢岚 one; nothing else exists there.
        var op = await app.SignInAsync("operator");
        var kelan = await app.SignInAsync("kelan");
        foreach (var p in new[] { "2031-03", "2031-05" })
        {
            Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, ReportUrl(towns[Lucheng], p), Values((C.MarketEntities, 100m)))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await op.PostAsync(ReportUrl(towns[Lucheng], p, "submit"), null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, ReportUrl(towns[Kelan], "2031-05"), Values((C.MarketEntities, 50m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kelan.PostAsync(ReportUrl(towns[Kelan], "2031-05", "submit"), null)).StatusCode);
        // A draft is not received.
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, ReportUrl(towns[Kelan], "2031-04"), Values((C.MarketEntities, 50m)))).StatusCode);

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
    }

    // ------------------------------------------------------------------ the table view and the export hold the same rows

    /// <summary>The table of one panel in the prerendered page: header row, then data rows, as shown.</summary>
    internal static List<List<string>> HtmlTable(string html, string key)
    {
        var table = Regex.Match(html, $"<table[^>]*data-testid=\"table-{Regex.Escape(key)}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"table-{key} not in the page");
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
        var html = await (await client.GetAsync(pageUrl)).Content.ReadAsStringAsync();
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
}
