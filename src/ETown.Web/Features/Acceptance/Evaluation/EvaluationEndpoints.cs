using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ETown.Web.Features.Acceptance.Evaluation;

public sealed record ExpertOption(Guid Id, string Name);

/// <summary>Performance evaluation (EVAL-01, EVAL-02, ACC-08) under /api/v1/acceptance.</summary>
public static class EvaluationEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/acceptance").WithTags("验收评价");
        var read = P(Permissions.Acceptance.Read);
        var evaluate = P(Permissions.Acceptance.Evaluate);
        var score = P(Permissions.Acceptance.Score);

        g.MapGet("/evaluation-sheets", async Task<Ok<IReadOnlyList<SheetView>>> (EvaluationService s, CancellationToken ct) => TypedResults.Ok(await s.SheetsAsync(ct)))
            .RequireAuthorization().WithSummary("绩效评价指标表各版本（EVAL-01；省级默认，在用不可改）");
        g.MapPost("/evaluation-sheets/{code}/derive", async Task<Ok<SheetView>> (string code, SheetDeriveInput input, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.DeriveSheetAsync(code, input, ct))).RequireAuthorization(evaluate).WithSummary("由指标表派生新草稿（省级）");
        g.MapPut("/evaluation-sheets/{code}", async Task<Ok<SheetView>> (string code, SheetIndicatorsInput input, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetIndicatorsAsync(code, input, ct)))
            .RequireAuthorization(evaluate).WithSummary($"修改草稿的指标与权重（权重之和须为 100，否则 {AcceptanceErrors.SheetWeights}）");
        g.MapPost("/evaluation-sheets/{code}/publication", async Task<Ok<SheetView>> (string code, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PublishSheetAsync(code, ct))).RequireAuthorization(evaluate).WithSummary("发布指标表（启用后不可修改）");
        g.MapGet("/evaluation-experts", async Task<Ok<List<ExpertOption>>> (EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok((await s.ExpertsAsync(ct)).Select(e => new ExpertOption(e.Id, e.Name)).ToList()))
            .RequireAuthorization(evaluate).WithSummary("可分配的评审专家");
        g.MapPost("/evaluations/{year:int}", async Task<Ok<EvaluationView>> (int year, OpenEvaluationInput input, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.OpenAsync(year, input, ct)))
            .RequireAuthorization(evaluate).WithSummary("省级组织一个e镇的年度绩效评价或中期评估并分配专家（EVAL-01/EVAL-02；利害关系回避）");
        g.MapGet("/evaluations/{year:int}/ranking", async Task<Ok<RankingView>> (int year, EvaluationStage? stage, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RankingAsync(year, stage ?? EvaluationStage.Yearly, ct)))
            .RequireAuthorization(read).WithSummary("年度绩效评价排名（?stage=Yearly|MidTerm；并列规则见 tieRule）与满意率");
        g.MapGet("/evaluations/{year:int}/ranking.xlsx", async Task<FileContentHttpResult> (int year, EvaluationStage? stage, EvaluationService s, CancellationToken ct) =>
            TypedResults.File(await s.RankingXlsxAsync(year, stage ?? EvaluationStage.Yearly, ct), XlsxWriter.ContentType, $"绩效评价排名-{year}.xlsx"))
            .RequireAuthorization(read).WithSummary("导出绩效评价排名（.xlsx）");
        g.MapGet("/etown-evaluations/{id:guid}", async Task<Ok<EvaluationView>> (Guid id, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ViewAsync(id, ct))).RequireAuthorization().WithSummary("一个e镇的绩效评价（指标值、专家评分、整改事项）");
        g.MapGet("/evaluation-scores", async Task<Ok<IReadOnlyList<EvaluationView>>> (EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.MyAssignmentsAsync(ct))).RequireAuthorization(score).WithSummary("分配给我评分的e镇（评审专家）");
        g.MapPut("/evaluation-scores/{id:guid}", async Task<Ok<EvaluationView>> (Guid id, ScoreInput input, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ScoreAsync(id, input, ct)))
            .RequireAuthorization(score).WithSummary($"专家按指标评分（0–该指标满分；未分配 {AcceptanceErrors.NotAssignedExpert}）");
        g.MapPost("/etown-evaluations/{id:guid}/finalisation", async Task<Ok<EvaluationView>> (Guid id, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.FinaliseAsync(id, ct)))
            .RequireAuthorization(evaluate).WithSummary($"评价定稿（专家均已评分；整体验收后须有第三方核查且整改完毕，否则 {AcceptanceErrors.ThirdPartyPending}）");
        g.MapPost("/etown-evaluations/{id:guid}/findings", async Task<Ok<FindingView>> (Guid id, FindingInput input, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RaiseFindingAsync(id, input, ct)))
            .RequireAuthorization(evaluate).WithSummary("中期评估（EVAL-02）或年度评价发现的问题列为整改事项（期限为工作日）");
        g.MapGet("/evaluation-findings", async Task<Ok<IReadOnlyList<FindingView>>> (EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.FindingsAsync(ct))).RequireAuthorization().WithSummary("绩效评价与第三方核查的整改事项（本辖区或受托e镇）");
        g.MapPost("/evaluation-findings/{id:guid}/answer", async Task<Ok<FindingView>> (Guid id, FindingAnswerInput input, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AnswerFindingAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Acceptance.Review)).WithSummary("县级答复整改情况");
        g.MapPost("/evaluation-findings/{id:guid}/closure", async Task<Ok<FindingView>> (Guid id, EvaluationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.CloseFindingAsync(id, ct))).RequireAuthorization(evaluate).WithSummary("省级销号");
        g.MapPost("/third-party-inspections", async Task<Ok<InspectionView>> (Guid etownId, int year, [FromForm] string? conclusion, [FromForm] string? findings,
            [FromForm] int? workingDays, IFormFile file, EvaluationService s, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.UploadInspectionAsync(etownId, year, conclusion, findings, workingDays ?? 15, file.FileName, file.ContentType, stream, ct));
        }).RequireAuthorization(P(Permissions.Acceptance.Inspect)).DisableAntiforgery()
            .WithSummary("受托第三方上传整体验收后的核查与绩效报告（ACC-08；?etownId=&year=，表单 conclusion、findings 每行一项、workingDays）");
    }
}
