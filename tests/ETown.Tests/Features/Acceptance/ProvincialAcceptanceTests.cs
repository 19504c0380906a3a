using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Acceptance;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Acceptance;

/// <summary>ACC-09: the province's acceptance after the county's whole-project acceptance was filed and acknowledged, at its boundaries.</summary>
public class ProvincialAcceptanceTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇";
    const string Base = "/api/v1/acceptance/applications";
    static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    static DateOnly Today(EtownAppFactory app) => app.Services.GetRequiredService<TimeProvider>().ChinaToday();

    static async Task<Guid> InsertAsync(EtownAppFactory app, AcceptanceScope scope, bool filedWithProvince)
    {
        await using var ctx = app.SystemContext();
        var e = await ctx.Etowns.SingleAsync(x => x.Name == Lucheng);
        var today = Today(app);
        var a = new AcceptanceApplication
        {
            EtownId = e.Id, CountyCode = e.CountyCode, Scope = scope, Title = "省级验收测试 " + Guid.NewGuid().ToString("N")[..6],
            ClaimedProgressPercent = 100m, SubmittedOn = today.AddDays(-60), ReviewDeadline = app.Services.GetRequiredService<WorkingCalendar>().DeadlineAfter(today.AddDays(-60), 15),
            Status = AcceptanceStatus.Passed, ReviewedOn = today.AddDays(-40), AcceptedProgressPercent = 100m,
            NoticeStartsOn = today.AddDays(-35), NoticeEndsOn = today.AddDays(-28), NoticeWorkingDays = 5,
            ProvinceFiledAt = filedWithProvince ? DateTimeOffset.UtcNow.AddDays(-20) : null,
        };
        ctx.AcceptanceApplications.Add(a);
        await ctx.SaveChangesAsync();
        return a.Id;
    }

    static MultipartFormDataContent Form(bool? passed, string? acceptedOn, string? reasons = null, string? audit = null, bool file = true)
    {
        var form = new MultipartFormDataContent();
        if (passed is not null) form.Add(new StringContent(passed.Value ? "true" : "false"), "passed");
        if (acceptedOn is not null) form.Add(new StringContent(acceptedOn), "acceptedOn");
        if (reasons is not null) form.Add(new StringContent(reasons), "reasons");
        if (audit is not null) form.Add(new StringContent(audit), "auditReportReference");
        if (file)
        {
            var f = new ByteArrayContent(Pdf);
            f.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(f, "file", "省级验收报告.pdf");
        }
        return form;
    }

    static async Task<int> CountAsync(EtownAppFactory app, Guid id)
    {
        await using var ctx = app.SystemContext();
        return await ctx.ProvincialAcceptances.CountAsync(p => p.ApplicationId == id);
    }

    static async Task<bool> OwedAsync(HttpClient c, Guid id)
    {
        var view = await (await c.GetAsync("/api/v1/workdesk?module=" + Uri.EscapeDataString("验收评价"))).JsonAsync();
        return view.GetProperty("items").EnumerateArray().Any(i =>
            i.GetProperty("link").GetString() == $"/acceptance/applications/{id}" && i.GetProperty("what").GetString()!.StartsWith("省级验收"));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-09")]
    public async Task Province_AcceptsOnlyAfterAcknowledgingTheFiling_Once_OthersMayNot(string provider)
    {
        var app = apps[provider];
        var today = Today(app).ToString("yyyy-MM-dd");
        var id = await InsertAsync(app, AcceptanceScope.Whole, filedWithProvince: true);
        var province = await app.SignInAsync("province");

        // Filed, not yet acknowledged: refused with a clear error, nothing written, nothing owed yet.
        var early = await province.PostAsync($"{Base}/{id}/provincial-acceptance", Form(true, today));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(AcceptanceErrors.ProvincialNotDue, await early.ProblemCodeAsync());
        Assert.Equal(0, await CountAsync(app, id));
        Assert.False(await OwedAsync(province, id));

        Assert.Equal(HttpStatusCode.NoContent, (await province.PostAsync($"{Base}/{id}/acknowledgement", null)).StatusCode);
        Assert.True(await OwedAsync(province, id));
        var detail = await (await province.GetAsync($"{Base}/{id}")).JsonAsync();
        Assert.True(detail.GetProperty("can").GetProperty("provincialAccept").GetBoolean());

        // Only the province: the county and the city are refused (they lack the permission), nothing written.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("lucheng")).PostAsync($"{Base}/{id}/provincial-acceptance", Form(true, today))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("changzhi")).PostAsync($"{Base}/{id}/provincial-acceptance", Form(true, today))).StatusCode);
        // Bad input: not passed without reasons, no report, a date in the future — 400, nothing written.
        Assert.Equal(HttpStatusCode.BadRequest, (await province.PostAsync($"{Base}/{id}/provincial-acceptance", Form(false, today, reasons: " "))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await province.PostAsync($"{Base}/{id}/provincial-acceptance", Form(true, today, file: false))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await province.PostAsync($"{Base}/{id}/provincial-acceptance",
            Form(true, Today(app).AddDays(1).ToString("yyyy-MM-dd")))).StatusCode);
        Assert.Equal(0, await CountAsync(app, id));

        var ok = await province.PostAsync($"{Base}/{id}/provincial-acceptance", Form(false, today, reasons: "专项资金决算审计发现问题未整改", audit: "晋审字〔2025〕12 号"));
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync(app, id));
        Assert.False(await OwedAsync(province, id));

        // Shown to the county on the application and downloadable; a second time is a conflict.
        var county = await app.SignInAsync("lucheng");
        var p = (await (await county.GetAsync($"{Base}/{id}")).JsonAsync()).GetProperty("provincial");
        Assert.False(p.GetProperty("passed").GetBoolean());
        Assert.Equal("专项资金决算审计发现问题未整改", p.GetProperty("reasons").GetString());
        Assert.Equal("晋审字〔2025〕12 号", p.GetProperty("auditReportReference").GetString());
        Assert.Equal(today, p.GetProperty("acceptedOn").GetString());
        Assert.Equal(Pdf, await (await county.GetAsync($"{Base}/{id}/provincial-acceptance/report")).Content.ReadAsByteArrayAsync());
        var again = await province.PostAsync($"{Base}/{id}/provincial-acceptance", Form(true, today));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(AcceptanceErrors.ProvincialRecorded, await again.ProblemCodeAsync());
        Assert.Equal(1, await CountAsync(app, id));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ACC-09")]
    public async Task NotFiledWithTheProvince_OrAStageAcceptance_IsRefused(string provider)
    {
        var app = apps[provider];
        var today = Today(app).ToString("yyyy-MM-dd");
        var province = await app.SignInAsync("province");
        var notFiled = await InsertAsync(app, AcceptanceScope.Whole, filedWithProvince: false);
        Assert.Equal(AcceptanceErrors.ProvincialNotDue, await (await province.PostAsync($"{Base}/{notFiled}/provincial-acceptance", Form(true, today))).ProblemCodeAsync());
        var stage = await InsertAsync(app, AcceptanceScope.Stage, filedWithProvince: true);
        Assert.Equal(HttpStatusCode.NoContent, (await province.PostAsync($"{Base}/{stage}/acknowledgement", null)).StatusCode);
        Assert.Equal(AcceptanceErrors.ProvincialNotDue, await (await province.PostAsync($"{Base}/{stage}/provincial-acceptance", Form(true, today))).ProblemCodeAsync());
        Assert.False(await OwedAsync(province, stage));
        Assert.Equal(0, await CountAsync(app, notFiled) + await CountAsync(app, stage));
    }
}
