using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #4 item 5: “a parent level approves only after all its children”. The city accepts a period as a whole only
/// when every e-town of the city is county-approved; the province only when every one is city-accepted. Own apps: it
/// moves reports of the demo e-towns.
/// </summary>
public class PeriodAcceptanceTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string P = "2031-08";
    static readonly string[] Shuozhou = ["山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇"];
    static readonly Dictionary<string, string> CountyUser = new()
    {
        ["山阴县古城乡村e镇"] = "shanyin", ["应县木塔鲜生乡村e镇"] = "yingxian", ["怀仁市陶瓷e镇"] = "huairen", ["右玉县西口e镇"] = "youyu",
    };

    static string Url(Guid etown, string? action = null) => StatisticsApi.Url(etown, P, action); // every call is about P

    static async Task<Dictionary<string, StatReportStatus>> StatusesAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.StatReports.Where(r => r.Period == P).Join(ctx.Etowns, r => r.EtownId, e => e.Id, (r, e) => new { e.Name, r.Status })
            .ToDictionaryAsync(x => x.Name, x => x.Status);
    }

    static async Task<string> RefusedAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.Conflict)
    {
        var r = await client.PostAsync(url, null);
        Assert.Equal(expected, r.StatusCode);
        return await r.Content.ReadAsStringAsync();
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task CityAcceptsThePeriod_OnlyWhenEveryCountyApproved_ThenTheProvince_OnlyWhenEveryCityAccepted(string provider)
    {
        var app = apps[provider];
        var city = await app.SignInAsync("shuozhou");
        var province = await app.SignInAsync("province");
        const string accept = "/api/v1/statistics/reports/acceptance?period=" + P;
        Dictionary<string, Guid> towns;
        await using (var ctx = app.SystemContext()) towns = await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);

        // Nothing reported yet: refused, every e-town named.
        var none = await RefusedAsync(city, accept);
        Assert.Contains("ETOWN-STAT-0006", none);
        Assert.All(Shuozhou, t => Assert.Contains(t, none));

        // Three of four counties approve: still refused, the fourth named, and nothing moved.
        foreach (var t in Shuozhou)
        {
            var county = await app.SignInAsync(CountyUser[t]);
            await OkJson(county.SendJsonAsync(HttpMethod.Put, Url(towns[t]), new { values = new[] { new { indicator = C.Brands, value = 3m } } }));
            await OkJson(county.PostAsync(Url(towns[t], "submit"), null));
            if (t != "右玉县西口e镇") await OkJson(county.PostAsync(Url(towns[t], "approve"), null));
        }
        var one = await RefusedAsync(city, accept);
        Assert.Contains("还有 1 个e镇", one);
        Assert.Contains("右玉县西口e镇", one);
        Assert.DoesNotContain("怀仁市陶瓷e镇", one);
        Assert.Equal(3, (await StatusesAsync(app)).Values.Count(s => s == StatReportStatus.CountyApproved));

        // One report accepted on its own still works; when the last county approves, the city takes the rest at once.
        await OkJson(city.PostAsync(Url(towns["怀仁市陶瓷e镇"], "city-acceptance"), null));
        await OkJson((await app.SignInAsync("youyu")).PostAsync(Url(towns["右玉县西口e镇"], "approve"), null));
        var done = await OkJson(city.PostAsync(accept, null));
        Assert.Equal((4, 3, 1), (done.GetProperty("expected").GetInt32(), done.GetProperty("accepted").GetInt32(), done.GetProperty("alreadyAccepted").GetInt32()));
        Assert.Equal("140600", done.GetProperty("cityCode").GetString());
        Assert.All(Shuozhou, t => Assert.Equal(StatReportStatus.CityAccepted, StatusesAsync(app).Result[t]));
        await using (var ctx = app.SystemContext())
            Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "StatPeriodAccept" && a.EntityId == P && a.UserName == "shuozhou"));

        // The province: 朔州 alone is complete, the whole province is not (长治, 忻州, 运城 have not reported).
        var all = await RefusedAsync(province, accept);
        Assert.Contains("长治市潞城区乡村e镇", all);
        Assert.Equal(4, (await StatusesAsync(app)).Values.Count(s => s == StatReportStatus.CityAccepted));
        var sz = await OkJson(province.PostAsync(accept + "&cityCode=140600", null));
        Assert.Equal(4, sz.GetProperty("accepted").GetInt32());
        Assert.All(Shuozhou, t => Assert.Equal(StatReportStatus.ProvinceAccepted, StatusesAsync(app).Result[t]));

        // A county code is not a city; a county and the city liaison do not accept periods.
        Assert.Contains("不是山西省的地级市代码", await RefusedAsync(province, accept + "&cityCode=140623", HttpStatusCode.BadRequest));
        await RefusedAsync(await app.SignInAsync("youyu"), accept, HttpStatusCode.Forbidden);
        await RefusedAsync(await app.SignInAsync("shuozhoutj"), accept, HttpStatusCode.Forbidden);
    }
}
