using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #4 items 1 and 4 (STAT-01): the province adds indicators and validation rules as data, and they take effect in
/// entry and submission without a code change. Own apps per class: it adds indicators the other classes would count.
/// </summary>
public class StatCatalogueTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static object Indicator(string code, string name, bool cumulative = false, string aggregation = "Sum", string periodType = "Monthly") =>
        new { code, name, unit = "场", periodType, aggregation, cumulative, sourceRule = "承办企业按月填报，县级e镇办审核", sortOrder = 500 };

    static object Rule(string code, string left, string op, string right, bool enabled = true, string importance = "Blocking", decimal factor = 1m) =>
        new { code, left, @operator = op, right, factor, importance, message = "直播场次每月不应超过 100 场，请核实。", sortOrder = 500, enabled };

    static async Task<Guid> TownAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-01")]
    public async Task NewIndicator_AppearsInEntry_AndANewBlockingRuleStopsSubmission_UntilSwitchedOff(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var county = await app.SignInAsync("lucheng");
        var town = await TownAsync(app, "长治市潞城区乡村e镇");

        var created = await OkJson(province.SendJsonAsync(HttpMethod.Post, "/api/v1/statistics/indicators", Indicator("live_streams", "直播场次（当月）")), HttpStatusCode.Created);
        Assert.False(created.GetProperty("inUse").GetBoolean());
        var catalogue = await OkJson(county.GetAsync("/api/v1/statistics/indicators"));
        Assert.Contains(catalogue.EnumerateArray(), i => i.GetProperty("code").GetString() == "live_streams");

        // The county's form has the new line at once, and takes a value for it.
        var form = await OkJson(county.GetAsync(Url(town, "2031-04")));
        Assert.Contains(form.GetProperty("values").EnumerateArray(), v => v.GetProperty("indicator").GetString() == "live_streams" && v.GetProperty("name").GetString() == "直播场次（当月）");
        await OkJson(county.SendJsonAsync(HttpMethod.Put, Url(town, "2031-04"), new { values = new[] { new { indicator = "live_streams", value = 150m } } }));

        // A rule on it: live_streams <= 100, blocking. Submission is refused and the finding is shown at the field.
        await OkJson(province.SendJsonAsync(HttpMethod.Post, "/api/v1/statistics/rules", Rule("LIVE-LE-100", "live_streams", "<=", "100")), HttpStatusCode.Created);
        form = await OkJson(county.GetAsync(Url(town, "2031-04")));
        var line = form.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("indicator").GetString() == "live_streams");
        Assert.Contains(line.GetProperty("rules").EnumerateArray(), r => r.GetProperty("code").GetString() == "LIVE-LE-100" && !r.GetProperty("passed").GetBoolean());
        var refused = await county.SendJsonAsync(HttpMethod.Post, Url(town, "2031-04", "submit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("ETOWN-STAT-0003", await refused.ProblemCodeAsync());

        // Switched off, the rule is listed as such and no longer checked: the report goes through.
        var off = await OkJson(province.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/rules/LIVE-LE-100", Rule("LIVE-LE-100", "live_streams", "<=", "100", enabled: false)));
        Assert.False(off.GetProperty("enabled").GetBoolean());
        var rules = await OkJson(county.GetAsync("/api/v1/statistics/rules"));
        Assert.Contains(rules.EnumerateArray(), r => r.GetProperty("code").GetString() == "LIVE-LE-100" && !r.GetProperty("enabled").GetBoolean());
        var submitted = await OkJson(county.SendJsonAsync(HttpMethod.Post, Url(town, "2031-04", "submit")));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());

        // Now in use: the meaning is fixed, the wording is not.
        var fixedMeaning = await province.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/indicators/live_streams", Indicator("live_streams", "直播场次（当月）", cumulative: true, aggregation: "Last"));
        Assert.Equal(HttpStatusCode.BadRequest, fixedMeaning.StatusCode);
        Assert.Contains("已有填报数据", await fixedMeaning.Content.ReadAsStringAsync());
        var renamed = await OkJson(province.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/indicators/live_streams", Indicator("live_streams", "电商直播场次（当月）")));
        Assert.True(renamed.GetProperty("inUse").GetBoolean());
        Assert.Equal("电商直播场次（当月）", renamed.GetProperty("name").GetString());

        await using var ctx = app.SystemContext();
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.EntityType == nameof(Indicator) && a.EntityId == "live_streams" && a.UserName == "province"));
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.EntityType == nameof(StatRule) && a.EntityId == "LIVE-LE-100" && a.Action == "Update"));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-01")]
    public async Task CumulativeIndicator_GetsItsNeverDecreasesRule(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var county = await app.SignInAsync("lucheng");
        var town = await TownAsync(app, "长治市潞城区乡村e镇");
        await OkJson(province.SendJsonAsync(HttpMethod.Post, "/api/v1/statistics/indicators", Indicator("cold_storage_m3", "累计冷库容量", cumulative: true, aggregation: "Last")), HttpStatusCode.Created);
        var rules = await OkJson(province.GetAsync("/api/v1/statistics/rules"));
        var cum = rules.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "CUM-cold_storage_m3");
        Assert.Equal(StatRule.PreviousMonth, cum.GetProperty("right").GetString());
        Assert.Equal("Blocking", cum.GetProperty("importance").GetString());

        await OkJson(county.SendJsonAsync(HttpMethod.Put, Url(town, "2031-05"), new { values = new[] { new { indicator = "cold_storage_m3", value = 800m } } }));
        await OkJson(county.SendJsonAsync(HttpMethod.Post, Url(town, "2031-05", "submit")));
        await OkJson(county.SendJsonAsync(HttpMethod.Put, Url(town, "2031-06"), new { values = new[] { new { indicator = "cold_storage_m3", value = 799m } } }));
        var refused = await county.SendJsonAsync(HttpMethod.Post, Url(town, "2031-06", "submit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("累计冷库容量是累计数", await refused.Content.ReadAsStringAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-01")]
    public async Task BadInput_GetsClearMessages_AndWritesNothing_OnlyTheProvinceMaintains(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        int indicators, rules;
        await using (var ctx = app.SystemContext()) { indicators = await ctx.StatIndicators.CountAsync(); rules = await ctx.StatRules.CountAsync(); }

        async Task<string> Refused(string url, object body, HttpStatusCode expected = HttpStatusCode.BadRequest)
        {
            var r = await province.SendJsonAsync(HttpMethod.Post, url, body);
            Assert.Equal(expected, r.StatusCode);
            return await r.Content.ReadAsStringAsync();
        }
        Assert.Contains("指标代码应为", await Refused("/api/v1/statistics/indicators", Indicator("Live Streams", "直播场次")));
        Assert.Contains($"指标代码“{C.OnlineRetail}”已存在", await Refused("/api/v1/statistics/indicators", Indicator(C.OnlineRetail, "网络零售额")));
        Assert.Contains("汇总方式应为“取期末值”", await Refused("/api/v1/statistics/indicators", Indicator("stock_x", "累计某数", cumulative: true, aggregation: "Sum")));
        Assert.Contains("请填写指标名称", await Refused("/api/v1/statistics/indicators", Indicator("no_name", "")));
        Assert.Contains("未找到“no_such”", await Refused("/api/v1/statistics/rules", Rule("R-1", "no_such", "<=", "100")));
        Assert.Contains("比较运算符应为", await Refused("/api/v1/statistics/rules", Rule("R-2", C.Brands, "=<", "100")));
        Assert.Contains("同为月度或同为年度", await Refused("/api/v1/statistics/rules", Rule("R-3", C.OnlineRetail, "<=", C.Tax)));
        Assert.Contains("系数应大于 0", await Refused("/api/v1/statistics/rules", Rule("R-4", C.Brands, "<=", "100", factor: 0m)));
        Assert.Contains("规则代码“RETAIL-YOY-UP”已存在", await Refused("/api/v1/statistics/rules", Rule("RETAIL-YOY-UP", C.Brands, "<=", "100")));

        // Counties and cities read the catalogue but do not maintain it.
        foreach (var user in new[] { "lucheng", "changzhi" })
        {
            var c = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.SendJsonAsync(HttpMethod.Post, "/api/v1/statistics/indicators", Indicator("by_county", "县建指标"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/rules/RETAIL-YOY-UP", Rule("RETAIL-YOY-UP", C.OnlineRetail, "<=", "1", enabled: false))).StatusCode);
        }
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal(indicators, await ctx.StatIndicators.CountAsync());
            Assert.Equal(rules, await ctx.StatRules.CountAsync());
            Assert.True(await ctx.StatRules.Where(r => r.Code == "RETAIL-YOY-UP").Select(r => r.Enabled).SingleAsync());
        }
    }
}
