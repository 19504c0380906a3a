using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>STAT-02…05 through the API on every configured database: bottom-up workflow, locks on every write path, scope.</summary>
public class StatisticsApiTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇";

    static async Task<string?> StatusOf(HttpResponseMessage r) => (await r.JsonAsync()).GetProperty("status").GetString();

    /// <summary>A service call as the Blazor page makes it: the user's caller, the one service.</summary>
    static async Task<T> AsUserAsync<T>(EtownAppFactory app, string userName, Func<StatisticsService, Task<T>> call)
    {
        Guid userId;
        string? stamp;
        await using (var ctx = app.SystemContext())
        {
            var user = await ctx.Users.Where(u => u.UserName == userName).Select(u => new { u.Id, u.SecurityStamp }).SingleAsync();
            (userId, stamp) = (user.Id, user.SecurityStamp);
        }
        using var scope = app.Services.CreateScope();
        var caller = scope.ServiceProvider.GetRequiredService<Caller>();
        // A page's principal carries the user's security stamp (a stale one signs the caller out, issue #17 finding 5).
        await scope.ServiceProvider.GetRequiredService<CallerResolver>().ResolveAsync(caller,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
                new Claim(CallerResolver.SecurityStampClaim, stamp ?? "")], "test")));
        return await call(scope.ServiceProvider.GetRequiredService<StatisticsService>());
    }

    static async Task<HttpClient> ApiKeyClientAsync(EtownAppFactory app, HttpClient owner, string role)
    {
        var created = await owner.PostAsJsonAsync("/api/v1/api-keys", new { name = "统计对接" + Guid.NewGuid().ToString("N")[..6], role });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var machine = app.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", (await created.JsonAsync()).GetProperty("key").GetString()!);
        return machine;
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-01")]
    public async Task BlockingRule_StopsSubmission_WarningNeedsAComment(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        var op = await app.SignInAsync("operator");
        // Same month last year, for the ±50% warning.
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(id, "2029-04"), Values((C.OnlineRetail, 100m, null)))).StatusCode);

        var put = await op.SendJsonAsync(HttpMethod.Put, Url(id, "2030-04"),
            Values((C.NewMarketEntities, 5m, null), (C.NewEcommerceEntities, 6m, null), (C.OnlineRetail, 151m, null)));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var view = await put.JsonAsync();
        var failed = view.GetProperty("failedRules").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("NEW-EC-LE-NEW", failed);
        Assert.Contains("RETAIL-YOY-UP", failed);
        var retail = view.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("indicator").GetString() == C.OnlineRetail);
        Assert.Equal(100m, retail.GetProperty("sameMonthLastYear").GetDecimal());
        Assert.Equal(51m, retail.GetProperty("yoyPercent").GetDecimal());

        // STAT-01: a blocking rule stops submission, with the failed rule named.
        var submit = await op.PostAsync(Url(id, "2030-04", "submit"), null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submit.StatusCode);
        Assert.Equal("ETOWN-STAT-0003", await submit.ProblemCodeAsync());
        Assert.Contains("NEW-EC-LE-NEW", await submit.Content.ReadAsStringAsync());

        // At the boundary (equal) the blocking rule passes; the uncommented warning still blocks.
        await op.SendJsonAsync(HttpMethod.Put, Url(id, "2030-04"), Values((C.NewEcommerceEntities, 5m, null)));
        submit = await op.PostAsync(Url(id, "2030-04", "submit"), null);
        Assert.Equal("ETOWN-STAT-0003", await submit.ProblemCodeAsync());
        Assert.Contains("RETAIL-YOY-UP", await submit.Content.ReadAsStringAsync());
        Assert.DoesNotContain("NEW-EC-LE-NEW", await submit.Content.ReadAsStringAsync());

        // A comment on the value clears the warning.
        await op.SendJsonAsync(HttpMethod.Put, Url(id, "2030-04"), Values((C.OnlineRetail, 151m, "新增直播基地，双十一前集中备货")));
        submit = await op.PostAsync(Url(id, "2030-04", "submit"), null);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal("Submitted", await StatusOf(submit));

        // Submitting twice is an illegal transition.
        var again = await op.PostAsync(Url(id, "2030-04", "submit"), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("ETOWN-STAT-0001", await again.ProblemCodeAsync());
    }

    /// <summary>
    /// Bad input writes nothing: the value column is decimal(18,4) on both databases, so a fifth decimal (PostgreSQL would round
    /// it away, SQLite would keep it) or a number of 10^14 and more is refused with a Chinese message naming the field.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task Value_WithAFifthDecimalOrTooLarge_IsRefused_AndNothingIsWritten(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        var county = await app.SignInAsync("lucheng");
        const string P = "2033-09";
        var fifth = await county.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.OnlineRetail, 12.34567m, null)));
        Assert.Equal(HttpStatusCode.BadRequest, fifth.StatusCode);
        Assert.Contains("最多保留 4 位小数", await fifth.Content.ReadAsStringAsync());
        var large = await county.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.OnlineRetail, 100_000_000_000_000m, null)));
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Contains("数值过大", await large.Content.ReadAsStringAsync());
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.StatReports.AnyAsync(r => r.EtownId == id && r.Period == P));
        var ok = await county.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.OnlineRetail, 12.3456m, null)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using (var ctx = app.SystemContext())
            Assert.Equal(12.3456m, await ctx.StatValues.Where(v => v.EtownId == id && v.IndicatorCode == C.OnlineRetail
                && ctx.StatReports.Any(r => r.Id == v.ReportId && r.Period == P)).Select(v => v.Value).SingleAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-01")]
    public async Task CumulativeIndicator_DecreasingVsPreviousMonth_Blocks(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        var county = await app.SignInAsync("lucheng");
        await county.SendJsonAsync(HttpMethod.Put, Url(id, "2030-06"), Values((C.Brands, 8m, null)));
        await county.SendJsonAsync(HttpMethod.Put, Url(id, "2030-07"), Values((C.Brands, 7m, null)));
        var submit = await county.PostAsync(Url(id, "2030-07", "submit"), null);
        Assert.Equal("ETOWN-STAT-0003", await submit.ProblemCodeAsync());
        Assert.Contains("CUM-" + C.Brands, await submit.Content.ReadAsStringAsync());
        await county.SendJsonAsync(HttpMethod.Put, Url(id, "2030-07"), Values((C.Brands, 8m, null))); // equal: allowed
        Assert.Equal(HttpStatusCode.OK, (await county.PostAsync(Url(id, "2030-07", "submit"), null)).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task BottomUp_CityOnlyAfterCounty_ProvinceOnlyAfterCity_AndLockedDataRefusesEveryWritePath(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        const string P = "2030-05";
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var city = await app.SignInAsync("changzhi");
        var province = await app.SignInAsync("province");
        var opKey = await ApiKeyClientAsync(app, op, BuiltInRoles.Operator);

        await op.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.MarketEntities, 120m, null), (C.OnlineRetail, 300m, null)));
        // Nothing can be accepted or approved before it is submitted.
        Assert.Equal("ETOWN-STAT-0001", await (await county.PostAsync(Url(id, P, "approve"), null)).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync(Url(id, P, "submit"), null)).StatusCode);
        // City before county: refused (bottom-up).
        var early = await city.PostAsync(Url(id, P, "city-acceptance"), null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("ETOWN-STAT-0001", await early.ProblemCodeAsync());
        // The province cannot use the city's step, nor the city the county's.
        Assert.Equal(HttpStatusCode.Forbidden, (await province.PostAsync(Url(id, P, "city-acceptance"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync(Url(id, P, "approve"), null)).StatusCode);

        var approved = await county.PostAsync(Url(id, P, "approve"), null);
        Assert.Equal("CountyApproved", await StatusOf(approved));

        // Locked (STAT-05: the county answers for it): every write path is refused with ETOWN-STAT-0002.
        var body = Values((C.MarketEntities, 999m, null));
        foreach (var (who, r) in new (string, HttpResponseMessage)[]
        {
            ("operator PUT", await op.SendJsonAsync(HttpMethod.Put, Url(id, P), body)),
            ("county PUT", await county.SendJsonAsync(HttpMethod.Put, Url(id, P), body)),
            ("operator PUT /values", await op.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/values", new { etownId = id, period = P, values = new[] { new { indicator = C.MarketEntities, value = 999m } } })),
            ("api key PUT /values", await opKey.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/values", new { etownId = id, period = P, values = new[] { new { indicator = C.MarketEntities, value = 999m } }, submit = true })),
        })
        {
            Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{who}: {(int)r.StatusCode}");
            Assert.Equal("ETOWN-STAT-0002", await r.ProblemCodeAsync());
        }
        // The page's path: the same service, called as the county user.
        var ex = await Assert.ThrowsAsync<DomainException>(() => AsUserAsync(app, "lucheng",
            s => s.SaveAsync(id, P, new StatReportInput([new StatValueInput(C.MarketEntities, 999m, null)]))));
        Assert.Equal("ETOWN-STAT-0002", ex.Code);
        await using (var ctx = app.SystemContext())
        {
            var stored = await ctx.StatValues.Join(ctx.StatReports, v => v.ReportId, r => r.Id, (v, r) => new { r.EtownId, r.Period, v.IndicatorCode, v.Value })
                .SingleAsync(x => x.EtownId == id && x.Period == P && x.IndicatorCode == C.MarketEntities);
            Assert.Equal(120m, stored.Value);
        }

        // Province before city: refused; then city, then province.
        Assert.Equal("ETOWN-STAT-0001", await (await province.PostAsync(Url(id, P, "province-acceptance"), null)).ProblemCodeAsync());
        Assert.Equal("CityAccepted", await StatusOf(await city.PostAsync(Url(id, P, "city-acceptance"), null)));
        // Once the city has accepted, the county can no longer unlock.
        Assert.Equal("ETOWN-STAT-0001", await (await county.SendJsonAsync(HttpMethod.Post, Url(id, P, "unlock"), new { reason = "更正" })).ProblemCodeAsync());
        Assert.Equal("ProvinceAccepted", await StatusOf(await province.PostAsync(Url(id, P, "province-acceptance"), null)));
        Assert.Equal("ETOWN-STAT-0002", await (await op.SendJsonAsync(HttpMethod.Put, Url(id, P), body)).ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task CountyUnlock_NeedsAReason_IsAudited_AndReopensEntry(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        const string P = "2030-08";
        var county = await app.SignInAsync("lucheng");
        await county.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.Employment, 80m, null)));
        await county.PostAsync(Url(id, P, "submit"), null);
        await county.PostAsync(Url(id, P, "approve"), null);

        var noReason = await county.SendJsonAsync(HttpMethod.Post, Url(id, P, "unlock"), new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var unlocked = await county.SendJsonAsync(HttpMethod.Post, Url(id, P, "unlock"), new { reason = "就业人数口径更正" });
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal("Draft", await StatusOf(unlocked));
        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Put, Url(id, P), Values((C.Employment, 85m, null)))).StatusCode);

        await using var ctx = app.SystemContext();
        var reportId = (await ctx.StatReports.SingleAsync(r => r.EtownId == id && r.Period == P)).Id.ToString();
        var audit = await ctx.AuditRecords.Where(a => a.EntityType == nameof(StatReport) && a.EntityId == reportId).ToListAsync();
        Assert.Contains(audit, a => (a.After ?? "").Contains("就业人数口径更正", StringComparison.Ordinal) && a.UserName == "lucheng");
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-04")]
    public async Task ApiKeyPut_IsIdempotent_PerEtownPeriodIndicator(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        const string P = "2030-09";
        var machine = await ApiKeyClientAsync(app, await app.SignInAsync("operator"), BuiltInRoles.Operator);
        var body = new
        {
            etownId = id, period = P, submit = true,
            values = new[] { new { indicator = C.MarketEntities, value = 130m, comment = (string?)null }, new { indicator = C.OnlineRetail, value = 320.5m, comment = (string?)"接口报送" } },
        };
        var first = await machine.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/values", body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await machine.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/values", body);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Submitted", await StatusOf(second));

        await using var ctx = app.SystemContext();
        var report = await ctx.StatReports.SingleAsync(r => r.EtownId == id && r.Period == P);
        var values = await ctx.StatValues.Where(v => v.ReportId == report.Id).ToListAsync();
        Assert.Equal(2, values.Count);
        Assert.Equal(320.5m, values.Single(v => v.IndicatorCode == C.OnlineRetail).Value);
        // The repeat changed nothing: one creation audit per value, no updates.
        var ids = values.Select(v => v.Id.ToString()).ToList();
        Assert.Equal(2, await ctx.AuditRecords.CountAsync(a => a.EntityType == nameof(StatValue) && ids.Contains(a.EntityId!)));

        // Outside its scope the key finds no e-town.
        var kelan = (await TownsAsync(app))[Kelan];
        var foreign = await machine.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/values", body with { etownId = kelan });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Scope_OperatorSeesOnlyItsEtown_CityOnlyItsCounties(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        async Task<List<string>> Rows(string user)
        {
            var r = await (await app.SignInAsync(user)).GetAsync("/api/v1/statistics/reports?period=2025-11");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return (await r.JsonAsync()).GetProperty("rows").EnumerateArray().Select(x => x.GetProperty("etownName").GetString()!).Order().ToList();
        }
        Assert.Equal([Lucheng], await Rows("operator"));
        Assert.Equal([Lucheng], await Rows("changzhi"));
        Assert.Equal(new[] { "山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇" }.Order(), await Rows("shuozhou"));
        Assert.Equal(7, (await Rows("province")).Count);

        var op = await app.SignInAsync("operator");
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync(Url(towns[Kelan], "2025-11"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.SendJsonAsync(HttpMethod.Put, Url(towns[Kelan], "2030-10"), Values((C.Brands, 1m, null)))).StatusCode);
        // The city reads but does not enter.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("changzhi")).SendJsonAsync(HttpMethod.Put, Url(towns[Lucheng], "2030-10"), Values((C.Brands, 1m, null)))).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task Demo_Completeness_CountsExpectedReceivedAndOnTime_AndDueDateFollowsTheHolidayCalendar(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var nov = await (await province.GetAsync("/api/v1/statistics/reports?period=2025-11")).JsonAsync();
        // STAT-02: 7 expected; 右玉 missing and 怀仁 still a draft; 临猗 late.
        Assert.Equal(7, nov.GetProperty("expected").GetInt32());
        Assert.Equal(5, nov.GetProperty("received").GetInt32());
        Assert.Equal(4, nov.GetProperty("onTime").GetInt32());
        var rows = nov.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("etownName").GetString()!);
        Assert.False(rows["右玉县西口e镇"].GetProperty("exists").GetBoolean());
        Assert.True(rows["右玉县西口e镇"].GetProperty("overdue").GetBoolean());
        Assert.False(rows["临猗新城涑水e镇"].GetProperty("onTime").GetBoolean());
        Assert.Equal("CityAccepted", rows[Kelan].GetProperty("status").GetString());

        // 2025-09 ends on a Tuesday before the National Day holidays (10-01…10-08, 10-11 a working Saturday): due 10-14.
        var towns = await TownsAsync(app);
        var sep = await (await province.GetAsync(Url(towns[Lucheng], "2025-09"))).JsonAsync();
        Assert.Equal("2025-10-14", sep.GetProperty("dueOn").GetString());
        Assert.True(sep.GetProperty("exists").GetBoolean()); // the demo history (2022-06 … 2025-12) stores the same due date
        // The demo values keep the rules: last month beside each value.
        var dec = await (await province.GetAsync(Url(towns[Lucheng], "2025-12"))).JsonAsync();
        Assert.Equal(0, dec.GetProperty("failedRules").GetArrayLength());
        Assert.All(dec.GetProperty("values").EnumerateArray().Where(v => v.GetProperty("indicator").GetString() != C.Tax),
            v => Assert.Equal(JsonValueKind.Number, v.GetProperty("previousMonth").ValueKind));
    }

    [Theory, SqliteData, PostgresData]
    public async Task ReportPage_ShowsValuesWithLastMonth_AndButtonsByRole(string provider)
    {
        var app = apps[provider];
        var id = (await TownsAsync(app))[Lucheng];
        var countyHtml = await (await (await app.SignInAsync("lucheng")).GetAsync($"/statistics/{id}/2025-11")).Content.ReadAsStringAsync();
        Assert.Contains("县级已审核", countyHtml);
        Assert.Contains("市场主体总数", countyHtml);
        Assert.Contains("data-testid=\"unlock\"", countyHtml);       // the county may unlock its approval
        Assert.DoesNotContain("data-testid=\"save\"", countyHtml);    // locked: no entry
        var cityHtml = await (await (await app.SignInAsync("changzhi")).GetAsync($"/statistics/{id}/2025-11")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"accept-city\"", cityHtml);
        Assert.DoesNotContain("data-testid=\"unlock\"", cityHtml);
        var opHtml = await (await (await app.SignInAsync("operator")).GetAsync($"/statistics/{id}/2025-12")).Content.ReadAsStringAsync();
        Assert.Contains("已报送", opHtml);
        Assert.DoesNotContain("data-testid=\"approve\"", opHtml);
    }
}
