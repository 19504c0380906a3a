using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

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
public sealed class WorkDesk(IEnumerable<IWorkItemSource> sources, Caller caller, WorkingCalendar calendar, TimeProvider clock, EtownDb db)
{
    /// <summary>How far back 已办 lists done items.</summary>
    public const int DoneDays = 30;

    public IReadOnlyList<string> Modules => sources.Select(s => s.Module).Distinct().ToList();

    /// <summary>The desk as its owner opens it (首页, the API): also brings 已办 up to date (<see cref="WorkItemTrace"/>).</summary>
    public Task<WorkDeskView> OpenAsync(string? module = null, CancellationToken ct = default) => LoadAsync(module, trace: true, ct);

    /// <summary>The open items without recording anything: for counts shown on other pages (menu badges), which only read.</summary>
    public Task<WorkDeskView> PeekAsync(CancellationToken ct = default) => LoadAsync(null, trace: false, ct);

    async Task<WorkDeskView> LoadAsync(string? module, bool trace, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        if (!caller.IsAuthenticated && !caller.IsSystem) return new WorkDeskView(today, [], new Dictionary<string, int>());
        var all = new List<WorkItem>();
        // One after another: the sources share the request's scoped services (contexts are created per call, but
        // the caller and the authorizer are per request).
        foreach (var source in sources) all.AddRange(await source.OpenItemsAsync(ct));
        if (trace) await TraceAsync(all, ct);
        var items = all.Select(i => Decorate(i, today)).ToList();
        var counts = items.GroupBy(i => i.Module).ToDictionary(g => g.Key, g => g.Count());
        var shown = items.Where(i => module is null or "" || i.Module == module)
            .OrderByDescending(i => i.Overdue).ThenBy(i => i.DueOn ?? DateOnly.MaxValue).ThenBy(i => i.EtownName, StringComparer.Ordinal)
            .ThenBy(i => i.What, StringComparer.Ordinal).ToList();
        return new WorkDeskView(today, shown, counts);
    }

    /// <summary>已办: the caller's items that left the desk in the last <see cref="DoneDays"/> days, latest first.</summary>
    /// <param name="refresh">Bring the traces up to date first (an item done a moment ago is listed even if the desk was
    /// not opened since); false when <see cref="OpenAsync"/> has just run.</param>
    public async Task<IReadOnlyList<DoneWorkItem>> DoneAsync(string? module = null, bool refresh = true, CancellationToken ct = default)
    {
        if (caller.UserId is null) return [];
        if (refresh) await OpenAsync(null, ct);
        var since = clock.GetUtcNow().AddDays(-DoneDays);
        await using var ctx = db.Create(caller);
        var rows = await ctx.WorkItemTraces.AsNoTracking()
            .Where(t => t.UserId == caller.UserId && t.DoneAt != null && t.DoneAt >= since && (module == null || module == "" || t.Module == module))
            .OrderByDescending(t => t.DoneAt).Take(200).ToListAsync(ct);
        return rows.Select(t => new DoneWorkItem(t.Module, t.What, t.EtownId, t.EtownName, t.DueOn, t.Link, t.FirstSeenAt, t.DoneAt!.Value))
            .ToList();
    }

    // Remembers each open item once and stamps the ones no longer open as done (see WorkItemTrace). An item that opens
    // again (e.g. a report returned for correction) is open again under the same key.
    async Task TraceAsync(IReadOnlyList<WorkItem> open, CancellationToken ct)
    {
        if (caller.UserId is not { } userId) return;
        var now = clock.GetUtcNow();
        var openByKey = open.GroupBy(WorkItemTrace.KeyOf).ToDictionary(g => g.Key, g => g.First());
        var openKeys = openByKey.Keys.ToList();
        await using var ctx = db.Create(caller);
        var known = await ctx.WorkItemTraces.Where(t => t.UserId == userId && (t.DoneAt == null || openKeys.Contains(t.Key))).ToListAsync(ct);
        var knownKeys = known.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var t in known)
        {
            var isOpen = openByKey.ContainsKey(t.Key);
            if (t.DoneAt is null && !isOpen) t.DoneAt = now;
            else if (t.DoneAt is not null && isOpen) { t.DoneAt = null; t.FirstSeenAt = now; }
        }
        foreach (var (key, i) in openByKey.Where(x => !knownKeys.Contains(x.Key)))
            ctx.WorkItemTraces.Add(new WorkItemTrace
            {
                UserId = userId, Key = key, Module = Clip(i.Module, 40), What = Clip(i.What, 300), EtownId = i.EtownId,
                EtownName = i.EtownName is null ? null : Clip(i.EtownName, 200), DueOn = i.DueOn, Link = Clip(i.Link, 300), FirstSeenAt = now,
            });
        if (!ctx.ChangeTracker.HasChanges()) return;
        try { await ctx.SaveChangesAsync(ct); }
        // The same desk opened twice at once (the page's prerender and its circuit): the other request recorded it.
        catch (DbUpdateException) { }
    }

    static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

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

/// <summary>
/// Menu badges (#15 item 1): each open item counts on the menu entry whose address is the longest prefix of the item's
/// link (on a path-segment boundary), so "/funds/etowns/…" counts on 资金管理's "/funds" entry.
/// </summary>
public static class WorkDeskBadges
{
    public static IReadOnlyDictionary<string, int> ByMenuUrl(IEnumerable<WorkDeskItem> items, IEnumerable<string> menuUrls)
    {
        var urls = menuUrls.Where(u => u.Length > 1).Distinct(StringComparer.Ordinal).OrderByDescending(u => u.Length).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in items)
        {
            var path = i.Link.Split('?', '#')[0];
            var url = urls.FirstOrDefault(u => path == u || path.StartsWith(u.TrimEnd('/') + "/", StringComparison.Ordinal));
            if (url is not null) counts[url] = counts.GetValueOrDefault(url) + 1;
        }
        return counts;
    }
}
