using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics.CityReport;
using ETown.Web.Features.Supervision;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Supervision;

/// <summary>
/// SUP-06 (临猗 004 监督要求（二）: 承办企业每月定期上报项目进展情况并形成书面材料) and SUP-08 (岢岚 002: 不少于 6人的运营团队;
/// 朔州 003: 签订长期后续运营服务协议) on one demo database per provider; each test uses its own months / e-town.
/// </summary>
public class OperatorReportTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇";

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    static async Task<Guid> TownAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    static DateOnly ThisMonth(EtownAppFactory app)
    {
        var t = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        return new DateOnly(t.Year, t.Month, 1);
    }

    /// <summary>The service as <paramref name="user"/> would call it from a page, with the clock at 10:00 China time on <paramref name="day"/>.</summary>
    static async Task<OperatorReportService> AsOfAsync(EtownAppFactory app, IServiceScope scope, string user, DateOnly day)
    {
        await using (var ctx = app.SystemContext())
        {
            var u = await ctx.Users.AsNoTracking().SingleAsync(x => x.UserName == user);
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, u.Id.ToString()), new Claim(CallerResolver.SecurityStampClaim, u.SecurityStamp!)], "test"));
            await scope.ServiceProvider.GetRequiredService<CallerResolver>().ResolveAsync(scope.ServiceProvider.GetRequiredService<Caller>(), principal);
        }
        return ActivatorUtilities.CreateInstance<OperatorReportService>(scope.ServiceProvider,
            (TimeProvider)new FixedClock(ChinaTime.StartOfDay(day).AddHours(10)));
    }

    static object Report(string month) => new { month, progress = "直播基地设备调试完成，对照合同节点推进", problems = "冷链到货延迟", nextPlan = "组织线上促销" };

    static async Task<int> CountAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.OperatorMonthlyReports.CountAsync();
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-06")]
    public async Task MonthlyReport_OnTheDueDay_IsOnTime_TheDayAfter_IsLate(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var cal = app.Services.GetRequiredService<WorkingCalendar>();
        var onTime = ThisMonth(app).AddMonths(-10);
        var late = ThisMonth(app).AddMonths(-9);
        // 潞城's rule set keeps the default: the 5th working day of the following month (holiday calendar).
        var dueOnTime = OperatorRules.DueOn(onTime, 5, cal);
        var dueLate = OperatorRules.DueOn(late, 5, cal);
        Assert.Equal(5, cal.CountWorkingDays(onTime.AddMonths(1), dueOnTime));
        Assert.True(cal.IsWorkingDay(dueOnTime));

        using (var scope = app.Services.CreateScope())
        {
            var s = await AsOfAsync(app, scope, "operator", dueOnTime);
            var row = await s.SubmitAsync(town, new ReportInput(OperatorRules.MonthKey(onTime), "按计划推进", null, "下月计划"));
            Assert.Equal((dueOnTime, dueOnTime, false), (row.DueOn, row.SubmittedOn, row.Late));
        }
        using (var scope = app.Services.CreateScope())
        {
            var s = await AsOfAsync(app, scope, "operator", dueLate.AddDays(1));
            var row = await s.SubmitAsync(town, new ReportInput(OperatorRules.MonthKey(late), "按计划推进", null, "下月计划"));
            Assert.Equal((dueLate, true), (row.DueOn, row.Late));
        }

        var county = await app.SignInAsync("lucheng");
        var view = await (await county.GetAsync($"/api/v1/supervision/etowns/{town}/operator")).JsonAsync();
        var states = view.GetProperty("months").EnumerateArray().ToDictionary(m => m.GetProperty("month").GetString()!, m => m.GetProperty("state").GetString());
        Assert.Equal(OperatorRules.OnTime, states[OperatorRules.MonthKey(onTime)]);
        Assert.Equal(OperatorRules.Late, states[OperatorRules.MonthKey(late)]);
        // A month nobody reported, past its due day, is missing on the e-town view and the board.
        var gap = OperatorRules.MonthKey(ThisMonth(app).AddMonths(-11));
        Assert.Equal(OperatorRules.Missing, states[gap]);
        var board = await (await county.GetAsync("/api/v1/supervision/board")).JsonAsync();
        var lc = board.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("etownName").GetString() == Lucheng);
        var lateMonths = lc.GetProperty("reportsLate").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Contains(OperatorRules.MonthKey(late), lateMonths);
        Assert.DoesNotContain(OperatorRules.MonthKey(onTime), lateMonths);
        Assert.Contains(gap, lc.GetProperty("reportsMissing").EnumerateArray().Select(x => x.GetString()));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-06")]
    public async Task MonthlyReport_BadInput_ClearError_NothingWritten(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var kelan = await TownAsync(app, Kelan);
        var op = await app.SignInAsync("operator");
        var before = await CountAsync(app);

        var future = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{lucheng}/operator-reports", Report(OperatorRules.MonthKey(ThisMonth(app).AddMonths(1))));
        Assert.Equal((HttpStatusCode.BadRequest, SupervisionErrors.BadReportMonth), (future.StatusCode, await future.ProblemCodeAsync()));
        var early = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{lucheng}/operator-reports", Report("2021-12")); // contract signed 2022
        Assert.Equal((HttpStatusCode.BadRequest, SupervisionErrors.BadReportMonth), (early.StatusCode, await early.ProblemCodeAsync()));
        var demoMonth = OperatorRules.MonthKey(ThisMonth(app).AddMonths(-3)); // the demo has it
        var dup = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{lucheng}/operator-reports", Report(demoMonth));
        Assert.Equal((HttpStatusCode.Conflict, SupervisionErrors.DuplicateReport), (dup.StatusCode, await dup.ProblemCodeAsync()));
        var other = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{kelan}/operator-reports", Report(OperatorRules.MonthKey(ThisMonth(app).AddMonths(-7))));
        Assert.True(other.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"another e-town's operator: {(int)other.StatusCode}");
        var empty = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{lucheng}/operator-reports", new { month = OperatorRules.MonthKey(ThisMonth(app).AddMonths(-7)) });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var county = await app.SignInAsync("lucheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{lucheng}/operator-reports",
            Report(OperatorRules.MonthKey(ThisMonth(app).AddMonths(-7))))).StatusCode);
        var discipline = await app.SignInAsync("discipline");
        Assert.Equal(HttpStatusCode.OK, (await discipline.GetAsync($"/api/v1/supervision/etowns/{lucheng}/operator")).StatusCode);
        Assert.Equal(before, await CountAsync(app));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-06")]
    public async Task MonthlyReport_EditedWithVersion_UntilTheCountyAcknowledges(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var op = await app.SignInAsync("operator");
        var created = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/etowns/{town}/operator-reports", Report(OperatorRules.MonthKey(ThisMonth(app).AddMonths(-8))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        async Task<HttpResponseMessage> Put(string version, string progress)
        {
            var req = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/supervision/operator-reports/{id}")
            {
                Content = JsonContent.Create(new { progress, nextPlan = "下月计划" }),
            };
            req.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            return await op.SendAsync(req);
        }
        var edited = await Put("1", "补充：培训 3 期");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, (await edited.JsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await Put("1", "过期版本")).StatusCode);

        var county = await app.SignInAsync("lucheng");
        var ack = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/operator-reports/{id}/acknowledge", new { note = "已阅" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var after = await Put((await ack.JsonAsync()).GetProperty("version").GetInt32().ToString(), "确认后修改");
        Assert.Equal((HttpStatusCode.Conflict, SupervisionErrors.ReportAcknowledged), (after.StatusCode, await after.ProblemCodeAsync()));
        await using var ctx = app.SystemContext();
        Assert.Equal("补充：培训 3 期", (await ctx.OperatorMonthlyReports.AsNoTracking().SingleAsync(r => r.Id == id)).Progress);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-08")]
    public async Task OperatorTeam_FiveIsNotMet_SixIsMet_AndTheAgreementIsChecked(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Kelan);
        var county = await app.SignInAsync("kelan");

        static object Team(int n) => new { members = Enumerable.Range(1, n).Select(i => new { name = $"成员{i}", role = "运营" }).ToArray() };
        async Task<bool[]> Checks()
        {
            var v = await (await county.GetAsync($"/api/v1/supervision/etowns/{town}/operator")).JsonAsync();
            return v.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("met").GetBoolean()).ToArray();
        }

        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/supervision/etowns/{town}/operator-team", Team(5))).StatusCode);
        Assert.Equal(new[] { false, false }, await Checks()); // 5 < 6; no agreement
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/supervision/etowns/{town}/operator-team", Team(6))).StatusCode);
        Assert.Equal(new[] { true, false }, await Checks()); // "不少于 6人": six is met

        var bad = await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/supervision/etowns/{town}/operation-agreement",
            new { title = "长期后续运营服务协议", startsOn = "2030-01-01", endsOn = "2025-01-01" });
        Assert.Equal((HttpStatusCode.BadRequest, SupervisionErrors.BadAgreement), (bad.StatusCode, await bad.ProblemCodeAsync()));
        // 潞城's operator and 潞城's county may not keep 岢岚's record; discipline reads only.
        foreach (var who in new[] { "operator", "lucheng", "discipline" })
        {
            var other = await app.SignInAsync(who);
            var r = await other.SendJsonAsync(HttpMethod.Put, $"/api/v1/supervision/etowns/{town}/operator-team", Team(1));
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{who}: {(int)r.StatusCode}");
        }
        Assert.Equal(new[] { true, false }, await Checks());

        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/supervision/etowns/{town}/operation-agreement",
            new { title = "岢岚县乡村e镇长期后续运营服务协议", startsOn = today.AddYears(-1).ToString("yyyy-MM-dd"), endsOn = today.AddYears(5).ToString("yyyy-MM-dd") })).StatusCode);
        Assert.Equal(new[] { true, true }, await Checks());
        var view = await (await county.GetAsync($"/api/v1/supervision/etowns/{town}/operator")).JsonAsync();
        Assert.DoesNotContain("phone", view.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var board = await (await county.GetAsync("/api/v1/supervision/board")).JsonAsync();
        var row = board.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("etownName").GetString() == Kelan);
        Assert.Empty(row.GetProperty("operatorChecksFailed").EnumerateArray());
    }

    // ------------------------------------------------------------------ city visits and joint meetings (issue #11 item 6)

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-07")]
    public async Task CityVisit_DecisionsAreTrackedByWorkingDays_ClosedWithANote_AndCountedInTheCityReport(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var cal = app.Services.GetRequiredService<WorkingCalendar>();
        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        var held = today.AddDays(-40);
        while (!cal.IsWorkingDay(held)) held = held.AddDays(-1);

        async Task<CitySupervisionMonth> FiguresAsync()
        {
            using var scope = app.Services.CreateScope();
            await using var ctx = app.SystemContext();
            return await scope.ServiceProvider.GetRequiredService<ICitySupervisionFigures>().ForMonthAsync(ctx, "140400", held.Year, held.Month, default);
        }
        var before = await FiguresAsync();

        var city = await app.SignInAsync("changzhi");
        object Visit(string date, string county) => new
        {
            kind = "JointMeeting", heldOn = date, title = "长治市乡村e镇联席会议", minutes = "研究潞城区冷链仓储建设滞后问题",
            decisions = new object[]
            {
                new { text = "测试决定：5 个工作日内报送整改方案", countyCode = county, etownId = (Guid?)town, deadlineWorkingDays = 5 },
                new { text = "测试决定：60 个工作日内完成冷链建设", countyCode = county, etownId = (Guid?)null, deadlineWorkingDays = 60 },
            },
        };
        var future = await city.SendJsonAsync(HttpMethod.Post, "/api/v1/supervision/visits", Visit(today.AddDays(1).ToString("yyyy-MM-dd"), "140406"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var otherCity = await city.SendJsonAsync(HttpMethod.Post, "/api/v1/supervision/visits", Visit(held.ToString("yyyy-MM-dd"), "140929"));
        Assert.Equal(HttpStatusCode.BadRequest, otherCity.StatusCode);
        var county = await app.SignInAsync("lucheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.SendJsonAsync(HttpMethod.Post, "/api/v1/supervision/visits", Visit(held.ToString("yyyy-MM-dd"), "140406"))).StatusCode);

        var created = await city.SendJsonAsync(HttpMethod.Post, "/api/v1/supervision/visits", Visit(held.ToString("yyyy-MM-dd"), "140406"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var decisions = (await created.JsonAsync()).GetProperty("decisions").EnumerateArray().ToList();
        var first = decisions.Single(d => d.GetProperty("text").GetString()!.Contains("5 个工作日"));
        Assert.Equal(cal.DeadlineAfter(held, 5), DateOnly.Parse(first.GetProperty("dueOn").GetString()!));
        Assert.True(first.GetProperty("overdue").GetBoolean());
        Assert.False(decisions.Single(d => d.GetProperty("id").GetGuid() != first.GetProperty("id").GetGuid()).GetProperty("overdue").GetBoolean());
        var id = first.GetProperty("id").GetGuid();

        // The owner county has it on its work desk; another city's county does not see it; discipline reads, never closes.
        var desk = (await (await county.GetAsync("/api/v1/workdesk")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("what").GetString()).ToList();
        Assert.Contains(desk, w => w!.Contains("测试决定：5 个工作日内报送整改方案"));
        var kelan = await app.SignInAsync("kelan");
        var kelanView = await (await kelan.GetAsync("/api/v1/supervision/visits")).JsonAsync();
        Assert.DoesNotContain(kelanView.GetProperty("visits").EnumerateArray().SelectMany(v => v.GetProperty("decisions").EnumerateArray()),
            d => d.GetProperty("text").GetString()!.StartsWith("测试决定"));
        var discipline = await app.SignInAsync("discipline");
        Assert.Equal(HttpStatusCode.Forbidden, (await discipline.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/decisions/{id}/close", new { note = "x" })).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/decisions/{id}/close", new { note = "" })).StatusCode);
        var closed = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/decisions/{id}/close", new { note = "整改方案已报送" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var again = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/supervision/decisions/{id}/close", new { note = "再次" });
        Assert.Equal((HttpStatusCode.Conflict, SupervisionErrors.ActionClosed), (again.StatusCode, await again.ProblemCodeAsync()));

        var after = await FiguresAsync();
        Assert.Equal(before.Visits + 1, after.Visits);
        if (held.Month == today.Month) Assert.Equal(before.OpenDecisions + 1, after.OpenDecisions); // the running month counts as of today
    }
}
