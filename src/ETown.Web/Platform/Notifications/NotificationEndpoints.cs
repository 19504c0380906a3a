using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Platform.Notifications;

/// <summary>The caller's organisation's messages under /api/v1/notifications (any signed-in user, own organisation only).</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/notifications").WithTags("消息");
        g.MapGet("", async Task<Ok<NotificationList>> (bool? unread, NotificationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(unread ?? false, ct))).RequireAuthorization()
            .WithSummary("本单位的消息（最新在前，含未读数）；unread=true 只列未读");
        g.MapPost("/{id:guid}/read", async Task<NoContent> (Guid id, NotificationService s, CancellationToken ct) =>
        {
            await s.MarkReadAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("标记一条消息为已读（他单位的消息 404）");
    }
}
