using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Calendar;

public sealed record CalendarDayInput(DateOnly Date, CalendarDayKind Kind, string Name, string? Source);

/// <summary>Admin maintenance of the holiday calendar, e.g. adding 2027 once the State Council publishes it.</summary>
public sealed class CalendarService(EtownDb db, Caller caller, WorkingCalendar calendar)
{
    public async Task<IReadOnlyList<CalendarDay>> ListAsync(int year, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var from = new DateOnly(year, 1, 1); var to = new DateOnly(year, 12, 31);
        return await ctx.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(ct);
    }

    public async Task UpsertAsync(CalendarDayInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Reference.CalendarUpdate);
        var errors = new Dictionary<string, List<string>>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 32) errors["Name"] = ["请填写节日名称（不超过 32 字）。"];
        var weekend = input.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (input.Kind == CalendarDayKind.Workday && !weekend) errors["Kind"] = ["调休上班日应为周六或周日；工作日本来就上班。"];
        if (input.Date.Year < 2022) errors["Date"] = ["日期不能早于 2022 年。"];
        ValidationFailedException.ThrowIfAny(errors);
        await using var ctx = db.Create(caller);
        var day = await ctx.CalendarDays.FirstOrDefaultAsync(d => d.Date == input.Date, ct);
        if (day is null) ctx.CalendarDays.Add(new CalendarDay { Date = input.Date, Kind = input.Kind, Name = input.Name.Trim(), Source = input.Source?.Trim() });
        else { day.Kind = input.Kind; day.Name = input.Name.Trim(); day.Source = input.Source?.Trim(); }
        await ctx.SaveChangesAsync(ct);
        await calendar.ReloadAsync(db, ct);
    }

    public async Task RemoveAsync(DateOnly date, CancellationToken ct = default)
    {
        caller.Require(Permissions.Reference.CalendarUpdate);
        await using var ctx = db.Create(caller);
        var day = await ctx.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct) ?? throw new NotFoundException("日历条目");
        ctx.CalendarDays.Remove(day);
        await ctx.SaveChangesAsync(ct);
        await calendar.ReloadAsync(db, ct);
    }
}
