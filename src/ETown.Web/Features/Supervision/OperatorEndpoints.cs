using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Supervision;

/// <summary>SUP-06 operator monthly reports, SUP-08 operator team and agreement.</summary>
public static class OperatorEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapOperatorEndpoints(this RouteGroupBuilder g)
    {
        g.MapGet("/etowns/{id:guid}/operator", async Task<Ok<OperatorView>> (Guid id, OperatorReportService s, CancellationToken ct) => TypedResults.Ok(await s.ViewAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("承办企业：月度进展报告（SUP-06）、运营团队与运营协议核查（SUP-08）");
        g.MapPost("/etowns/{id:guid}/operator-reports", async Task<Created<ReportRow>> (Guid id, ReportInput input, OperatorReportService s, CancellationToken ct) =>
            {
                var row = await s.SubmitAsync(id, input, ct);
                return TypedResults.Created($"/api/v1/supervision/operator-reports/{row.Id}", row);
            })
            .RequireAuthorization(P(Permissions.Supervision.Report)).WithSummary("承办企业报送月度进展报告（每e镇每月一份）")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPut("/operator-reports/{id:guid}", async Task<Ok<ReportRow>> (Guid id, ReportInput input, OperatorReportService s, CancellationToken ct) =>
                TypedResults.Ok(await s.UpdateAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Report)).WithVersionTag<OperatorMonthlyReport, RouteHandlerBuilder>()
            .WithSummary("修改月度进展报告（县级确认前；If-Match 过期则 409）");
        g.MapPost("/operator-reports/{id:guid}/files", async Task<Ok<FileRow>> (Guid id, IFormFile file, OperatorReportService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await s.AddReportFileAsync(id, file.FileName, file.ContentType, stream, ct));
            })
            .RequireAuthorization(P(Permissions.Supervision.Report)).DisableAntiforgery().WithSummary("上传月报附件");
        g.MapPost("/operator-reports/{id:guid}/acknowledge", async Task<Ok<ReportRow>> (Guid id, AcknowledgeInput input, OperatorReportService s, CancellationToken ct) =>
                TypedResults.Ok(await s.AcknowledgeAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Acknowledge)).WithSummary("县级查阅确认月报（确认后不可修改）");
        g.MapPut("/etowns/{id:guid}/operator-team", async Task<Ok<IReadOnlyList<OperatorCheck>>> (Guid id, TeamInput input, OperatorReportService s, CancellationToken ct) =>
                TypedResults.Ok(await s.SetTeamAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("登记运营团队（姓名、岗位；不收集身份证号和电话）");
        g.MapPut("/etowns/{id:guid}/operation-agreement", async Task<Ok<AgreementRow>> (Guid id, AgreementInput input, OperatorReportService s, CancellationToken ct) =>
                TypedResults.Ok(await s.SetAgreementAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("登记长期后续运营服务协议（名称、期限）");
        g.MapPost("/etowns/{id:guid}/operation-agreement/file", async Task<Ok<FileRow>> (Guid id, IFormFile file, OperatorReportService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await s.AddAgreementFileAsync(id, file.FileName, file.ContentType, stream, ct));
            })
            .RequireAuthorization(P(Permissions.Supervision.Read)).DisableAntiforgery().WithSummary("上传运营协议文本");

        // 市级督导与联席会议 (issue #11 item 6)
        g.MapGet("/visits", async Task<Ok<VisitsView>> (CityVisitService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(null, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("市级督导检查与联席会议：纪要与决定事项（本辖区）");
        g.MapPost("/visits", async Task<Created<VisitRow>> (VisitInput input, CityVisitService s, CancellationToken ct) =>
            {
                var row = await s.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/supervision/visits/{row.Id}", row);
            })
            .RequireAuthorization(P(Permissions.Supervision.Guide)).WithSummary("记录督导检查或联席会议，决定事项交办县（期限按工作日）");
        g.MapPost("/decisions/{id:guid}/close", async Task<Ok<DecisionRow>> (Guid id, CloseDecisionInput input, CityVisitService s, CancellationToken ct) =>
                TypedResults.Ok(await s.CloseAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Follow)).WithSummary("办结决定事项（填写办结情况）");
    }
}
