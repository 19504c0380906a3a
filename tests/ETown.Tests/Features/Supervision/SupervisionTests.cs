using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Supervision;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Supervision;

/// <summary>
/// 日常监管 (SUP-02, SUP-04, SUP-05) on one demo database per provider. Tests run one after the other; the scheduler is
/// run with a given China date (the clock moves for the job), each test uses its own periods or its own problems.
/// </summary>
public class SupervisionTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇", Linyi = "临猗新城涑水e镇";

    static SupervisionScheduler Scheduler(EtownAppFactory app) => new(app.Services.GetRequiredService<EtownDb>(), Caller.System(),
        app.Services.GetRequiredService<WorkingCalendar>(), TimeProvider.System);

    static async Task<Guid> TownAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    static DateOnly Today => TimeProvider.System.ChinaToday();

    static object Inspection(DateOnly date, params object[] findings) => new
    {
        kind = "Construction", method = "OnSite", inspectedOn = date.ToString("yyyy-MM-dd"), team = "县e镇办 王科长", @checked = "对照培育方案查看服务中心施工进度", findings,
    };

    static object Finding(string text, int? days = 10) => new { description = text, severity = "Major", reference = "合同第七条", responsibleParty = "承办企业", deadlineWorkingDays = days };

    static async Task<(Guid Inspection, Guid[] Problems)> SignedInspectionAsync(EtownAppFactory app, HttpClient county, Guid town, params string[] findings)
    {
        var r = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{town}/inspections", Inspection(Today, findings.Select(f => Finding(f)).ToArray()));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var id = (await r.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await county.PostAsync($"/api/v1/supervision/inspections/{id}/sign", null)).StatusCode);
        await using var ctx = app.SystemContext();
        return (id, await ctx.Problems.Where(p => p.InspectionId == id).OrderBy(p => p.Description).Select(p => p.Id).ToArrayAsync());
    }

    static async Task<Problem> ProblemAsync(EtownAppFactory app, Guid id)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Problems.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    // ------------------------------------------------------------------ SUP-02 frequency

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-02")]
    public async Task Frequency_MonthlyAndQuarterly_DueOnPeriodEnd_MissedTheDayAfter_PerCountyRuleSet(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var linyi = await TownAsync(app, Linyi);
        var kelan = await TownAsync(app, Kelan);
        var jobs = Scheduler(app);

        var first = await jobs.RunAsync(new DateOnly(2031, 3, 31));
        Assert.True(first.Created > 0);
        Assert.Equal(0, (await jobs.RunAsync(new DateOnly(2031, 3, 31))).Created); // idempotent
        await using (var ctx = app.SystemContext())
        {
            var dues = await ctx.InspectionDues.AsNoTracking().Where(d => d.PeriodKey.StartsWith("2031")).ToListAsync();
            var lc = dues.Single(d => d.EtownId == lucheng && d.Kind == InspectionKind.Construction);
            Assert.Equal(("2031-03", new DateOnly(2031, 3, 1), new DateOnly(2031, 3, 31)), (lc.PeriodKey, lc.PeriodStart, lc.DueOn));
            Assert.Null(lc.MissedAt); // the last day of the period is still in time
            // 临猗: fund use quarterly; 潞城: after every disbursement, so no periodic fund-use due; nobody operates yet.
            var ly = dues.Single(d => d.EtownId == linyi && d.Kind == InspectionKind.FundUse);
            Assert.Equal(("2031-Q1", new DateOnly(2031, 3, 31), SupervisionDemo.LinyiCode), (ly.PeriodKey, ly.DueOn, ly.RuleSetCode));
            Assert.DoesNotContain(dues, d => d.EtownId == lucheng && d.Kind == InspectionKind.FundUse);
            Assert.DoesNotContain(dues, d => d.Kind == InspectionKind.Operation);
        }

        var next = await jobs.RunAsync(new DateOnly(2031, 4, 1));
        Assert.True(next.Missed >= 2);
        await using (var ctx = app.SystemContext())
        {
            var march = await ctx.InspectionDues.AsNoTracking().SingleAsync(d => d.EtownId == kelan && d.PeriodKey == "2031-03" && d.Kind == InspectionKind.Construction);
            Assert.NotNull(march.MissedAt);
            Assert.True(await ctx.InspectionDues.AnyAsync(d => d.EtownId == kelan && d.PeriodKey == "2031-04" && d.DueOn == new DateOnly(2031, 4, 30)));
            // The gap reaches the county office and the city bureau.
            var keys = await ctx.Notifications.IgnoreQueryFilters().Where(n => n.DedupKey.StartsWith("sup-missed:" + march.Id.ToString("N"))).CountAsync();
            Assert.True(keys >= 2, $"missed notices: {keys}");
        }

        // 潞城 "每拨付一次资金检查一次": the disbursement event creates a due inspection within 10 working days; 临猗 has none.
        var paid = await jobs.RecordDisbursementAsync(lucheng, new DateOnly(2025, 9, 26));
        Assert.NotNull(paid);
        Assert.Equal(("P-20250926", new DateOnly(2025, 10, 16)), (paid!.PeriodKey, paid.DueOn)); // Sun 9/28 (working), 9/29, 9/30, holiday 10/1–8, 10/9, 10/10, Sat 10/11 (working), 10/13–10/16
        Assert.Null(await jobs.RecordDisbursementAsync(linyi, new DateOnly(2025, 9, 26)));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-02")]
    public async Task Reminder_GoesToTheCounty_ThreeWorkingDaysBeforeTheDueDate_NotFour(string provider)
    {
        var app = apps[provider];
        var kelan = await TownAsync(app, Kelan);
        var jobs = Scheduler(app);
        // May 2032 ends on Monday 31 May: 3 working days before = Thursday 27 (27, 28, 31); Wednesday 26 is 4.
        await jobs.RunAsync(new DateOnly(2032, 5, 26));
        await using var ctx = app.SystemContext();
        var due = await ctx.InspectionDues.AsNoTracking().SingleAsync(d => d.EtownId == kelan && d.PeriodKey == "2032-05" && d.Kind == InspectionKind.Construction);
        var prefix = "sup-due:" + due.Id.ToString("N");
        Assert.False(await ctx.Notifications.IgnoreQueryFilters().AnyAsync(n => n.DedupKey.StartsWith(prefix)));
        await jobs.RunAsync(new DateOnly(2032, 5, 27));
        var sent = await ctx.Notifications.IgnoreQueryFilters().Where(n => n.DedupKey.StartsWith(prefix)).ToListAsync();
        var office = await ctx.Organisations.IgnoreQueryFilters().SingleAsync(o => o.Name == "岢岚县乡村e镇工作领导小组办公室");
        Assert.Equal([office.Id], sent.Select(n => n.RecipientOrganisationId).ToArray());
        await jobs.RunAsync(new DateOnly(2032, 5, 28));
        Assert.Single(await ctx.Notifications.IgnoreQueryFilters().Where(n => n.DedupKey.StartsWith(prefix)).ToListAsync()); // once
    }

    // ------------------------------------------------------------------ SUP-04 inspections and bad input

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-04")]
    public async Task Inspection_BadInput_IsRefused_AndWritesNothing_SignedIsReadOnly_CorrectionIsANewVersion(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");
        var url = $"/api/v1/supervision/etowns/{lucheng}/inspections";
        await using var before = app.SystemContext();
        var count = await before.Inspections.CountAsync();

        var future = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(Today.AddDays(1)));
        Assert.Equal((HttpStatusCode.BadRequest, "ETOWN-SUP-0003"), (future.StatusCode, await future.ProblemCodeAsync()));
        var beforeListing = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(new DateOnly(2021, 12, 31)));
        Assert.Equal((HttpStatusCode.BadRequest, "ETOWN-SUP-0003"), (beforeListing.StatusCode, await beforeListing.ProblemCodeAsync()));
        var zeroDays = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(Today, Finding("x", 0)));
        Assert.Equal(HttpStatusCode.BadRequest, zeroDays.StatusCode);
        var noDays = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(Today, Finding("x", null)));
        Assert.Equal(HttpStatusCode.BadRequest, noDays.StatusCode);
        var otherCounty = await (await app.SignInAsync("kelan")).SendJsonAsync(HttpMethod.Post, url, Inspection(Today));
        Assert.True(otherCounty.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)otherCounty.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("changzhi")).SendJsonAsync(HttpMethod.Post, url, Inspection(Today))).StatusCode);
        await using (var ctx = app.SystemContext()) Assert.Equal(count, await ctx.Inspections.CountAsync());

        // The listing day itself is allowed (boundary), as is today.
        var ok = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(new DateOnly(2022, 1, 1)));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var id = (await ok.JsonAsync()).GetProperty("id").GetGuid();

        // A photo must be an image by content; a PNG is kept.
        var pdf = await UploadAsync(county, $"/api/v1/supervision/inspections/{id}/files?photo=true", "%PDF-1.4 fake"u8.ToArray(), "a.jpg", "image/jpeg");
        Assert.Equal((HttpStatusCode.BadRequest, "ETOWN-SUP-0009"), (pdf.StatusCode, await pdf.ProblemCodeAsync()));
        var png = await UploadAsync(county, $"/api/v1/supervision/inspections/{id}/files?photo=true", Png, "site.png", "image/png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await county.PostAsync($"/api/v1/supervision/inspections/{id}/sign", null)).StatusCode);
        var again = await county.PostAsync($"/api/v1/supervision/inspections/{id}/sign", null);
        Assert.Equal((HttpStatusCode.Conflict, "ETOWN-SUP-0002"), (again.StatusCode, await again.ProblemCodeAsync()));
        var late = await UploadAsync(county, $"/api/v1/supervision/inspections/{id}/files?photo=true", Png, "late.png", "image/png");
        Assert.Equal((HttpStatusCode.Conflict, "ETOWN-SUP-0002"), (late.StatusCode, await late.ProblemCodeAsync()));

        var fix = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/inspections/{id}/correct", Inspection(new DateOnly(2022, 1, 4)));
        Assert.Equal(HttpStatusCode.Created, fix.StatusCode);
        var v2 = await fix.JsonAsync();
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await county.PostAsync($"/api/v1/supervision/inspections/{v2.GetProperty("id").GetGuid()}/sign", null)).StatusCode);
        await using (var ctx = app.SystemContext())
            Assert.Equal(InspectionStatus.Superseded, (await ctx.Inspections.AsNoTracking().SingleAsync(i => i.Id == id)).Status);
    }

    // A 1×1 PNG.
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    static Task<HttpResponseMessage> UploadAsync(HttpClient c, string url, byte[] bytes, string name, string type)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(file, "file", name);
        return c.PostAsync(url, content);
    }

    // ------------------------------------------------------------------ SUP-05 rectification

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-05")]
    public async Task Rectification_NoticeResponseVerification_LegalAndIllegalSteps_ByLevelAndScope(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");
        var op = await app.SignInAsync("operator");
        var (_, problems) = await SignedInspectionAsync(app, county, lucheng, "A 消防通道占用", "B 设备未到位");
        Assert.Equal(2, problems.Length);
        var (a, b) = (problems[0], problems[1]);
        string P(Guid id, string action) => $"/api/v1/supervision/problems/{id}/{action}";

        // Respond before any notice: illegal transition.
        var early = await op.SendJsonAsync(HttpMethod.Post, P(a, "respond"), new { text = "已整改" });
        Assert.Equal((HttpStatusCode.Conflict, "ETOWN-SUP-0001"), (early.StatusCode, await early.ProblemCodeAsync()));
        // A deadline that is not a working-day count.
        var bad = await county.SendJsonAsync(HttpMethod.Post, P(a, "notice"), new { deadlineWorkingDays = 0 });
        Assert.Equal((HttpStatusCode.BadRequest, "ETOWN-SUP-0004"), (bad.StatusCode, await bad.ProblemCodeAsync()));
        Assert.Equal(ProblemStatus.Open, (await ProblemAsync(app, a)).Status);

        var notice = await county.SendJsonAsync(HttpMethod.Post, P(a, "notice"), new { deadlineWorkingDays = 10 });
        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        Assert.Equal(calendar.DeadlineAfter(Today, 10), (await ProblemAsync(app, a)).Deadline);
        var docx = await county.GetAsync(P(a, "notice.docx"));
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);

        // Who may do what: the county does not answer, the operator does not verify, discipline reads only.
        Assert.Equal(HttpStatusCode.Forbidden, (await county.SendJsonAsync(HttpMethod.Post, P(a, "respond"), new { text = "x" })).StatusCode);
        var discipline = await app.SignInAsync("discipline");
        Assert.Equal(HttpStatusCode.OK, (await discipline.GetAsync($"/api/v1/supervision/etowns/{lucheng}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await discipline.SendJsonAsync(HttpMethod.Post, P(a, "verify"), new { passed = true })).StatusCode);
        var kelanCounty = await app.SignInAsync("kelan");
        var foreign = await kelanCounty.SendJsonAsync(HttpMethod.Post, P(b, "notice"), new { });
        Assert.True(foreign.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)foreign.StatusCode}");
        Assert.Equal(ProblemStatus.Open, (await ProblemAsync(app, b)).Status);

        var empty = await op.SendJsonAsync(HttpMethod.Post, P(a, "respond"), new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(op, P(a, "files"), Png, "after.png", "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Post, P(a, "respond"), new { text = "通道已清理" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.SendJsonAsync(HttpMethod.Post, P(a, "verify"), new { passed = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, P(a, "verify"), new { passed = true, note = "现场核查到位" })).StatusCode);
        var closed = await ProblemAsync(app, a);
        Assert.Equal(ProblemStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        // A response to a closed problem.
        var afterClose = await op.SendJsonAsync(HttpMethod.Post, P(a, "respond"), new { text = "再答复" });
        Assert.Equal((HttpStatusCode.Conflict, "ETOWN-SUP-0010"), (afterClose.StatusCode, await afterClose.ProblemCodeAsync()));

        // B: not put right → second notice (a reason is required) → escalation, recorded for the funds module.
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, P(b, "notice"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Post, P(b, "respond"), new { text = "已采购" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.SendJsonAsync(HttpMethod.Post, P(b, "verify"), new { passed = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, P(b, "verify"), new { passed = false, note = "仍缺 2 台", deadlineWorkingDays = 5 })).StatusCode);
        var second = await ProblemAsync(app, b);
        Assert.Equal((ProblemStatus.SecondNotice, 2, calendar.DeadlineAfter(Today, 5)), (second.Status, second.NoticeCount, second.Deadline!.Value));
        Assert.Equal(HttpStatusCode.Conflict, (await county.SendJsonAsync(HttpMethod.Post, P(b, "notice"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, P(b, "escalate"), new { action = "CancelQualification", note = "多次整改不到位" })).StatusCode);
        var escalated = await ProblemAsync(app, b);
        Assert.Equal((ProblemStatus.Escalated, EscalationAction.CancelQualification), (escalated.Status, escalated.Escalation));

        // Every step timestamped; the funds port lists the escalated problem, not the closed one.
        await using var ctx = app.SystemContext();
        Assert.Equal(3, await ctx.ProblemSteps.CountAsync(s => s.ProblemId == a));
        Assert.Equal(4, await ctx.ProblemSteps.CountAsync(s => s.ProblemId == b));
        var open = await new SupervisionOpenRectifications().ForAsync(ctx, lucheng, null, default);
        Assert.Contains(open, o => o.Title.StartsWith("B 设备未到位", StringComparison.Ordinal) && o.Source.Contains("取消承办企业资格"));
        Assert.DoesNotContain(open, o => o.Title.StartsWith("A 消防通道占用", StringComparison.Ordinal));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-05")]
    public async Task Operator_AnsweringForAnotherEtown_IsRefused_AndNothingChanges(string provider)
    {
        var app = apps[provider];
        var kelan = await TownAsync(app, Kelan);
        var county = await app.SignInAsync("kelan");
        var (_, problems) = await SignedInspectionAsync(app, county, kelan, "岢岚的问题");
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/problems/{problems[0]}/notice", new { })).StatusCode);
        var op = await app.SignInAsync("operator");
        var r = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/problems/{problems[0]}/respond", new { text = "代答" });
        Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)r.StatusCode}");
        Assert.Equal(ProblemStatus.Noticed, (await ProblemAsync(app, problems[0])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/supervision/etowns/{kelan}")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-05")]
    public async Task Overdue_EscalatesOnItsOwn_SecondNoticeAcrossNationalDay_ThenEscalation_NotBeforeTheDeadline(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");
        var (_, problems) = await SignedInspectionAsync(app, county, lucheng, "C 运营团队不足 6 人");
        var id = problems[0];
        // Arrange: a first notice whose deadline was Monday 29 September 2025, 3 working days.
        await using (var ctx = app.SystemContext())
        {
            var p = await ctx.Problems.SingleAsync(x => x.Id == id);
            (p.Status, p.Deadline, p.NoticeCount, p.DeadlineWorkingDays) = (ProblemStatus.Noticed, new DateOnly(2025, 9, 29), 1, 3);
            await ctx.SaveChangesAsync();
        }
        var jobs = Scheduler(app);
        Assert.Equal(ProblemStatus.Noticed, await StatusAfter(new DateOnly(2025, 9, 29))); // the deadline day is still in time
        Assert.Equal(ProblemStatus.SecondNotice, await StatusAfter(new DateOnly(2025, 9, 30)));
        // 3 working days after 30 September: 1–8 October is the National Day holiday; 9, 10 and Saturday 11 October (a working day).
        Assert.Equal(new DateOnly(2025, 10, 11), (await ProblemAsync(app, id)).Deadline);
        Assert.Equal(ProblemStatus.SecondNotice, await StatusAfter(new DateOnly(2025, 10, 11)));
        Assert.Equal(ProblemStatus.Escalated, await StatusAfter(new DateOnly(2025, 10, 12)));
        var p2 = await ProblemAsync(app, id);
        Assert.Equal(EscalationAction.RequestContractTermination, p2.Escalation);
        await using var check = app.SystemContext();
        var steps = await check.ProblemSteps.AsNoTracking().Where(s => s.ProblemId == id).ToListAsync();
        Assert.Equal(2, steps.Count(s => s.By == SupervisionScheduler.SystemActor));
        // The next level (the city bureau) is told.
        var city = await check.Organisations.IgnoreQueryFilters().SingleAsync(o => o.Name == "长治市商务局");
        Assert.True(await check.Notifications.IgnoreQueryFilters().AnyAsync(n => n.DedupKey == $"sup-escalated:{id:N}:{city.Id:N}"));

        async Task<ProblemStatus> StatusAfter(DateOnly day)
        {
            await jobs.RunAsync(day);
            return (await ProblemAsync(app, id)).Status;
        }
    }

    [Fact]
    [Trait("Rule", "SUP-05")]
    public void Flow_PermitsOnlyTheDocumentedSteps()
    {
        var f = ProblemFlow.Definition;
        Assert.True(f.CanFire(ProblemStatus.Open, ProblemTrigger.IssueNotice, ScopeLevel.County));
        Assert.False(f.CanFire(ProblemStatus.Open, ProblemTrigger.IssueNotice, ScopeLevel.Etown));
        Assert.False(f.CanFire(ProblemStatus.Open, ProblemTrigger.Escalate, ScopeLevel.County));
        Assert.True(f.CanFire(ProblemStatus.Noticed, ProblemTrigger.Respond, ScopeLevel.Etown));
        Assert.False(f.CanFire(ProblemStatus.Noticed, ProblemTrigger.Close, ScopeLevel.County));
        Assert.False(f.CanFire(ProblemStatus.Noticed, ProblemTrigger.Escalate, ScopeLevel.County)); // second notice first (SUP-05)
        Assert.True(f.CanFire(ProblemStatus.SecondNotice, ProblemTrigger.Escalate, ScopeLevel.County));
        Assert.Empty(f.PermittedTriggers(ProblemStatus.Closed));
        Assert.Empty(f.PermittedTriggers(ProblemStatus.Escalated));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-02")]
    public async Task RuleSets_CountyDerivesForItself_AdoptedIsInForce_BadRulesRefused(string provider)
    {
        var app = apps[provider];
        var kelan = await app.SignInAsync("kelan");
        var rules = new[] { new { kind = "Construction", cadence = "Monthly", startsFrom = "Listing", remindWorkingDays = 3, withinWorkingDays = 10 },
            new { kind = "FundUse", cadence = "Monthly", startsFrom = "Listing", remindWorkingDays = 3, withinWorkingDays = 10 } };
        var other = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/rule-sets/{SupervisionDemo.ProvinceCode}/derive", new { code = "LC-X", name = "他县", regionCode = "140406", rules });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var special = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/rule-sets/{SupervisionDemo.ProvinceCode}/derive",
            new { code = "KL-X", name = "岢岚", regionCode = "140929", rules = new[] { new { kind = "Special", cadence = "Monthly", startsFrom = "Listing", remindWorkingDays = 3, withinWorkingDays = 10 } } });
        Assert.Equal((HttpStatusCode.BadRequest, "ETOWN-SUP-0011"), (special.StatusCode, await special.ProblemCodeAsync()));
        var ok = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/rule-sets/{SupervisionDemo.ProvinceCode}/derive", new { code = "KL-SUP-2031", name = "岢岚县检查频次", regionCode = "140929", rules });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        await using (var ctx = app.SystemContext())
            Assert.Equal(SupervisionDemo.ProvinceCode, (await SupervisionService.InForceAsync(ctx, "140929", default))!.Code);
        Assert.Equal(HttpStatusCode.NoContent, (await kelan.PostAsync("/api/v1/supervision/rule-sets/KL-SUP-2031/adopt", null)).StatusCode);
        await using (var ctx = app.SystemContext())
        {
            var set = (await SupervisionService.InForceAsync(ctx, "140929", default))!;
            Assert.Equal(("KL-SUP-2031", 2), (set.Code, set.Version));
            Assert.Throws<ETown.Web.Platform.DomainException>(() => set.SetRules(set.Rules, 10)); // in use: immutable
        }
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-04")]
    public async Task Board_ShowsMissedPeriods_InScope_AndExports(string provider)
    {
        var app = apps[provider];
        var changzhi = await app.SignInAsync("changzhi");
        var board = await (await changzhi.GetAsync("/api/v1/supervision/board")).JsonAsync();
        var rows = board.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([Lucheng], rows.Select(r => r.GetProperty("etownName").GetString()!).ToArray());
        var province = await (await (await app.SignInAsync("province")).GetAsync("/api/v1/supervision/board")).JsonAsync();
        var youyu = province.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("etownName").GetString() == "右玉县西口e镇");
        Assert.True(youyu.GetProperty("missed").GetInt32() >= 2); // demo: two missed months
        var xlsx = await (await app.SignInAsync("lucheng")).GetAsync("/api/v1/supervision/board.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }
}
