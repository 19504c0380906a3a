using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// STAT-02 data set assignment: who owes which report. Own app per class, because it adds an e-town (the other
/// statistics tests count the seven demo e-towns).
/// </summary>
public class StatDataSetAssignmentTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task ListingAnEtown_AssignsBothDataSets_AndMakesItExpected(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var created = await county.SendJsonAsync(HttpMethod.Post, "/api/v1/etowns", new { name = "潞城区数据集测试e镇", countyCode = "140406", plannedAreaKm2 = 1.5m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.StatDataSetAssignments.AnyAsync(a => a.EtownId == id)); // declared: owes nothing yet

        // Issue #17 finding 0: a county can no longer list an e-town; listing is the province's DECL-07 finalisation,
        // which runs exactly this (DeclarationService.FinaliseAsync; end to end in DeclarationWorkflowLegalPathTests).
        await using (var ctx = app.SystemContext())
        {
            var e = await ctx.Etowns.SingleAsync(x => x.Id == id);
            e.ChangeStatus(ETown.Web.Features.Etowns.EtownStatus.Listed);
            await StatDataSets.AssignDefaultsAsync(ctx, e);
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = app.SystemContext())
        {
            var codes = await ctx.StatDataSetAssignments.Where(a => a.EtownId == id).Select(a => a.DataSetCode).OrderBy(c => c).ToListAsync();
            Assert.Equal([StatDataSet.Annual, StatDataSet.Monthly], codes);
            Assert.True(await ctx.AuditRecords.AnyAsync(a => a.EntityType == nameof(StatDataSetAssignment)));
        }
        var list = await (await county.GetAsync("/api/v1/statistics/reports?period=2031-02")).JsonAsync();
        Assert.Contains(list.GetProperty("rows").EnumerateArray(), r => r.GetProperty("etownId").GetGuid() == id);
        var annual = await (await county.GetAsync("/api/v1/statistics/reports?period=2030")).JsonAsync();
        Assert.Equal(2, annual.GetProperty("expected").GetInt32()); // 潞城 and the new one
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task StartUpAssignment_IsIdempotent_AndKeepsEditedAssignments(string provider)
    {
        var app = apps[provider];
        Guid kelan, linyi;
        await using (var ctx = app.SystemContext())
        {
            kelan = await ctx.Etowns.Where(e => e.Name == "岢岚县乡村e镇").Select(e => e.Id).SingleAsync();
            linyi = await ctx.Etowns.Where(e => e.Name == "临猗新城涑水e镇").Select(e => e.Id).SingleAsync();
            // An administrator took 岢岚 off the annual report, and 临猗 lost all its assignments.
            ctx.StatDataSetAssignments.RemoveRange(ctx.StatDataSetAssignments.Where(a =>
                (a.EtownId == kelan && a.DataSetCode == StatDataSet.Annual) || a.EtownId == linyi));
            await ctx.SaveChangesAsync();
        }
        var before = await CountAsync(app);
        await using (var ctx = app.SystemContext()) await StatDataSets.EnsureDefaultAssignmentsAsync(ctx);
        await using (var ctx = app.SystemContext()) await StatDataSets.EnsureDefaultAssignmentsAsync(ctx);
        Assert.Equal(before + 2, await CountAsync(app)); // 临猗 gets both again, once; 岢岚 keeps its edit
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal([StatDataSet.Monthly], await ctx.StatDataSetAssignments.Where(a => a.EtownId == kelan).Select(a => a.DataSetCode).ToListAsync());
            Assert.Equal(2, await ctx.StatDataSetAssignments.CountAsync(a => a.EtownId == linyi));
        }
        // 岢岚 is no longer expected for the annual report.
        var province = await app.SignInAsync("province");
        var annual = await (await province.GetAsync("/api/v1/statistics/reports?period=2029")).JsonAsync();
        Assert.DoesNotContain(annual.GetProperty("rows").EnumerateArray(), r => r.GetProperty("etownId").GetGuid() == kelan);
        var monthly = await (await province.GetAsync("/api/v1/statistics/reports?period=2029-05")).JsonAsync();
        Assert.Contains(monthly.GetProperty("rows").EnumerateArray(), r => r.GetProperty("etownId").GetGuid() == kelan);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task Province_AssignsDataSets_ExpectedReportsAndEntryFollow_OthersMayOnlyRead(string provider)
    {
        var app = apps[provider];
        Guid youyu;
        await using (var ctx = app.SystemContext())
            youyu = await ctx.Etowns.Where(e => e.Name == "右玉县西口e镇").Select(e => e.Id).SingleAsync();
        var province = await app.SignInAsync("province");
        var county = await app.SignInAsync("youyu");
        var url = $"/api/v1/statistics/data-sets/assignments/{youyu}";

        // Everyone who reads statistics sees the assignments of their own scope only.
        var all = (await OkJson(province.GetAsync("/api/v1/statistics/data-sets/assignments"))).EnumerateArray().ToList();
        Assert.True(all.Count >= 7);
        var own = (await OkJson(county.GetAsync("/api/v1/statistics/data-sets/assignments"))).EnumerateArray().ToList();
        Assert.Equal(["右玉县西口e镇"], own.Select(r => r.GetProperty("etownName").GetString()));
        Assert.Equal([StatDataSet.Monthly, StatDataSet.Annual], Codes(own[0]));

        // Only the province assigns (STAT-02); a county or city is refused and nothing changes.
        Assert.Equal(HttpStatusCode.Forbidden, (await county.SendJsonAsync(HttpMethod.Put, url, new { dataSetCodes = new[] { "monthly" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shuozhou")).SendJsonAsync(HttpMethod.Put, url, new { dataSetCodes = new[] { "monthly" } })).StatusCode);

        // Clear messages for what cannot be: none at all, an unknown data set.
        var none = await province.SendJsonAsync(HttpMethod.Put, url, new { dataSetCodes = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("至少应分配一个数据集", await none.Content.ReadAsStringAsync());
        var unknown = await province.SendJsonAsync(HttpMethod.Put, url, new { dataSetCodes = new[] { "monthly", "weekly" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("未知的数据集：weekly", await unknown.Content.ReadAsStringAsync());
        await using (var ctx = app.SystemContext())
            Assert.Equal(2, await ctx.StatDataSetAssignments.CountAsync(a => a.EtownId == youyu));

        // The province takes 右玉 off the annual report: audited, no longer expected, and the annual report cannot be opened.
        Assert.Equal([StatDataSet.Monthly], Codes(await OkJson(province.SendJsonAsync(HttpMethod.Put, url, new { dataSetCodes = new[] { "monthly" } }))));
        await using (var ctx = app.SystemContext())
            Assert.True(await ctx.AuditRecords.AnyAsync(a => a.EntityType == nameof(StatDataSetAssignment) && a.Action == "Delete" && a.UserName == "province"));
        var annual = await OkJson(province.GetAsync("/api/v1/statistics/reports?period=2031"));
        Assert.DoesNotContain(annual.GetProperty("rows").EnumerateArray(), r => r.GetProperty("etownId").GetGuid() == youyu);
        var refused = await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{youyu}/2031", new { values = new[] { new { indicator = IndicatorCatalogue.Tax, value = 12.5m } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("ETOWN-STAT-0005", await refused.ProblemCodeAsync());
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.StatReports.AnyAsync(r => r.EtownId == youyu && r.Period == "2031"));
        // The monthly report is still owed and open.
        await OkJson(county.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{youyu}/2031-03", new { values = new[] { new { indicator = IndicatorCatalogue.Brands, value = 3m } } }));

        // Assigned again: expected again, and the annual report opens.
        Assert.Equal([StatDataSet.Monthly, StatDataSet.Annual], Codes(await OkJson(province.SendJsonAsync(HttpMethod.Put, url, new { dataSetCodes = new[] { "annual", "monthly" } }))));
        annual = await OkJson(province.GetAsync("/api/v1/statistics/reports?period=2031"));
        Assert.Contains(annual.GetProperty("rows").EnumerateArray(), r => r.GetProperty("etownId").GetGuid() == youyu);
        await OkJson(county.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{youyu}/2031", new { values = new[] { new { indicator = IndicatorCatalogue.Tax, value = 12.5m } } }));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task AnEtownThatDoesNotReport_CannotBeAssigned(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var created = await county.SendJsonAsync(HttpMethod.Post, "/api/v1/etowns", new { name = "潞城区未列入测试e镇", countyCode = "140406", plannedAreaKm2 = 1.5m });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var r = await (await app.SignInAsync("province")).SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/data-sets/assignments/{id}", new { dataSetCodes = new[] { "monthly" } });
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Equal("ETOWN-STAT-0004", await r.ProblemCodeAsync());
        await using var ctx = app.SystemContext();
        Assert.False(await ctx.StatDataSetAssignments.AnyAsync(a => a.EtownId == id));
    }

    static List<string> Codes(JsonElement row) => row.GetProperty("dataSetCodes").EnumerateArray().Select(c => c.GetString()!).ToList();

    static async Task<int> CountAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.StatDataSetAssignments.CountAsync();
    }
}
