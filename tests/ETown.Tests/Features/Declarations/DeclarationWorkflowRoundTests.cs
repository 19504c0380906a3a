using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using ETown.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ETown.Tests.Features.Declarations.DeclarationFlow;

namespace ETown.Tests.Features.Declarations;

/// <summary>DECL-07 declaration window: late submissions refused unless the province reopens it (audited). Own app: it moves the round's dates.</summary>
public class DeclarationWorkflowWindowTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_Submission_outside_the_window_is_ETOWN_DECL_0004_until_the_province_reopens_it_and_the_reopen_is_audited(string provider)
    {
        var app = apps[provider];
        var year = Today.Year;
        var province = await app.SignInAsync("province");
        var lucheng = await app.SignInAsync("lucheng");
        var id = await CreateAsync(lucheng, EligibleForm("潞城区逾期申报测试"));
        await UploadCountyMaterialsAsync(lucheng, id);

        // The window closed ten days ago.
        var opens = Today.AddDays(-60);
        var closes = Today.AddDays(-10);
        object Round(DateOnly? reopenedUntil) => new { opensOn = opens, closesOn = closes, reopenedUntil, noticeWorkingDays = 5 };
        await ExpectAsync(await lucheng.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{year}", Round(Today)), HttpStatusCode.Forbidden);
        await ExpectAsync(await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{year}", Round(null)), HttpStatusCode.NoContent);
        Assert.False((await (await lucheng.GetAsync($"/api/v1/declaration-rounds/{year}")).JsonAsync()).GetProperty("openToday").GetBoolean());

        var late = await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null);
        Assert.Equal(422, (int)late.StatusCode);
        Assert.Equal("ETOWN-DECL-0004", await late.ProblemCodeAsync());
        Assert.Contains(closes.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (await late.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("Draft", (await DetailAsync(lucheng, id)).GetProperty("status").GetString());

        // A reopening that already ran out does not help.
        await ExpectAsync(await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{year}", Round(Today.AddDays(-1))), HttpStatusCode.NoContent);
        await ExpectAsync(await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null), (HttpStatusCode)422, "ETOWN-DECL-0004");

        // The province reopens until today: the submission goes through.
        await ExpectAsync(await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{year}", Round(Today)), HttpStatusCode.NoContent);
        var round = await (await lucheng.GetAsync($"/api/v1/declaration-rounds/{year}")).JsonAsync();
        Assert.True(round.GetProperty("openToday").GetBoolean());
        Assert.True(DateOnly.Parse(round.GetProperty("reopenedUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= Today);
        await ExpectAsync(await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.NoContent);
        Assert.Equal("Submitted", (await DetailAsync(lucheng, id)).GetProperty("status").GetString());

        // Audit: the reopen is an Update of the DeclarationRound by the province, showing the new ReopenedUntil.
        await using var ctx = app.SystemContext();
        var updates = await ctx.AuditRecords.Where(a => a.EntityType == nameof(DeclarationRound) && a.Action == "Update" && a.EntityId == year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(3, updates.Count);
        var reopen = updates[^1];
        Assert.Equal("province", reopen.UserName);
        Assert.Contains("ReopenedUntil", reopen.After);
        Assert.Contains(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reopen.After);
    }
}

/// <summary>
/// DECL-07 public notice (公示) when it has not ended, objections sustained, and the review-stage guards.
/// Own app: a round has one notice.
/// </summary>
public class DeclarationWorkflowNoticeTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_Finalising_before_the_notice_ends_is_ETOWN_DECL_0018_and_a_sustained_objection_withdraws_the_declaration(string provider)
    {
        var app = apps[provider];
        var year = Today.Year;
        var lucheng = await app.SignInAsync("lucheng");
        var huairen = await app.SignInAsync("huairen");
        var changzhi = await app.SignInAsync("changzhi");
        var shuozhou = await app.SignInAsync("shuozhou");
        var province = await app.SignInAsync("province");
        var expert1 = await app.SignInAsync("expert1");
        var e1 = await ExpertIdAsync(province, year, "expert1");

        var id = await CreateSubmittedAsync(lucheng, EligibleForm("潞城区公示期测试"));
        await ExpectAsync(await PostAsync(changzhi, $"/api/v1/declarations/{id}/recommend", new { opinion = "同意推荐" }), HttpStatusCode.NoContent);
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/experts", new { expertUserIds = new[] { e1 } }), HttpStatusCode.NoContent);

        // Scores are 0–100 for every criterion of the sheet, with Chinese messages.
        var bad = await PostAsync(expert1, $"/api/v1/declarations/{id}/scores",
            new { scores = new Dictionary<string, decimal> { ["industry"] = 101, ["ecommerce"] = 80, ["space"] = 80, ["targets"] = 80 } });
        await ExpectAsync(bad, HttpStatusCode.BadRequest, "ETOWN-COMMON-0400");
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.Contains("0–100", errors.GetProperty("industry")[0].GetString());
        Assert.Contains("请为", errors.GetProperty("support")[0].GetString());
        await ExpectAsync(await PostAsync(expert1, $"/api/v1/declarations/{id}/scores", Scores(85, 85, 85, 85, 85)), HttpStatusCode.NoContent);
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/decision", new { list = true }), HttpStatusCode.NoContent);

        // Another declaration still waiting for review blocks the notice (ETOWN-DECL-0014) until it is decided.
        var other = await CreateSubmittedAsync(huairen, EligibleForm("怀仁市待评审测试", "140681"));
        await ExpectAsync(await PostAsync(shuozhou, $"/api/v1/declarations/{other}/recommend", new { opinion = "同意推荐" }), HttpStatusCode.NoContent);
        await ExpectAsync(await PostAsync(province, $"/api/v1/declaration-rounds/{year}/notice", new { startsOn = Today }), HttpStatusCode.Conflict, "ETOWN-DECL-0014");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{other}/experts", new { expertUserIds = new[] { e1 } }), HttpStatusCode.NoContent);
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{other}/decision", new { list = false }), HttpStatusCode.BadRequest); // a reason is required
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{other}/decision", new { list = false, note = "产业基础薄弱" }), HttpStatusCode.NoContent);
        Assert.Equal("Rejected", (await DetailAsync(huairen, other)).GetProperty("status").GetString());

        // The notice starts today: its end (5 working days, today included if a working day) is not before today.
        var notice = await PostAsync(province, $"/api/v1/declaration-rounds/{year}/notice", new { startsOn = Today });
        await ExpectAsync(notice, HttpStatusCode.OK);
        var end = DateOnly.Parse((await notice.JsonAsync()).GetProperty("noticeEndsOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(app.Services.GetRequiredService<WorkingCalendar>().PeriodEnd(Today, 5), end);
        Assert.True(end >= Today);
        await ExpectAsync(await PostAsync(province, $"/api/v1/declaration-rounds/{year}/notice", new { startsOn = Today }), HttpStatusCode.Conflict, "ETOWN-DECL-0012");

        var fin = await PostAsync(province, $"/api/v1/declaration-rounds/{year}/finalise");
        await ExpectAsync(fin, HttpStatusCode.Conflict, "ETOWN-DECL-0018");
        Assert.Contains(end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (await fin.JsonAsync()).GetProperty("detail").GetString());
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal(DeclarationStatus.InNotice, (await ctx.Declarations.SingleAsync(d => d.Id == id)).Status);
            Assert.Null((await ctx.Declarations.SingleAsync(d => d.Id == id)).EtownId);
            Assert.False(await ctx.Etowns.AnyAsync(e => e.DeclarationId == id));
            Assert.False((await ctx.DeclarationRounds.SingleAsync(r => r.Year == year)).IsFinalised);
        }

        // Only the province records objections; a sustained one takes the declaration off the list.
        await ExpectAsync(await PostAsync(lucheng, $"/api/v1/declarations/{id}/objections", new { text = "异议" }), HttpStatusCode.Forbidden);
        var o = await PostAsync(province, $"/api/v1/declarations/{id}/objections", new { text = "规划区四至与土地利用规划冲突。", submitter = "村民" });
        await ExpectAsync(o, HttpStatusCode.Created);
        var oid = (await o.JsonAsync()).GetProperty("id").GetGuid();
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/objections/{oid}/resolution", new { sustained = true, resolution = "经核查属实。" }), HttpStatusCode.NoContent);
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/objections/{oid}/resolution", new { sustained = false, resolution = "改判" }), HttpStatusCode.Conflict, "ETOWN-DECL-0016");
        var withdrawn = await DetailAsync(lucheng, id);
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Contains("经核查属实", withdrawn.GetProperty("decisionNote").GetString());
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/objections", new { text = "再次异议" }), HttpStatusCode.Conflict, "ETOWN-DECL-0015");
    }
}
