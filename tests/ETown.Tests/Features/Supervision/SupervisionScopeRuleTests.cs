using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Supervision;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Supervision;

/// <summary>
/// SUP-01 (what is supervised, and from when) and SUP-03 (inspection methods) at their boundaries, through the real
/// scheduler and the inspections API, on a demo database of this class's own (it moves an e-town into operation).
/// 潞城 001 日常监督检查制度 第一条–第三条; 临猗 004 3、项目监督检查内容, 4、检查频次及方式.
/// </summary>
public class SupervisionScopeRuleTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇", Linyi = "临猗新城涑水e镇";

    static SupervisionScheduler Scheduler(EtownAppFactory app) => new(app.Services.GetRequiredService<EtownDb>(), Caller.System(),
        app.Services.GetRequiredService<WorkingCalendar>(), TimeProvider.System);

    static async Task<Etown> TownAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.AsNoTracking().SingleAsync(e => e.Name == name);
    }

    static async Task<List<InspectionDue>> DuesAsync(EtownAppFactory app, Guid town, InspectionKind kind)
    {
        await using var ctx = app.SystemContext();
        return await ctx.InspectionDues.AsNoTracking().Where(d => d.EtownId == town && d.Kind == kind).ToListAsync();
    }

    [Fact]
    [Trait("Rule", "SUP-01")]
    public void Applies_ConstructionUntilAccepted_FundsWhileSupervised_OperationOnlyWhenOperating()
    {
        static bool A(InspectionKind k, EtownStatus s) => SupervisionScheduler.Applies(new FrequencyRule(k, Cadence.Monthly, RuleStart.Listing), s);
        foreach (var s in Enum.GetValues<EtownStatus>())
        {
            Assert.Equal(s is EtownStatus.Listed or EtownStatus.UnderConstruction, A(InspectionKind.Construction, s));
            Assert.Equal(s is EtownStatus.Listed or EtownStatus.UnderConstruction or EtownStatus.Accepted or EtownStatus.Operating, A(InspectionKind.FundUse, s));
            Assert.Equal(s == EtownStatus.Operating, A(InspectionKind.Operation, s));
            Assert.False(A(InspectionKind.Special, s)); // 专项检查 has no frequency
        }
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-01")]
    public async Task Construction_IsDueFromTheListingDay_NotTheMonthBefore(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        Assert.True(town.Status is EtownStatus.Listed or EtownStatus.UnderConstruction, $"{town.Status}");
        var listed = SupervisionService.ListedOn(town);
        var before = SupervisionPeriod.Month(listed.AddDays(-1));
        var first = SupervisionPeriod.Month(listed);
        Assert.NotEqual(before.Key, first.Key); // the demo lists e-towns on the first day of their batch year
        var jobs = Scheduler(app);

        await jobs.RunAsync(listed.AddDays(-1)); // the day before listing: nothing to inspect yet
        Assert.DoesNotContain(await DuesAsync(app, town.Id, InspectionKind.Construction), d => d.PeriodKey == before.Key);

        await jobs.RunAsync(listed); // the listing day: construction is due for that month (潞城 001 第二条（一）)
        var due = Assert.Single(await DuesAsync(app, town.Id, InspectionKind.Construction), d => d.PeriodKey == first.Key);
        Assert.Equal((first.Start, first.End), (due.PeriodStart, due.DueOn));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-01")]
    public async Task FundUse_AfterEachDisbursement_In潞城_Quarterly_In临猗(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var linyi = await TownAsync(app, Linyi);
        var jobs = Scheduler(app);

        // 临猗 004 4(一)2: quarterly. 潞城 001 第二条（二）: after every payment, so the calendar alone creates nothing.
        await jobs.RunAsync(new DateOnly(2033, 3, 31));
        Assert.Contains(await DuesAsync(app, linyi.Id, InspectionKind.FundUse), d => d.PeriodKey == "2033-Q1" && d.DueOn == new DateOnly(2033, 3, 31));
        Assert.DoesNotContain(await DuesAsync(app, lucheng.Id, InspectionKind.FundUse), d => d.PeriodStart.Year == 2033);

        // The payment day itself starts the fund-use period; it runs 10 working days.
        var paidOn = new DateOnly(2033, 3, 1);
        var due = await jobs.RecordDisbursementAsync(lucheng.Id, paidOn);
        Assert.NotNull(due);
        Assert.Equal(("P-20330301", paidOn, InspectionKind.FundUse), (due!.PeriodKey, due.PeriodStart, due.Kind));
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        Assert.Equal(calendar.DeadlineAfter(paidOn, 10), due.DueOn);
        Assert.Null(await jobs.RecordDisbursementAsync(linyi.Id, paidOn)); // 临猗 inspects by quarter instead

        // Its last day is still in time; the day after it is a gap.
        await jobs.RunAsync(due.DueOn);
        Assert.Null(Assert.Single(await DuesAsync(app, lucheng.Id, InspectionKind.FundUse), d => d.PeriodKey == "P-20330301").MissedAt);
        await jobs.RunAsync(due.DueOn.AddDays(1));
        Assert.NotNull(Assert.Single(await DuesAsync(app, lucheng.Id, InspectionKind.FundUse), d => d.PeriodKey == "P-20330301").MissedAt);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-01")]
    public async Task Operation_IsDueFromTheDayOperationStarts_NotTheDayBefore_AndConstructionStops(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Kelan);
        var jobs = Scheduler(app);
        await MoveToAsync(app, town.Id, EtownStatus.Accepted);

        // The day before operation starts: accepted, so no operation inspection and no more construction inspections.
        var dayBefore = new DateOnly(2034, 6, 14);
        await jobs.RunAsync(dayBefore);
        Assert.DoesNotContain(await DuesAsync(app, town.Id, InspectionKind.Operation), d => d.PeriodKey == "2034-06");
        Assert.DoesNotContain(await DuesAsync(app, town.Id, InspectionKind.Construction), d => d.PeriodKey == "2034-06");
        Assert.Contains(await DuesAsync(app, town.Id, InspectionKind.FundUse), d => d.PeriodKey == "2034-Q2"); // funds stay supervised

        // 潞城 001 第二条（三）"自运营之日起，每月至少一次": the day it starts operating, the month's operation inspection is due.
        await MoveToAsync(app, town.Id, EtownStatus.Operating);
        await jobs.RunAsync(dayBefore.AddDays(1));
        var due = Assert.Single(await DuesAsync(app, town.Id, InspectionKind.Operation), d => d.PeriodKey == "2034-06");
        Assert.Equal(new DateOnly(2034, 6, 30), due.DueOn);
        Assert.DoesNotContain(await DuesAsync(app, town.Id, InspectionKind.Construction), d => d.PeriodKey == "2034-06");
    }

    static async Task MoveToAsync(EtownAppFactory app, Guid id, EtownStatus target)
    {
        await using var ctx = app.SystemContext();
        var town = await ctx.Etowns.SingleAsync(e => e.Id == id);
        while (town.Status < target) town.ChangeStatus(Etown.NextStatuses(town.Status).First(s => s != EtownStatus.Withdrawn));
        await ctx.SaveChangesAsync();
        Assert.Equal(target, town.Status);
    }

    // ------------------------------------------------------------------ SUP-03 methods

    static object Inspection(object? method, string kind = "Construction")
    {
        var today = TimeProvider.System.ChinaToday().ToString("yyyy-MM-dd");
        return method is null
            ? new { kind, inspectedOn = today, team = "县e镇办 王科长", @checked = "对照培育方案查看建设进度", findings = Array.Empty<object>() }
            : new { kind, method, inspectedOn = today, team = "县e镇办 王科长", @checked = "对照培育方案查看建设进度", findings = Array.Empty<object>() };
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-03")]
    public async Task Inspection_IsRecordedWithEachOfTheFourMethods_UnknownOrEmptyMethodIsRefused_AndWritesNothing(string provider)
    {
        var app = apps[provider];
        var town = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");
        var url = $"/api/v1/supervision/etowns/{town.Id}/inspections";

        // 潞城 001 第三条 实地检查、听取汇报、查看材料; 临猗 004 4(二) and 监督要求（四）实地检查、抽查. No clause ties a method
        // to a kind (临猗 says "以实地检查、抽查为主" — mainly, not only), so any method goes with any kind.
        var methods = new[] { ("OnSite", "实地检查", "Construction"), ("HearReport", "听取汇报", "Operation"), ("ReviewMaterials", "查看材料", "FundUse"), ("SpotCheck", "抽查", "Construction") };
        foreach (var (method, label, kind) in methods)
        {
            var r = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(method, kind));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            var id = (await r.JsonAsync()).GetProperty("id").GetGuid();
            await using var ctx = app.SystemContext();
            var stored = await ctx.Inspections.AsNoTracking().SingleAsync(i => i.Id == id);
            Assert.Equal((Enum.Parse<InspectionMethod>(method), Enum.Parse<InspectionKind>(kind)), (stored.Method, stored.Kind));
            Assert.Equal(label, ProblemFlow.MethodLabel(stored.Method));
        }

        int count;
        await using (var ctx = app.SystemContext()) count = await ctx.Inspections.CountAsync();
        // A value that is no method (or an empty one) is refused by the reader, naming the field; a missing one by the
        // service's own check (before, it silently became 实地检查, the enum's first value).
        foreach (var bad in new[] { "Flying", "", "实地检查" })
        {
            var r = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(bad));
            Assert.Equal((HttpStatusCode.BadRequest, "ETOWN-COMMON-0400"), (r.StatusCode, await r.ProblemCodeAsync()));
            Assert.Contains("字段“method”的值无法识别", await r.Content.ReadAsStringAsync());
        }
        var missing = await county.SendJsonAsync(HttpMethod.Post, url, Inspection(null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请选择检查方式（实地检查、听取汇报、查看材料、抽查）", await missing.Content.ReadAsStringAsync());
        await using (var ctx = app.SystemContext()) Assert.Equal(count, await ctx.Inspections.CountAsync());
    }
}
