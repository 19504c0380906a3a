using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Statistics.Import;

/// <summary>Excel in and out for the monthly statistics (issue #4 item 9) under /api/v1/statistics.</summary>
public static class StatImportEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapStatisticsImportEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/statistics").WithTags("统计监测");

        g.MapGet("/template", async Task<FileContentHttpResult> (string period, Guid? etownId, StatImportService s, CancellationToken ct) =>
        {
            var (content, name) = await s.TemplateAsync(period, etownId, ct);
            return TypedResults.File(content, XlsxWriter.ContentType, name);
        }).RequireAuthorization(P(Permissions.Statistics.Enter))
          .WithSummary("下载月报填报模板（.xlsx）：一个e镇（etownId）或本单位可填报的全部e镇，已填数据预先填入");

        g.MapGet("/export", async Task<FileContentHttpResult> (string period, StatImportService s, CancellationToken ct) =>
        {
            var (content, name) = await s.ExportAsync(period, ct);
            return TypedResults.File(content, XlsxWriter.ContentType, name);
        }).RequireAuthorization(P(Permissions.Statistics.Read))
          .WithSummary("导出本辖区某统计期（YYYY-MM）各e镇的统计数据及审核状态（.xlsx）");

        g.MapPost("/import", async Task<Results<Ok<StatImportResult>, UnprocessableEntity<StatImportResult>>> (
            string period, bool? dryRun, IFormFile? file, StatImportService s, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
                throw new Platform.DomainException(StatisticsErrors.ImportNoFile, "请选择要导入的 .xlsx 文件（表单字段 file）。", 400);
            if (file.Length > StatImportService.MaxFileBytes) throw StatImportService.TooLarge();
            await using var stream = file.OpenReadStream();
            var result = await s.ImportAsync(period, stream, file.FileName, dryRun ?? true, ct);
            return result.HasErrors ? TypedResults.UnprocessableEntity(result) : TypedResults.Ok(result);
        }).RequireAuthorization(P(Permissions.Statistics.Enter)).DisableAntiforgery()
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = StatImportService.MaxFileBytes + 64 * 1024 })
          .WithSummary("导入月报 .xlsx（multipart 字段 file；dryRun 默认 true 只校验不写入）。有任何错误则一条也不写入（422，逐条列出工作表、行、列）；导入保存为草稿，不报送");
    }
}
