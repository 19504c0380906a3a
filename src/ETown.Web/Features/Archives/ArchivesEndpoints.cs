using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ETown.Web.Features.Archives;

public static class ArchivesEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapArchivesEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/archives").WithTags("档案管理");

        g.MapGet("/checklist", async Task<Ok<IReadOnlyList<ChecklistRow>>> (ArchiveService s, CancellationToken ct) => TypedResults.Ok(await s.ChecklistAsync(ct)))
            .RequireAuthorization(P(Permissions.Archives.Read)).WithSummary("档案清单（ARCH-01）：各阶段应归档材料、依据条款与保管期限");
        g.MapPut("/checklist/{key}", async Task<Ok<ChecklistRow>> (string key, ChecklistInput input, ArchiveService s, CancellationToken ct) =>
                TypedResults.Ok(await s.UpdateChecklistItemAsync(key, input, ct)))
            .RequireAuthorization(P(Permissions.Archives.Checklist)).WithSummary("修改档案清单条目（省级；带 version，过期返回 409）");

        g.MapGet("/overview", async Task<Ok<ArchiveOverview>> (ArchiveService s, CancellationToken ct) => TypedResults.Ok(await s.OverviewAsync(ct)))
            .RequireAuthorization(P(Permissions.Archives.Read)).WithSummary("本辖区各e镇档案完整性（按阶段 x/y，缺少的条目）");
        g.MapGet("/etowns/{id:guid}", async Task<Ok<ArchiveEtownView>> (Guid id, ArchiveService s, CancellationToken ct) => TypedResults.Ok(await s.EtownAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Archives.Read)).WithSummary("e镇档案：各阶段清单、已归档材料（自动归档与上传）、统一标识");
        g.MapPost("/etowns/{id:guid}/documents", async Task<Ok<ArchiveFileRow>> (Guid id, IFormFile file, [FromForm] string? itemKey, [FromForm] string? title,
                [FromForm] DateOnly? documentDate, ArchiveService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await s.UploadAsync(id, itemKey, title, documentDate, file.FileName, file.ContentType, stream, ct));
            })
            .RequireAuthorization(P(Permissions.Archives.Manage)).DisableAntiforgery()
            .WithSummary("上传档案材料（itemKey 为清单条目；PDF/OFD/Word/Excel/图片，≤ 20 MB；保管期限自文件日期起算）");
        g.MapGet("/documents/{id:guid}", async Task<FileStreamHttpResult> (Guid id, ArchiveService s, CancellationToken ct) =>
            {
                var (f, content) = await s.OpenDocumentAsync(id, ct);
                return TypedResults.File(content, f.ContentType, f.FileName);
            })
            .RequireAuthorization(P(Permissions.Archives.Read)).WithSummary("下载上传的档案材料（读取时校验哈希）");
        g.MapDelete("/documents/{id:guid}", async Task<NoContent> (Guid id, ArchiveService s, CancellationToken ct) =>
            {
                await s.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Archives.Manage)).WithSummary($"删除档案材料：保管期限届满前拒绝（{ArchivesErrors.RetentionNotEnded}）");
        g.MapPost("/etowns/{id:guid}/signage", async Task<Ok<SignageRow>> (Guid id, IFormFile file, [FromForm] string? location, [FromForm] DateOnly? installedOn,
                [FromForm] string? description, ArchiveService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await s.AddSignageAsync(id, new SignageInput(location, installedOn, description), file.FileName, file.ContentType, stream, ct));
            })
            .RequireAuthorization(P(Permissions.Archives.Manage)).DisableAntiforgery().WithSummary("登记统一标识：照片（JPG/PNG）、位置、设立日期");
        g.MapGet("/signage/{id:guid}/photo", async Task<FileStreamHttpResult> (Guid id, ArchiveService s, CancellationToken ct) =>
            {
                var (f, content) = await s.OpenSignagePhotoAsync(id, ct);
                return TypedResults.File(content, f.ContentType, f.FileName);
            })
            .RequireAuthorization(P(Permissions.Archives.Read)).WithSummary("统一标识照片");
        g.MapGet("/etowns/{id:guid}/bundle.zip", async Task<FileContentHttpResult> (Guid id, ArchiveService s, CancellationToken ct) =>
            {
                var (name, bytes) = await s.BundleAsync(id, ct);
                return TypedResults.File(bytes, "application/zip", name);
            })
            .RequireAuthorization(P(Permissions.Archives.Download)).WithSummary("档案包 .zip：全部归档文件与档案目录.xlsx（含每个文件的 SHA-256）；县级与本辖区审计、受托第三方");
    }
}
