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

/// <summary>API for the cross-cutting platform: health, sign-in, me. Modules map the rest.</summary>
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
    }

}
