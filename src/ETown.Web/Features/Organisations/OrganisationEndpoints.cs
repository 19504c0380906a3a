using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Organisations;

public sealed record RolesBody(IReadOnlyList<string> Roles);
public sealed record ApiKeyBody(string Name, string Role);
public sealed record RevealedPhone(string? Phone);

public static class OrganisationEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var orgs = app.MapGroup("/api/v1/organisations").WithTags("组织机构");
        orgs.MapGet("/", async Task<Ok<IReadOnlyList<OrganisationRow>>> (OrganisationService s, string? search, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(search, ct))).RequireAuthorization(P(Permissions.Org.OrganisationRead));
        orgs.MapGet("/{id:guid}", async Task<Ok<OrganisationRow>> (Guid id, OrganisationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(id, ct))).RequireAuthorization(P(Permissions.Org.OrganisationRead));
        orgs.MapPost("/", async Task<Created<IdResult>> (OrganisationInput input, OrganisationService s, CancellationToken ct) =>
        {
            var id = await s.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/organisations/{id}", new IdResult(id));
        }).RequireAuthorization(P(Permissions.Org.OrganisationManage));
        orgs.MapPut("/{id:guid}", async Task<NoContent> (Guid id, OrganisationInput input, OrganisationService s, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Org.OrganisationManage));

        var users = app.MapGroup("/api/v1/users").WithTags("用户");
        users.MapGet("/", async Task<Ok<IReadOnlyList<UserRow>>> (UserService s, string? search, Guid? organisationId, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(search, organisationId, ct))).RequireAuthorization(P(Permissions.Org.UserRead));
        users.MapGet("/{id:guid}", async Task<Ok<UserRow>> (Guid id, UserService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(id, ct))).RequireAuthorization(P(Permissions.Org.UserRead));
        users.MapPost("/", async Task<Created<IdResult>> (UserInput input, UserService s, CancellationToken ct) =>
        {
            var id = await s.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/users/{id}", new IdResult(id));
        }).RequireAuthorization(P(Permissions.Org.UserManage));
        users.MapPut("/{id:guid}", async Task<NoContent> (Guid id, UserInput input, UserService s, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Org.UserManage));
        users.MapPut("/{id:guid}/roles", async Task<NoContent> (Guid id, RolesBody body, UserService s, CancellationToken ct) =>
        {
            await s.SetRolesAsync(id, body.Roles, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(); // either user management or role management; checked in the service
        users.MapPost("/{id:guid}/unlock", async Task<NoContent> (Guid id, UserService s, CancellationToken ct) =>
        {
            await s.UnlockAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Org.UserManage));
        users.MapPost("/{id:guid}/reveal-phone", async Task<Ok<RevealedPhone>> (Guid id, UserService s, CancellationToken ct) =>
            TypedResults.Ok(new RevealedPhone(await s.RevealPhoneAsync(id, ct)))).RequireAuthorization(P(Permissions.Org.UserUnmask));

        var keys = app.MapGroup("/api/v1/api-keys").WithTags("接口密钥");
        keys.MapGet("/", async Task<Ok<IReadOnlyList<ApiKeyRow>>> (ApiKeyService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(ct))).RequireAuthorization(P(Permissions.Org.ApiKeyManage));
        keys.MapPost("/", async Task<Ok<CreatedApiKey>> (ApiKeyBody body, ApiKeyService s, CancellationToken ct) =>
            TypedResults.Ok(await s.CreateAsync(body.Name, body.Role, ct))).RequireAuthorization(P(Permissions.Org.ApiKeyManage));
        keys.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, ApiKeyService s, CancellationToken ct) =>
        {
            await s.RevokeAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Org.ApiKeyManage));
    }
}
