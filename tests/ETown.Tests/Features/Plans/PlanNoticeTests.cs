using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Disclosure;
using ETown.Web.Features.Plans;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Plans;

/// <summary>Test helpers: publish a plan on the column through the API and move its publication back in time.</summary>
public static class PlanNoticeKit
{
    public static async Task<Guid> PublishAsync(EtownAppFactory app, HttpClient county, Guid etownId)
    {
        var plan = (await (await county.GetAsync($"/api/v1/etowns/{etownId}/plan")).JsonAsync()).GetProperty("id").GetGuid();
        var r = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/disclosure/etowns/{etownId}/items", new { kind = "Plan", sourceId = plan });
        Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"publish: {r.StatusCode}");
        return plan;
    }

    /// <summary>Sets the start of the plan's active publication to the given China date (09:00).</summary>
    public static async Task StartOnAsync(EtownAppFactory app, Guid planId, DateOnly day)
    {
        await using var ctx = app.SystemContext();
        foreach (var i in await ctx.PublishedItems.Where(i => i.Kind == PublishedKind.Plan && i.SourceId == planId && i.WithdrawnAt == null).ToListAsync())
            i.PublishedAt = ChinaTime.StartOfDay(day).AddHours(9);
        await ctx.SaveChangesAsync();
    }

    /// <summary>Sets the plan's last content/budget edit to the given China date (09:00); null = never edited.</summary>
    public static async Task EditedOnAsync(EtownAppFactory app, Guid planId, DateOnly? day)
    {
        await using var ctx = app.SystemContext();
        var plan = await ctx.CultivationPlans.SingleAsync(p => p.Id == planId);
        plan.ContentChangedForTest(day is { } d ? ChinaTime.StartOfDay(d).AddHours(9) : null);
        await ctx.SaveChangesAsync();
    }

    /// <summary>
    /// Publishes the plan and moves the notice 40 days back (fully noticed, DISC-02) — the last edit too, since an edit
    /// after publication restarts the notice: call it after the test's last edit, right before filing.
    /// </summary>
    public static async Task NoticedAsync(EtownAppFactory app, HttpClient county, Guid etownId)
    {
        var plan = await PublishAsync(app, county, etownId);
        await StartOnAsync(app, plan, ChinaToday().AddDays(-40));
        await EditedOnAsync(app, plan, ChinaToday().AddDays(-41));
    }

    public static DateOnly ChinaToday() => DateTimeOffset.UtcNow.ToChinaDate();
}

/// <summary>DISC-02 (临猗办法 第4条): the plan is noticed on the public column 5 working days before it is filed.</summary>
public class PlanNoticeTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Kelan = "岢岚县乡村e镇";

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-02")]
    public async Task Filing_WaitsFor5WorkingDaysOnTheColumn_UnpublishedIsRefused(string provider)
    {
        var app = apps[provider];
        Guid id;
        await using (var ctx = app.SystemContext()) id = (await ctx.Etowns.SingleAsync(e => e.Name == Kelan)).Id;
        var kelan = await app.SignInAsync("kelan");
        var province = await app.SignInAsync("province");
        Assert.Equal(HttpStatusCode.OK, (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/reopen", new { reason = "DISC-02 公示测试" })).StatusCode);

        // Not on the column (any demo publication withdrawn): refused with the DISC-02 code, nothing written.
        await using (var ctx = app.SystemContext())
        {
            foreach (var i in await ctx.PublishedItems.Where(i => i.EtownId == id && i.Kind == PublishedKind.Plan && i.WithdrawnAt == null).ToListAsync())
            { i.WithdrawnAt = DateTimeOffset.UtcNow; i.WithdrawnBy = "test"; i.WithdrawReason = "test"; }
            await ctx.SaveChangesAsync();
        }
        var unpublished = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unpublished.StatusCode);
        Assert.Equal(PlanErrors.NoticeNotComplete, await unpublished.ProblemCodeAsync());

        // Published today: the draft is a candidate of the column, filing still refused.
        var plan = await PlanNoticeKit.PublishAsync(app, kelan, id);
        Assert.Equal(PlanErrors.NoticeNotComplete, await (await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit")).ProblemCodeAsync());

        // 4 full working days before today → refused; 5 → filed (start day counts, as FUND-06/ACC-07).
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var today = PlanNoticeKit.ChinaToday();
        DateOnly StartWith(int done)
        {
            for (var d = today.AddDays(-1); ; d = d.AddDays(-1))
                if (calendar.IsWorkingDay(d) && calendar.CountWorkingDays(d, today.AddDays(-1)) == done) return d;
        }
        await PlanNoticeKit.StartOnAsync(app, plan, StartWith(4));
        var four = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(PlanErrors.NoticeNotComplete, await four.ProblemCodeAsync());
        Assert.Contains("已满 4 个工作日", await four.Content.ReadAsStringAsync());
        await PlanNoticeKit.StartOnAsync(app, plan, StartWith(5));
        var five = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.OK, five.StatusCode);
        Assert.Equal("Filed", (await five.JsonAsync()).GetProperty("status").GetString());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DISC-02")]
    public void Notice_AcrossNationalDay2025_CountsOnlyWorkingDays(string provider)
    {
        var calendar = apps[provider].Services.GetRequiredService<WorkingCalendar>();
        Assert.True(calendar.IsCovered(2025));
        // 2025 国庆/中秋: 10-01…10-08 off, Sat 10-11 a working day. Published Tue 09-30 = day 1; 10-09, 10-10, 10-11 (Sat), 10-13.
        var start = new DateOnly(2025, 9, 30);
        Assert.NotNull(PlanFilingNotice.Refusal(start, new DateOnly(2025, 10, 8), 5, calendar)); // holiday: 1 day done
        Assert.NotNull(PlanFilingNotice.Refusal(start, new DateOnly(2025, 10, 13), 5, calendar)); // 4 working days done
        Assert.Null(PlanFilingNotice.Refusal(start, new DateOnly(2025, 10, 14), 5, calendar)); // 5 done
        Assert.Equal(new DateOnly(2025, 10, 13), calendar.PeriodEnd(start, 5));
        Assert.NotNull(PlanFilingNotice.Refusal(null, new DateOnly(2025, 10, 14), 5, calendar)); // never published
        Assert.Null(PlanFilingNotice.Refusal(null, new DateOnly(2025, 10, 14), 0, calendar)); // setting 0: check off
    }
}
