using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Notifications;

/// <summary>
/// A message to one organisation (every user of it sees it; one reading marks it read for all). Only users of the
/// recipient organisation see it (scope filter in <see cref="EtownDbContext"/>), whatever their region scope.
/// <see cref="DedupKey"/> is unique: a sender (reminders today, rectification deadlines later) uses it to send
/// each message once, however often it runs.
/// </summary>
public class Notification
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RecipientOrganisationId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>Relative link to the page the message is about, e.g. "/statistics/{etown}/2025-11".</summary>
    public string? Link { get; set; }
    public required string DedupKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A message to send: one row per recipient organisation, each with its own dedup key.</summary>
public sealed record NotificationDraft(Guid RecipientOrganisationId, string Title, string Body, string? Link, string DedupKey);

/// <summary>Sending, for services that notify (statistics reminders; later rectification deadlines).</summary>
public static class Notifier
{
    /// <summary>
    /// Adds the drafts whose dedup key was never used (across all organisations, hence without scope filter) to the
    /// context; the caller's SaveChanges writes them, audited. Returns what was added.
    /// </summary>
    public static async Task<IReadOnlyList<Notification>> AddOnceAsync(EtownDbContext ctx, IEnumerable<NotificationDraft> drafts,
        DateTimeOffset nowUtc, CancellationToken ct = default)
    {
        var list = drafts.GroupBy(d => d.DedupKey).Select(g => g.First()).ToList();
        if (list.Count == 0) return [];
        var keys = list.Select(d => d.DedupKey).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
            used.UnionWith(await ctx.Notifications.IgnoreQueryFilters().Where(n => chunk.Contains(n.DedupKey)).Select(n => n.DedupKey).ToListAsync(ct));
        var added = list.Where(d => !used.Contains(d.DedupKey)).Select(d => new Notification
        {
            RecipientOrganisationId = d.RecipientOrganisationId, Title = d.Title, Body = d.Body, Link = d.Link, DedupKey = d.DedupKey,
            CreatedAt = nowUtc,
        }).ToList();
        ctx.Notifications.AddRange(added);
        return added;
    }
}
