using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ETown.Web.Features.Acceptance;

public sealed record AcceptanceList(IReadOnlyList<AcceptanceRow> Items);
public sealed record EtownAcceptances(Guid EtownId, string EtownName, IReadOnlyList<AcceptanceRow> Items);
public sealed record CreatedId(Guid Id);

/// <summary>The acceptance procedure (ACC-01 … ACC-09) under /api/v1/acceptance.</summary>
public static class AcceptanceEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapAcceptanceEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/acceptance").WithTags("验收评价");
        var read = P(Permissions.Acceptance.Read);
        var apply = P(Permissions.Acceptance.Apply);
        var review = P(Permissions.Acceptance.Review);

        g.MapGet("/applications", async Task<Ok<AcceptanceList>> (AcceptanceService s, CancellationToken ct) => TypedResults.Ok(new AcceptanceList(await s.ListAsync(ct))))
            .RequireAuthorization(read).WithSummary("验收申请（本辖区或受托e镇），含 15 个工作日的验收期限与超期标记（ACC-03）");
        g.MapGet("/etowns/{etownId:guid}", async Task<Ok<EtownAcceptances>> (Guid etownId, AcceptanceService s, CancellationToken ct) =>
        {
            var (name, items) = await s.ForEtownAsync(etownId, ct);
            return TypedResults.Ok(new EtownAcceptances(etownId, name, items));
        }).RequireAuthorization(read).WithSummary("一个e镇的验收记录");
        g.MapGet("/etowns/{etownId:guid}/contracts", async Task<Ok<IReadOnlyList<ContractOption>>> (Guid etownId, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ContractsAsync(etownId, ct)))
            .RequireAuthorization(read).WithSummary("可申请验收的合同及其已验收累计进度（ACC-05）");
        g.MapPost("/applications", async Task<Ok<CreatedId>> (ApplicationInput input, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(new CreatedId(await s.ApplyAsync(input, ct))))
            .RequireAuthorization(apply).WithSummary($"提出验收申请（ACC-01；已验收的进度或重复整体验收 {AcceptanceErrors.ProgressBelowAccepted}/{AcceptanceErrors.ScopeAlreadyAccepted}）");
        g.MapGet("/applications/{id:guid}", async Task<Ok<AcceptanceDetail>> (Guid id, AcceptanceService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .RequireAuthorization(read).WithSummary("验收申请详情（各步骤、材料、清单、公示、异议、备案）");
        g.MapPost("/applications/{id:guid}/materials", async Task<Ok<MaterialRow>> (Guid id, AcceptanceMaterialKind kind, IFormFile file, AcceptanceService s, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.AddMaterialAsync(id, kind, file.FileName, file.ContentType, stream, ct));
        }).RequireAuthorization(apply).DisableAntiforgery().WithSummary("上传验收材料（?kind=Accounting|Schedule|Evidence|Results|SiteRecord|Rectification；按内容识别类型）");
        g.MapGet("/applications/{id:guid}/materials/{materialId:guid}", async Task<FileStreamHttpResult> (Guid id, Guid materialId, AcceptanceService s, CancellationToken ct) =>
        {
            var (f, content) = await s.OpenMaterialAsync(id, materialId, ct);
            return TypedResults.File(content, "application/octet-stream", f.FileName);
        }).RequireAuthorization(read).WithSummary("下载验收材料");
        g.MapGet("/applications/{id:guid}/precheck", async Task<Ok<IReadOnlyList<PreCheckCondition>>> (Guid id, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ConditionsAsync(id, ct)))
            .RequireAuthorization(review).WithSummary("初审条件（ACC-02：材料、台账、约束性指标、整改）");
        g.MapPost("/applications/{id:guid}/precheck", async Task<Ok<IReadOnlyList<PreCheckCondition>>> (Guid id, PreCheckInput input, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PreCheckAsync(id, input, ct)))
            .RequireAuthorization(review).WithSummary("初审：条件均满足则确定验收组、时间、地点；否则不予验收并写明未满足的条件（ACC-02）");
        g.MapPost("/applications/{id:guid}/refusal", async Task<NoContent> (Guid id, RefusalInput input, AcceptanceService s, CancellationToken ct) =>
        {
            await s.RefuseAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(review).WithSummary("初审不予验收（写明原因）");
        g.MapGet("/applications/{id:guid}/checklist-template", async Task<Ok<IReadOnlyList<CheckLineInput>>> (Guid id, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ChecklistTemplateAsync(id, ct)))
            .RequireAuthorization(review).WithSummary("按验收依据生成的清单（ACC-05）");
        g.MapPost("/applications/{id:guid}/review", async Task<NoContent> (Guid id, ReviewInput input, AcceptanceService s, CancellationToken ct) =>
        {
            await s.ReviewAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(review).WithSummary($"验收结论（ACC-03/04/06；清单未填完 {AcceptanceErrors.ChecklistOpen}；有不符合项时合格 {AcceptanceErrors.PassWithUnmetLines}）");
        g.MapPost("/applications/{id:guid}/rectification", async Task<NoContent> (Guid id, AnswerInput input, AcceptanceService s, CancellationToken ct) =>
        {
            await s.AnswerRectificationAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(apply).WithSummary("答复整改意见，申请复验（ACC-06）");
        g.MapGet("/applications/{id:guid}/report.docx", async Task<FileContentHttpResult> (Guid id, AcceptanceService s, CancellationToken ct) =>
        {
            var d = await s.GetAsync(id, ct);
            return TypedResults.File(AcceptanceReportDocx.Render(d), AcceptanceReportDocx.ContentType, AcceptanceReportDocx.FileName(d));
        }).RequireAuthorization(read).WithSummary("验收报告 .docx（ACC-07）");
        g.MapPost("/applications/{id:guid}/notice", async Task<NoContent> (Guid id, NoticeInput input, AcceptanceService s, CancellationToken ct) =>
        {
            await s.PublishNoticeAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(review).WithSummary("公示验收合格结果（ACC-07：不少于县级设定的工作日数，默认 5）");
        g.MapGet("/notices", async Task<Ok<IReadOnlyList<NoticeRow>>> (AcceptanceService s, CancellationToken ct) => TypedResults.Ok(await s.NoticesAsync(ct)))
            .RequireAuthorization().WithSummary("正在公示的验收结果（登录用户均可查看并提出异议）");
        g.MapPost("/applications/{id:guid}/objections", async Task<Ok<CreatedId>> (Guid id, ObjectionInput input, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(new CreatedId(await s.ObjectAsync(id, input, ct))))
            .RequireAuthorization().WithSummary($"公示期内提出异议（公示期外 {AcceptanceErrors.NotInNotice}）");
        g.MapPost("/applications/{id:guid}/objections/{objectionId:guid}/answer", async Task<NoContent> (Guid id, Guid objectionId, AnswerInput input, AcceptanceService s, CancellationToken ct) =>
        {
            await s.AnswerObjectionAsync(id, objectionId, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(review).WithSummary("答复异议（县级）");
        g.MapPost("/applications/{id:guid}/filing", async Task<NoContent> (Guid id, FilingInput input, AcceptanceService s, CancellationToken ct) =>
        {
            await s.FileAsync(id, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(review).WithSummary("报送市级或省级备案（ACC-07/09：公示期满且无未答复异议）");
        g.MapPost("/applications/{id:guid}/acknowledgement", async Task<NoContent> (Guid id, AcceptanceService s, CancellationToken ct) =>
        {
            await s.AcknowledgeAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Acceptance.Acknowledge)).WithSummary("市级（本市各县）或省级确认收到备案");
        g.MapPost("/applications/{id:guid}/provincial-acceptance", async Task<Ok<ProvincialAcceptanceRow>> (Guid id, [FromForm] bool? passed, [FromForm] DateOnly? acceptedOn,
            [FromForm] string? reasons, [FromForm] string? auditReportReference, IFormFile? file, AcceptanceService s, CancellationToken ct) =>
        {
            await using var stream = file?.OpenReadStream();
            return TypedResults.Ok(await s.RecordProvincialAcceptanceAsync(id, new ProvincialAcceptanceInput(passed, acceptedOn, reasons, auditReportReference),
                file?.FileName, file?.ContentType, stream, ct));
        }).RequireAuthorization(P(Permissions.Acceptance.Evaluate)).DisableAntiforgery()
            .WithSummary($"省级验收（ACC-09：省级确认收到整体验收备案后，记录通过/不通过及原因、日期、验收报告、第三方审计报告；未确认备案 {AcceptanceErrors.ProvincialNotDue}，重复 {AcceptanceErrors.ProvincialRecorded}）");
        g.MapGet("/applications/{id:guid}/provincial-acceptance/report", async Task<FileStreamHttpResult> (Guid id, AcceptanceService s, CancellationToken ct) =>
        {
            var (f, content) = await s.OpenProvincialReportAsync(id, ct);
            return TypedResults.File(content, "application/octet-stream", f.FileName);
        }).RequireAuthorization(read).WithSummary("下载省级验收报告（ACC-09）");
        g.MapPost("/applications/{id:guid}/finalisation", async Task<NoContent> (Guid id, AcceptanceService s, CancellationToken ct) =>
        {
            await s.FinaliseAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(review).WithSummary($"整体验收合格、公示期满且无未答复异议后，e镇成为“已验收”（ACC-06；否则 {AcceptanceErrors.NotFinal}）");
        g.MapGet("/settings", async Task<Ok<NoticeSettingView>> (AcceptanceService s, CancellationToken ct) => TypedResults.Ok(await s.NoticeSettingAsync(ct)))
            .RequireAuthorization(review).WithSummary("本县验收结果公示天数（工作日）");
        g.MapPut("/settings", async Task<Ok<NoticeSettingView>> (NoticeSettingInput input, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetNoticeSettingAsync(input, ct)))
            .RequireAuthorization(review).WithSummary("设置本县公示天数（5–30 个工作日）");
        g.MapGet("/evaluations", async Task<Ok<IReadOnlyList<EvaluationRow>>> (AcceptanceService s, CancellationToken ct) => TypedResults.Ok(await s.EvaluationsAsync(ct)))
            .RequireAuthorization(read).WithSummary("绩效自评价与省级评价（EVAL-01）");
        g.MapPost("/evaluations/self", async Task<Ok<EvaluationRow>> (int year, decimal? satisfactionPercent, IFormFile file, AcceptanceService s, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.UploadSelfEvaluationAsync(year, satisfactionPercent, file.FileName, file.ContentType, stream, ct));
        }).RequireAuthorization(review).DisableAntiforgery().WithSummary("上传本县年度绩效自评价报告（?year=&satisfactionPercent=；PDF/DOCX/OFD）");
        g.MapPut("/evaluations/{id:guid}/province", async Task<Ok<EvaluationRow>> (Guid id, ProvinceEvaluationInput input, AcceptanceService s, CancellationToken ct) =>
            TypedResults.Ok(await s.EvaluateAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Acceptance.Evaluate)).WithSummary("省级记录对县的绩效评价结果（EVAL-01）");
    }
}
