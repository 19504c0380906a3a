using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Acceptance;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Acceptance;

/// <summary>The acceptance procedure (ACC-01 … ACC-07, ACC-09) through the API, on every configured database, at its boundaries.</summary>
public class AcceptanceApiTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇", Linyi = "临猗新城涑水e镇";
    const string Base = "/api/v1/acceptance/applications";

    static async Task<Dictionary<string, Guid>> TownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);
    }

    static DateOnly Today(EtownAppFactory app) => app.Services.GetRequiredService<TimeProvider>().ChinaToday();
    static WorkingCalendar Calendar(EtownAppFactory app) => app.Services.GetRequiredService<WorkingCalendar>();

    /// <summary>A row in a given step, written directly so that dates can sit at a boundary.</summary>
    static async Task<Guid> InsertAsync(EtownAppFactory app, string town, Action<AcceptanceApplication> shape)
    {
        var towns = await TownsAsync(app);
        await using var ctx = app.SystemContext();
        var e = await ctx.Etowns.SingleAsync(x => x.Id == towns[town]);
        var today = Today(app);
        var a = new AcceptanceApplication
        {
            EtownId = e.Id, CountyCode = e.CountyCode, Scope = AcceptanceScope.Stage, Title = "测试验收 " + Guid.NewGuid().ToString("N")[..6],
            ClaimedProgressPercent = 30m, SubmittedOn = today, ReviewDeadline = Calendar(app).DeadlineAfter(today, 15),
        };
        shape(a);
        ctx.AcceptanceApplications.Add(a);
        await ctx.SaveChangesAsync();
        return a.Id;
    }

    static async Task<AcceptanceApplication> RowAsync(EtownAppFactory app, Guid id)
    {
        await using var ctx = app.SystemContext();
        return await ctx.AcceptanceApplications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    static async Task UploadAsync(HttpClient c, Guid id, AcceptanceMaterialKind kind)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", $"{kind}.pdf");
        var r = await c.PostAsync($"{Base}/{id}/materials?kind={kind}", form);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    static object Team(string members = "区商务局、区财政局、区乡村振兴局") => new { teamKind = "Departments", teamMembers = members, reviewPlannedOn = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"), reviewPlace = "公共服务中心" };

    // ---------------------------------------------------------------- ACC-01

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-01")]
    [Trait("Rule", "ACC-03")]
    public async Task Operator_AppliesForItsOwnEtown_WithThe15WorkingDayDeadline_CountyOnlyForTheWhole(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var op = await app.SignInAsync("operator");
        // 潞城 has contracts (funds module): the application names the one it covers (ACC-05).
        var contract = await ETown.Tests.Features.Funds.FundsKit.NewContractAsync(app, 100m);
        var r = await op.SendJsonAsync(HttpMethod.Post, Base, new { etownId = towns[Lucheng], scope = "Module", title = "仓储物流模块验收", contractId = contract, standardItems = new[] { 21 }, claimedProgressPercent = 35 });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var id = (await r.JsonAsync()).GetProperty("id").GetGuid();
        var a = await RowAsync(app, id);
        Assert.Equal(AcceptanceStatus.Submitted, a.Status);
        Assert.Equal(Today(app), a.SubmittedOn);
        Assert.Equal(Calendar(app).DeadlineAfter(a.SubmittedOn, 15), a.ReviewDeadline);
        Assert.Equal("长治市潞城区乡村e镇运营有限公司（演示）", a.ApplicantOrganisation);
        Assert.Equal([21], a.StandardItems);

        // Not its e-town: the e-town does not exist for it.
        var other = await op.SendJsonAsync(HttpMethod.Post, Base, new { etownId = towns[Kelan], scope = "Stage", title = "越权", claimedProgressPercent = 10 });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // The county applies only for the whole e-town; bad input writes nothing.
        var county = await app.SignInAsync("lucheng");
        await using var ctx0 = app.SystemContext();
        var before = await ctx0.AcceptanceApplications.CountAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await county.SendJsonAsync(HttpMethod.Post, Base, new { etownId = towns[Lucheng], scope = "Stage", title = "县级阶段", claimedProgressPercent = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.SendJsonAsync(HttpMethod.Post, Base, new { etownId = towns[Lucheng], scope = "Stage", title = "进度超限", claimedProgressPercent = 100.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.SendJsonAsync(HttpMethod.Post, Base, new { etownId = towns[Lucheng], scope = "Whole", title = "未完成的整体", claimedProgressPercent = 99 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.SendJsonAsync(HttpMethod.Post, Base, new { etownId = towns[Lucheng], scope = "Stage", title = "条目", standardItems = new[] { 40 }, claimedProgressPercent = 10 })).StatusCode);
        await using var ctx1 = app.SystemContext();
        Assert.Equal(before, await ctx1.AcceptanceApplications.CountAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-03")]
    public async Task Deadline_Is15WorkingDays_AcrossNationalDay_AndOverdueTheDayAfter(string provider)
    {
        var app = apps[provider];
        // 2025: 10-01…10-08 off, 10-11 (Saturday) worked. Applied 09-30 → the 15th working day after is 10-28.
        Assert.Equal(new DateOnly(2025, 10, 28), Calendar(app).DeadlineAfter(new DateOnly(2025, 9, 30), AcceptanceService.ReviewWorkingDays));

        var today = Today(app);
        var onTheDay = await InsertAsync(app, Linyi, a => a.ReviewDeadline = today);
        var dayAfter = await InsertAsync(app, Linyi, a => { a.ReviewDeadline = today.AddDays(-1); a.Status = AcceptanceStatus.UnderReview; });
        var concluded = await InsertAsync(app, Linyi, a => { a.ReviewDeadline = today.AddDays(-1); a.Status = AcceptanceStatus.Passed; a.ReviewedOn = today; a.AcceptedProgressPercent = 30; });
        var linyi = await app.SignInAsync("linyi");
        var list = (await (await linyi.GetAsync(Base)).JsonAsync()).GetProperty("items").EnumerateArray().ToDictionary(x => x.GetProperty("id").GetGuid());
        Assert.False(list[onTheDay].GetProperty("overdue").GetBoolean());
        Assert.True(list[dayAfter].GetProperty("overdue").GetBoolean());
        Assert.False(list[concluded].GetProperty("overdue").GetBoolean());
        var detail = await (await linyi.GetAsync($"{Base}/{concluded}")).JsonAsync();
        Assert.True(detail.GetProperty("concludedLate").GetBoolean());
        // Another county does not see 临猗's applications.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("lucheng")).GetAsync($"{Base}/{onTheDay}")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Detail_IsScoped(string provider)
    {
        var app = apps[provider];
        var id = await InsertAsync(app, Lucheng, _ => { });
        foreach (var (user, expected) in new[] { ("operator", HttpStatusCode.OK), ("lucheng", HttpStatusCode.OK), ("changzhi", HttpStatusCode.OK), ("province", HttpStatusCode.OK),
                     ("kelan", HttpStatusCode.NotFound), ("shuozhou", HttpStatusCode.NotFound), ("thirdparty", HttpStatusCode.Forbidden), ("sysadmin", HttpStatusCode.Forbidden) })
            Assert.True((await (await app.SignInAsync(user)).GetAsync($"{Base}/{id}")).StatusCode == expected, user);
    }

    // ---------------------------------------------------------------- ACC-02

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-02")]
    [Trait("Rule", "ACC-04")]
    public async Task PreCheck_CompleteMaterials_FixesTheTeam_MissingMaterials_AreRefusedWithTheCondition(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var complete = await InsertAsync(app, Lucheng, a => a.ApplicantOrganisation = "长治市潞城区乡村e镇运营有限公司（演示）");
        foreach (var k in AcceptanceApplication.RequiredMaterials) await UploadAsync(op, complete, k);

        // ACC-02: a team member from the applicant is refused, nothing written.
        var conflict = await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{complete}/precheck", Team("区商务局、长治市潞城区乡村e镇运营有限公司（演示）"));
        Assert.Equal(AcceptanceErrors.TeamConflict, await conflict.ProblemCodeAsync());
        Assert.Equal(AcceptanceStatus.Submitted, (await RowAsync(app, complete)).Status);

        var conditions = await (await county.GetAsync($"{Base}/{complete}/precheck")).JsonAsync();
        Assert.All(conditions.EnumerateArray(), c => Assert.True(c.GetProperty("met").GetBoolean(), c.GetProperty("detail").GetString()));
        var ok = await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{complete}/precheck", Team());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var a = await RowAsync(app, complete);
        Assert.Equal(AcceptanceStatus.UnderReview, a.Status);
        Assert.Equal("公共服务中心", a.ReviewPlace);

        // One material short: refused, and the refusal names it.
        var missing = await InsertAsync(app, Lucheng, _ => { });
        foreach (var k in AcceptanceApplication.RequiredMaterials.Skip(1)) await UploadAsync(op, missing, k);
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{missing}/precheck", Team())).StatusCode);
        var refused = await RowAsync(app, missing);
        Assert.Equal(AcceptanceStatus.PreCheckRefused, refused.Status);
        Assert.Contains("会计资料", refused.RefusalReason);

        // Another county cannot check it; the operator cannot check at all.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("kelan")).SendJsonAsync(HttpMethod.Post, $"{Base}/{complete}/precheck", Team())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.SendJsonAsync(HttpMethod.Post, $"{Base}/{complete}/precheck", Team())).StatusCode);
        // A renamed executable is not a material.
        using var form = new MultipartFormDataContent();
        var exe = new ByteArrayContent("MZ\u0090\0\u0003\0\0\0"u8.ToArray());
        exe.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(exe, "file", "报告.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsync($"{Base}/{complete}/materials?kind=Accounting", form)).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-02")]
    public async Task WholeProject_WithoutLedgers_IsRefused_NotAccepted(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var id = await InsertAsync(app, Lucheng, a => { a.Scope = AcceptanceScope.Whole; a.ClaimedProgressPercent = 100; });
        foreach (var k in AcceptanceApplication.RequiredMaterials) await UploadAsync(op, id, k);
        await using (var ctx = app.SystemContext())
        {
            // The demo keeps 潞城's ledgers; this case is an operator that kept none.
            var town = (await TownsAsync(app))[Lucheng];
            await ctx.LedgerAssets.Where(x => x.EtownId == town).ExecuteDeleteAsync();
            await ctx.LedgerExpenses.Where(x => x.EtownId == town).ExecuteDeleteAsync();
        }
        var county = await app.SignInAsync("lucheng");
        var conditions = (await (await county.GetAsync($"{Base}/{id}/precheck")).JsonAsync()).EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.True(conditions["materials"].GetProperty("met").GetBoolean());
        // No ledger lines: 临猗 第八条.
        Assert.False(conditions["ledgers"].GetProperty("met").GetBoolean());
        Assert.Contains("不予验收", conditions["ledgers"].GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/precheck", Team())).StatusCode);
        var a = await RowAsync(app, id);
        Assert.Equal(AcceptanceStatus.PreCheckRefused, a.Status);
        Assert.Contains("资产台账", a.RefusalReason);
        Assert.Null(a.TeamMembers);
    }

    // ---------------------------------------------------------------- ACC-03/04/05/06

    static object Lines(string? second = "Met") => new object[]
    {
        new { kind = "StandardItem", itemNumber = 20, description = "第20项 公共服务中心", result = "Met" },
        new { kind = "ContractMilestone", description = "合同节点", result = second },
    };

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-04")]
    [Trait("Rule", "ACC-05")]
    [Trait("Rule", "ACC-06")]
    public async Task Review_OpenLines_AndPassWithUnmetLines_AreRefused_FailThenRectifyThenPass(string provider)
    {
        var app = apps[provider];
        var today = Today(app);
        var county = await app.SignInAsync("kelan");
        var id = await InsertAsync(app, Kelan, a => { a.Status = AcceptanceStatus.UnderReview; a.StandardItems = [20]; a.ClaimedProgressPercent = 50; });
        var template = (await (await county.GetAsync($"{Base}/{id}/checklist-template")).JsonAsync()).EnumerateArray().ToList();
        Assert.Contains(template, l => l.GetProperty("itemNumber").ValueKind == System.Text.Json.JsonValueKind.Number && l.GetProperty("itemNumber").GetInt32() == 20);
        Assert.Contains(template, l => l.GetProperty("description").GetString()!.Contains("培育方案"));

        var open = await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/review", new { reviewedOn = today, methods = new[] { "现场查验" }, lines = Lines(null), conclusion = "Pass", acceptedProgressPercent = 50 });
        Assert.Equal(AcceptanceErrors.ChecklistOpen, await open.ProblemCodeAsync());
        var unmet = await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/review", new { reviewedOn = today, methods = new[] { "现场查验" }, lines = Lines("NotMet"), conclusion = "Pass", acceptedProgressPercent = 50 });
        Assert.Equal(AcceptanceErrors.PassWithUnmetLines, await unmet.ProblemCodeAsync());
        var over = await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/review", new { reviewedOn = today, methods = new[] { "现场查验" }, lines = Lines(), conclusion = "Pass", acceptedProgressPercent = 50.01 });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/review", new { reviewedOn = today, methods = new[] { "电话" }, lines = Lines(), conclusion = "Pass", acceptedProgressPercent = 50 })).StatusCode);
        Assert.Equal(AcceptanceStatus.UnderReview, (await RowAsync(app, id)).Status);

        // Fail with rectification opinions and a deadline in working days.
        var fail = await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/review", new { reviewedOn = today, methods = new[] { "现场查验", "查阅资料" }, lines = Lines("NotMet"), conclusion = "Fail", rectificationOpinions = "补齐仓储设备", rectificationWorkingDays = 10 });
        Assert.Equal(HttpStatusCode.NoContent, fail.StatusCode);
        var a = await RowAsync(app, id);
        Assert.Equal(AcceptanceStatus.Failed, a.Status);
        Assert.Equal(Calendar(app).DeadlineAfter(today, 10), a.RectificationDeadline);

        // The failed acceptance is an open rectification for the funds module and for the next pre-check.
        await using (var ctx = app.SystemContext())
        {
            var open1 = await new AcceptanceRectifications().ForAsync(ctx, a.EtownId, null, default);
            Assert.Contains(open1, o => o.Title.StartsWith(a.Title) && o.Deadline == a.RectificationDeadline);
        }
        var next = await InsertAsync(app, Kelan, _ => { });
        var cond = (await (await county.GetAsync($"{Base}/{next}/precheck")).JsonAsync()).EnumerateArray().Single(c => c.GetProperty("code").GetString() == "rectifications");
        Assert.False(cond.GetProperty("met").GetBoolean());

        // Review again only after the answer (illegal transition before).
        Assert.Equal(AcceptanceErrors.IllegalTransition, await (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/review", new { reviewedOn = today, methods = new[] { "现场查验" }, lines = Lines(), conclusion = "Pass", acceptedProgressPercent = 50 })).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/rectification", new { answer = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/rectification", new { answer = "已补齐" })).StatusCode);
        a = await RowAsync(app, id);
        Assert.Equal((AcceptanceStatus.UnderReview, 2), (a.Status, a.Round));
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/review", new { reviewedOn = today, methods = new[] { "现场查验" }, lines = Lines(), conclusion = "Pass", acceptedProgressPercent = 50, opinion = "同意" })).StatusCode);
        a = await RowAsync(app, id);
        Assert.Equal((AcceptanceStatus.Passed, 50m), (a.Status, a.AcceptedProgressPercent));

        // ACC-07: the report states the conclusion.
        var docx = await county.GetAsync($"{Base}/{id}/report.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        Assert.Contains("验收结论：合格。确认累计完成合同进度 50%", doc.MainDocumentPart!.Document.Body!.InnerText);
    }

    // ---------------------------------------------------------------- ACC-07 notice, objections, filing; ACC-06 e-town status

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-07")]
    public async Task Notice_Of5WorkingDays_AcrossNationalDay_CountySettingNeverBelow5(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var id = await InsertAsync(app, Lucheng, a =>
        {
            a.SubmittedOn = new DateOnly(2025, 9, 10); a.Status = AcceptanceStatus.Passed; a.ReviewedOn = new DateOnly(2025, 9, 29); a.AcceptedProgressPercent = 30;
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/notice", new { startsOn = "2025-09-28" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/notice", new { startsOn = "2025-09-30" })).StatusCode);
        var a = await RowAsync(app, id);
        // 09-30, 10-09, 10-10, 10-11 (worked Saturday), 10-13.
        Assert.Equal((5, new DateOnly(2025, 10, 13)), (a.NoticeWorkingDays!.Value, a.NoticeEndsOn!.Value));
        Assert.Equal(AcceptanceErrors.NoticeState, await (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{id}/notice", new { startsOn = "2025-09-30" })).ProblemCodeAsync());

        // 岢岚 sets a longer notice; below 5 is refused.
        var kelan = await app.SignInAsync("kelan");
        Assert.Equal(HttpStatusCode.BadRequest, (await kelan.SendJsonAsync(HttpMethod.Put, "/api/v1/acceptance/settings", new { noticeWorkingDays = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, "/api/v1/acceptance/settings", new { noticeWorkingDays = 7 })).StatusCode);
        Assert.Equal(7, (await (await kelan.GetAsync("/api/v1/acceptance/settings")).JsonAsync()).GetProperty("noticeWorkingDays").GetInt32());
        Assert.Equal(5, (await (await county.GetAsync("/api/v1/acceptance/settings")).JsonAsync()).GetProperty("noticeWorkingDays").GetInt32());
        var k = await InsertAsync(app, Kelan, x => { x.SubmittedOn = new DateOnly(2025, 9, 10); x.Status = AcceptanceStatus.Passed; x.ReviewedOn = new DateOnly(2025, 9, 29); x.AcceptedProgressPercent = 30; });
        Assert.Equal(HttpStatusCode.NoContent, (await kelan.SendJsonAsync(HttpMethod.Post, $"{Base}/{k}/notice", new { startsOn = "2025-09-30" })).StatusCode);
        Assert.Equal(new DateOnly(2025, 10, 15), (await RowAsync(app, k)).NoticeEndsOn);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-07")]
    [Trait("Rule", "ACC-09")]
    public async Task Objection_OnTheLastDay_BlocksFiling_UntilAnswered_TheDayAfterIsRefused_CityAcknowledges(string provider)
    {
        var app = apps[provider];
        var today = Today(app);
        void Passed(AcceptanceApplication a, DateOnly ends)
        {
            a.SubmittedOn = today.AddDays(-40); a.Status = AcceptanceStatus.Passed; a.ReviewedOn = today.AddDays(-30); a.AcceptedProgressPercent = 30;
            a.NoticeStartsOn = ends.AddDays(-7); a.NoticeEndsOn = ends; a.NoticeWorkingDays = 5;
        }
        var lastDay = await InsertAsync(app, Lucheng, a => Passed(a, today));
        var ended = await InsertAsync(app, Lucheng, a => Passed(a, today.AddDays(-1)));

        // Anyone signed in, even outside the county, objects during the notice; it is recorded.
        var sys = await app.SignInAsync("sysadmin");
        Assert.Contains((await (await sys.GetAsync("/api/v1/acceptance/notices")).JsonAsync()).EnumerateArray(), n => n.GetProperty("id").GetGuid() == lastDay);
        var o = await sys.SendJsonAsync(HttpMethod.Post, $"{Base}/{lastDay}/objections", new { text = "公共服务中心尚未开放" });
        Assert.Equal(HttpStatusCode.OK, o.StatusCode);
        var objectionId = (await o.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(AcceptanceErrors.NotInNotice, await (await sys.SendJsonAsync(HttpMethod.Post, $"{Base}/{ended}/objections", new { text = "晚了" })).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().SendJsonAsync(HttpMethod.Post, $"{Base}/{lastDay}/objections", new { text = "匿名" })).StatusCode);

        // The funds port reports the open objection.
        await using (var ctx = app.SystemContext())
        {
            var a = await ctx.AcceptanceApplications.SingleAsync(x => x.Id == lastDay);
            a.ContractId = Guid.NewGuid();
            await ctx.SaveChangesAsync();
            var results = await new AcceptanceResults().ForContractAsync(ctx, a.ContractId.Value, default);
            Assert.True(Assert.Single(results).OpenObjection);
            Assert.Equal((30m, false, today), (results[0].ProgressPercent, results[0].IsFinal, results[0].NoticeEndsOn!.Value));
        }

        var county = await app.SignInAsync("lucheng");
        // Still in notice today: no filing; the notice that ended yesterday may be filed.
        Assert.Equal(AcceptanceErrors.FilingState, await (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{lastDay}/filing", new { level = "City" })).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{ended}/filing", new { level = "City" })).StatusCode);
        // An open objection on an ended notice blocks the filing until answered.
        await using (var ctx = app.SystemContext())
        {
            var a = await ctx.AcceptanceApplications.SingleAsync(x => x.Id == lastDay);
            a.NoticeEndsOn = today.AddDays(-1);
            await ctx.SaveChangesAsync();
        }
        Assert.Equal(AcceptanceErrors.FilingState, await (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{lastDay}/filing", new { level = "City" })).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{lastDay}/objections/{objectionId}/answer", new { answer = "已于公示期内开放，经核实" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"{Base}/{lastDay}/filing", new { level = "City" })).StatusCode);

        // 朔州's city officer does not acknowledge 长治's filing; 长治 does; the province only what was filed with it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("shuozhou")).PostAsync($"{Base}/{ended}/acknowledgement", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.SignInAsync("changzhi")).PostAsync($"{Base}/{ended}/acknowledgement", null)).StatusCode);
        Assert.NotNull((await RowAsync(app, ended)).CityAcknowledgedAt);
        Assert.Equal(AcceptanceErrors.FilingState, await (await (await app.SignInAsync("province")).PostAsync($"{Base}/{ended}/acknowledgement", null)).ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-06")]
    [Trait("Rule", "ACC-07")]
    public async Task WholeProjectPassed_NoticeEnded_NoOpenObjection_MakesTheEtownAccepted_Only(string provider)
    {
        var app = apps[provider];
        var today = Today(app);
        var towns = await TownsAsync(app);
        var stage = await InsertAsync(app, Kelan, a => { a.Status = AcceptanceStatus.Passed; a.ReviewedOn = today.AddDays(-20); a.AcceptedProgressPercent = 30; a.NoticeStartsOn = today.AddDays(-15); a.NoticeEndsOn = today.AddDays(-8); });
        var whole = await InsertAsync(app, Kelan, a =>
        {
            a.Scope = AcceptanceScope.Whole; a.ClaimedProgressPercent = 100; a.Status = AcceptanceStatus.Passed; a.ReviewedOn = today.AddDays(-20);
            a.AcceptedProgressPercent = 100; a.NoticeStartsOn = today.AddDays(-7); a.NoticeEndsOn = today;
        });
        var county = await app.SignInAsync("kelan");
        Assert.Equal(AcceptanceErrors.NotFinal, await (await county.PostAsync($"{Base}/{stage}/finalisation", null)).ProblemCodeAsync());
        // The last day of the notice: not yet.
        Assert.Equal(AcceptanceErrors.NotFinal, await (await county.PostAsync($"{Base}/{whole}/finalisation", null)).ProblemCodeAsync());
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal(EtownStatus.UnderConstruction, (await ctx.Etowns.SingleAsync(e => e.Id == towns[Kelan])).Status);
            var a = await ctx.AcceptanceApplications.SingleAsync(x => x.Id == whole);
            a.NoticeEndsOn = today.AddDays(-1);
            await ctx.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("lucheng")).PostAsync($"{Base}/{whole}/finalisation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await county.PostAsync($"{Base}/{whole}/finalisation", null)).StatusCode);
        await using var ctx2 = app.SystemContext();
        Assert.Equal(EtownStatus.Accepted, (await ctx2.Etowns.SingleAsync(e => e.Id == towns[Kelan])).Status);
        Assert.NotNull((await ctx2.AcceptanceApplications.SingleAsync(x => x.Id == whole)).EtownAcceptedAt);
        Assert.Equal(AcceptanceErrors.NotFinal, await (await county.PostAsync($"{Base}/{whole}/finalisation", null)).ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-06")]
    public async Task DailyJob_MakesTheEtownAccepted_OnlyWhenTheWholeNoticeEndedWithoutOpenObjection(string provider)
    {
        var app = apps[provider];
        var today = Today(app);
        var towns = await TownsAsync(app);
        var whole = await InsertAsync(app, Linyi, a =>
        {
            a.Scope = AcceptanceScope.Whole; a.ClaimedProgressPercent = 100; a.Status = AcceptanceStatus.Passed; a.ReviewedOn = today.AddDays(-20);
            a.AcceptedProgressPercent = 100; a.NoticeStartsOn = today.AddDays(-8); a.NoticeEndsOn = today.AddDays(-1);
        });
        await using (var ctx = app.SystemContext())
        {
            ctx.AcceptanceObjections.Add(new AcceptanceObjection { ApplicationId = whole, EtownId = towns[Linyi], CountyCode = "140821", Text = "异议", RaisedOn = today.AddDays(-2) });
            await ctx.SaveChangesAsync();
        }
        async Task<int> RunAsync()
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<ETown.Web.Platform.Auth.Caller>().SetSystem();
            return await scope.ServiceProvider.GetRequiredService<AcceptanceService>().FinaliseDueAsync(today);
        }
        Assert.Equal(0, await RunAsync());
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal(EtownStatus.UnderConstruction, (await ctx.Etowns.SingleAsync(e => e.Id == towns[Linyi])).Status);
            (await ctx.AcceptanceObjections.SingleAsync(o => o.ApplicationId == whole)).Answer = "已核实";
            await ctx.SaveChangesAsync();
        }
        Assert.Equal(1, await RunAsync());
        await using var ctx2 = app.SystemContext();
        Assert.Equal(EtownStatus.Accepted, (await ctx2.Etowns.SingleAsync(e => e.Id == towns[Linyi])).Status);
        Assert.Equal(0, await RunAsync());
    }

    // ---------------------------------------------------------------- demo

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-03")]
    public async Task Demo_LuchengStagePassedAt60_NoticeEnded_LinyiWaitsWithinItsDeadline(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        await using var ctx = app.SystemContext();
        var l = await ctx.AcceptanceApplications.SingleAsync(a => a.Title == Web.Features.Acceptance.Demo.DemoAcceptance.LuchengStageTitle);
        Assert.Equal((towns[Lucheng], AcceptanceStatus.Passed, 60m), (l.EtownId, l.Status, l.AcceptedProgressPercent!.Value));
        Assert.True(l.NoticeEnded(Today(app)));
        Assert.Equal(Calendar(app).PeriodEnd(l.NoticeStartsOn!.Value, 5), l.NoticeEndsOn);
        var y = await ctx.AcceptanceApplications.SingleAsync(a => a.Title == Web.Features.Acceptance.Demo.DemoAcceptance.LinyiTitle);
        Assert.Equal((towns[Linyi], AcceptanceStatus.UnderReview), (y.EtownId, y.Status));
        Assert.Equal(Calendar(app).DeadlineAfter(y.SubmittedOn, 15), y.ReviewDeadline);
        Assert.False(AcceptanceService.IsOverdue(y, Today(app)));
    }
}
