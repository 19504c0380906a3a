using ETown.Tests.Infrastructure;
using ETown.Web.Features.Standards;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Standards;

/// <summary>
/// DECL-10 (issue #14 item 8): a county that is not a national demo county (山阴, 应县: 003 line 84) must also meet the 2021 demo
/// content — public service, logistics, training, trade-circulation firms (000 §三(十一) line 91, "能共用的不得新建").
/// </summary>
public class DemoContentTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static ItemVerdict V(int n, Verdict v) => new(n, "", "", "", ItemAttribute.Binding, ItemKind.Evidenced, v, ComplianceEngine.Label(v), "", [], null);

    [Fact, Trait("Rule", "DECL-10")]
    public void Decl10_NonDemoCounty_NeedsEachOfTheFourStrands()
    {
        ItemVerdict[] all = [V(20, Verdict.Met), V(23, Verdict.Met), V(15, Verdict.Met), V(24, Verdict.Met)];
        Assert.Equal(Verdict.Met, DemoContentCheck.Evaluate(false, all).Verdict);
        // Training only through item 17 counts as well.
        Assert.Equal(Verdict.Met, DemoContentCheck.Evaluate(false, [V(21, Verdict.Met), V(25, Verdict.Met), V(17, Verdict.Met), V(4, Verdict.Met)]).Verdict);
        // One strand short: not met, and the strand is named.
        var noTraining = DemoContentCheck.Evaluate(false, [V(20, Verdict.Met), V(23, Verdict.Met), V(15, Verdict.EvidencePending), V(24, Verdict.Met)]);
        Assert.Equal(Verdict.NotMet, noTraining.Verdict);
        Assert.Contains("电商人才培训", noTraining.Reason);
        Assert.DoesNotContain("物流配送体系", noTraining.Reason);
        // A national demo county: not applicable whatever its items say.
        var demo = DemoContentCheck.Evaluate(true, [V(20, Verdict.NotMet)]);
        Assert.False(demo.Applies);
        Assert.Equal(Verdict.NotApplicable, demo.Verdict);
    }

    [Theory, SqliteData, PostgresData, Trait("Rule", "DECL-10")]
    public async Task Decl10_ComplianceView_Shanyin_NotMet_Huairen_NotApplicable(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        Guid shanyin, huairen;
        await using (var ctx = app.SystemContext())
        {
            shanyin = await ctx.Etowns.Where(e => e.CountyCode == "140621").Select(e => e.Id).FirstAsync();
            huairen = await ctx.Etowns.Where(e => e.CountyCode == "140681").Select(e => e.Id).FirstAsync();
        }
        var s = (await (await province.GetAsync($"/api/v1/etowns/{shanyin}/compliance")).JsonAsync()).GetProperty("demoContent");
        Assert.True(s.GetProperty("applies").GetBoolean());
        Assert.Equal("NotMet", s.GetProperty("verdict").GetString());
        Assert.Contains("电子商务公共服务体系", s.GetProperty("reason").GetString());
        var h = (await (await province.GetAsync($"/api/v1/etowns/{huairen}/compliance")).JsonAsync()).GetProperty("demoContent");
        Assert.False(h.GetProperty("applies").GetBoolean());
    }
}
