using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Time;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Platform;

/// <summary>
/// The 工作台 to-do list: each module yields what the caller owes, decided by the same authorizer as the action; an
/// item done by one level leaves that level's desk and appears on the next one's.
/// </summary>
public class WorkDeskTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇";

    static async Task<List<JsonElement>> ItemsAsync(HttpClient c, string? module = null) =>
        (await OkJson(c.GetAsync("/api/v1/workdesk" + (module is null ? "" : "?module=" + Uri.EscapeDataString(module)))))
        .GetProperty("items").EnumerateArray().ToList();

    static async Task<List<JsonElement>> DoneAsync(HttpClient c) =>
        (await OkJson(c.GetAsync("/api/v1/workdesk/done"))).EnumerateArray().ToList();

    static bool Links(List<JsonElement> items, string link, string whatStartsWith) =>
        items.Any(i => i.GetProperty("link").GetString() == link && i.GetProperty("what").GetString()!.StartsWith(whatStartsWith, StringComparison.Ordinal));

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task StatisticsReport_MovesFromTheOperatorsDesk_ToTheCounty_ThenTheCity(string provider)
    {
        await using var app = new EtownAppFactory(provider);
        var id = (await TownsAsync(app))[Lucheng];
        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        var p = new StatPeriod(today.Year, today.Month).Previous.ToString();
        await using (var ctx = app.SystemContext())
        {
            // The month just ended is owed: make sure no demo report of it exists for 潞城.
            await ctx.StatReports.Where(r => r.EtownId == id && r.Period == p).ExecuteDeleteAsync();
        }
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var city = await app.SignInAsync("changzhi");
        var link = $"/statistics/{id}/{p}";

        // The operator owes the report, due on the data set's 5th working day after the month (the same date the report shows).
        var mine = await ItemsAsync(op);
        var fill = mine.Single(i => i.GetProperty("link").GetString() == link);
        Assert.StartsWith("填报并报送", fill.GetProperty("what").GetString());
        Assert.Equal((await OkJson(op.GetAsync(Url(id, p)))).GetProperty("dueOn").GetString(), fill.GetProperty("dueOn").GetString());
        Assert.Equal(Lucheng, fill.GetProperty("etownName").GetString());
        Assert.All(mine, i => Assert.Equal(Lucheng, i.GetProperty("etownName").GetString())); // only its own e-town
        Assert.DoesNotContain(await ItemsAsync(city), i => i.GetProperty("link").GetString() == link);

        // Submitted: off the operator's desk, on the county's as 审核.
        await OkJson(op.SendJsonAsync(HttpMethod.Put, Url(id, p), Values((C.MarketEntities, 120m, null), (C.Employment, 80m, null), (C.Brands, 5m, null))));
        await OkJson(op.PostAsync(Url(id, p, "submit"), null));
        Assert.DoesNotContain(await ItemsAsync(op), i => i.GetProperty("link").GetString() == link);
        // … and on its 已办 (#15 item 1), which is its own: the county has done nothing yet.
        Assert.True(Links(await DoneAsync(op), link, "填报并报送"));
        Assert.DoesNotContain(await DoneAsync(county), i => i.GetProperty("link").GetString() == link);
        Assert.True(Links(await ItemsAsync(county), link, "审核"));
        Assert.False(Links(await ItemsAsync(city), link, "市级接收"));

        // Approved by the county: the city of 潞城 (长治) has to accept it, not 朔州.
        await OkJson(county.PostAsync(Url(id, p, "approve"), null));
        Assert.False(Links(await ItemsAsync(county), link, "审核"));
        Assert.True(Links(await DoneAsync(county), link, "审核"));
        Assert.DoesNotContain(await DoneAsync(city), i => i.GetProperty("link").GetString() == link);
        Assert.True(Links(await ItemsAsync(city), link, "市级接收"));
        Assert.DoesNotContain(await ItemsAsync(await app.SignInAsync("shuozhou")), i => i.GetProperty("link").GetString() == link);

        // The desk page has the list and counts the same items. Its rows (with the links) are read by the interactive
        // table (ListTable, #15 item 2), so WorkDeskE2ETests and RoleDesksE2ETests check them in a browser.
        var html = await (await city.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"todo-list\"", html);
        Assert.Contains($"data-testid=\"todo-count\">{(await ItemsAsync(city)).Count}</span>", html);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task OlderReportsWaitingForAStep_AreOnTheDeskOfTheLevelThatOwesIt(string provider)
    {
        // The demo's 2025 reports are long past the two months the desk asks to be filled, yet each waits for a step
        // (STAT-05): 岢岚 2025-12 submitted → the county approves; 岢岚 2025-11 and 右玉 2025-10 accepted by their city →
        // the province accepts. (The status is stored by name: a range test in SQL compared strings and lost them.)
        var app = apps[provider];
        static async Task<List<string>> Whats(HttpClient c) =>
            (await ItemsAsync(c, "统计报表")).Select(i => i.GetProperty("what").GetString() + "｜" + i.GetProperty("etownName").GetString()).ToList();
        var kelan = await Whats(await app.SignInAsync("kelan"));
        Assert.Contains("审核2025年12月统计报表｜岢岚县乡村e镇", kelan);
        var province = await Whats(await app.SignInAsync("province"));
        Assert.Contains("省级接收2025年11月统计报表｜岢岚县乡村e镇", province);
        Assert.Contains(province, w => w.StartsWith("省级接收2025年10月统计报表｜右玉", StringComparison.Ordinal));
        Assert.DoesNotContain(province, w => w.StartsWith("审核", StringComparison.Ordinal)); // the county's step, not the province's
        var shuozhou = await Whats(await app.SignInAsync("shuozhou"));
        Assert.DoesNotContain(shuozhou, w => w.Contains("岢岚", StringComparison.Ordinal));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task DemoDeclarations_AppearOnTheDesksOfWhoeverActsNext(string provider)
    {
        var app = apps[provider];
        static async Task<List<string>> Whats(HttpClient c) =>
            (await ItemsAsync(c, "申报评审")).Select(i => i.GetProperty("what").GetString() + "｜" + i.GetProperty("etownName").GetString()).ToList();

        // 岢岚 drafts, 应县 was returned by its city, 右玉's submission waits for 朔州's recommendation.
        Assert.Contains("完善申报并提交｜岢岚县宋家沟乡村e镇（草稿）", await Whats(await app.SignInAsync("kelan")));
        Assert.Contains("修改被退回的申报并重新提交｜应县杂粮乡村e镇", await Whats(await app.SignInAsync("yingxian")));
        Assert.Contains("推荐或退回县级申报｜右玉县杀虎口乡村e镇", await Whats(await app.SignInAsync("shuozhou")));
        // Nobody else owes these: not a sibling county, not another city, not the province before the recommendation.
        Assert.DoesNotContain(await Whats(await app.SignInAsync("youyu")), w => w.Contains("岢岚", StringComparison.Ordinal) || w.Contains("应县", StringComparison.Ordinal));
        Assert.Empty(await Whats(await app.SignInAsync("changzhi")));
        Assert.DoesNotContain(await Whats(await app.SignInAsync("province")), w => w.Contains("右玉县杀虎口", StringComparison.Ordinal));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-03")]
    public async Task DemoAcceptanceApplication_IsOnTheCountysDesk_WithItsFifteenWorkingDayDeadline(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        var waiting = await ctx.AcceptanceApplications.Where(a => a.CountyCode == "140821"
            && (a.Status == ETown.Web.Features.Acceptance.AcceptanceStatus.Submitted || a.Status == ETown.Web.Features.Acceptance.AcceptanceStatus.UnderReview)).ToListAsync();
        Assert.NotEmpty(waiting); // the demo's 临猗 application
        var items = await ItemsAsync(await app.SignInAsync("linyi"), "验收评价");
        foreach (var a in waiting)
        {
            var item = items.Single(i => i.GetProperty("link").GetString() == $"/acceptance/applications/{a.Id}");
            Assert.Equal(a.ReviewDeadline.ToString("yyyy-MM-dd"), item.GetProperty("dueOn").GetString());
        }
        // Not on another county's desk.
        var other = await ItemsAsync(await app.SignInAsync("lucheng"), "验收评价");
        Assert.DoesNotContain(other, i => waiting.Any(a => i.GetProperty("link").GetString() == $"/acceptance/applications/{a.Id}"));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-05")]
    public async Task DemoSupervision_DueInspectionsOnTheCountysDesk_NoticesOnTheOperatorsDesk(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        var id = (await TownsAsync(app))[Lucheng];
        var dues = await ctx.InspectionDues.Where(d => d.EtownId == id && d.DoneOn == null && d.MissedAt == null).ToListAsync();
        var noticed = await ctx.Problems.Where(p => p.EtownId == id
            && (p.Status == ETown.Web.Features.Supervision.ProblemStatus.Noticed || p.Status == ETown.Web.Features.Supervision.ProblemStatus.SecondNotice)).ToListAsync();

        var county = await ItemsAsync(await app.SignInAsync("lucheng"), "监督检查");
        Assert.Equal(dues.Select(d => d.DueOn.ToString("yyyy-MM-dd")).Order(),
            county.Where(i => i.GetProperty("what").GetString()!.StartsWith("开展", StringComparison.Ordinal)).Select(i => i.GetProperty("dueOn").GetString()!).Order());
        var op = await ItemsAsync(await app.SignInAsync("operator"), "监督检查");
        Assert.Equal(noticed.Count, op.Count(i => i.GetProperty("what").GetString()!.Contains("整改并答复", StringComparison.Ordinal)));
        Assert.DoesNotContain(op, i => i.GetProperty("what").GetString()!.StartsWith("开展", StringComparison.Ordinal)); // the operator does not inspect itself
        Assert.Empty(await ItemsAsync(await app.SignInAsync("shuozhou"), "监督检查") is var s ? s.Where(i => i.GetProperty("etownName").GetString() == Lucheng) : []);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "PLAN-01")]
    public async Task EveryListedEtownWithoutAFiledPlan_IsOnItsCountysDesk(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        var filed = await ctx.CultivationPlans.Where(p => p.Status == ETown.Web.Features.Plans.PlanStatus.Filed).Select(p => p.EtownId).ToListAsync();
        var owed = await ctx.Etowns.Where(e => (e.Status == ETown.Web.Features.Etowns.EtownStatus.Listed || e.Status == ETown.Web.Features.Etowns.EtownStatus.UnderConstruction)
            && e.CountyCode == "140406" && !filed.Contains(e.Id)).Select(e => e.Id).ToListAsync();
        var items = await ItemsAsync(await app.SignInAsync("lucheng"), "培育方案");
        Assert.Equal(owed.Select(id => $"/etowns/{id}/plan").Order(), items.Where(i => i.GetProperty("what").GetString()!.Contains("备案", StringComparison.Ordinal))
            .Select(i => i.GetProperty("link").GetString()!).Order());
        Assert.Empty(await ItemsAsync(await app.SignInAsync("operator"), "培育方案")); // the county files, not the operator
    }

    [Theory, SqliteData, PostgresData]
    public async Task Desk_IsSortedOverdueFirstThenByDeadline_AndFiltersByModule(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var view = await OkJson(county.GetAsync("/api/v1/workdesk"));
        var items = view.GetProperty("items").EnumerateArray().ToList();
        var keys = items.Select(i => (Overdue: i.GetProperty("overdue").GetBoolean(),
            Due: i.GetProperty("dueOn").ValueKind == JsonValueKind.Null ? DateOnly.MaxValue : DateOnly.Parse(i.GetProperty("dueOn").GetString()!))).ToList();
        Assert.Equal(keys.OrderByDescending(k => k.Overdue).ThenBy(k => k.Due).ToList(), keys);
        foreach (var i in items.Where(i => i.GetProperty("overdue").GetBoolean()))
            Assert.Equal(0, i.GetProperty("workingDaysLeft").GetInt32());

        var counts = view.GetProperty("countByModule").EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetInt32());
        foreach (var (module, n) in counts)
        {
            var only = await ItemsAsync(county, module);
            Assert.Equal(n, only.Count);
            Assert.All(only, i => Assert.Equal(module, i.GetProperty("module").GetString()));
        }
    }

    [Theory, SqliteData]
    public async Task Anonymous_HasNoDesk(string provider)
    {
        var r = await apps[provider].Anonymous().GetAsync("/api/v1/workdesk");
        Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public void EveryModule_RegistersItsToDos_UnlessItOwesNoActions()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var missing = new List<string>();
        foreach (var m in ModuleCatalog.BuiltIn.Modules)
        {
            var services = new ServiceCollection();
            m.AddServices(services, config);
            var registers = services.Any(s => s.ServiceType == typeof(IWorkItemSource));
            if (!registers && !WithoutToDos.Contains(m.Name)) missing.Add(m.Name);
            if (registers && WithoutToDos.Contains(m.Name)) missing.Add(m.Name + "（已注册，请从豁免列表中删除）");
        }
        Assert.True(missing.Count == 0, "模块未向工作台提供待办（IWorkItemSource）：" + string.Join("、", missing));
    }

    /// <summary>
    /// Modules whose users owe no dated action: reference data, the registry, organisations and administration.
    /// </summary>
    static readonly HashSet<string> WithoutToDos = ["reference", "registry", "organisations", "administration"];

    [Fact]
    public void MenuBadges_CountEachItemOnTheLongestMenuAddressItFallsUnder()
    {
        static WorkDeskItem I(string link) => new("m", "w", null, null, null, link, null, false);
        var counts = WorkDeskBadges.ByMenuUrl(
            [I("/funds/etowns/1"), I("/funds/allocations/import"), I("/funds"), I("/fundsx/1"), I("/statistics/1/2026-01?x=1"), I("/etowns/1")],
            ["/", "/funds", "/funds/allocations", "/statistics"]);
        Assert.Equal(2, counts["/funds"]); // not "/fundsx/1": a prefix counts only on a path-segment boundary
        Assert.Equal(1, counts["/funds/allocations"]);
        Assert.Equal(1, counts["/statistics"]);
        Assert.False(counts.ContainsKey("/")); // the home entry shows the total, not the leftovers
        Assert.Equal(4, counts.Values.Sum());
    }
}
