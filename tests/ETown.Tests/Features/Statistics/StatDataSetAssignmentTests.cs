using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// STAT-02 data set assignment: who owes which report. Own app per class, because it adds an e-town (the other
/// statistics tests count the seven demo e-towns).
/// </summary>
public class StatDataSetAssignmentTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    public async Task ListingAnEtown_AssignsBothDataSets_AndMakesItExpected(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var created = await county.SendJsonAsync(HttpMethod.Post, "/api/v1/etowns", new { name = "潞城区数据集测试e镇", countyCode = "140406", plannedAreaKm2 = 1.5m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.StatDataSetAssignments.AnyAsync(a => a.EtownId == id)); // declared: owes nothing yet

        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/status", new { status = "Listed" })).StatusCode);
        await using (var ctx = app.SystemContext())
        {
            var codes = await ctx.StatDataSetAssignments.Where(a => a.EtownId == id).Select(a => a.DataSetCode).OrderBy(c => c).ToListAsync();
            Assert.Equal([StatDataSet.Annual, StatDataSet.Monthly], codes);
            Assert.True(await ctx.AuditRecords.AnyAsync(a => a.EntityType == nameof(StatDataSetAssignment) && a.UserName == "lucheng"));
        }
        var list = await (await county.GetAsync("/api/v1/statistics/reports?period=2031-02")).JsonAsync();
        Assert.Contains(list.GetProperty("rows").EnumerateArray(), r => r.GetProperty("etownId").GetGuid() == id);
        var annual = await (await county.GetAsync("/api/v1/statistics/reports?period=2030")).JsonAsync();
        Assert.Equal(2, annual.GetProperty("expected").GetInt32()); // 潞城 and the new one
    }

    [Theory, SqliteData, PostgresData]
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

    static async Task<int> CountAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.StatDataSetAssignments.CountAsync();
    }
}
