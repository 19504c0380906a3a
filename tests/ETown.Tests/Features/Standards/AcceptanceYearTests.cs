using ETown.Tests.Infrastructure;
using ETown.Web.Features.Acceptance;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Standards;

/// <summary>
/// Issue #14 item 6: "…/年（验收当年）" with "保证乡村e镇建成后“十四五”期间" (000 附件1 items 33, 36) — the per-class thresholds bind in
/// the e-town's own acceptance year and each later year of "十四五" (to 2025), not before its acceptance and not after 2025.
/// </summary>
public class AcceptanceYearTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly StandardVersion P = StandardCatalogue2022.Province(Now);

    /// <summary>Item 36 for an 整体推进县 (≥ 3000万元, growth ≥ 10 %), retail per year.</summary>
    static ItemVerdict Judge36(int year, int? accepted, params (int Year, decimal Wan)[] retail) =>
        ComplianceEngine.Evaluate(new ComplianceInput(CountyClass.Advancing, P.Items.Where(i => i.Number == 36).ToList(),
            retail.Select(r => new FigureValue(Indicators.OnlineRetail, r.Year, r.Wan, "t")).ToList(), [], null, year, null, accepted)).Single();

    [Fact, Trait("Rule", "STD-36")]
    public void Std36_TierThreshold_BindsFromTheEtownsAcceptanceYear_ToTheEndOfTheFourteenthPlan()
    {
        // 2023: 2500万 (below 3000万) but growing 25 %. Accepted in 2024: 2023 is before acceptance — the tier does not bind.
        var before = Judge36(2023, 2024, (2022, 2000), (2023, 2500));
        Assert.Equal(Verdict.Met, before.Verdict);
        Assert.Contains("2024 年验收", before.Reason);
        // Accepted in 2023: the same year is the acceptance year — 2500万 fails.
        Assert.Equal(Verdict.NotMet, Judge36(2023, 2023, (2022, 2000), (2023, 2500)).Verdict);
        // Not accepted yet: judged as the acceptance it is preparing for.
        Assert.Equal(Verdict.NotMet, Judge36(2023, null, (2022, 2000), (2023, 2500)).Verdict);
        // 2025, after a 2024 acceptance and inside "十四五": binds (2900万 fails, 3000万 meets).
        Assert.Equal(Verdict.NotMet, Judge36(2025, 2024, (2024, 2600), (2025, 2900)).Verdict);
        Assert.Equal(Verdict.Met, Judge36(2025, 2024, (2024, 2700), (2025, 3000)).Verdict);
        // 2026, after 2025 (the end of "十四五"): no longer binds for an e-town accepted in 2024 …
        var after = Judge36(2026, 2024, (2025, 2600), (2026, 2900));
        Assert.Equal(Verdict.Met, after.Verdict);
        Assert.Contains("十四五", after.Reason);
        // … but an e-town accepted in 2026 is judged in its own acceptance year ("验收当年").
        Assert.Equal(Verdict.NotMet, Judge36(2026, 2026, (2025, 2600), (2026, 2900)).Verdict);
    }

    [Fact, Trait("Rule", "STD-33")]
    public void Std33_OutputTier_NotJudgedBeforeAcceptance_GrowthStillIs()
    {
        var items = P.Items.Where(i => i.Number == 33).ToList();
        List<FigureValue> F(decimal y2023) => [new(Indicators.TotalOutput, 2022, 10_000m, "t"), new(Indicators.TotalOutput, 2023, y2023, "t"), new(Indicators.CityOutputGrowth, 2023, 5m, "t")];
        ItemVerdict J(decimal y2023, int? accepted) =>
            ComplianceEngine.Evaluate(new ComplianceInput(CountyClass.Advancing, items, F(y2023), [], null, 2023, null, accepted)).Single();
        // 1.2亿 (below 1.5亿), growth 20 % ≥ 5 + 2: before a 2024 acceptance only the growth binds.
        Assert.Equal(Verdict.Met, J(12_000m, 2024).Verdict);
        Assert.Equal(Verdict.NotMet, J(12_000m, 2023).Verdict);
        // Growth 6 % < 7 %: not met before acceptance either.
        Assert.Equal(Verdict.NotMet, J(10_600m, 2024).Verdict);
    }

    /// <summary>The compliance view reads the acceptance year from the acceptance module (the e-town's whole-project acceptance).</summary>
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STD-33")]
    public async Task Std33_ComplianceView_UsesTheAcceptanceYearFromTheAcceptanceModule(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        Guid town;
        await using (var ctx = app.SystemContext())
            town = await ctx.Etowns.Where(e => e.CountyCode == "140406").Select(e => e.Id).FirstAsync();

        // 潞城 (整体推进县): 2024 output 1.35亿 < 1.5亿 — not met while the e-town is not accepted.
        string Item33(System.Text.Json.JsonElement c) =>
            c.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 33).GetProperty("verdict").GetString()!;
        var open = await (await county.GetAsync($"/api/v1/etowns/{town}/compliance?year=2024")).JsonAsync();
        Assert.Equal("NotMet", Item33(open));

        // Accepted (whole project) in 2025: 2024 is before the acceptance year — the tier does not bind, growth lacks 2023.
        await using (var ctx = app.SystemContext())
        {
            ctx.AcceptanceApplications.Add(new AcceptanceApplication
            {
                EtownId = town, CountyCode = "140406", Scope = AcceptanceScope.Whole, Title = "整体验收（测试）", Status = AcceptanceStatus.Passed,
                SubmittedOn = new DateOnly(2025, 5, 6), ReviewDeadline = new DateOnly(2025, 5, 27), ReviewedOn = new DateOnly(2025, 5, 20),
                EtownAcceptedAt = new DateTimeOffset(2025, 6, 3, 0, 0, 0, TimeSpan.Zero),
            });
            await ctx.SaveChangesAsync();
        }
        static System.Text.Json.JsonElement I33(System.Text.Json.JsonElement c) =>
            c.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 33);
        static bool? TierPassed(System.Text.Json.JsonElement c) => I33(c).GetProperty("figures").EnumerateArray()
            .Where(f => f.GetProperty("label").GetString() == "年总产值").Select(f => (bool?)f.GetProperty("passed").GetBoolean()).SingleOrDefault();
        Assert.False(TierPassed(open));
        var accepted = await (await county.GetAsync($"/api/v1/etowns/{town}/compliance?year=2024")).JsonAsync();
        Assert.NotEqual("NotMet", Item33(accepted));
        Assert.Null(TierPassed(accepted));
        Assert.Contains("2025 年验收", I33(accepted).GetProperty("reason").GetString());
        // 2025, the acceptance year: the tier is judged (1.53亿 ≥ 1.5亿).
        var y2025 = await (await county.GetAsync($"/api/v1/etowns/{town}/compliance?year=2025")).JsonAsync();
        Assert.True(TierPassed(y2025));
    }
}
