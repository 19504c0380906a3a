using System.Linq.Expressions;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Plans;

public sealed record ReopenBody(string? Reason);

/// <summary>Cultivation plan and budget of one e-town (PLAN-01…04, FUND-03) under /api/v1/etowns/{id}.</summary>
public static class PlanEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    /// <summary>If-Match / ETag (issue #17 finding 13): the route names the e-town; the plan is its one plan.</summary>
    static Expression<Func<CultivationPlan, bool>>? PlanOfTheEtown(HttpContext http) =>
        http.Request.RouteValues.TryGetValue("id", out var raw) && Guid.TryParse(raw?.ToString(), out var etownId) ? p => p.EtownId == etownId : null;

    public static void MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/etowns/{id:guid}").WithTags("培育方案与预算");

        g.MapGet("/plan", async Task<Ok<PlanView>> (Guid id, PlanService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Plan.Read)).WithSummary("培育方案（含重点项目、2022–2025 目标、预算与 FUND-03 比例核对；未编制时 exists=false；ETag 为版本号）")
            .WithVersionTag<CultivationPlan, RouteHandlerBuilder>(PlanOfTheEtown);
        g.MapPut("/plan", async Task<Ok<PlanView>> (Guid id, PlanInput input, PlanService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SaveAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Plan.Edit)).WithSummary($"保存培育方案草稿（仅本县；已备案时 409 {PlanErrors.Filed}；有申报表时目标取自申报表；If-Match 过期则 409）")
            .WithVersionTag<CultivationPlan, RouteHandlerBuilder>(PlanOfTheEtown);
        g.MapPost("/plan/submit", async Task<Ok<PlanView>> (Guid id, PlanService s, CancellationToken ct) =>
            TypedResults.Ok(await s.FileAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Plan.File)).WithSummary($"提交备案（内容不全 {PlanErrors.ContentMissing}；预算超出 FUND-03 比例或合计≠下达额度 {PlanErrors.BudgetNotPassing}）");
        g.MapPost("/plan/reopen", async Task<Ok<PlanView>> (Guid id, ReopenBody body, PlanService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ReopenAsync(id, body.Reason, ct)))
            .RequireAuthorization(P(Permissions.Plan.Reopen)).WithSummary("重新打开已备案的培育方案（省级，须写明原因）");
        g.MapGet("/plan/budget", async Task<Ok<BudgetView>> (Guid id, PlanService s, CancellationToken ct) =>
            TypedResults.Ok((await s.GetAsync(id, ct)).Budget))
            .RequireAuthorization(P(Permissions.Plan.Read)).WithSummary("建设标准及预算（元）与 FUND-03 比例核对结果");
        g.MapPut("/plan/budget", async Task<Ok<BudgetView>> (Guid id, BudgetInput input, PlanService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SaveBudgetAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Plan.Edit))
            .WithSummary("保存预算（条目 1–39、金额不得为负，否则 400；比例或合计不符时照常保存并在 check.issues 中提示，备案时拒绝；If-Match 为方案的 ETag）")
            .WithVersionTag<CultivationPlan, RouteHandlerBuilder>(PlanOfTheEtown);
        g.MapPut("/plan/band-justification", async Task<Ok<BudgetView>> (Guid id, JustificationInput input, PlanService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SubmitJustificationAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Plan.Edit)).WithSummary("提交预算超出 FUND-03 比例的书面说明（县；原则上，经市级同意后可备案）");
        g.MapPost("/plan/band-justification/decision", async Task<Ok<BudgetView>> (Guid id, JustificationDecision input, PlanService s, CancellationToken ct) =>
            TypedResults.Ok(await s.DecideJustificationAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Plan.ApproveJustification)).WithSummary($"市级审核预算比例说明（同意/不同意，不同意须写明原因；无待审核说明时 409 {PlanErrors.JustificationState}）");
        g.MapGet("/plan.docx", async Task<FileContentHttpResult> (Guid id, PlanService s, CancellationToken ct) =>
        {
            var v = await s.GetAsync(id, ct);
            return TypedResults.File(Documents.PlanDocx.Render(v), Documents.PlanDocx.ContentType, Documents.PlanDocx.FileName(v));
        }).RequireAuthorization(P(Permissions.Plan.Read)).WithSummary("培育方案 .docx（含建设标准及预算表与比例核对）");
        g.MapGet("/budget.xlsx", async Task<FileContentHttpResult> (Guid id, PlanService s, CancellationToken ct) =>
        {
            var v = await s.GetAsync(id, ct);
            return TypedResults.File(Documents.BudgetXlsx.Render(v), Platform.Documents.XlsxWriter.ContentType, Documents.BudgetXlsx.FileName(v));
        }).RequireAuthorization(P(Permissions.Plan.Read)).WithSummary("建设标准及预算 .xlsx");
    }
}
