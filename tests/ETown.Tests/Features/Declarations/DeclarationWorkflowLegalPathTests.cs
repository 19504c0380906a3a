using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ETown.Tests.Features.Declarations.DeclarationFlow;

namespace ETown.Tests.Features.Declarations;

/// <summary>
/// DECL-07 end to end through the API on its own app (the public notice is once per round): county
/// drafts and submits → city recommends → province assigns experts → experts score → province lists →
/// 公示 for 5 working days → objection not sustained → finalise → a listed e-town.
/// </summary>
public class DeclarationWorkflowLegalPathTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    [Trait("Rule", "DECL-08")]
    public async Task Decl07_County_to_listed_etown_through_the_API_with_weighted_average_rank_and_working_day_notice(string provider)
    {
        var app = apps[provider];
        var year = Today.Year;
        var lucheng = await app.SignInAsync("lucheng");
        var changzhi = await app.SignInAsync("changzhi");
        var province = await app.SignInAsync("province");
        var expert1 = await app.SignInAsync("expert1");
        var expert2 = await app.SignInAsync("expert2");

        // County: draft (DECL-09 form), four materials (DECL-08), submit within the window.
        var form = EligibleForm("潞城区店上镇乡村e镇（流程测试）");
        var id = await CreateAsync(lucheng, form);
        Assert.Equal("Draft", (await DetailAsync(lucheng, id)).GetProperty("status").GetString());
        await UploadCountyMaterialsAsync(lucheng, id);
        var draft = await DetailAsync(lucheng, id);
        Assert.Equal(["CityRecommendation"], draft.GetProperty("missingMaterials").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.True(draft.GetProperty("canSubmit").GetBoolean());
        await ExpectAsync(await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.NoContent);
        var submitted = await DetailAsync(lucheng, id);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.False(submitted.GetProperty("canEdit").GetBoolean());

        // The eligibility report at submission is kept and eligible (DECL-02/04/05/06 pass).
        var elig = await lucheng.GetAsync($"/api/v1/declarations/{id}/eligibility");
        await ExpectAsync(elig, HttpStatusCode.OK);
        var report = await elig.JsonAsync();
        Assert.True(report.GetProperty("eligible").GetBoolean(), report.GetRawText());
        Assert.Equal(0, report.GetProperty("failCount").GetInt32());
        foreach (var rule in new[] { "DECL-02", "DECL-04", "DECL-05", "DECL-06" })
            Assert.Equal("Pass", report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == rule).GetProperty("outcome").GetString());

        // Before notice the round cannot be finalised.
        await ExpectAsync(await PostAsync(province, $"/api/v1/declaration-rounds/{year}/finalise"), HttpStatusCode.Conflict, "ETOWN-DECL-0017");

        // City: recommendation document and opinion.
        await UploadOkAsync(changzhi, id, MaterialKind.CityRecommendation, Pdf("city"), "长治市推荐文件.pdf");
        await ExpectAsync(await PostAsync(changzhi, $"/api/v1/declarations/{id}/recommend", new { opinion = "经市商务局、财政局、乡村振兴局审核，同意推荐。" }), HttpStatusCode.NoContent);
        var recommended = await DetailAsync(province, id);
        Assert.Equal("Recommended", recommended.GetProperty("status").GetString());
        Assert.Equal("经市商务局、财政局、乡村振兴局审核，同意推荐。", recommended.GetProperty("cityOpinion").GetString());
        Assert.Empty(recommended.GetProperty("missingMaterials").EnumerateArray());

        // Province: experts from the round's expert list.
        var e1 = await ExpertIdAsync(province, year, "expert1");
        var e2 = await ExpertIdAsync(province, year, "expert2");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/experts", new { expertUserIds = new[] { e1, e2 } }), HttpStatusCode.NoContent);
        Assert.Equal("UnderReview", (await DetailAsync(province, id)).GetProperty("status").GetString());

        // Experts score on the round's sheet: industry 30, ecommerce 25, space 15, targets 20, support 10.
        var sheet = (await (await province.GetAsync($"/api/v1/declaration-rounds/{year}")).JsonAsync()).GetProperty("scoringSheet");
        Assert.Equal(new[] { ("industry", 30m), ("ecommerce", 25m), ("space", 15m), ("targets", 20m), ("support", 10m) },
            sheet.EnumerateArray().Select(c => (c.GetProperty("code").GetString()!, c.GetProperty("weight").GetDecimal())).ToArray());
        Assert.True((await DetailAsync(expert1, id)).GetProperty("canScore").GetBoolean());
        await ExpectAsync(await PostAsync(expert1, $"/api/v1/declarations/{id}/scores", Scores(80, 70, 90, 60, 100, "产业基础扎实")), HttpStatusCode.NoContent);
        await ExpectAsync(await PostAsync(expert2, $"/api/v1/declarations/{id}/scores", Scores(90, 80, 70, 75, 60)), HttpStatusCode.NoContent);

        // By hand: expert1 (80·30 + 70·25 + 90·15 + 60·20 + 100·10)/100 = 77.00;
        //          expert2 (90·30 + 80·25 + 70·15 + 75·20 +  60·10)/100 = 78.50; average 77.75, the only scored one → rank 1.
        var scored = await DetailAsync(province, id);
        var totals = scored.GetProperty("scores").EnumerateArray().ToDictionary(s => s.GetProperty("expertUserId").GetGuid(), s => s.GetProperty("total").GetDecimal());
        Assert.Equal(77.00m, totals[e1]);
        Assert.Equal(78.50m, totals[e2]);
        Assert.Equal(77.75m, scored.GetProperty("averageScore").GetDecimal());
        Assert.Equal(1, scored.GetProperty("rank").GetInt32());
        // An expert sees only their own sheet; the county sees the average but no expert's scores.
        Assert.Equal([e1], (await DetailAsync(expert1, id)).GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("expertUserId").GetGuid()).ToArray());
        var countyView = await DetailAsync(lucheng, id);
        Assert.Empty(countyView.GetProperty("scores").EnumerateArray());
        Assert.Equal(77.75m, countyView.GetProperty("averageScore").GetDecimal());

        // Province decides to list.
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/decision", new { list = true, note = "评审会通过" }), HttpStatusCode.NoContent);
        Assert.Equal("Approved", (await DetailAsync(province, id)).GetProperty("status").GetString());

        // 公示: N = 5 working days from a start in the past, counting the start day if it is a working day (real holiday calendar).
        var start = Today.AddDays(-20);
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var expectedEnd = calendar.PeriodEnd(start, 5);
        Assert.True(expectedEnd < Today);
        var notice = await PostAsync(province, $"/api/v1/declaration-rounds/{year}/notice", new { startsOn = start });
        await ExpectAsync(notice, HttpStatusCode.OK);
        var round = await notice.JsonAsync();
        Assert.Equal(start, DateOnly.Parse(round.GetProperty("noticeStartsOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedEnd, DateOnly.Parse(round.GetProperty("noticeEndsOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5, calendar.CountWorkingDays(start, expectedEnd));
        Assert.Equal("InNotice", (await DetailAsync(province, id)).GetProperty("status").GetString());

        // An objection is recorded; until it is handled the round cannot be finalised; then resolved as not sustained.
        var objection = await PostAsync(province, $"/api/v1/declarations/{id}/objections", new { text = "反映规划区内电商企业数量统计有重复。", submitter = "匿名群众" });
        await ExpectAsync(objection, HttpStatusCode.Created);
        var objectionId = (await objection.JsonAsync()).GetProperty("id").GetGuid();
        await ExpectAsync(await PostAsync(province, $"/api/v1/declaration-rounds/{year}/finalise"), HttpStatusCode.Conflict, "ETOWN-DECL-0019");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/objections/{objectionId}/resolution",
            new { sustained = false, resolution = "经核查企业名单无重复，异议不成立。" }), HttpStatusCode.NoContent);
        var withObjection = (await DetailAsync(province, id)).GetProperty("objections").EnumerateArray().Single();
        Assert.False(withObjection.GetProperty("sustained").GetBoolean());
        Assert.Equal("InNotice", (await DetailAsync(province, id)).GetProperty("status").GetString());

        // Notice over → finalise: the declaration becomes a listed e-town carrying the form's data.
        var fin = await PostAsync(province, $"/api/v1/declaration-rounds/{year}/finalise");
        await ExpectAsync(fin, HttpStatusCode.OK);
        Assert.Equal(1, (await fin.JsonAsync()).GetProperty("listed").GetInt32());

        var listed = await DetailAsync(lucheng, id);
        Assert.Equal("Listed", listed.GetProperty("status").GetString());
        var etownId = listed.GetProperty("etownId").GetGuid();
        await using var ctx = app.SystemContext();
        var etown = await ctx.Etowns.SingleAsync(e => e.Id == etownId);
        Assert.Equal(EtownStatus.Listed, etown.Status);
        Assert.Equal(id, etown.DeclarationId);
        Assert.Equal(form.ProjectName, etown.Name);
        Assert.Equal("140406", etown.CountyCode);
        Assert.Equal(year, etown.BatchYear);
        Assert.Equal(form.PlannedAreaKm2, etown.PlannedAreaKm2);
        Assert.Equal(form.LeadingIndustries, etown.LeadingIndustries);
        Assert.Equal(form.FeaturedProducts, etown.FeaturedProducts);
        Assert.Equal(form.BoundaryText, etown.BoundaryText);
        var decl = await ctx.Declarations.SingleAsync(d => d.Id == id);
        Assert.Equal(DeclarationStatus.Listed, decl.Status);
        Assert.Equal(etownId, decl.EtownId);
        Assert.True((await ctx.DeclarationRounds.SingleAsync(r => r.Year == year)).IsFinalised);

        // Every step is audited on the declaration.
        var actions = await ctx.AuditRecords.Where(a => a.EntityType == nameof(Declaration) && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Contains("Create", actions);
        Assert.True(actions.Count(a => a == "Update") >= 6, string.Join(",", actions));

        // Finalising again is refused and creates no second e-town.
        await ExpectAsync(await PostAsync(province, $"/api/v1/declaration-rounds/{year}/finalise"), HttpStatusCode.Conflict, "ETOWN-DECL-0021");
        Assert.Equal(1, await ctx.Etowns.CountAsync(e => e.DeclarationId == id));
    }
}
