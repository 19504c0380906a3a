using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics;

/// <summary>
/// A data set as in DHIS2 (STAT-02, STAT-05): which report an e-town owes, how often, and by when. Two are seeded —
/// the monthly report ("YYYY-MM") and the annual report ("YYYY", annual indicators such as tax). The province edits the
/// deadline and the reminder lead; new reports take the deadline in force when they are created, existing ones keep theirs.
/// </summary>
public class StatDataSet : IProvinceWide
{
    public const string Monthly = "monthly";
    public const string Annual = "annual";
    /// <summary>STAT-02 “按时报送”: the 5th working day after the period ends.</summary>
    public const int DefaultDueWorkingDays = 5;
    public const int DefaultRemindDaysBefore = 3;

    public required string Code { get; set; }
    public required string Name { get; set; }
    public StatPeriodType PeriodType { get; set; }
    /// <summary>Due on the N-th working day after the period ends (<see cref="WorkingCalendar.DeadlineAfter"/>).</summary>
    public int DueWorkingDays { get; set; } = DefaultDueWorkingDays;
    /// <summary>The "before due" reminder goes out this many working days before the due date; 0 = none.</summary>
    public int RemindDaysBefore { get; set; } = DefaultRemindDaysBefore;
    public int SortOrder { get; set; }

    public DateOnly DueOn(StatPeriod p, WorkingCalendar calendar) => calendar.DeadlineAfter(p.LastDay, DueWorkingDays);

    /// <summary>The working day <see cref="RemindDaysBefore"/> working days before <paramref name="due"/>; null when reminders are off.</summary>
    public DateOnly? RemindOn(DateOnly due, WorkingCalendar calendar)
    {
        if (RemindDaysBefore <= 0) return null;
        var d = due;
        for (var counted = 0; counted < RemindDaysBefore;)
        {
            d = d.AddDays(-1);
            if (calendar.IsWorkingDay(d)) counted++;
        }
        return d;
    }

    public static IReadOnlyList<StatDataSet> Seed() =>
    [
        new() { Code = Monthly, Name = "乡村e镇月度统计报表", PeriodType = StatPeriodType.Monthly, SortOrder = 10 },
        new() { Code = Annual, Name = "乡村e镇年度统计报表", PeriodType = StatPeriodType.Annual, SortOrder = 20 },
    ];
}

/// <summary>Which e-town owes which data set (DHIS2 "data set assignment"); drives expected reports and reminders.</summary>
public class StatDataSetAssignment : IEtownOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    /// <summary>GB/T 2260 county code of the e-town; drives the data scope filter.</summary>
    public required string CountyCode { get; set; }
    public required string DataSetCode { get; set; }
}

/// <summary>Seeding and default assignment of the data sets.</summary>
public static class StatDataSets
{
    /// <summary>E-towns in these states report statistics (listed, under construction, accepted, operating).</summary>
    public static bool Reports(EtownStatus s) =>
        s is EtownStatus.Listed or EtownStatus.UnderConstruction or EtownStatus.Accepted or EtownStatus.Operating;

    /// <summary>Adds the two data sets if missing (idempotent, by code); edited settings are kept.</summary>
    public static async Task SeedAsync(EtownDbContext ctx, CancellationToken ct = default)
    {
        var have = await ctx.StatDataSets.Select(d => d.Code).ToListAsync(ct);
        ctx.StatDataSets.AddRange(StatDataSet.Seed().Where(d => !have.Contains(d.Code)));
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Start-up: every reporting e-town without any data set assignment gets all data sets (idempotent; an e-town whose
    /// assignments were edited keeps them).
    /// </summary>
    public static async Task EnsureDefaultAssignmentsAsync(EtownDbContext ctx, CancellationToken ct = default)
    {
        var codes = await ctx.StatDataSets.Select(d => d.Code).ToListAsync(ct);
        var towns = await ctx.Etowns.IgnoreQueryFilters()
            .Where(e => e.Status != EtownStatus.Declared && e.Status != EtownStatus.Withdrawn
                        && !ctx.StatDataSetAssignments.IgnoreQueryFilters().Any(a => a.EtownId == e.Id))
            .Select(e => new { e.Id, e.CountyCode }).ToListAsync(ct);
        foreach (var t in towns)
            ctx.StatDataSetAssignments.AddRange(codes.Select(c => new StatDataSetAssignment { EtownId = t.Id, CountyCode = t.CountyCode, DataSetCode = c }));
        if (towns.Count > 0) await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// When an e-town is listed: assign it every data set it lacks. Adds to the context; the caller's SaveChanges writes
    /// (and audits) it with the status change.
    /// </summary>
    public static async Task AssignDefaultsAsync(EtownDbContext ctx, Etown etown, CancellationToken ct = default)
    {
        var codes = await ctx.StatDataSets.Select(d => d.Code).ToListAsync(ct);
        var have = await ctx.StatDataSetAssignments.IgnoreQueryFilters().Where(a => a.EtownId == etown.Id).Select(a => a.DataSetCode).ToListAsync(ct);
        ctx.StatDataSetAssignments.AddRange(codes.Except(have).Select(c => new StatDataSetAssignment { EtownId = etown.Id, CountyCode = etown.CountyCode, DataSetCode = c }));
    }
}
