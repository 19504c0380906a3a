using Microsoft.EntityFrameworkCore;
using ETown.Web.Platform.Data;

namespace ETown.Web.Platform.Calendar;

/// <summary>
/// The one service that decides working days (工作日) for every deadline in the programme:
/// Monday–Friday, minus statutory holidays, plus adjusted working days (调休), from the
/// 国务院办公厅 notices loaded into <see cref="CalendarDay"/>. Years without a loaded notice fall
/// back to the plain weekend rule and are reported by <see cref="IsCovered"/>.
/// </summary>
public sealed class WorkingCalendar
{
    volatile Snapshot _days = new(new Dictionary<DateOnly, CalendarDayKind>(), new HashSet<int>());

    sealed record Snapshot(IReadOnlyDictionary<DateOnly, CalendarDayKind> Days, IReadOnlySet<int> Years);

    public void Load(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        _days = new(list.ToDictionary(d => d.Date, d => d.Kind),
            list.Select(d => d.Date.Year).ToHashSet());
    }

    public async Task ReloadAsync(EtownDb db, CancellationToken ct = default)
    {
        await using var ctx = db.CreateSystem();
        Load(await ctx.CalendarDays.AsNoTracking().ToListAsync(ct));
    }

    /// <summary>True when the official notice for <paramref name="year"/> is loaded.</summary>
    public bool IsCovered(int year) => _days.Years.Contains(year);

    public IReadOnlyCollection<int> CoveredYears => _days.Years.Order().ToList();

    public bool IsWorkingDay(DateOnly date) => _days.Days.TryGetValue(date, out var kind)
        ? kind == CalendarDayKind.Workday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// "A period of N working days starting on D": D counts when it is a working day; the period
    /// ends on the N-th working day (e.g. a 5-working-day 公示, FUND-06, DECL-07).
    /// </summary>
    public DateOnly PeriodEnd(DateOnly start, int workingDays)
    {
        if (workingDays < 1) throw new ArgumentOutOfRangeException(nameof(workingDays), "工作日数必须至少为 1。");
        var d = start;
        var counted = IsWorkingDay(d) ? 1 : 0;
        while (counted < workingDays)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d)) counted++;
        }
        return d;
    }

    /// <summary>
    /// "Within N working days after E": ends on the N-th working day after E; E itself is not
    /// counted (e.g. acceptance within 15 working days of the application, ACC-03).
    /// </summary>
    public DateOnly DeadlineAfter(DateOnly eventDate, int workingDays)
    {
        if (workingDays < 1) throw new ArgumentOutOfRangeException(nameof(workingDays), "工作日数必须至少为 1。");
        var d = eventDate;
        var counted = 0;
        while (counted < workingDays)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d)) counted++;
        }
        return d;
    }

    /// <summary>Working days in [from, to], both ends included.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) n++;
        return n;
    }
}
