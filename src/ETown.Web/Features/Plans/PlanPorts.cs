using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Plans;

/// <summary>
/// DISC-02 (临猗办法 第4条): the day the cultivation plan (with its budget, i.e. the fund rules) went on the public column.
/// Owned by Plans, produced by Features/Disclosure (the column's per-item publishing); null = not published now.
/// </summary>
public interface IPlanNoticeDates
{
    Task<DateOnly?> NoticeStartedOnAsync(EtownDbContext ctx, Guid etownId, Guid planId, CancellationToken ct);
}

/// <summary>DISC-02: "经公示 5 个工作日后，报运城市商务局…备案" — filing waits for the full working-day notice.</summary>
public static class PlanFilingNotice
{
    /// <summary>Configuration key; 0 turns the check off for a county whose documents do not require it. Default 5 (临猗 第4条).</summary>
    public const string SettingKey = "Plans:FilingNoticeWorkingDays";
    public const int DefaultWorkingDays = 5;

    /// <summary>
    /// DISC-02: the notice that counts — from the publication on the column, or from the last change of the content or
    /// budget when the draft was edited after it went on the column (the public must see the version that is filed).
    /// Null while not on the column.
    /// </summary>
    public static DateOnly? StartsOn(DateOnly? publishedOn, DateOnly? lastEditedOn) =>
        publishedOn is not { } p ? null : lastEditedOn is { } e && e > p ? e : p;

    /// <summary>
    /// Counted like FUND-06/ACC-07 (WorkingCalendar.PeriodEnd): the first day of the notice counts when it is a working
    /// day, the notice ends on the N-th working day, and filing is possible from the day after (today &gt; end).
    /// Returns null when filing may go ahead, else the Chinese reason.
    /// </summary>
    public static string? Refusal(DateOnly? startedOn, DateOnly today, int workingDays, WorkingCalendar calendar, bool restarted = false)
    {
        if (workingDays <= 0) return null;
        if (startedOn is not { } start)
            return $"培育方案（含资金预算）尚未在公开专栏公示，须公示满 {workingDays} 个工作日后才能报市、省备案（DISC-02，临猗办法第4条）。";
        var end = calendar.PeriodEnd(start, workingDays);
        if (today > end) return null;
        var done = today <= start ? 0 : calendar.CountWorkingDays(start, today.AddDays(-1));
        return $"培育方案{(restarted ? "公示后经修改，公示期自修改之日重新计算：" : "")}自 {start:yyyy-MM-dd} 起公示，已满 {done} 个工作日，须公示满 {workingDays} 个工作日（至 {end:yyyy-MM-dd}）后，自 {end.AddDays(1):yyyy-MM-dd} 起才能报市、省备案（DISC-02，临猗办法第4条）。";
    }
}
