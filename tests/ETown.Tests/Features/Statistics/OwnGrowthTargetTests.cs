using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Plans;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Analytics;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #14 item 13: 潞城's own target "网络零售额…同比增长率高于所在市平均水平 5 个百分点" (001 line 173) — a target of the filed
/// cultivation plan that the statistics target views judge against the city's official online-retail growth (StatCityFigure).
/// </summary>
public class OwnGrowthTargetTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static DerivedFigure Retail(decimal ytd, decimal last) => new(IndicatorCatalogue.OnlineRetail, "网络零售额", "万元", StatAggregation.Sum,
        null, null, null, ytd, 6, last, DerivedCalculator.Growth(ytd, last), null, null, null, true);

    [Fact, Trait("Rule", "DECL-09")]
    public void Decl09_OwnGrowthTarget_ExactlyFivePointsAboveTheCityMeetsIt()
    {
        var p = new StatPeriod(2025, 6);
        var t = new OwnGrowthTarget(IndicatorCatalogue.OnlineRetail, 5m, null, "潞城实施方案 六(三)");
        // 115 / 100 − 1 = 15 %; the city 10 % + 5 = 15 %: met ("以上" includes the number, as STD-33).
        Assert.True(OwnGrowthTargets.Check(p, t, Retail(115m, 100m), 10m, "市统计部门数据").Met);
        // 0.01 point more in the city: not met (unrounded).
        Assert.False(OwnGrowthTargets.Check(p, t, Retail(115m, 100m), 10.01m, "市统计部门数据").Met);
        // Without the city's figure it is not judged.
        var none = OwnGrowthTargets.Check(p, t, Retail(115m, 100m), null, StatAnalyticsService.SingleTownNoAverage);
        Assert.Null(none.Met);
        Assert.Equal("DECL-09", none.Rule);
    }

    [Theory, SqliteData, PostgresData, Trait("Rule", "DECL-09")]
    public async Task Decl09_FiledPlanTarget_IsJudgedOnTheDashboard_AgainstTheCitysOnlineRetailGrowth(string provider)
    {
        var app = apps[provider];
        Guid town;
        await using (var ctx = app.SystemContext())
            town = await ctx.Etowns.Where(e => e.CountyCode == "140406").Select(e => e.Id).FirstAsync();
        var county = await app.SignInAsync("lucheng");
        async Task<System.Text.Json.JsonElement?> OwnCheck()
        {
            var d = await (await county.GetAsync($"/api/v1/statistics/etowns/{town}/2025-06/derived")).JsonAsync();
            var c = d.GetProperty("checks").EnumerateArray().Where(x => x.GetProperty("label").GetString()!.StartsWith("本镇目标", StringComparison.Ordinal)).ToList();
            return c.Count == 0 ? null : c.Single();
        }

        // A draft plan's target is not judged; a filed plan's is.
        CultivationPlan plan;
        await using (var ctx = app.SystemContext())
        {
            plan = await ctx.CultivationPlans.FirstOrDefaultAsync(x => x.EtownId == town) ?? new CultivationPlan { EtownId = town, CountyCode = "140406" };
            var content = plan.Content;
            content.GrowthTargets = [new GrowthTarget { Indicator = IndicatorCatalogue.OnlineRetail, PointsAboveCity = 5m, Source = "实施方案 六(三) 经济效益" }];
            plan.SetContent(content);
            if (ctx.Entry(plan).State == EntityState.Detached) ctx.CultivationPlans.Add(plan);
            await ctx.SaveChangesAsync();
            Assert.Null(await OwnCheck());
            if (plan.Status != PlanStatus.Filed) plan.File(DateTimeOffset.UtcNow, "test");
            await ctx.SaveChangesAsync();
        }

        // 长治 enters its official online-retail growth: a very low one is met, a very high one is not.
        var changzhi = await app.SignInAsync("changzhi");
        async Task SetCity(decimal growth) => Assert.Equal(HttpStatusCode.OK, (await changzhi.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/city-figures",
            new { cityCode = "140400", period = "2025-06", growthPercent = growth, source = "测试", indicator = IndicatorCatalogue.OnlineRetail })).StatusCode);
        await SetCity(-50m);
        var low = (await OwnCheck())!.Value;
        Assert.True(low.GetProperty("met").GetBoolean(), low.GetProperty("basis").GetString());
        Assert.Equal(-45m, low.GetProperty("threshold").GetDecimal());
        await SetCity(500m);
        Assert.False((await OwnCheck())!.Value.GetProperty("met").GetBoolean());
        // The output figure of STD-33 is untouched (another indicator), and an unknown indicator is refused.
        var bad = await changzhi.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/city-figures", new { cityCode = "140400", period = "2025-06", growthPercent = 1m, indicator = "tax" });
        Assert.Equal(StatisticsErrors.UnknownIndicator, await bad.ProblemCodeAsync());
    }
}
