using System.Globalization;
using System.Linq.Expressions;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Http;

/// <summary>
/// ETag / If-Match for a versioned aggregate (issue #17 finding 13): GET answers <c>ETag: "7"</c>; a write
/// with <c>If-Match: "7"</c> saves only if the row is still at version 7 (else 409 with the current version).
/// A write without If-Match still cannot overwrite a change made between its own read and save.
/// </summary>
/// <summary>The client's version is not the current one (409, ETOWN-COMMON-0409, with <see cref="CurrentVersion"/>).</summary>
public sealed class VersionConflictException(int currentVersion)
    : DomainException(CommonErrors.Conflict, "已被他人修改，请刷新后重试。", 409)
{
    public int CurrentVersion { get; } = currentVersion;
}

public static class VersionTags
{
    /// <summary>Adds ETag on 2xx GETs and honours If-Match on writes; the route's <paramref name="idParameter"/> names the aggregate.</summary>
    public static TBuilder WithVersionTag<T, TBuilder>(this TBuilder builder, string idParameter = "id")
        where T : class, IVersioned where TBuilder : IEndpointConventionBuilder =>
        builder.WithVersionTag<T, TBuilder>(http =>
            http.Request.RouteValues.TryGetValue(idParameter, out var raw) && Guid.TryParse(raw?.ToString(), out var id)
                ? e => EF.Property<Guid>(e, "Id") == id
                : null);

    /// <summary>
    /// The same for an aggregate the route names by other keys (a plan by its e-town, a report by e-town and period):
    /// <paramref name="row"/> picks the one row from the request, or null when the request names none.
    /// </summary>
    public static TBuilder WithVersionTag<T, TBuilder>(this TBuilder builder, Func<HttpContext, Expression<Func<T, bool>>?> row)
        where T : class, IVersioned where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (row(http) is not { } match) return await next(context);
            if (HttpMethods.IsGet(http.Request.Method))
            {
                var result = await next(context);
                if (await CurrentAsync(http.RequestServices, match, http.RequestAborted) is { } v) http.Response.Headers.ETag = Tag(v.Version);
                return result;
            }
            var ifMatch = http.Request.Headers.IfMatch.ToString();
            if (ifMatch.Length == 0 || ifMatch == "*") return await next(context);
            if (Parse(ifMatch) is not { } expected)
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match 应为 GET 返回的 ETag，例如 \"3\"。"] });
            // A stale If-Match is a conflict even when the save would change nothing; races are caught at save time.
            if (await CurrentAsync(http.RequestServices, match, http.RequestAborted) is not { } current) return await next(context);
            if (current.Version != expected) throw new VersionConflictException(current.Version);
            using (ExpectedVersion.Expect(current.Id, expected)) return await next(context);
        });

    public static string Tag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static int? Parse(string etag)
    {
        var t = etag.Trim();
        if (t.StartsWith("W/", StringComparison.Ordinal)) t = t[2..];
        t = t.Trim('"');
        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>The version as the caller may see it (scope filters apply), or null.</summary>
    public static async Task<int?> CurrentVersionAsync<T>(IServiceProvider services, Guid id, CancellationToken ct) where T : class, IVersioned =>
        (await CurrentAsync<T>(services, e => EF.Property<Guid>(e, "Id") == id, ct))?.Version;

    sealed record Current(Guid Id, int Version);

    static async Task<Current?> CurrentAsync<T>(IServiceProvider services, Expression<Func<T, bool>> match, CancellationToken ct) where T : class, IVersioned
    {
        await using var ctx = services.GetRequiredService<EtownDb>().Create(services.GetRequiredService<Caller>());
        var row = await ctx.Set<T>().AsNoTracking().Where(match).Select(e => new { Id = EF.Property<Guid>(e, "Id"), e.Version }).FirstOrDefaultAsync(ct);
        return row is null ? null : new Current(row.Id, row.Version);
    }
}
