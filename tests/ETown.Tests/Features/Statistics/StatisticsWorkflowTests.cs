using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #4 items 2 and 5 on every configured database: data sets with configurable deadlines (STAT-02), the annual
/// report, reminders as notifications, the change count since the last county approval and unlocking by each level (STAT-05).
/// Tests of this class run one after the other on one demo database; each uses its own periods.
/// </summary>
public class StatisticsWorkflowTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇", Linyi = "临猗新城涑水e镇", Shanyin = "山阴县古城乡村e镇";

    static object DataSets(int monthlyDue, int monthlyRemind) =>
        new { dataSets = new[] { new { code = StatDataSet.Monthly, dueWorkingDays = monthlyDue, remindDaysBefore = monthlyRemind } } };

    // ------------------------------------------------------------------ data sets and deadlines (STAT-02)

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task DataSetDueDays_ChangeTheDueDateOfNewReportsOnly_CountedOnTheHolidayCalendar(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var province = await app.SignInAsync("province");
        const string P = "2026-09";

        var sets = (await OkJson(province.GetAsync("/api/v1/statistics/data-sets"))).EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!);
        Assert.Equal(5, sets[StatDataSet.Monthly].GetProperty("dueWorkingDays").GetInt32());
        Assert.Equal(3, sets[StatDataSet.Monthly].GetProperty("remindDaysBefore").GetInt32());
        Assert.Equal("Annual", sets[StatDataSet.Annual].GetProperty("periodType").GetString());
        // Every demo e-town (listed or under construction) was assigned both data sets at start-up.
        Assert.Equal(7, sets[StatDataSet.Monthly].GetProperty("assignedEtowns").GetInt32());
        Assert.Equal(7, sets[StatDataSet.Annual].GetProperty("assignedEtowns").GetInt32());

        // 2026-09 ends on Wednesday 30 Sep; 1–7 Oct is the National Day holiday and Saturday 10 Oct a working day (调休).
        // Working days after the period: 8 Oct (1), 9 Oct (2), 10 Oct Sat (3), 12 Oct (4), 13 Oct (5), 14 Oct (6), 15 Oct (7).
        var county = await app.SignInAsync("lucheng");
        var lucheng = await OkJson(county.SendJsonAsync(HttpMethod.Put, Url(towns[Lucheng], P), Values((C.Brands, 10m, null))));
        Assert.Equal("2026-10-13", lucheng.GetProperty("dueOn").GetString()); // default: 5th working day

        try
        {
            // Only the province sets deadlines, within bounds, and the change is audited.
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("changzhi")).SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/data-sets", DataSets(3, 1))).StatusCode);
            var bad = await province.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/data-sets", DataSets(0, -1));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.JsonAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("dataSets[0].dueWorkingDays", out _));
            Assert.True(errors.TryGetProperty("dataSets[0].remindDaysBefore", out _));

            var updated = await OkJson(province.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/data-sets", DataSets(3, 1)));
            Assert.Equal(3, updated.EnumerateArray().Single(d => d.GetProperty("code").GetString() == StatDataSet.Monthly).GetProperty("dueWorkingDays").GetInt32());

            // A new report takes the new deadline: the 3rd working day is the make-up Saturday 10 Oct …
            var kelan = await OkJson((await app.SignInAsync("kelan")).SendJsonAsync(HttpMethod.Put, Url(towns[Kelan], P), Values((C.Brands, 4m, null))));
            Assert.Equal("2026-10-10", kelan.GetProperty("dueOn").GetString());
            // … so does a report not yet started and the completeness list; the existing report keeps its stored due date.
            Assert.Equal("2026-10-10", (await OkJson(province.GetAsync(Url(towns[Linyi], P)))).GetProperty("dueOn").GetString());
            var list = await OkJson(province.GetAsync($"/api/v1/statistics/reports?period={P}"));
            Assert.Equal("2026-10-10", list.GetProperty("dueOn").GetString());
            var rows = list.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("etownName").GetString()!);
            Assert.Equal("2026-10-13", rows[Lucheng].GetProperty("dueOn").GetString());
            Assert.Equal("2026-10-13", (await OkJson(province.GetAsync(Url(towns[Lucheng], P)))).GetProperty("dueOn").GetString());

            await OkJson(province.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/data-sets", DataSets(7, 3)));
            var shanyin = await OkJson((await app.SignInAsync("shanyin")).SendJsonAsync(HttpMethod.Put, Url(towns[Shanyin], P), Values((C.Brands, 2m, null))));
            Assert.Equal("2026-10-15", shanyin.GetProperty("dueOn").GetString());

            await using var ctx = app.SystemContext();
            var audit = await ctx.AuditRecords.Where(a => a.EntityType == nameof(StatDataSet) && a.EntityId == StatDataSet.Monthly && a.Action == "Update")
                .OrderBy(a => a.Sequence).ToListAsync();
            Assert.Contains(audit, a => a.UserName == "province" && a.Before!.Contains("\"DueWorkingDays\":5") && a.After!.Contains("\"DueWorkingDays\":3"));
        }
        finally
        {
            await OkJson(province.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/data-sets", DataSets(5, 3)));
        }
    }

    // ------------------------------------------------------------------ annual report

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task AnnualReport_HoldsTheAnnualIndicators_SameWorkflowAndLock_AndTaxLeftTheMonthlyForm(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var id = towns[Lucheng];
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var city = await app.SignInAsync("changzhi");
        var province = await app.SignInAsync("province");

        // The December monthly form no longer has tax, and tax cannot be written into a month.
        var dec = await OkJson(op.GetAsync(Url(id, "2030-12")));
        Assert.Equal(StatDataSet.Monthly, dec.GetProperty("dataSetCode").GetString());
        var monthly = dec.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("indicator").GetString()).ToList();
        Assert.DoesNotContain(C.Tax, monthly);
        Assert.Contains(C.OnlineRetail, monthly);
        var taxInMonth = await op.SendJsonAsync(HttpMethod.Put, Url(id, "2030-12"), Values((C.Tax, 50m, null)));
        Assert.Equal(HttpStatusCode.BadRequest, taxInMonth.StatusCode);

        // The annual report "YYYY" holds exactly the annual indicators; due on the 5th working day after 31 Dec:
        // 1–3 Jan 2026 New Year holiday, Sunday 4 Jan a working day → 4 Jan (1), 5 (2), 6 (3), 7 (4), 8 Jan (5).
        const string Y = "2025";
        var annual = await OkJson(op.GetAsync(Url(id, Y)));
        Assert.Equal(StatDataSet.Annual, annual.GetProperty("dataSetCode").GetString());
        Assert.Equal([C.Tax], annual.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("indicator").GetString()).ToList());
        Assert.Equal("2026-01-08", annual.GetProperty("dueOn").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await op.SendJsonAsync(HttpMethod.Put, Url(id, Y), Values((C.OnlineRetail, 1m, null)))).StatusCode);

        // Same workflow: enter, submit, county approval locks, city then province accept.
        var saved = await OkJson(op.SendJsonAsync(HttpMethod.Put, Url(id, Y), Values((C.Tax, 860.5m, "税务局年度口径"))));
        Assert.Equal(860.5m, saved.GetProperty("values")[0].GetProperty("value").GetDecimal());
        Assert.Equal("Submitted", (await OkJson(op.PostAsync(Url(id, Y, "submit"), null))).GetProperty("status").GetString());
        Assert.Equal("ETOWN-STAT-0001", await (await city.PostAsync(Url(id, Y, "city-acceptance"), null)).ProblemCodeAsync());
        Assert.Equal("CountyApproved", (await OkJson(county.PostAsync(Url(id, Y, "approve"), null))).GetProperty("status").GetString());
        var locked = await op.SendJsonAsync(HttpMethod.Put, Url(id, Y), Values((C.Tax, 900m, null)));
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Equal("ETOWN-STAT-0002", await locked.ProblemCodeAsync());
        var viaValues = await op.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/values",
            new { etownId = id, period = Y, values = new[] { new { indicator = C.Tax, value = 900m } } });
        Assert.Equal("ETOWN-STAT-0002", await viaValues.ProblemCodeAsync());
        Assert.Equal("CityAccepted", (await OkJson(city.PostAsync(Url(id, Y, "city-acceptance"), null))).GetProperty("status").GetString());
        Assert.Equal("ProvinceAccepted", (await OkJson(province.PostAsync(Url(id, Y, "province-acceptance"), null))).GetProperty("status").GetString());

        // The annual completeness list: expected = e-towns assigned the annual data set.
        var list = await OkJson(province.GetAsync($"/api/v1/statistics/reports?period={Y}"));
        Assert.Equal(StatDataSet.Annual, list.GetProperty("dataSetCode").GetString());
        Assert.Equal(7, list.GetProperty("expected").GetInt32());
        Assert.Equal(1, list.GetProperty("received").GetInt32());

        await using var ctx = app.SystemContext();
        var report = await ctx.StatReports.SingleAsync(r => r.EtownId == id && r.Period == Y);
        Assert.Equal(StatDataSet.Annual, report.DataSetCode);
        Assert.Equal(860.5m, (await ctx.StatValues.SingleAsync(v => v.ReportId == report.Id)).Value);

        // The page names it an annual report.
        var html = await (await county.GetAsync($"/statistics/{id}/{Y}")).Content.ReadAsStringAsync();
        Assert.Contains("年度统计", html);
        Assert.Contains("税收（年度）", html);
        Assert.DoesNotContain("市场主体总数", html);
    }

    [Fact]
    public void StatPeriod_ParsesMonthsAndYears()
    {
        Assert.Equal(new StatPeriod(2025, 11), StatPeriod.Parse("2025-11"));
        var y = StatPeriod.Parse("2025");
        Assert.True(y.IsAnnual);
        Assert.Equal("2025", y.ToString());
        Assert.Equal(new DateOnly(2025, 12, 31), y.LastDay);
        Assert.Equal("2024", y.Previous.ToString());
        Assert.Equal("2024", y.SameMonthLastYear.ToString());
        Assert.Equal(StatDataSet.Annual, y.DataSetCode);
        Assert.Equal(StatDataSet.Monthly, StatPeriod.Parse("2025-01").DataSetCode);
        Assert.Throws<ETown.Web.Platform.ValidationFailedException>(() => StatPeriod.Parse("25"));
        Assert.Throws<ETown.Web.Platform.ValidationFailedException>(() => StatPeriod.Parse("2025-13"));
        var tax = IndicatorCatalogue.All().Single(i => i.Code == C.Tax);
        Assert.False(tax.AppliesTo(new StatPeriod(2025, 12)));
        Assert.True(tax.AppliesTo(y));
        Assert.False(IndicatorCatalogue.All().Single(i => i.Code == C.Brands).AppliesTo(y));
    }

    // ------------------------------------------------------------------ reminders (STAT-02)

    StatReminderService Reminders(EtownAppFactory app) => new(app.Services.GetRequiredService<EtownDb>(), Caller.System(),
        app.Services.GetRequiredService<WorkingCalendar>(), TimeProvider.System);

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task Reminders_BeforeAndAfterDue_OncePerEtownPeriodKind_ToTheOperatorAndCountyOnly(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        const string P = "2026-04";
        // 2026-04 ends on Thursday 30 Apr; 1–5 May holiday, Saturday 9 May a working day: due 6, 7, 8, 9 (Sat), 11 May.
        // "Before due", 3 working days earlier: 9 May (1), 8 May (2), 7 May (3) → from Thursday 7 May.
        var kelan = await app.SignInAsync("kelan");
        await OkJson(kelan.SendJsonAsync(HttpMethod.Put, Url(towns[Kelan], P), Values((C.Brands, 3m, null))));
        await OkJson(kelan.PostAsync(Url(towns[Kelan], P, "submit"), null)); // submitted: never reminded
        var op = await app.SignInAsync("operator");
        await OkJson(op.SendJsonAsync(HttpMethod.Put, Url(towns[Lucheng], P), Values((C.Brands, 9m, null)))); // a draft is not submitted

        var reminders = Reminders(app);
        async Task<List<ETown.Web.Platform.Notifications.Notification>> Of(string kind)
        {
            await using var ctx = app.SystemContext();
            return (await ctx.Notifications.Where(n => n.DedupKey.StartsWith("stat-reminder:" + kind + ":")).ToListAsync())
                .Where(n => n.Link!.EndsWith("/" + P, StringComparison.Ordinal)).ToList();
        }

        await reminders.RunAsync(new DateOnly(2026, 5, 6));
        Assert.Empty(await Of(StatReminderService.BeforeDueKind));

        await reminders.RunAsync(new DateOnly(2026, 5, 7));
        var before = await Of(StatReminderService.BeforeDueKind);
        Dictionary<Guid, string> orgNames;
        await using (var ctx = app.SystemContext()) orgNames = await ctx.Organisations.ToDictionaryAsync(o => o.Id, o => o.Name);
        // Six e-towns not submitted (all but 岢岚): their county offices, plus the operators assigned to 潞城 and 临猗 (funds demo).
        Assert.Equal(8, before.Count);
        var luchengTo = before.Where(n => n.Link == $"/statistics/{towns[Lucheng]}/{P}").Select(n => orgNames[n.RecipientOrganisationId]).Order().ToList();
        Assert.Equal(new[] { "长治市潞城区乡村e镇工作领导小组办公室", "长治市潞城区乡村e镇运营有限公司（演示）" }.Order(), luchengTo);
        Assert.DoesNotContain(before, n => n.Link!.Contains(towns[Kelan].ToString(), StringComparison.Ordinal));
        // Nobody else: not the city, the province, nor the market entity assigned to 潞城.
        Assert.DoesNotContain(before, n => orgNames[n.RecipientOrganisationId] is "长治市商务局" or "山西省商务厅" or "潞城区绿源大葱专业合作社（演示）");
        Assert.Contains("2026-05-11", before[0].Title);

        // Once: the same day again and the following days up to the due date add nothing.
        Assert.Equal(0, (await reminders.RunAsync(new DateOnly(2026, 5, 7))).Created);
        await reminders.RunAsync(new DateOnly(2026, 5, 8));
        await reminders.RunAsync(new DateOnly(2026, 5, 11));
        Assert.Equal(8, (await Of(StatReminderService.BeforeDueKind)).Count);
        Assert.Empty(await Of(StatReminderService.OverdueKind));

        // After the due date: one overdue reminder each, once.
        await reminders.RunAsync(new DateOnly(2026, 5, 12));
        var overdue = await Of(StatReminderService.OverdueKind);
        Assert.Equal(8, overdue.Count);
        Assert.Contains("已于 2026-05-11 截止", overdue[0].Body);
        Assert.Equal(0, (await reminders.RunAsync(new DateOnly(2026, 5, 12))).Created);
        await reminders.RunAsync(new DateOnly(2026, 5, 20));
        Assert.Equal(8, (await Of(StatReminderService.OverdueKind)).Count);

        // Each organisation reads only its own messages, whatever its region scope.
        async Task<List<JsonElement>> Inbox(HttpClient c) =>
            (await OkJson(c.GetAsync("/api/v1/notifications"))).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("link").GetString()!.EndsWith("/" + P, StringComparison.Ordinal)).ToList();
        var opInbox = await Inbox(op);
        Assert.Equal(2, opInbox.Count); // before due + overdue for 潞城
        Assert.All(opInbox, n => Assert.Contains(towns[Lucheng].ToString(), n.GetProperty("link").GetString()));
        var luchengCounty = await app.SignInAsync("lucheng");
        Assert.Equal(2, (await Inbox(luchengCounty)).Count);
        foreach (var other in new[] { "province", "changzhi", "kelan", "entity" })
            Assert.Empty(await Inbox(await app.SignInAsync(other)));

        // Reading: own message 204, another organisation's 404 (and left unread).
        var countyMessage = overdue.Single(n => orgNames[n.RecipientOrganisationId] == "长治市潞城区乡村e镇工作领导小组办公室" && n.Link!.Contains(towns[Lucheng].ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync($"/api/v1/notifications/{countyMessage.Id}/read", null)).StatusCode);
        var unreadBefore = (await OkJson(op.GetAsync("/api/v1/notifications"))).GetProperty("unread").GetInt32();
        var own = opInbox[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await op.PostAsync($"/api/v1/notifications/{own}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await op.PostAsync($"/api/v1/notifications/{own}/read", null)).StatusCode); // idempotent
        Assert.Equal(unreadBefore - 1, (await OkJson(op.GetAsync("/api/v1/notifications"))).GetProperty("unread").GetInt32());
        await using (var ctx = app.SystemContext())
            Assert.Null((await ctx.Notifications.SingleAsync(n => n.Id == countyMessage.Id)).ReadAt);

        // The page lists them, the top bar shows the unread count.
        var page = await (await op.GetAsync("/me/notifications")).Content.ReadAsStringAsync();
        Assert.Contains("统计报送逾期", page);
        Assert.Contains("data-testid=\"unread-count\"", page);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task Reminders_OnDemand_CountyRunsItsOwnEtownsOnly_OthersRefused(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var today = TimeProvider.System.ChinaToday();
        // The month before last is overdue on any day of the current month (its due date lies in last month).
        var period = new StatPeriod(today.Year, today.Month).Previous.Previous.ToString();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("operator")).PostAsync("/api/v1/statistics/reminders/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("changzhi")).PostAsync("/api/v1/statistics/reminders/run", null)).StatusCode);

        var run = await OkJson((await app.SignInAsync("shanyin")).PostAsync("/api/v1/statistics/reminders/run", null));
        Assert.Equal(today.ToString("yyyy-MM-dd"), run.GetProperty("today").GetString());
        await using var ctx = app.SystemContext();
        var links = await ctx.Notifications.Where(n => n.Link!.EndsWith("/" + period)).Select(n => n.Link!).Distinct().ToListAsync();
        Assert.Equal([$"/statistics/{towns[Shanyin]}/{period}"], links);
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "RunStatReminders" && a.UserName == "shanyin"));
    }

    // The daily run on the scheduler (as the system, China date, once): SchedulingTests.

    // ------------------------------------------------------------------ changes since the last approval (STAT-05)

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task ChangeCount_SinceTheLastCountyApproval_ListsOldAndNew_AndResetsOnApproval(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        const string P = "2030-11";
        var county = await app.SignInAsync("lucheng");
        var op = await app.SignInAsync("operator");
        var first = await OkJson(op.SendJsonAsync(HttpMethod.Put, Url(id, P),
            Values((C.MarketEntities, 120m, null), (C.Employment, 80m, null), (C.Brands, 5m, null))));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("changesSinceApproval").ValueKind); // never approved: nothing to compare
        await OkJson(op.PostAsync(Url(id, P, "submit"), null));
        var approved = await OkJson(county.PostAsync(Url(id, P, "approve"), null));
        Assert.Equal(0, approved.GetProperty("changesSinceApproval").GetInt32());

        await OkJson(county.SendJsonAsync(HttpMethod.Post, Url(id, P, "unlock"), new { reason = "市场主体数据口径更正" }));
        // Two changes: one through the page's path (PUT), one through the machine path (PUT /values); Brands re-sent unchanged.
        await OkJson(op.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.MarketEntities, 125m, null), (C.Brands, 5m, null))));
        var view = await OkJson(op.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/values",
            new { etownId = id, period = P, values = new[] { new { indicator = C.Employment, value = (decimal?)null } } }));
        Assert.Equal(2, view.GetProperty("changesSinceApproval").GetInt32());
        var changes = view.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("indicator").GetString()!);
        Assert.Equal(120m, changes[C.MarketEntities].GetProperty("oldValue").GetDecimal());
        Assert.Equal(125m, changes[C.MarketEntities].GetProperty("newValue").GetDecimal());
        Assert.Equal("operator", changes[C.MarketEntities].GetProperty("changedBy").GetString());
        Assert.Equal(80m, changes[C.Employment].GetProperty("oldValue").GetDecimal()); // removed
        Assert.Equal(JsonValueKind.Null, changes[C.Employment].GetProperty("newValue").ValueKind);

        // The approver sees it on the page.
        await OkJson(op.PostAsync(Url(id, P, "submit"), null));
        var html = await (await county.GetAsync($"/statistics/{id}/{P}")).Content.ReadAsStringAsync();
        Assert.Contains("自上次审核以来修改", html);
        Assert.Contains("data-testid=\"change-count\">2<", html);
        Assert.Contains("市场主体总数", html);

        // Approval starts a new round: the count is back to 0; the earlier changes stay on record.
        var again = await OkJson(county.PostAsync(Url(id, P, "approve"), null));
        Assert.Equal(0, again.GetProperty("changesSinceApproval").GetInt32());
        await using var ctx = app.SystemContext();
        var report = await ctx.StatReports.SingleAsync(r => r.EtownId == id && r.Period == P);
        Assert.Equal(2, report.ApprovalCount);
        Assert.Equal(2, await ctx.StatValueChanges.CountAsync(c => c.ReportId == report.Id && c.Round == 1));
    }

    [Fact]
    [Trait("Rule", "STAT-05")]
    public async Task ChangeCount_IsWrittenByTheSharedWritePath_SoImportsCountToo()
    {
        // The import (another module) calls LoadForWriteAsync + WriteValuesAsync; this is that call as the system.
        var app = apps[Databases.Sqlite];
        var id = (await TownsAsync(app))[Kelan];
        var p = new StatPeriod(2030, 10);
        var county = await app.SignInAsync("kelan");
        await OkJson(county.SendJsonAsync(HttpMethod.Put, Url(id, p.ToString()), Values((C.Brands, 7m, null))));
        await OkJson(county.PostAsync(Url(id, p.ToString(), "submit"), null));
        await OkJson(county.PostAsync(Url(id, p.ToString(), "approve"), null));
        await OkJson(county.SendJsonAsync(HttpMethod.Post, Url(id, p.ToString(), "unlock"), new { reason = "导入更正" }));

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Caller>().SetSystem();
        var service = scope.ServiceProvider.GetRequiredService<StatisticsService>();
        await using (var ctx = app.SystemContext())
        {
            var (_, report) = await service.LoadForWriteAsync(ctx, id, p, CancellationToken.None);
            await service.WriteValuesAsync(ctx, report, p, [new StatValueInput(C.Brands, 8m, null), new StatValueInput(C.Influencers, 2m, null)], CancellationToken.None);
            await ctx.SaveChangesAsync();
        }
        var view = await OkJson(county.GetAsync(Url(id, p.ToString())));
        Assert.Equal(2, view.GetProperty("changesSinceApproval").GetInt32());
    }

    // ------------------------------------------------------------------ unlocking by each level (STAT-05)

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task Unlock_EachLevelReopensOnlyItsOwnStep_WithAReason_LowerLevelsNeverAbove(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        const string P = "2030-12";
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var city = await app.SignInAsync("changzhi");
        var otherCity = await app.SignInAsync("shuozhou");
        var province = await app.SignInAsync("province");
        async Task<string?> Unlock(HttpClient c, string? reason = "更正") =>
            await (await c.SendJsonAsync(HttpMethod.Post, Url(id, P, "unlock"), new { reason })).ProblemCodeAsync();

        await OkJson(op.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.MarketEntities, 150m, null), (C.OnlineRetail, 410m, null))));
        await OkJson(op.PostAsync(Url(id, P, "submit"), null));
        // Nothing to unlock before approval, for anyone.
        Assert.Equal("ETOWN-STAT-0001", await Unlock(county));
        await OkJson(county.PostAsync(Url(id, P, "approve"), null));
        // County approval: the city and the province cannot unlock it (it is the county's step).
        Assert.Equal("ETOWN-STAT-0001", await Unlock(city));
        Assert.Equal("ETOWN-STAT-0001", await Unlock(province));
        await OkJson(city.PostAsync(Url(id, P, "city-acceptance"), null));

        // City accepted: the county can no longer unlock, nor can the province; the city can, with a reason.
        Assert.Equal("ETOWN-STAT-0001", await Unlock(county));
        Assert.Equal("ETOWN-STAT-0001", await Unlock(province));
        Assert.Equal("ETOWN-COMMON-0403", await Unlock(op));
        Assert.Equal("ETOWN-COMMON-0404", await Unlock(otherCity)); // not its e-town
        Assert.Equal("ETOWN-COMMON-0400", await Unlock(city, " "));
        var cityHtml = await (await city.GetAsync($"/statistics/{id}/{P}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"unlock\"", cityHtml);
        Assert.DoesNotContain("data-testid=\"unlock\"", await (await county.GetAsync($"/statistics/{id}/{P}")).Content.ReadAsStringAsync());

        var byCity = await OkJson(city.SendJsonAsync(HttpMethod.Post, Url(id, P, "unlock"), new { reason = "网络零售额与商务部口径不一致" }));
        Assert.Equal("Draft", byCity.GetProperty("status").GetString());
        Assert.Equal("changzhi", byCity.GetProperty("unlockedBy").GetString());
        Assert.Equal("市级", byCity.GetProperty("unlockedByLevel").GetString());
        Assert.Equal(JsonValueKind.Null, byCity.GetProperty("cityAcceptedAt").ValueKind);
        Assert.True(byCity.GetProperty("canEdit").ValueKind == JsonValueKind.False); // the city does not enter

        // The chain repeats: the operator corrects, the county approves (seeing 1 change), city and province accept.
        var corrected = await OkJson(op.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.OnlineRetail, 395m, "按商务部口径"))));
        Assert.Equal(1, corrected.GetProperty("changesSinceApproval").GetInt32());
        await OkJson(op.PostAsync(Url(id, P, "submit"), null));
        await OkJson(county.PostAsync(Url(id, P, "approve"), null));
        await OkJson(city.PostAsync(Url(id, P, "city-acceptance"), null));
        await OkJson(province.PostAsync(Url(id, P, "province-acceptance"), null));

        // Province accepted: only the province unlocks.
        Assert.Equal("ETOWN-STAT-0001", await Unlock(county));
        Assert.Equal("ETOWN-STAT-0001", await Unlock(city));
        Assert.Contains("data-testid=\"unlock\"", await (await province.GetAsync($"/statistics/{id}/{P}")).Content.ReadAsStringAsync());
        var byProvince = await OkJson(province.SendJsonAsync(HttpMethod.Post, Url(id, P, "unlock"), new { reason = "省级抽查发现总数有误" }));
        Assert.Equal("Draft", byProvince.GetProperty("status").GetString());
        Assert.Equal("省级", byProvince.GetProperty("unlockedByLevel").GetString());
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.MarketEntities, 151m, null)))).StatusCode);

        // Audited automatically: who, from which step, why.
        await using var ctx = app.SystemContext();
        var reportId = (await ctx.StatReports.SingleAsync(r => r.EtownId == id && r.Period == P)).Id.ToString();
        var audit = await ctx.AuditRecords.Where(a => a.EntityType == nameof(StatReport) && a.EntityId == reportId).ToListAsync();
        static bool From(string? json, StatReportStatus s) =>
            json is not null && JsonDocument.Parse(json).RootElement.TryGetProperty("UnlockedFrom", out var f)
            && (f.ValueKind == JsonValueKind.Number ? f.GetInt32() == (int)s : f.GetString() == s.ToString());
        Assert.Contains(audit, a => a.UserName == "changzhi" && a.After!.Contains("网络零售额与商务部口径不一致") && From(a.After, StatReportStatus.CityAccepted));
        Assert.Contains(audit, a => a.UserName == "province" && a.After!.Contains("省级抽查发现总数有误") && From(a.After, StatReportStatus.ProvinceAccepted));
    }
}
