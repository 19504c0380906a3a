using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ETown.Tests.Features.Plans;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Disclosure;
using ETown.Web.Features.Plans;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Disclosure;

/// <summary>
/// Issue #13 follow-up on every configured database: the listing decision (DECL-07) and payment notices (FUND-06 window of
/// the county's rule set) on the column with working-day windows and end dates; the survey's satisfaction judged like
/// EVAL-01 on the column and the county's page; a published draft plan edited is noticed again from the edit (DISC-02).
/// </summary>
public class DisclosureFollowUpTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇";

    static async Task<Dictionary<string, Guid>> TownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);
    }

    static DateOnly Date(JsonElement e, string name) => DateOnly.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    static List<JsonElement> Notices(JsonElement column, string kind) =>
        column.GetProperty("notices").EnumerateArray().Where(n => n.GetProperty("kindLabel").GetString() == kind).ToList();

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-01")]
    public async Task Column_ShowsTheListingDecisionAndPaymentNotices_WithWindowAndEndDate(string provider)
    {
        var app = apps[provider];
        var town = (await TownsAsync(app))[Lucheng];
        var anon = app.Anonymous();
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        async Task<JsonElement> ColumnAsync() => await (await anon.GetAsync($"/api/v1/public/etowns/{town}/column")).JsonAsync();

        // DECL-07: the 2022 round was finalised — its 公示 (start, 5 working days, end) is on 潞城's column.
        var column = await ColumnAsync();
        var listing = Assert.Single(Notices(column, "入选名单公示"));
        Assert.Contains(Lucheng, listing.GetProperty("title").GetString());
        Assert.Equal(new DateOnly(2022, 7, 25), Date(listing, "startsOn"));
        Assert.Equal(5, listing.GetProperty("workingDays").GetInt32());
        Assert.Equal(new DateOnly(2022, 7, 29), Date(listing, "endsOn"));
        Assert.Equal("公示期满", listing.GetProperty("state").GetString());

        // A round not finalised shows no listing decision.
        await using (var ctx = app.SystemContext())
        {
            (await ctx.DeclarationRounds.SingleAsync(r => r.Year == 2022)).IsFinalised = false;
            await ctx.SaveChangesAsync();
        }
        Assert.Empty(Notices(await ColumnAsync(), "入选名单公示"));
        await using (var ctx = app.SystemContext())
        {
            (await ctx.DeclarationRounds.SingleAsync(r => r.Year == 2022)).IsFinalised = true;
            await ctx.SaveChangesAsync();
        }

        // FUND-06: each published payment is noticed from the day the county published it, for the rule set's working days.
        var payments = column.GetProperty("funds").GetProperty("payments").EnumerateArray().ToList();
        Assert.NotEmpty(payments);
        Dictionary<Guid, DateOnly> published;
        await using (var ctx = app.SystemContext())
            published = (await ctx.PublishedItems.Where(i => i.EtownId == town && i.Kind == PublishedKind.Payment && i.WithdrawnAt == null).ToListAsync())
                .GroupBy(i => i.SourceId).ToDictionary(g => g.Key, g => g.Min(i => i.PublishedAt).ToChinaDate());
        var paymentNotices = Notices(column, "资金拨付公示");
        Assert.Equal(payments.Count, paymentNotices.Count);
        foreach (var p in payments)
        {
            var id = p.GetProperty("id").GetGuid();
            var n = paymentNotices.Single(x => x.GetProperty("id").GetGuid() == id);
            Assert.Equal(published[id], Date(n, "startsOn"));
            Assert.Equal(5, n.GetProperty("workingDays").GetInt32());
            Assert.Equal(calendar.PeriodEnd(published[id], 5), Date(n, "endsOn"));
            Assert.Contains(p.GetProperty("operatorName").GetString()!, n.GetProperty("title").GetString());
            Assert.Contains("万元", n.GetProperty("title").GetString());
        }
        // No personal data: the people who reviewed and approved the payment never reach the column.
        await using (var ctx = app.SystemContext())
        {
            var ids = published.Keys.ToList();
            var people = (await ctx.PaymentRequests.Where(p => ids.Contains(p.Id)).ToListAsync())
                .SelectMany(p => new[] { p.ReviewerName, p.ApproverName }).Where(n => !string.IsNullOrEmpty(n)).Distinct().ToList();
            var raw = (await ColumnAsync()).GetRawText();
            foreach (var name in people) Assert.DoesNotContain(name!, raw);
        }

        // The county's own rule set gives the window: 潞城 adopts 7 working days → the notices show 7 and the later end.
        var lucheng = await app.SignInAsync("lucheng");
        var code = "LC-NOTICE-" + provider[..2].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await lucheng.SendJsonAsync(HttpMethod.Post, "/api/v1/funds/rule-sets/SX-FUND-2022/derive",
            new { code, name = "潞城拨付规则（公示 7 日）", countyCode = "140406", limits = new { startUpSharePercent = 30m, retentionPercent = 10m, noticeWorkingDays = 7, stageAcceptanceRequired = true } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/rule-sets/{code}/adopt")).StatusCode);
        var seven = Notices(await ColumnAsync(), "资金拨付公示");
        Assert.All(seven, n =>
        {
            Assert.Equal(7, n.GetProperty("workingDays").GetInt32());
            Assert.Equal(calendar.PeriodEnd(Date(n, "startsOn"), 7), Date(n, "endsOn"));
        });

        // Withdrawn = gone from the column and its notices (nothing unpublished is shown).
        var first = payments[0].GetProperty("id").GetGuid();
        Guid itemId;
        await using (var ctx = app.SystemContext())
            itemId = (await ctx.PublishedItems.FirstAsync(i => i.SourceId == first && i.Kind == PublishedKind.Payment && i.WithdrawnAt == null)).Id;
        Assert.Equal(HttpStatusCode.NoContent, (await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/items/{itemId}/withdrawal", new { reason = "测试撤回" })).StatusCode);
        var after = await ColumnAsync();
        Assert.DoesNotContain(Notices(after, "资金拨付公示"), n => n.GetProperty("id").GetGuid() == first);
        Assert.DoesNotContain(after.GetProperty("funds").GetProperty("payments").EnumerateArray(), p => p.GetProperty("id").GetGuid() == first);

        // The page shows them too.
        var html = await (await anon.GetAsync($"/public/etowns/{town}")).Content.ReadAsStringAsync();
        Assert.Contains("入选名单公示", html);
        Assert.Contains("2022-07-29", html);
        Assert.Contains("资金拨付公示", html);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "EVAL-01")]
    [Trait("Rule", "DISC-01")]
    public async Task Satisfaction_OnTheColumnAndTheCountyPage_95Met_9499NotMet_NoAnswersNoData(string provider)
    {
        var app = apps[provider];
        var year = DateTimeOffset.UtcNow.ToChinaDate().Year;
        List<(Guid Id, string County, string User)> towns;
        await using (var ctx = app.SystemContext())
        {
            var published = await ctx.Etowns.Where(e => e.IsPublished && e.Name != Lucheng).OrderBy(e => e.CountyCode).ToListAsync();
            var users = new Dictionary<string, string> { ["140929"] = "kelan", ["140821"] = "linyi", ["140621"] = "shanyin", ["140622"] = "yingxian", ["140681"] = "huairen", ["140623"] = "youyu" };
            towns = published.Where(e => users.ContainsKey(e.CountyCode)).Take(3).Select(e => (e.Id, e.CountyCode, users[e.CountyCode])).ToList();
            Assert.Equal(3, towns.Count);
            ctx.SurveyAnswers.RemoveRange(await ctx.SurveyAnswers.Where(a => towns.Select(t => t.Id).Contains(a.EtownId)).ToListAsync());
            void Add(Guid etown, string county, int count, int satisfied)
            {
                for (var i = 0; i < count; i++)
                    ctx.SurveyAnswers.Add(new SurveyAnswer
                    {
                        EtownId = etown, CountyCode = county, Year = year, RespondentHash = $"{etown:N}-{i}", Kind = RespondentKind.Resident,
                        Answer = i < satisfied ? (i % 2 == 0 ? Satisfaction.Satisfied : Satisfaction.Basic) : Satisfaction.Dissatisfied,
                    });
            }
            Add(towns[0].Id, towns[0].County, 20, 19);       // 95.00 % — met ("95% 以上" includes 95)
            Add(towns[1].Id, towns[1].County, 10000, 9499);  // 94.99 % — not met
            await ctx.SaveChangesAsync();                    // towns[2]: no answers — 无调查数据
        }

        var anon = app.Anonymous();
        var expected = new[]
        {
            (Answers: 20, Satisfied: 19, Met: true, Label: "满意率 95.00%，达到 95% 以上"),
            (Answers: 10000, Satisfied: 9499, Met: false, Label: "满意率 94.99%，未达到 95%"),
            (Answers: 0, Satisfied: 0, Met: false, Label: "无调查数据"),
        };
        for (var i = 0; i < 3; i++)
        {
            var (id, _, user) = towns[i];
            var e = expected[i];
            var survey = (await (await anon.GetAsync($"/api/v1/public/etowns/{id}/column")).JsonAsync()).GetProperty("survey");
            Assert.Equal(e.Answers, survey.GetProperty("answers").GetInt32());
            Assert.Equal(e.Satisfied, survey.GetProperty("satisfied").GetInt32());
            Assert.Equal(e.Met, survey.GetProperty("meetsTarget").GetBoolean());
            Assert.StartsWith(e.Label, survey.GetProperty("label").GetString());

            // The public column page and the county's disclosure page render counts, percent and met / not met.
            var column = await (await anon.GetAsync($"/public/etowns/{id}")).Content.ReadAsStringAsync();
            var county = await (await (await app.SignInAsync(user)).GetAsync($"/disclosure/etowns/{id}")).Content.ReadAsStringAsync();
            foreach (var html in new[] { column, county })
            {
                Assert.Contains(e.Label, html);
                Assert.Contains($"答卷 {e.Answers} 份，满意（含基本满意）{e.Satisfied} 份", html);
            }
        }
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-02")]
    public async Task EditOfAPublishedDraft_RestartsTheNotice_FilingRefusedOnThe5thWorkingDay_AllowedTheDayAfter(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Kelan];
        var kelan = await app.SignInAsync("kelan");
        var anon = app.Anonymous();
        var province = await app.SignInAsync("province");
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var today = PlanNoticeKit.ChinaToday();
        Assert.Equal(HttpStatusCode.OK, (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/reopen", new { reason = "DISC-02 修改后重新公示测试" })).StatusCode);

        // On the column for 40 days, never edited since: could be filed — then the county edits the draft today.
        var plan = await PlanNoticeKit.PublishAsync(app, kelan, id);
        await PlanNoticeKit.StartOnAsync(app, plan, today.AddDays(-40));
        await PlanNoticeKit.EditedOnAsync(app, plan, today.AddDays(-41));
        var view = await (await kelan.GetAsync($"/api/v1/etowns/{id}/plan")).JsonAsync();
        var content = JsonNode.Parse(view.GetProperty("content").GetRawText())!;
        content["mainTargets"] = "修改后的主要目标：到 2025 年网络零售额达到 3 亿元（DISC-02 测试）";
        var put = await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan", new { standardVersion = view.GetProperty("standardVersion").GetString(), content });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // Refused: the notice restarts from the edit; the column shows the current version with the new start and end.
        var refused = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(PlanErrors.NoticeNotComplete, await refused.ProblemCodeAsync());
        Assert.Contains("重新计算", await refused.Content.ReadAsStringAsync());
        var column = await (await anon.GetAsync($"/api/v1/public/etowns/{id}/column")).JsonAsync();
        Assert.Contains(column.GetProperty("plans").EnumerateArray(), p => p.GetProperty("mainTargets").GetString()!.Contains("修改后的主要目标"));
        var notice = Assert.Single(Notices(column, "培育方案备案前公示"));
        Assert.Equal(today, Date(notice, "startsOn"));
        Assert.Equal(calendar.PeriodEnd(today, 5), Date(notice, "endsOn"));

        // Boundary, counted like PlanFilingNotice (the edit day counts): 4 working days done = the 5th is today → refused;
        // 5 done → filed.
        DateOnly EditWith(int done)
        {
            for (var d = today.AddDays(-1); ; d = d.AddDays(-1))
                if (calendar.IsWorkingDay(d) && calendar.CountWorkingDays(d, today.AddDays(-1)) == done) return d;
        }
        await PlanNoticeKit.EditedOnAsync(app, plan, EditWith(4));
        Assert.True(calendar.PeriodEnd(EditWith(4), 5) >= today);
        var four = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(PlanErrors.NoticeNotComplete, await four.ProblemCodeAsync());
        Assert.Contains("已满 4 个工作日", await four.Content.ReadAsStringAsync());

        // A budget change restarts it as well (the fund rules are noticed with the plan); saving the same budget does not.
        var budget = await (await kelan.GetAsync($"/api/v1/etowns/{id}/plan/budget")).JsonAsync();
        var lines = JsonNode.Parse(budget.GetProperty("lines").GetRawText())!;
        var allocation = budget.GetProperty("allocationYuan").GetDecimal();
        await PlanNoticeKit.EditedOnAsync(app, plan, EditWith(5));
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = allocation, lines })).StatusCode);
        await using (var ctx = app.SystemContext())
            Assert.Equal(EditWith(5), (await ctx.CultivationPlans.SingleAsync(p => p.Id == plan)).ContentChangedAt!.Value.ToChinaDate());
        lines[0]!["content"] = lines[0]!["content"]!.GetValue<string>() + "（修改）";
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = allocation, lines })).StatusCode);
        Assert.Equal(PlanErrors.NoticeNotComplete, await (await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit")).ProblemCodeAsync());

        await PlanNoticeKit.EditedOnAsync(app, plan, EditWith(5));
        var five = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.OK, five.StatusCode);
        Assert.Equal("Filed", (await five.JsonAsync()).GetProperty("status").GetString());

        // The same boundary on fixed dates: published 2025-09-20, edited Tue 2025-09-30 (day 1; 国庆 10-01…10-08 off) →
        // the 5th working day is Mon 10-13: filing refused that day, allowed on 10-14. An edit before publication changes nothing.
        var start = PlanFilingNotice.StartsOn(new DateOnly(2025, 9, 20), new DateOnly(2025, 9, 30));
        Assert.Equal(new DateOnly(2025, 9, 30), start);
        Assert.NotNull(PlanFilingNotice.Refusal(start, new DateOnly(2025, 10, 13), 5, calendar, restarted: true));
        Assert.Null(PlanFilingNotice.Refusal(start, new DateOnly(2025, 10, 14), 5, calendar, restarted: true));
        Assert.Equal(new DateOnly(2025, 9, 20), PlanFilingNotice.StartsOn(new DateOnly(2025, 9, 20), new DateOnly(2025, 9, 1)));
        Assert.Null(PlanFilingNotice.StartsOn(null, new DateOnly(2025, 9, 30)));
    }
}
