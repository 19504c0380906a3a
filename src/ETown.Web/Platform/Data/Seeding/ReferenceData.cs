using System.Text.Json;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Data.Seeding;

/// <summary>
/// Loads the project's reference files (Reference/*.json, sources cited inside) into the database.
/// Idempotent: rows already present are left as they are, so the province's edits survive upgrades.
/// </summary>
public static class ReferenceData
{
    static string Folder => Path.Combine(AppContext.BaseDirectory, "Reference");

    public static async Task LoadAsync(EtownDbContext ctx, CancellationToken ct = default)
    {
        await LoadRegionsAsync(ctx, ct);
        await LoadCalendarAsync(ctx, ct);
    }

    static async Task LoadRegionsAsync(EtownDbContext ctx, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "shanxi-regions.json"), ct));
        var root = doc.RootElement;
        var existing = (await ctx.Regions.Select(r => r.Code).ToListAsync(ct)).ToHashSet();
        var province = root.GetProperty("province");
        var list = new List<Region> { new() { Code = province.GetProperty("code").GetString()!, Name = province.GetProperty("name").GetString()!, Level = RegionLevel.Province } };
        foreach (var city in root.GetProperty("cities").EnumerateArray())
        {
            var cityCode = city.GetProperty("code").GetString()!;
            list.Add(new Region { Code = cityCode, Name = city.GetProperty("name").GetString()!, Level = RegionLevel.City, ParentCode = "140000" });
            foreach (var c in city.GetProperty("counties").EnumerateArray())
                list.Add(new Region
                {
                    Code = c.GetProperty("code").GetString()!, Name = c.GetProperty("name").GetString()!, Level = RegionLevel.County,
                    ParentCode = cityCode,
                    CountyClass = c.TryGetProperty("county_class", out var cls) ? Enum.Parse<CountyClass>(cls.GetString()!) : null,
                    IsNationalDemoCounty = c.TryGetProperty("national_demo", out var demo) && demo.GetBoolean(),
                });
        }
        ctx.Regions.AddRange(list.Where(r => !existing.Contains(r.Code)));
        await ctx.SaveChangesAsync(ct);
    }

    static async Task LoadCalendarAsync(EtownDbContext ctx, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "cn-work-calendar.json"), ct));
        var notices = doc.RootElement.GetProperty("notices");
        var existing = (await ctx.CalendarDays.Select(d => d.Date).ToListAsync(ct)).ToHashSet();
        foreach (var d in doc.RootElement.GetProperty("days").EnumerateArray())
        {
            var date = DateOnly.Parse(d[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            if (existing.Contains(date)) continue;
            ctx.CalendarDays.Add(new CalendarDay
            {
                Date = date,
                Kind = d[1].GetString() == "workday" ? CalendarDayKind.Workday : CalendarDayKind.Holiday,
                Name = d[2].GetString()!,
                Source = notices.GetProperty(d[3].GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString(),
            });
        }
        await ctx.SaveChangesAsync(ct);
    }
}
