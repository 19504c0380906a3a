using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Standards;

/// <summary>PLAN-01 × issue #5 §5: a filed cultivation plan names the standard version its e-town is judged by.</summary>
public class PlanPinnedVersionTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    public async Task Compliance_UsesTheVersionOfTheFiledPlan_InsteadOfTheRegionalDefault(string provider)
    {
        var app = apps[provider];
        var huairen = await app.SignInAsync("huairen");
        Guid town;
        await using (var ctx = app.SystemContext())
            town = await ctx.Etowns.Where(e => e.CountyCode == "140681").Select(e => e.Id).FirstAsync();

        // 怀仁 (朔州) is judged by the city's variant by default.
        var before = await (await huairen.GetAsync($"/api/v1/etowns/{town}/compliance")).JsonAsync();
        Assert.Equal("SZ-2022", before.GetProperty("versionCode").GetString());

        // A draft plan naming another version changes nothing; a filed one does.
        await using (var ctx = app.SystemContext())
        {
            var plan = new CultivationPlan { EtownId = town, CountyCode = "140681", StandardVersion = "SX-2022" };
            ctx.CultivationPlans.Add(plan);
            await ctx.SaveChangesAsync();
            var draft = await (await huairen.GetAsync($"/api/v1/etowns/{town}/compliance")).JsonAsync();
            Assert.Equal("SZ-2022", draft.GetProperty("versionCode").GetString());
            plan.File(DateTimeOffset.UtcNow, "test");
            await ctx.SaveChangesAsync();
        }
        var r = await huairen.GetAsync($"/api/v1/etowns/{town}/compliance");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("SX-2022", (await r.JsonAsync()).GetProperty("versionCode").GetString());
    }
}
