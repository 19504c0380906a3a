using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Platform.Administration;

/// <summary>Security administration (roles, the permission tree), the audit log and system settings: 三权分立.</summary>
public static class AdministrationEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        var sec = app.MapGroup("/api/v1").WithTags("安全管理");
        sec.MapGet("/permissions", (ModuleCatalog modules) => TypedResults.Ok(modules.PermissionTree.Select(ToNode).ToList()))
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
