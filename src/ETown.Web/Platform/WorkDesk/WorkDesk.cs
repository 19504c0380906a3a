using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Time;

namespace ETown.Web.Platform.WorkDesk;

/// <summary>
/// One thing the signed-in user owes (待办): what, for which e-town, by when, and the page where it is done.
/// </summary>
/// <param name="Module">The module's Chinese name as on the menu, e.g. "统计报表" (the desk filters by it).</param>
/// <param name="DueOn">The deadline (China date) the documents set, or null when none applies.</param>
/// <param name="Link">The page where the action is taken.</param>
public sealed record WorkItem(string Module, string What, Guid? EtownId, string? EtownName, DateOnly? DueOn, string Link);

/// <summary>
/// A module's contribution to the work desk: the open items of the current caller, read through the caller's own
/// data scope and decided by the same authorizer as the action itself (an item appears only if the caller may do it).
/// Each module registers its sources in <c>AddServices</c>: <c>services.AddScoped&lt;IWorkItemSource, X&gt;()</c>.
/// </summary>
public interface IWorkItemSource
{
    /// <summary>Module name as shown on the desk's filter.</summary>
    string Module { get; }

    Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct);
}

/// <param name="WorkingDaysLeft">Working days from today to the deadline, both included (0 when overdue); null without deadline.</param>
public sealed record WorkDeskItem(string Module, string What, Guid? EtownId, string? EtownName, DateOnly? DueOn, string Link,
    int? WorkingDaysLeft, bool Overdue);

public sealed record WorkDeskView(DateOnly Today, IReadOnlyList<WorkDeskItem> Items, IReadOnlyDictionary<string, int> CountByModule)
{
    public int OverdueCount => Items.Count(i => i.Overdue);
}

/// <summary>
/// The 工作台's to-do list: every registered module's open items for the caller, overdue first, then by deadline
/// (working days by the holiday calendar), items without a deadline last.
/// </summary>
public sealed class WorkDesk(IEnumerable<IWorkItemSource> sources, Caller caller, WorkingCalendar calendar, TimeProvider clock)
{
    public IReadOnlyList<string> Modules => sources.Select(s => s.Module).Distinct().ToList();

    public async Task<WorkDeskView> OpenAsync(string? module = null, CancellationToken ct = default)
    {
        var today = clock.ChinaToday();
        if (!caller.IsAuthenticated && !caller.IsSystem) return new WorkDeskView(today, [], new Dictionary<string, int>());
        var all = new List<WorkItem>();
        // One after another: the sources share the request's scoped services (contexts are created per call, but
        // the caller and the authorizer are per request).
        foreach (var source in sources) all.AddRange(await source.OpenItemsAsync(ct));
        var items = all.Select(i => Decorate(i, today)).ToList();
        var counts = items.GroupBy(i => i.Module).ToDictionary(g => g.Key, g => g.Count());
        var shown = items.Where(i => module is null or "" || i.Module == module)
            .OrderByDescending(i => i.Overdue).ThenBy(i => i.DueOn ?? DateOnly.MaxValue).ThenBy(i => i.EtownName, StringComparer.Ordinal)
            .ThenBy(i => i.What, StringComparer.Ordinal).ToList();
        return new WorkDeskView(today, shown, counts);
    }

    WorkDeskItem Decorate(WorkItem i, DateOnly today)
    {
        int? left = null;
        var overdue = false;
        if (i.DueOn is { } due)
        {
            overdue = due < today;
            left = overdue ? 0 : calendar.CountWorkingDays(today, due);
        }
        return new WorkDeskItem(i.Module, i.What, i.EtownId, i.EtownName, i.DueOn, i.Link, left, overdue);
    }
}
