using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Notifications;

public sealed record NotificationRow(Guid Id, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);
public sealed record NotificationList(int Unread, IReadOnlyList<NotificationRow> Items);

/// <summary>The signed-in user's organisation's messages ("消息"). The scope filter shows only its own organisation's.</summary>
public sealed class NotificationService(EtownDb db, Caller caller, TimeProvider clock)
{
    public const int MaxItems = 200;

    public async Task<NotificationList> ListAsync(bool unreadOnly = false, CancellationToken ct = default)
    {
        RequireSignedIn();
        await using var ctx = db.Create(caller);
        var q = ctx.Notifications.AsNoTracking();
        var unread = await q.CountAsync(n => n.ReadAt == null, ct);
        if (unreadOnly) q = q.Where(n => n.ReadAt == null);
        var items = await q.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Take(MaxItems)
            .Select(n => new NotificationRow(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
        return new(unread, items);
    }

    /// <summary>For the bell in the top bar: 0 for anonymous callers.</summary>
    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        if (!caller.IsAuthenticated || caller.OrganisationId is null) return 0;
        await using var ctx = db.Create(caller);
        return await ctx.Notifications.CountAsync(n => n.ReadAt == null, ct);
    }

    /// <summary>Marks one message read (idempotent); another organisation's message is "not found".</summary>
    public async Task MarkReadAsync(Guid id, CancellationToken ct = default)
    {
        RequireSignedIn();
        await using var ctx = db.Create(caller);
        var n = await ctx.Notifications.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("消息");
        if (n.ReadAt is not null) return;
        n.ReadAt = clock.GetUtcNow();
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>Marks every unread message of the organisation read.</summary>
    public async Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        RequireSignedIn();
        await using var ctx = db.Create(caller);
        var unread = await ctx.Notifications.Where(n => n.ReadAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var n in unread) n.ReadAt = now;
        await ctx.SaveChangesAsync(ct);
        return unread.Count;
    }

    void RequireSignedIn()
    {
        if (!caller.IsAuthenticated) throw new DomainException(AuthErrors.SignInRequired, "请先登录。", 401);
    }
}
