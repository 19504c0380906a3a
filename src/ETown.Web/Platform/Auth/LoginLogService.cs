using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Auth;

public sealed record LoginEventRow(long Id, DateTimeOffset TimeUtc, string UserName, bool Succeeded, string Detail, string? Ip, string? UserAgent);

public sealed class LoginLogService(EtownDb db, Caller caller)
{
    public async Task<PagedResult<LoginEventRow>> ListAsync(string? userName, bool? succeeded, int? page, int? pageSize, CancellationToken ct = default)
    {
        caller.Require(Permissions.Audit.LoginLogRead);
        await using var ctx = db.Create(caller);
        var q = ctx.LoginEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(userName)) q = q.Where(e => e.UserName.Contains(userName));
        if (succeeded is { } s) q = q.Where(e => e.Succeeded == s);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size)
            .Select(e => new LoginEventRow(e.Id, e.TimeUtc, e.UserName, e.Succeeded, e.Detail, e.Ip, e.UserAgent)).ToListAsync(ct);
        return new(rows, total, p, size);
    }
}
