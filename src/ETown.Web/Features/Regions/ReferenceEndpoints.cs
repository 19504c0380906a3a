using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Regions;

/// <summary>Reference data API: administrative regions (county class, demo flag) and the working-day calendar.</summary>
public static class ReferenceEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapReferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var regions = app.MapGroup("/api/v1/regions").WithTags("基础数据");
        regions.MapGet("/", async Task<Ok<IReadOnlyList<RegionRow>>> (RegionService s, string? cityCode, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(cityCode, ct))).AllowAnonymous();
        regions.MapPut("/{code}", async Task<NoContent> (string code, CountyFlagsInput input, RegionService s, CancellationToken ct) =>
        {
            await s.UpdateCountyAsync(code, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Reference.RegionUpdate));

        var cal = app.MapGroup("/api/v1/calendar").WithTags("基础数据");
        cal.MapGet("/{year:int}", async Task<Ok<IReadOnlyList<CalendarDay>>> (int year, CalendarService s, CancellationToken ct) =>
        {
            // Issue #17 finding 10: /calendar/999999 was a 500 (DateOnly out of range).
            if (year is < 2000 or > 2100) throw new ValidationFailedException(new Dictionary<string, string[]> { ["year"] = ["年份应在 2000–2100 之间。"] });
            return TypedResults.Ok(await s.ListAsync(year, ct));
        }).AllowAnonymous();
        cal.MapGet("/deadline", Results<Ok<DeadlineResult>, ProblemHttpResult> (DateOnly start, int workingDays, string? convention, WorkingCalendar c) =>
        {
            if (workingDays is < 1 or > 3650) return TypedResults.Problem("工作日数应在 1–3650 之间。", statusCode: 400);
            var after = string.Equals(convention, "after", StringComparison.OrdinalIgnoreCase);
            var end = after ? c.DeadlineAfter(start, workingDays) : c.PeriodEnd(start, workingDays);
            return TypedResults.Ok(new DeadlineResult(start, workingDays, after ? "after" : "period", end, c.IsCovered(end.Year)));
        }).AllowAnonymous().WithSummary("工作日期限：period = 自 D 起 N 个工作日（含 D）；after = E 之后第 N 个工作日");
        cal.MapPut("/{date}", async Task<NoContent> (DateOnly date, CalendarDayInput input, CalendarService s, CancellationToken ct) =>
        {
            await s.UpsertAsync(input with { Date = date }, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Reference.CalendarUpdate));
        cal.MapDelete("/{date}", async Task<NoContent> (DateOnly date, CalendarService s, CancellationToken ct) =>
        {
            await s.RemoveAsync(date, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Reference.CalendarUpdate));
    }
}
