using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Regions;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Integration;

/// <summary>DECL-01 (117 county-level units), GB/T 2260 codes, the holiday calendar and demo county classes (P §四(二)).</summary>
public class ReferenceDataTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-01")]
    public async Task Regions_OneProvince_ElevenCities_117Counties(string provider)
    {
        await using var ctx = apps[provider].SystemContext();
        Assert.Equal(1, await ctx.Regions.CountAsync(r => r.Level == RegionLevel.Province));
        Assert.Equal(11, await ctx.Regions.CountAsync(r => r.Level == RegionLevel.City));
        Assert.Equal(117, await ctx.Regions.CountAsync(r => r.Level == RegionLevel.County));
        var lucheng = await ctx.Regions.SingleAsync(r => r.Code == "140406");
        Assert.Equal("潞城区", lucheng.Name);
        Assert.Equal("140400", lucheng.ParentCode);
        Assert.Equal(RegionLevel.County, lucheng.Level);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Calendar_Has180Entries_For2022To2026(string provider)
    {
        await using var ctx = apps[provider].SystemContext();
        Assert.Equal(180, await ctx.CalendarDays.CountAsync());
        var from = new DateOnly(2022, 1, 1); var to = new DateOnly(2026, 12, 31);
        Assert.Equal(180, await ctx.CalendarDays.CountAsync(d => d.Date >= from && d.Date <= to));
    }

    [Theory, SqliteData, PostgresData]
    public async Task DemoCountyClasses_FollowTheCityDocuments(string provider)
    {
        await using var ctx = apps[provider].SystemContext();
        var classes = await ctx.Regions.Where(r => r.CountyClass != null).ToDictionaryAsync(r => r.Name, r => r.CountyClass);
        Assert.Equal(CountyClass.Pilot, classes["怀仁市"]);
        Assert.Equal(CountyClass.Advancing, classes["山阴县"]);
        Assert.Equal(CountyClass.Advancing, classes["潞城区"]);
        Assert.Equal(CountyClass.Advancing, classes["临猗县"]);
        Assert.Equal(CountyClass.Assisted, classes["应县"]);
        Assert.Equal(CountyClass.Assisted, classes["右玉县"]);
        Assert.Equal(CountyClass.Assisted, classes["岢岚县"]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task DemoData_SevenEtowns(string provider)
    {
        await using var ctx = apps[provider].SystemContext();
        Assert.Equal(7, await ctx.Etowns.CountAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task CalendarApi_DeadlineEndpoint_UsesTheLoadedNotice(string provider)
    {
        var client = apps[provider].Anonymous();
        var r = await client.GetAsync("/api/v1/calendar/deadline?start=2025-09-30&workingDays=5");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await r.JsonAsync();
        Assert.Equal("2025-10-13", body.GetProperty("end").GetString());
        Assert.True(body.GetProperty("calendarCovered").GetBoolean());
        var after = await (await client.GetAsync("/api/v1/calendar/deadline?start=2026-02-12&workingDays=15&convention=after")).JsonAsync();
        Assert.Equal("2026-03-11", after.GetProperty("end").GetString());
        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(provider, (await health.JsonAsync()).GetProperty("database").GetString());
    }
}
