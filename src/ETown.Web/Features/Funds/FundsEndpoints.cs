using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Funds;

/// <summary>资金管理 API under /api/v1/funds (issue #10 item 6). Every write goes through the services' permission and resource checks.</summary>
public static class FundsEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapFundsEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/funds").WithTags("资金管理");
        var read = P(Permissions.Fund.Read);

        g.MapGet("/", async Task<Ok<IReadOnlyList<FundsRollupRow>>> (FundsService s, CancellationToken ct) => TypedResults.Ok(await s.RollupAsync(ct)))
            .RequireAuthorization(read).WithSummary("省、市、县资金汇总：各e镇下达、合同、已拨付、可用（按数据范围）");
        g.MapGet("/etowns/{id:guid}", async Task<Ok<EtownFundsView>> (Guid id, FundsService s, CancellationToken ct) => TypedResults.Ok(await s.EtownAsync(id, ct)))
            .RequireAuthorization(read).WithSummary("一个e镇的资金：下达 → 合同 → 已拨付 → 质保金 → 可用，承办主体、变更、拨付申请");
        g.MapPut("/etowns/{id:guid}/allocations", async Task<Ok<AllocationView>> (Guid id, AllocationInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetAllocationAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.AllocationEdit)).WithSummary("录入或修改某年度省级专项资金下达额度（省级，万元两位小数）");
        g.MapGet("/allocations/template", async Task<FileContentHttpResult> (AllocationImportService s, CancellationToken ct) =>
        {
            var (content, name) = await s.TemplateAsync(ct);
            return TypedResults.File(content, Platform.Documents.XlsxWriter.ContentType, name);
        }).RequireAuthorization(P(Permissions.Fund.AllocationEdit)).WithSummary("下载省级专项资金下达导入模板（.xlsx，附已入选e镇表）");
        g.MapPost("/allocations/import", async Task<Results<Ok<AllocationImportResult>, UnprocessableEntity<AllocationImportResult>>> (
            bool? dryRun, IFormFile? file, AllocationImportService s, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0) throw new Platform.DomainException(FundsErrors.ImportNoFile, "请选择要导入的 .xlsx 文件（表单字段 file）。", 400);
            if (file.Length > AllocationImportService.MaxFileBytes) throw AllocationImportService.TooLarge();
            await using var stream = file.OpenReadStream();
            var result = await s.ImportAsync(stream, file.FileName, dryRun ?? true, ct);
            return result.HasErrors ? TypedResults.UnprocessableEntity(result) : TypedResults.Ok(result);
        }).RequireAuthorization(P(Permissions.Fund.AllocationEdit)).DisableAntiforgery()
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = AllocationImportService.MaxFileBytes + 64 * 1024 })
          .WithSummary("导入省级专项资金下达通知 .xlsx（dryRun 默认 true 只校验；任何错误 422 逐条列出行列，一条也不写入）");
        g.MapPut("/allocations/{id:guid}/matching", async Task<Ok<AllocationView>> (Guid id, MatchingInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetMatchingAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.MatchingEdit)).WithSummary($"县级配套资金承诺与到位（FUND-13；版本不符 409 {FundsErrors.Conflict}）");
        g.MapPost("/etowns/{id:guid}/operators", async Task<Ok<OperatorView>> (Guid id, OperatorInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AddOperatorAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.OperatorEdit)).WithSummary("登记承办主体及 FUND-10 资格条件、遴选方式");
        g.MapPost("/operators/{id:guid}/cancellation", async Task<Ok<OperatorView>> (Guid id, CancelOperatorInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.CancelOperatorAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.OperatorCancel)).WithSummary("取消承办主体资格（FUND-11）：停止拨付，计算应追回金额");
        g.MapPost("/operators/{id:guid}/recoveries", async Task<Ok<OperatorView>> (Guid id, RecoveryInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RecordRecoveryAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.OperatorCancel)).WithSummary("登记追回资金（FUND-11）");
        g.MapPost("/etowns/{id:guid}/contracts", async Task<Ok<ContractView>> (Guid id, ContractInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AddContractAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.ContractEdit)).WithSummary($"登记合同（金额 ≤ 下达额度 {FundsErrors.ContractAboveAllocation}；招标合同须律师审核 {FundsErrors.LawyerReviewMissing}）");
        g.MapGet("/contracts/{id:guid}/revisions", async Task<Ok<IReadOnlyList<ContractRevisionView>>> (Guid id, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RevisionsAsync(id, ct)))
            .RequireAuthorization(read).WithSummary("合同各版本（FUND-09）");
        g.MapGet("/contracts/{id:guid}/headroom", async Task<Ok<IReadOnlyList<HeadroomRow>>> (Guid id, PaymentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.HeadroomAsync(id, ct)))
            .RequireAuthorization(read).WithSummary("当前各类拨付可申请的最高金额及不能申请的原因");
        g.MapPost("/contracts/{id:guid}/changes", async Task<Ok<ChangeView>> (Guid id, ChangeInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RequestChangeAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.ContractRequestChange)).WithSummary("合同变更、建设内容变更、延期书面申请（FUND-09）");
        g.MapPost("/changes/{id:guid}/decision", async Task<Ok<ChangeView>> (Guid id, ChangeDecisionInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.DecideChangeAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.ContractApproveChange)).WithSummary("上级批准或不批准变更；批准后合同生成新版本（FUND-09）");

        g.MapGet("/contracts/{id:guid}/assessments", async Task<Ok<IReadOnlyList<PerformanceView>>> (Guid id, PerformanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(id, ct)))
            .RequireAuthorization(read).WithSummary("合同的履约能力考核记录（FUND-14）");
        g.MapPost("/contracts/{id:guid}/assessments", async Task<Ok<PerformanceView>> (Guid id, PerformanceInput input, PerformanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AssessAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.ContractAssess)).WithSummary("登记履约能力考核（FUND-14：考核期、逐项得分、结论 合格/基本合格/不合格 及理由；县或受托第三方）");
        g.MapPost("/etowns/{id:guid}/other-investments", async Task<Ok<OtherInvestmentView>> (Guid id, OtherInvestmentInput input, OtherInvestmentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AddAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.InvestmentEdit))
            .WithSummary($"登记其他部门在e镇的投资项目（FUND-15；与专项资金合同同一建设标准条目时须书面说明 {FundsErrors.DuplicateInvestment}）");
        g.MapPost("/contracts/{id:guid}/payments", async Task<Ok<PaymentView>> (Guid id, PaymentInput input, PaymentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RequestAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.PaymentRequest))
            .WithSummary($"承办主体提出拨付申请（FUND-04/05/06/07/11；超限 422：{FundsErrors.StartUpAboveShare}、{FundsErrors.AboveAcceptedProgress}、{FundsErrors.RetentionHeld}、{FundsErrors.NoticeNotEnded}…）");
        // FUND-07 materials and FUND-10 selection documents: real files through the AttachmentStore (type sniffed, size, zip guard, SHA-256).
        g.MapPost("/contracts/{id:guid}/materials", async Task<Ok<FundFileView>> (Guid id, PaymentMaterial kind, IFormFile? file, FundFileService s, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0) throw FundsService.Invalid("file", "请选择要上传的材料文件（表单字段 file）。");
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.UploadMaterialAsync(id, kind, stream, file.FileName, file.ContentType, ct));
        }).RequireAuthorization(P(Permissions.Fund.PaymentRequest)).DisableAntiforgery()
          .WithSummary("承办主体上传拨付申请材料（kind：ApplicationForm/Contract/Invoice/Progress/AcceptanceReport；PDF、OFD、DOCX、XLSX、PNG、JPG，按内容识别，≤ 20 MB）；提交申请时以返回的 id 引用");
        g.MapPost("/operators/{id:guid}/documents", async Task<Ok<FundFileView>> (Guid id, IFormFile? file, FundFileService s, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0) throw FundsService.Invalid("file", "请选择要上传的遴选文件（表单字段 file）。");
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.UploadSelectionDocumentAsync(id, stream, file.FileName, file.ContentType, ct));
        }).RequireAuthorization(P(Permissions.Fund.OperatorEdit)).DisableAntiforgery()
          .WithSummary("县级上传承办主体遴选文件（招标/磋商/谈判文件、成交通知书等）");
        g.MapGet("/documents/{id:guid}", async Task<FileStreamHttpResult> (Guid id, FundFileService s, CancellationToken ct) =>
        {
            var (content, f) = await s.OpenAsync(id, ct);
            return TypedResults.File(content, f.ContentType, f.FileName);
        }).RequireAuthorization(read).WithSummary("下载资金材料文件（按数据范围；SHA-256 校验不符时拒绝提供）");
        g.MapGet("/payments", async Task<Ok<IReadOnlyList<PaymentView>>> (Guid? etownId, PaymentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(etownId, ct)))
            .RequireAuthorization(read).WithSummary("拨付申请列表（按数据范围）");
        g.MapGet("/payments/{id:guid}", async Task<Ok<PaymentView>> (Guid id, PaymentService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .RequireAuthorization(read).WithSummary("一笔拨付申请");
        g.MapPost("/payments/{id:guid}/review", async Task<Ok<PaymentView>> (Guid id, ReviewInput input, PaymentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ReviewAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.PaymentReview)).WithSummary("e镇办或受托第三方审核并出具拨付意见");
        g.MapPost("/payments/{id:guid}/approval", async Task<Ok<PaymentView>> (Guid id, ApproveInput input, PaymentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ApproveAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.PaymentApprove)).WithSummary($"财政审批（审核人不能审批 {FundsErrors.SameReviewer}）");
        g.MapPost("/payments/{id:guid}/record", async Task<Ok<PaymentView>> (Guid id, RecordPaymentInput input, PaymentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RecordAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.PaymentRecord)).WithSummary($"登记拨付（日期、凭证号唯一 {FundsErrors.VoucherTaken}、金额）");
        g.MapGet("/payments/{id:guid}/request.docx", async Task<FileContentHttpResult> (Guid id, PaymentService ps, FundsService fs, CancellationToken ct) =>
        {
            var (p, c) = await LoadAsync(id, ps, fs, ct);
            return TypedResults.File(PaymentDocx.Request(p, c), PaymentDocx.ContentType, PaymentDocx.RequestFileName(p));
        }).RequireAuthorization(read).WithSummary("资金拨付申请表 .docx");
        g.MapGet("/payments/{id:guid}/opinion.docx", async Task<FileContentHttpResult> (Guid id, PaymentService ps, FundsService fs, CancellationToken ct) =>
        {
            var (p, c) = await LoadAsync(id, ps, fs, ct);
            return TypedResults.File(PaymentDocx.Opinion(p, c), PaymentDocx.ContentType, PaymentDocx.OpinionFileName(p));
        }).RequireAuthorization(read).WithSummary("拨付意见 .docx");

        g.MapGet("/rule-sets", async Task<Ok<IReadOnlyList<PaymentRuleSetView>>> (FundsService s, CancellationToken ct) => TypedResults.Ok(await s.RuleSetsAsync(ct)))
            .RequireAuthorization(read).WithSummary("拨付规则集（省级默认及各县派生）");
        g.MapPost("/rule-sets/{code}/derive", async Task<Ok<PaymentRuleSetView>> (string code, DeriveRuleSetInput input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.DeriveRuleSetAsync(code, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.RuleSetManage)).WithSummary("从上级规则集派生本县拨付规则集");
        g.MapPut("/rule-sets/{code}/limits", async Task<Ok<PaymentRuleSetView>> (string code, PaymentLimitsSettings input, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.EditRuleSetAsync(code, input, ct)))
            .RequireAuthorization(P(Permissions.Fund.RuleSetManage)).WithSummary($"修改未启用的拨付规则集（在用 409 {FundsErrors.RuleSetInUse}）");
        g.MapPost("/rule-sets/{code}/adopt", async Task<Ok<PaymentRuleSetView>> (string code, FundsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AdoptRuleSetAsync(code, ct)))
            .RequireAuthorization(P(Permissions.Fund.RuleSetManage)).WithSummary("启用拨付规则集（启用后不可修改）");

        g.MapGet("/ocds", async Task<Ok<object>> (FundsService s, TimeProvider clock, CancellationToken ct) =>
        {
            var towns = new List<EtownFundsView>();
            foreach (var row in await s.RollupAsync(ct)) towns.Add(await s.EtownAsync(row.EtownId, ct));
            return TypedResults.Ok(FundsOcds.Package(towns, clock.GetUtcNow(), "乡村e镇培育管理平台"));
        }).RequireAuthorization(read).WithSummary("合同与拨付的 OCDS 1.1 发布包（按数据范围）");
    }

    static async Task<(PaymentView, ContractView)> LoadAsync(Guid id, PaymentService ps, FundsService fs, CancellationToken ct)
    {
        var p = await ps.GetAsync(id, ct);
        var v = await fs.EtownAsync(p.EtownId, ct);
        return (p, v.Contracts.Single(c => c.Id == p.ContractId));
    }
}
