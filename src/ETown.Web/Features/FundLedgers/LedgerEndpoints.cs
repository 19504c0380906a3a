using ETown.Web.Features.Plans;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ETown.Web.Features.FundLedgers;

/// <summary>The operator's ledgers under /api/v1/ledgers (FUND-01, FUND-03, FUND-08, FUND-12; issue #10 items 4–6).</summary>
public static class LedgerEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/ledgers").WithTags("资金台账");

        g.MapGet("/purposes", async Task<Ok<IReadOnlyList<PurposeRow>>> (string? countyCode, LedgerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PurposesAsync(countyCode, ct)))
            .RequireAuthorization(P(Permissions.Ledgers.Read)).WithSummary("支出用途目录（含 FUND-01 禁止用途及其依据条款；countyCode 只列适用于该县的）");

        g.MapPut("/purposes", async Task<Ok<PurposeRow>> (PurposeRow input, LedgerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SavePurposeAsync(input, ct)))
            .RequireAuthorization(P(Permissions.Ledgers.PurposeManage)).WithSummary("新增或修改支出用途（省级；禁止用途须注明依据条款）");

        g.MapGet("/expenses", async Task<Ok<IReadOnlyList<ExpenseRow>>> (Guid? etownId, DateOnly? from, DateOnly? to, FundCategory? category,
                FundSource? fundSource, int? itemNo, string? q, LedgerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ExpensesAsync(new ExpenseFilter(etownId, from, to, category, fundSource, itemNo, q), ct)))
            .RequireAuthorization(P(Permissions.Ledgers.Read)).WithSummary("专账支出（本辖区或受托e镇；可按e镇、日期、类别、资金性质、条目、关键字筛选）");

        g.MapPost("/expenses", async Task<Results<Created<ExpenseRow>, Ok<ExpenseRow>>> (ExpenseInput input, HttpContext http, LedgerService s, CancellationToken ct) =>
        {
            var key = http.Request.Headers.TryGetValue(IdempotencyHeader, out var v) ? v.ToString() : null;
            var r = await s.AddExpenseIdempotentAsync(input, key, ct);
            // A replay answers with the first result (200, Idempotent-Replayed) and writes nothing.
            if (r.Replayed) { http.Response.Headers["Idempotent-Replayed"] = "true"; return TypedResults.Ok(r.Line); }
            return TypedResults.Created($"/api/v1/ledgers/expenses?etownId={r.Line.EtownId}", r.Line);
        }).RequireAuthorization(P(Permissions.Ledgers.ExpenseWrite))
          .WithSummary("登记专账支出（承办企业；可带 Idempotency-Key 头：同键同内容返回首次结果不重复记账，同键不同内容 409）。禁止用途 422，发票号重复 409");

        g.MapPost("/expenses/{id:guid}/invoice", async Task<Ok<ExpenseRow>> (Guid id, IFormFile? file, LedgerService s, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0) throw new DomainException(LedgerErrors.ImportNoFile, "请选择发票文件（表单字段 file）。", 400);
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.AttachInvoiceAsync(id, stream, file.FileName, file.ContentType, ct));
        }).RequireAuthorization(P(Permissions.Ledgers.ExpenseWrite)).DisableAntiforgery()
          .WithSummary("上传支出的发票扫描件（PDF、OFD、PNG、JPG；按内容识别类型）");

        g.MapGet("/expenses/{id:guid}/invoice", async Task<FileStreamHttpResult> (Guid id, LedgerService s, CancellationToken ct) =>
        {
            var (content, f) = await s.OpenInvoiceAsync(id, ct);
            return TypedResults.File(content, f.ContentType, f.FileName);
        }).RequireAuthorization(P(Permissions.Ledgers.Read)).WithSummary("下载支出的发票扫描件");

        g.MapGet("/assets", async Task<Ok<IReadOnlyList<AssetRow>>> (Guid? etownId, LedgerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AssetsAsync(etownId, ct)))
            .RequireAuthorization(P(Permissions.Ledgers.Read)).WithSummary("资产台账（FUND-08）");

        g.MapPost("/assets", async Task<Created<AssetRow>> (AssetInput input, LedgerService s, CancellationToken ct) =>
        {
            var a = await s.AddAssetAsync(input, ct);
            return TypedResults.Created($"/api/v1/ledgers/assets?etownId={a.EtownId}", a);
        }).RequireAuthorization(P(Permissions.Ledgers.AssetWrite)).WithSummary("登记资产（承办企业；省级专项资金购置的固定资产为国有资产）");

        g.MapGet("/etowns/{id:guid}/bands", async Task<Ok<LedgerBandView>> (Guid id, LedgerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.BandsAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Ledgers.Read)).WithSummary("FUND-03：省级专项资金实际支出的类别占比与比例区间（超出为发现问题，非阻断；附批准的例外）");

        g.MapPost("/etowns/{id:guid}/band-exceptions", async Task<Created<LedgerBandExceptionRow>> (Guid id, BandExceptionInput input, LedgerService s, CancellationToken ct) =>
        {
            var x = await s.AddExceptionAsync(id, input.Category, input.Reason, ct);
            return TypedResults.Created($"/api/v1/ledgers/etowns/{id}/bands", x);
        }).RequireAuthorization(P(Permissions.Ledgers.ExceptionApprove)).WithSummary("批准 FUND-03 比例例外（县级；写明理由，记录批准人）");

        g.MapGet("/export", async Task<FileContentHttpResult> (Guid? etownId, LedgerXlsxService s, CancellationToken ct) =>
        {
            var (content, name) = await s.ExportAsync(etownId, ct);
            return TypedResults.File(content, XlsxWriter.ContentType, name);
        }).RequireAuthorization(P(Permissions.Ledgers.Read)).WithSummary("导出专账与资产台账（.xlsx，两个工作表）");

        g.MapGet("/template", async Task<FileContentHttpResult> (Guid etownId, LedgerXlsxService s, CancellationToken ct) =>
        {
            var (content, name) = await s.TemplateAsync(etownId, ct);
            return TypedResults.File(content, XlsxWriter.ContentType, name);
        }).RequireAuthorization(P(Permissions.Ledgers.ExpenseWrite)).WithSummary("下载专账导入模板（.xlsx，附适用的支出用途表）");

        g.MapPost("/import", async Task<Results<Ok<LedgerImportResult>, UnprocessableEntity<LedgerImportResult>>> (
            Guid etownId, bool? dryRun, IFormFile? file, LedgerXlsxService s, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0) throw new DomainException(LedgerErrors.ImportNoFile, "请选择要导入的 .xlsx 文件（表单字段 file）。", 400);
            if (file.Length > LedgerXlsxService.MaxFileBytes) throw LedgerXlsxService.TooLarge();
            await using var stream = file.OpenReadStream();
            var result = await s.ImportAsync(etownId, stream, file.FileName, dryRun ?? true, ct);
            return result.HasErrors ? TypedResults.UnprocessableEntity(result) : TypedResults.Ok(result);
        }).RequireAuthorization(P(Permissions.Ledgers.ExpenseWrite)).DisableAntiforgery()
          .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = LedgerXlsxService.MaxFileBytes + 64 * 1024 })
          .WithSummary("导入专账支出 .xlsx（dryRun 默认 true 只校验；任何错误 422 逐条列出行列，一条也不写入；禁止用途同样拒绝）");
    }
}

public sealed record BandExceptionInput(FundCategory Category, string? Reason);
