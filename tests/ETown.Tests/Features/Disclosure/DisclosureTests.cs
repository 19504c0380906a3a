using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Acceptance;
using ETown.Web.Features.Disclosure;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Disclosure;

/// <summary>
/// DISC-01 on every configured database: the public column shows only what the county published for a published e-town;
/// reports reach only the discipline/audit organisation of the region; the reporter reads the answer with the code; opinions
/// are moderated and escaped; one survey answer per phone.
/// </summary>
public class DisclosureTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Shanyin = "山阴县古城乡村e镇";

    static async Task<Dictionary<string, Guid>> TownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);
    }

    /// <summary>Answers the arithmetic question like a person would.</summary>
    internal static async Task<(string Token, string Answer)> SolveAsync(HttpClient c)
    {
        var j = await (await c.GetAsync("/api/v1/public/challenge")).JsonAsync();
        var q = j.GetProperty("question").GetString()!.Split(' ');
        return (j.GetProperty("token").GetString()!, (int.Parse(q[0]) + int.Parse(q[2])).ToString());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    public async Task Column_ShowsOnlyPublishedItems_AndAnUnpublishedEtownIsNotFound(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var anon = app.Anonymous();

        var column = await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/column");
        Assert.Equal(HttpStatusCode.OK, column.StatusCode);
        var contracts = (await column.JsonAsync()).GetProperty("funds").GetProperty("contracts").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.NotEmpty(contracts); // the demo county published its contracts

        // The county withdraws one (reason required): the public no longer sees it; the withdrawal stays on record.
        var county = await app.SignInAsync("lucheng");
        var admin = await (await county.GetAsync($"/api/v1/disclosure/etowns/{towns[Lucheng]}")).JsonAsync();
        var item = admin.GetProperty("candidates").EnumerateArray().First(c => c.GetProperty("kind").GetString() == "Contract" && c.GetProperty("sourceId").GetGuid() == contracts[0]);
        var itemId = item.GetProperty("publishedItemId").GetGuid();
        var noReason = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/items/{itemId}/withdrawal", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(DisclosureErrors.ReasonRequired, await noReason.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/items/{itemId}/withdrawal", new { reason = "合同编号更正后重新公开" })).StatusCode);
        var after = (await (await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/column")).JsonAsync()).GetProperty("funds").GetProperty("contracts")
            .EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.DoesNotContain(contracts[0], after);
        await using (var ctx = app.SystemContext())
            Assert.Equal("合同编号更正后重新公开", (await ctx.PublishedItems.SingleAsync(i => i.Id == itemId)).WithdrawReason);

        // Publishing again is an explicit act; a guessed id that is not a candidate of this e-town is refused.
        Assert.Equal(HttpStatusCode.Created, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/etowns/{towns[Lucheng]}/items", new { kind = "Contract", sourceId = contracts[0] })).StatusCode);
        var again = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/etowns/{towns[Lucheng]}/items", new { kind = "Contract", sourceId = contracts[0] });
        Assert.Equal(DisclosureErrors.AlreadyPublished, await again.ProblemCodeAsync());
        var guessed = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/etowns/{towns[Lucheng]}/items", new { kind = "Payment", sourceId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, guessed.StatusCode);
        Assert.Equal(DisclosureErrors.UnknownSource, await guessed.ProblemCodeAsync());
        // Another county cannot publish on 潞城's column (it does not see the e-town).
        var kelan = await app.SignInAsync("kelan");
        Assert.Equal(HttpStatusCode.NotFound, (await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/etowns/{towns[Lucheng]}/items", new { kind = "Contract", sourceId = contracts[0] })).StatusCode);

        // 山阴 is not published in the registry: every public URL answers 404, whatever the id of its items.
        foreach (var url in new[] { "column", "figures.csv", "figures.xlsx", $"ocds/{DateTime.UtcNow.Year}.json" })
            Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/public/etowns/{towns[Shanyin]}/{url}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/public/etowns/{Guid.NewGuid()}/column")).StatusCode);
        var (token, answer) = await SolveAsync(anon);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Shanyin]}/reports",
            new { subject = "测试", text = "这是一条针对未公开e镇的举报内容", anonymous = true, challengeToken = token, challengeAnswer = answer })).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    public async Task OpenData_OcdsAndCsv_CarryOnlyPublishedFigures(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var anon = app.Anonymous();
        var col = await (await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/column")).JsonAsync();
        var years = col.GetProperty("openDataYears").EnumerateArray().Select(y => y.GetInt32()).ToList();
        Assert.NotEmpty(years);
        var ocds = await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/ocds/{years[0]}.json");
        Assert.Equal(HttpStatusCode.OK, ocds.StatusCode);
        var pkg = await ocds.JsonAsync();
        Assert.Equal("1.1", pkg.GetProperty("version").GetString());
        Assert.Equal($"/api/v1/public/etowns/{towns[Lucheng]}/ocds/{years[0]}.json", pkg.GetProperty("uri").GetString());
        Assert.NotEmpty(pkg.GetProperty("releases").EnumerateArray());
        var published = col.GetProperty("funds").GetProperty("contracts").EnumerateArray().Select(c => c.GetProperty("number").GetString()).ToHashSet();
        Assert.All(pkg.GetProperty("releases").EnumerateArray(), r => Assert.Contains(r.GetProperty("tender").GetProperty("id").GetString(), published));

        var csv = await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/figures.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("类别,项目", text.TrimStart('\uFEFF'));
        foreach (var n in published) Assert.Contains(n!, text);
        // No person's name: the reviewer and the approver of a payment are never in the open data.
        await using var ctx = app.SystemContext();
        var people = await ctx.PaymentRequests.Where(p => p.EtownId == towns[Lucheng] && p.ApproverName != null).Select(p => p.ApproverName!).Distinct().ToListAsync();
        foreach (var p in people) Assert.DoesNotContain(p, text + await ocds.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/figures.xlsx")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    public async Task Report_OnlyTheDisciplineOrganisationReadsIt_AndTheReporterReadsTheAnswerWithTheCode(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var anon = app.Anonymous();
        var (token, answer) = await SolveAsync(anon);
        var r = await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/reports", new
        {
            subject = "测试举报 " + provider, text = "反映某项目资金使用不规范的情况，请核查。", anonymous = false, contactName = "王某", contactPhone = "13912345678",
            challengeToken = token, challengeAnswer = answer,
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var code = (await r.JsonAsync()).GetProperty("trackingCode").GetString()!;
        Assert.Equal(32, code.Count(char.IsAsciiHexDigit)); // 128 bits

        Guid id;
        await using (var ctx = app.SystemContext())
        {
            var row = await ctx.ReportCases.SingleAsync(c => c.Subject == "测试举报 " + provider);
            id = row.Id;
            Assert.Equal(WhistleService.HashCode(code), row.CodeHash);
            Assert.DoesNotContain(code.Replace("-", ""), row.CodeHash, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("13912345678", row.ContactProtected);
            Assert.DoesNotContain("王某", row.ContactProtected);
        }

        // Only 长治市纪委监委 (discipline) — not the county e镇办, the operator, the city or the province.
        var discipline = await app.SignInAsync("discipline");
        var list = await (await discipline.GetAsync("/api/v1/disclosure/reports")).JsonAsync();
        Assert.Contains(list.EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        foreach (var user in new[] { "lucheng", "operator", "changzhi", "province" })
        {
            var c = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync($"/api/v1/disclosure/reports/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync("/api/v1/disclosure/reports")).StatusCode);
        }
        // Even with a context of their own, the county's scope has no such row (the scope rule, not only the endpoint).
        var county = await app.SignInAsync("lucheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/reports/{id}/steps", new { to = "Accepted" })).StatusCode);

        // Steps in order: 受理 → 调查 → 办结 (with an answer).
        var skip = await discipline.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/reports/{id}/steps", new { to = "Closed", answer = "直接办结" });
        Assert.Equal(DisclosureErrors.IllegalStep, await skip.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await discipline.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/reports/{id}/steps", new { to = "Accepted" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await discipline.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/reports/{id}/steps", new { to = "Investigating", note = "调阅凭证" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await discipline.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/reports/{id}/steps", new { to = "Closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await discipline.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/reports/{id}/steps", new { to = "Closed", answer = "经核查，已责成整改。" })).StatusCode);

        // Unmasking is separate and leaves a step (audited with the save).
        var contact = await (await discipline.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/reports/{id}/contact")).JsonAsync();
        Assert.Equal("13912345678", contact.GetProperty("phone").GetString());
        await using (var ctx = app.SystemContext())
            Assert.Single(await ctx.ReportSteps.Where(s => s.CaseId == id && s.Action == ReportStep.Unmasked).ToListAsync());

        // The reporter, anonymous, with the code (dashes and case do not matter); the internal note is not shown.
        var track = await anon.SendJsonAsync(HttpMethod.Post, "/api/v1/public/reports/track", new { code = code.ToLowerInvariant().Replace("-", "") });
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        var t = await track.JsonAsync();
        Assert.Equal("Closed", t.GetProperty("status").GetString());
        Assert.Equal("经核查，已责成整改。", t.GetProperty("answer").GetString());
        Assert.DoesNotContain("调阅凭证", t.GetRawText());
        Assert.DoesNotContain("冯", t.GetRawText());
        var wrong = await anon.SendJsonAsync(HttpMethod.Post, "/api/v1/public/reports/track", new { code = WhistleService.NewCode() });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(DisclosureErrors.WrongCode, await wrong.ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    public async Task Opinion_IsModeratedBeforeDisplay_AndEscaped(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var anon = app.Anonymous();
        var text = "<script>alert('x')</script> 建议增加夜间物流班次 " + provider;
        var (token, _) = await SolveAsync(anon);
        var bad = await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/opinions", new { text, challengeToken = token, challengeAnswer = "-1" });
        Assert.Equal(DisclosureErrors.HumanCheck, await bad.ProblemCodeAsync());
        var tooLong = await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/opinions", new { text = new string('长', 501), challengeToken = token, challengeAnswer = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var (token2, answer2) = await SolveAsync(anon);
        var ok = await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/opinions", new { text, challengeToken = token2, challengeAnswer = answer2 });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var id = (await ok.JsonAsync()).GetProperty("id").GetGuid();

        string Texts(JsonElement col) => string.Join("|", col.GetProperty("opinions").EnumerateArray().Select(o => o.GetProperty("text").GetString()));
        Assert.DoesNotContain("夜间物流", Texts(await (await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/column")).JsonAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("changzhi")).SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/opinions/{id}/moderation", new { approve = true })).StatusCode);
        var county = await app.SignInAsync("lucheng");
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/opinions/{id}/moderation", new { approve = true, reply = "已转物流公司研究" })).StatusCode);
        Assert.Contains("夜间物流", Texts(await (await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/column")).JsonAsync()));
        var html = await (await anon.GetAsync($"/public/etowns/{towns[Lucheng]}")).Content.ReadAsStringAsync();
        Assert.Contains("夜间物流", html);
        Assert.DoesNotContain("<script>alert('x')</script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    public async Task Survey_OneAnswerPerPhone_AndTheEvaluationReadsTheRate(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var anon = app.Anonymous();
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        async Task<SatisfactionResult> RateAsync()
        {
            await using var ctx = app.SystemContext();
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetServices<ISatisfactionResults>().Single().ForEtownAsync(ctx, towns[Lucheng], year, default);
        }
        var before = await RateAsync();
        var phone = "1390000" + (provider == "Sqlite" ? "1111" : "2222");
        var (t1, a1) = await SolveAsync(anon);
        Assert.Equal(HttpStatusCode.NoContent, (await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/survey",
            new { phone, kind = "MarketEntity", answer = "Satisfied", challengeToken = t1, challengeAnswer = a1 })).StatusCode);
        var (t2, a2) = await SolveAsync(anon);
        var twice = await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/survey",
            new { phone, kind = "Resident", answer = "Dissatisfied", challengeToken = t2, challengeAnswer = a2 });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(DisclosureErrors.AlreadyAnswered, await twice.ProblemCodeAsync());
        var after = await RateAsync();
        Assert.Equal(before.Answers + 1, after.Answers);
        Assert.Equal(before.Satisfied + 1, after.Satisfied);
        await using var ctx = app.SystemContext();
        Assert.DoesNotContain(await ctx.SurveyAnswers.Select(a => a.RespondentHash).ToListAsync(), h => h.Contains(phone));
    }

    [Theory, SqliteData]
    [Trait("Rule", "DISC-01")]
    public async Task WrongCodes_AndForms_AreRateLimitedPerAddress(string provider)
    {
        await using var app = new EtownAppFactory(provider, settings: new Dictionary<string, string?>
        {
            ["Disclosure:WrongCodesPerWindow"] = "3", ["Disclosure:FormsPerWindow"] = "2",
        }).Start();
        var anon = app.Anonymous();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await anon.SendJsonAsync(HttpMethod.Post, "/api/v1/public/reports/track", new { code = WhistleService.NewCode() })).StatusCode);
        // Blocked: even the right code gets no answer from this address now.
        var blocked = await anon.SendJsonAsync(HttpMethod.Post, "/api/v1/public/reports/track", new { code = DisclosureDemo.DemoTrackingCode });
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(DisclosureErrors.TooMany, await blocked.ProblemCodeAsync());

        var towns = await TownsAsync(app);
        for (var i = 0; i < 2; i++)
        {
            var (t, a) = await SolveAsync(anon);
            Assert.Equal(HttpStatusCode.Created, (await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/opinions", new { text = "限频测试意见 " + i, challengeToken = t, challengeAnswer = a })).StatusCode);
        }
        var (t3, a3) = await SolveAsync(anon);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/opinions", new { text = "限频测试意见 3", challengeToken = t3, challengeAnswer = a3 })).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    [Trait("Rule", "ACC-07")]
    public async Task Objection_FromTheColumn_DuringTheWindow_BlocksUntilTheCountyAnswers(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        Guid contract, inWindow, ended;
        await using (var ctx = app.SystemContext())
        {
            var e = await ctx.Etowns.SingleAsync(x => x.Id == towns[Lucheng]);
            contract = await ctx.FundContracts.Where(c => c.EtownId == e.Id).OrderBy(c => c.Number).Select(c => c.Id).FirstAsync();
            AcceptanceApplication Passed(string title, DateOnly noticeStart) => new()
            {
                EtownId = e.Id, CountyCode = e.CountyCode, Scope = AcceptanceScope.Stage, Title = title + " " + provider, ContractId = contract,
                ClaimedProgressPercent = 30m, SubmittedOn = today.AddDays(-30), ReviewDeadline = today.AddDays(-10), Status = AcceptanceStatus.Passed,
                ReviewedOn = today.AddDays(-20), AcceptedProgressPercent = 30m,
                NoticeStartsOn = noticeStart, NoticeWorkingDays = 5, NoticeEndsOn = calendar.PeriodEnd(noticeStart, 5),
            };
            var a = Passed("公示中的阶段验收", today);
            var b = Passed("公示已结束的阶段验收", today.AddDays(-40));
            ctx.AcceptanceApplications.AddRange(a, b);
            await ctx.SaveChangesAsync();
            (inWindow, ended) = (a.Id, b.Id);
        }
        var anon = app.Anonymous();
        async Task<HttpResponseMessage> ObjectAsync(Guid notice)
        {
            var (t, a) = await SolveAsync(anon);
            return await anon.SendJsonAsync(HttpMethod.Post, $"/api/v1/public/etowns/{towns[Lucheng]}/notices/{notice}/objections",
                new { text = "验收现场与合同约定的建设内容不一致。", challengeToken = t, challengeAnswer = a });
        }
        // Not on the column yet: there is nothing to object to.
        Assert.Equal(HttpStatusCode.NotFound, (await ObjectAsync(inWindow)).StatusCode);
        var county = await app.SignInAsync("lucheng");
        foreach (var id in new[] { inWindow, ended })
            Assert.Equal(HttpStatusCode.Created, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/etowns/{towns[Lucheng]}/items", new { kind = "Acceptance", sourceId = id })).StatusCode);
        var late = await ObjectAsync(ended);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(AcceptanceErrors.NotInNotice, await late.ProblemCodeAsync());

        var filed = await ObjectAsync(inWindow);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var objectionId = (await filed.JsonAsync()).GetProperty("id").GetGuid();
        async Task<bool> OpenAsync()
        {
            await using var ctx = app.SystemContext();
            using var scope = app.Services.CreateScope();
            var results = await scope.ServiceProvider.GetServices<IAcceptanceResults>().Single().ForContractAsync(ctx, contract, default);
            return results.Single(r => r.AcceptanceId == inWindow).OpenObjection;
        }
        // The objection reached the county's acceptance and holds what the notice guards (FUND-06 reads OpenObjection).
        Assert.True(await OpenAsync());
        var column = await (await anon.GetAsync($"/api/v1/public/etowns/{towns[Lucheng]}/column")).JsonAsync();
        Assert.Equal(1, column.GetProperty("acceptances").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == inWindow).GetProperty("openObjections").GetInt32());
        var what = "答复公示异议 1 件：公示中的阶段验收 " + provider;
        async Task<List<string>> DeskAsync() => (await (await county.GetAsync("/api/v1/workdesk")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("what").GetString()!).ToList();
        Assert.Contains(what, await DeskAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/acceptance/applications/{inWindow}/objections/{objectionId}/answer", new { answer = "经复核，建设内容与合同一致。" })).StatusCode);
        Assert.False(await OpenAsync());
        Assert.DoesNotContain(what, await DeskAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    public async Task Demo_ReportHandledByDiscipline_IsReadableWithTheDemoCode(string provider)
    {
        var app = apps[provider];
        var t = await (await app.Anonymous().SendJsonAsync(HttpMethod.Post, "/api/v1/public/reports/track", new { code = DisclosureDemo.DemoTrackingCode })).JsonAsync();
        Assert.Equal("Closed", t.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(t.GetProperty("answer").GetString()));
    }
}
