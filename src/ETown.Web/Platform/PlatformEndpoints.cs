using ETown.Web.Features.Regions;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform;

public sealed record LoginBody(string UserName, string Password, string? Code);
public sealed record LoginResult(string Outcome, string Message);
public sealed record MeResult(bool IsAuthenticated, string? UserName, string? DisplayName, string? Organisation, string? RegionCode,
    string Scope, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);
public sealed record PermissionNode(string Name, string Label, IReadOnlyList<PermissionNode> Children);
public sealed record RoleBody(string Name, string? Description);
public sealed record RolePermissionsBody(IReadOnlyList<string> Permissions, bool RequiresTwoFactor);
public sealed record SettingBody(string Value);
public sealed record DeadlineResult(DateOnly Start, int WorkingDays, string Convention, DateOnly End, bool CalendarCovered);
public sealed record HealthResult(string Status, string Database, string? Error);

/// <summary>API for the cross-cutting platform: sign-in, me, regions, calendar, roles, audit, settings, health.</summary>
public static class PlatformEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapPlatformEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async Task<Results<Ok<HealthResult>, JsonHttpResult<HealthResult>>> (EtownDb db, CancellationToken ct) =>
        {
            try
            {
                await using var ctx = db.CreateSystem();
                await ctx.Regions.AnyAsync(ct);
                return TypedResults.Ok(new HealthResult("Healthy", db.Settings.Provider.ToString(), null));
            }
            catch (Exception ex)
            {
                return TypedResults.Json(new HealthResult("Unhealthy", db.Settings.Provider.ToString(), ex.GetBaseException().Message), statusCode: 503);
            }
        }).AllowAnonymous().WithTags("运维");

        var auth = app.MapGroup("/api/v1/auth").WithTags("登录");
        // For scripts and tests: same rules as the sign-in page (lock-out, two-factor, login log).
        auth.MapPost("/login", async Task<Results<Ok<LoginResult>, JsonHttpResult<LoginResult>>> (LoginBody body, SignInService s) =>
        {
            var r = await s.PasswordAsync(body.UserName ?? "", body.Password ?? "");
            if (r.Outcome == SignInOutcome.RequiresTwoFactor && !string.IsNullOrEmpty(body.Code))
                r = await s.TwoFactorAsync(body.Code);
            return r.Outcome == SignInOutcome.Succeeded
                ? TypedResults.Ok(new LoginResult(r.Outcome.ToString(), r.Message))
                : TypedResults.Json(new LoginResult(r.Outcome.ToString(), r.Message), statusCode: r.Outcome == SignInOutcome.RequiresTwoFactor ? 202 : 401);
        }).AllowAnonymous().DisableAntiforgery();
        auth.MapPost("/logout", async Task<NoContent> (SignInService s, Caller c) =>
        {
            await s.SignOutAsync(c, "api");
            return TypedResults.NoContent();
        }).RequireAuthorization();

        app.MapGet("/api/v1/me", (Caller c) => TypedResults.Ok(new MeResult(c.IsAuthenticated, c.UserName, c.DisplayName, c.OrganisationName,
            c.RegionCode, c.Scope.Describe(), c.Roles, c.Permissions.Order().ToList()))).AllowAnonymous().WithTags("登录");

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
            TypedResults.Ok(await s.ListAsync(year, ct))).AllowAnonymous();
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

        var sec = app.MapGroup("/api/v1").WithTags("安全管理");
        sec.MapGet("/permissions", () => TypedResults.Ok(Permissions.Tree.Select(ToNode).ToList()))
            .RequireAuthorization(P(Permissions.Security.RoleRead));
        sec.MapGet("/roles", async Task<Ok<IReadOnlyList<RoleRow>>> (RoleService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .RequireAuthorization(P(Permissions.Security.RoleRead));
        sec.MapPost("/roles", async Task<Created<IdResult>> (RoleBody body, RoleService s, CancellationToken ct) =>
        {
            var id = await s.CreateAsync(body.Name, body.Description, ct);
            return TypedResults.Created($"/api/v1/roles/{id}", new IdResult(id));
        }).RequireAuthorization(P(Permissions.Security.RoleManage));
        sec.MapPut("/roles/{id:guid}/permissions", async Task<NoContent> (Guid id, RolePermissionsBody body, RoleService s, CancellationToken ct) =>
        {
            await s.SetPermissionsAsync(id, body.Permissions, body.RequiresTwoFactor, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Security.RoleManage));

        var audit = app.MapGroup("/api/v1").WithTags("审计");
        audit.MapGet("/audit-records", async Task<Ok<PagedResult<AuditRow>>> (AuditService s, string? userName, string? entityType, string? entityId,
                string? action, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(new AuditQuery(userName, entityType, entityId, action, from, to, page, pageSize), ct)))
            .RequireAuthorization(P(Permissions.Audit.LogRead));
        audit.MapPost("/audit-records/verification", async Task<Ok<AuditVerification>> (AuditService s, CancellationToken ct) =>
            TypedResults.Ok(await s.VerifyAsync(ct))).RequireAuthorization(P(Permissions.Audit.LogVerify));
        audit.MapGet("/login-events", async Task<Ok<PagedResult<LoginEventRow>>> (LoginLogService s, string? userName, bool? succeeded, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(userName, succeeded, page, pageSize, ct))).RequireAuthorization(P(Permissions.Audit.LoginLogRead));

        var settings = app.MapGroup("/api/v1/settings").WithTags("系统设置");
        settings.MapGet("/", async Task<Ok<IReadOnlyList<AppSetting>>> (SettingsService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .RequireAuthorization(P(Permissions.System.SettingManage));
        settings.MapPut("/{key}", async Task<NoContent> (string key, SettingBody body, SettingsService s, CancellationToken ct) =>
        {
            await s.SetAsync(key, body.Value, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.System.SettingManage));
    }

    static PermissionNode ToNode(Permissions.Node n) => new(n.Name, n.Label, n.Children.Select(ToNode).ToList());
}
