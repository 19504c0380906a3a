using System.Text.Json;
using ETown.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #14 item 2, STD-33 (000 line 121 "同比增长率高于所在市平均水平2个百分点"): the comparison is with the city's official
/// average growth, entered by the city; the average of the city's own e-towns is a labelled fallback, and never used for a
/// city with a single e-town (it would compare the town with itself). Own app: it removes the city's official figures.
/// </summary>
public class CityAverageTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static JsonElement Std33(JsonElement derived) =>
        derived.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("rule").GetString() == "STD-33");

    [Theory, SqliteData, PostgresData, Trait("Rule", "STD-33")]
    public async Task Std33_OfficialCityAverage_Fallback_AndNeverTheTownItself(string provider)
    {
        var app = apps[provider];
        Guid lucheng, huairen;
        await using (var ctx = app.SystemContext())
        {
            lucheng = (await ctx.Etowns.SingleAsync(e => e.CountyCode == "140406")).Id; // 长治's only demo e-town
            huairen = (await ctx.Etowns.SingleAsync(e => e.CountyCode == "140681")).Id; // one of 朔州's four
        }
        var province = await app.SignInAsync("province");
        async Task<JsonElement> CheckAsync(Guid id) =>
            Std33(await (await province.GetAsync($"/api/v1/statistics/etowns/{id}/2024-12/derived?approvedOnly=true")).JsonAsync());

        // 长治 entered its official figure (demo: 5.1 %): 潞城 is judged against it, and the basis says so.
        var official = await CheckAsync(lucheng);
        Assert.Equal(7.1m, official.GetProperty("threshold").GetDecimal());
        Assert.Contains("市统计部门数据", official.GetProperty("basis").GetString());
        Assert.NotEqual(JsonValueKind.Null, official.GetProperty("met").ValueKind);

        // 朔州 entered none: its e-towns are compared with the average of its four e-towns, labelled as a fallback.
        Assert.Contains("替代值", (await CheckAsync(huairen)).GetProperty("basis").GetString());

        // Without 长治's figure, 潞城 (the city's only e-town) is not compared with itself: not judged, "缺少全市平均水平".
        await using (var ctx = app.SystemContext())
        {
            ctx.StatCityFigures.RemoveRange(await ctx.StatCityFigures.Where(f => f.CityCode == "140400").ToListAsync());
            await ctx.SaveChangesAsync();
        }
        var single = await CheckAsync(lucheng);
        Assert.Equal(JsonValueKind.Null, single.GetProperty("met").ValueKind);
        Assert.Contains("缺少全市平均水平", single.GetProperty("basis").GetString());
        // The compliance view agrees: the growth condition of item 33 waits for the city's figure.
        var compliance = await (await province.GetAsync($"/api/v1/etowns/{lucheng}/compliance?year=2024")).JsonAsync();
        var item33 = compliance.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 33);
        var growth = item33.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("label").GetString()!.Contains("同比增长率"));
        Assert.Equal(JsonValueKind.Null, growth.GetProperty("passed").ValueKind);
    }
}
