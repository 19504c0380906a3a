using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Http;
using ETown.Web.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Etowns;

public sealed record StatusChange(EtownStatus Status, string? Reason = null);
public sealed record PublicationChange(bool Published);

public static class EtownEndpoints
{
    public static void MapEtownEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/etowns").WithTags("e镇登记");

        // Anonymous callers get the public scope (published e-towns only); signed-in callers need read permission.
        g.MapGet("/", async Task<Ok<PagedResult<EtownRow>>> (EtownService s, Caller c, string? search, string? cityCode, string? countyCode,
                EtownStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            {
                RequireReadIfSignedIn(c);
                return TypedResults.Ok(await s.ListAsync(new EtownQuery(search, cityCode, countyCode, status, page, pageSize), ct));
            }).AllowAnonymous().WithSummary("e镇列表（按数据范围过滤，服务端分页）");

        g.MapGet("/{id:guid}", async Task<Ok<EtownDetail>> (Guid id, EtownService s, Caller c, CancellationToken ct) =>
            {
                RequireReadIfSignedIn(c);
                return TypedResults.Ok(await s.GetAsync(id, ct));
            }).AllowAnonymous().WithSummary("e镇详情（ETag 为版本号）").WithVersionTag<Etown, RouteHandlerBuilder>();

        g.MapPost("/", async Task<Created<IdResult>> (EtownInput input, EtownService s, CancellationToken ct) =>
            {
                var id = await s.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/etowns/{id}", new IdResult(id));
            }).RequireAuthorization(PermissionPolicyProvider.Prefix + Permissions.Registry.EtownCreate);

        g.MapPut("/{id:guid}", async Task<NoContent> (Guid id, EtownInput input, EtownService s, CancellationToken ct) =>
            {
                await s.UpdateAsync(id, input, ct);
                return TypedResults.NoContent();
            }).RequireAuthorization(PermissionPolicyProvider.Prefix + Permissions.Registry.EtownUpdate).WithVersionTag<Etown, RouteHandlerBuilder>(); // If-Match (issue #17)

        g.MapPost("/{id:guid}/status", async Task<NoContent> (Guid id, StatusChange body, EtownService s, CancellationToken ct) =>
            {
                await s.ChangeStatusAsync(id, body.Status, body.Reason, ct);
                return TypedResults.NoContent();
            }).RequireAuthorization(PermissionPolicyProvider.Prefix + Permissions.Registry.EtownChangeStatus);

        g.MapPost("/{id:guid}/publication", async Task<NoContent> (Guid id, PublicationChange body, EtownService s, CancellationToken ct) =>
            {
                await s.SetPublishedAsync(id, body.Published, ct);
                return TypedResults.NoContent();
            }).RequireAuthorization(PermissionPolicyProvider.Prefix + Permissions.Registry.EtownPublish);

        g.MapPost("/{id:guid}/assignments", async Task<Created<IdResult>> (Guid id, AssignmentInput input, EtownService s, CancellationToken ct) =>
            {
                var aid = await s.AssignAsync(id, input, ct);
                return TypedResults.Created($"/api/v1/etowns/{id}", new IdResult(aid));
            }).RequireAuthorization(PermissionPolicyProvider.Prefix + Permissions.Registry.AssignmentManage);

        g.MapDelete("/{id:guid}/assignments/{assignmentId:guid}", async Task<NoContent> (Guid id, Guid assignmentId, EtownService s, CancellationToken ct) =>
            {
                await s.UnassignAsync(id, assignmentId, ct);
                return TypedResults.NoContent();
            }).RequireAuthorization(PermissionPolicyProvider.Prefix + Permissions.Registry.AssignmentManage);

        g.MapGet("/export.xlsx", async Task<FileContentHttpResult> (EtownService s, Caller c, TimeProvider clock, string? search, string? cityCode,
                string? countyCode, EtownStatus? status, CancellationToken ct) =>
            {
                var rows = await s.ExportAsync(new EtownQuery(search, cityCode, countyCode, status), ct);
                return TypedResults.File(EtownExport.ToXlsx(rows), EtownExport.ContentType, $"e镇名录-{clock.ChinaToday():yyyyMMdd}.xlsx");
            }).RequireAuthorization(PermissionPolicyProvider.Prefix + Permissions.Registry.EtownRead);
    }

    static void RequireReadIfSignedIn(Caller c)
    {
        if (c.IsAuthenticated) c.Require(Permissions.Registry.EtownRead);
    }
}
