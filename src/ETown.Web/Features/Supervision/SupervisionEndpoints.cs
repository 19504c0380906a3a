using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Supervision;

public static class SupervisionEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/supervision").WithTags("日常监管");
        g.MapOperatorEndpoints(); // SUP-06/08

        g.MapGet("/rule-sets", async Task<Ok<IReadOnlyList<RuleSetRow>>> (SupervisionService s, CancellationToken ct) => TypedResults.Ok(await s.RuleSetsAsync(ct)))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("检查频次规则集（SUP-02）：省级默认，县级派生");
        g.MapPost("/rule-sets/{code}/derive", async Task<Created<RuleSetRow>> (string code, DeriveRuleSetInput input, SupervisionService s, CancellationToken ct) =>
            {
                var row = await s.DeriveAsync(code, input, ct);
                return TypedResults.Created($"/api/v1/supervision/rule-sets/{row.Code}", row);
            })
            .RequireAuthorization(P(Permissions.Supervision.Rules)).WithSummary("派生检查频次规则集（可同时修改频次）");
        g.MapPost("/rule-sets/{code}/adopt", async Task<NoContent> (string code, SupervisionService s, CancellationToken ct) =>
            {
                await s.AdoptAsync(code, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Supervision.Rules)).WithSummary("启用检查频次规则集（启用后不可修改）");

        g.MapGet("/board", async Task<Ok<BoardView>> (DateOnly? from, SupervisionService s, CancellationToken ct) => TypedResults.Ok(await s.BoardAsync(from, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("监管看板：应检/已检/漏检，未销号/逾期/升级问题（本辖区）");
        g.MapGet("/board.xlsx", async Task<FileContentHttpResult> (DateOnly? from, SupervisionService s, CancellationToken ct) =>
                TypedResults.File(await s.BoardXlsxAsync(from, ct), XlsxWriter.ContentType, "日常监管看板.xlsx"))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("导出监管看板 .xlsx");

        g.MapGet("/etowns/{id:guid}", async Task<Ok<TimelineView>> (Guid id, SupervisionService s, CancellationToken ct) => TypedResults.Ok(await s.TimelineAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("e镇监管时间线：应检期次、检查记录、问题清单与整改步骤");
        g.MapPost("/etowns/{id:guid}/inspections", async Task<Created<InspectionRow>> (Guid id, InspectionInput input, SupervisionService s, CancellationToken ct) =>
            {
                var row = await s.CreateInspectionAsync(id, input, ct);
                return TypedResults.Created($"/api/v1/supervision/inspections/{row.Id}", row);
            })
            .RequireAuthorization(P(Permissions.Supervision.Record)).WithSummary("记录检查（草稿）：类型、方式、日期、检查组、检查内容、发现问题")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        g.MapPost("/inspections/{id:guid}/files", async Task<Ok<FileRow>> (Guid id, IFormFile file, bool? photo, SupervisionService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await s.AddInspectionFileAsync(id, file.FileName, file.ContentType, stream, photo ?? true, ct));
            })
            .RequireAuthorization(P(Permissions.Supervision.Record)).DisableAntiforgery()
            .WithSummary("上传检查照片（photo=true，只接受 JPG/PNG，读取 EXIF 拍摄时间）或文件（photo=false）");
        g.MapPost("/inspections/{id:guid}/sign", async Task<Ok<InspectionRow>> (Guid id, SupervisionService s, CancellationToken ct) => TypedResults.Ok(await s.SignAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Record)).WithSummary("签认检查记录：此后只读，发现问题进入问题清单");
        g.MapPost("/inspections/{id:guid}/correct", async Task<Created<InspectionRow>> (Guid id, InspectionInput input, SupervisionService s, CancellationToken ct) =>
            {
                var row = await s.CorrectAsync(id, input, ct);
                return TypedResults.Created($"/api/v1/supervision/inspections/{row.Id}", row);
            })
            .RequireAuthorization(P(Permissions.Supervision.Record)).WithSummary("更正已签认的检查记录：生成新版本草稿");
        g.MapGet("/files/{id:guid}", async Task<FileStreamHttpResult> (Guid id, SupervisionService s, CancellationToken ct) =>
            {
                var (f, content) = await s.OpenFileAsync(id, ct);
                return TypedResults.File(content, f.ContentType, f.FileName);
            })
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("下载检查照片、文件或整改材料（读取时校验哈希）");

        g.MapPost("/problems/{id:guid}/notice", async Task<Ok<ProblemRow>> (Guid id, NoticeInput input, SupervisionService s, CancellationToken ct) =>
                TypedResults.Ok(await s.IssueNoticeAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Rectify)).WithSummary("下发整改通知（期限按工作日，节假日顺延）");
        g.MapGet("/problems/{id:guid}/notice.docx", async Task<FileContentHttpResult> (Guid id, SupervisionService s, CancellationToken ct) =>
            {
                var (name, bytes) = await s.NoticeDocxAsync(id, ct);
                return TypedResults.File(bytes, WordKit.ContentType, name);
            })
            .RequireAuthorization(P(Permissions.Supervision.Read)).WithSummary("整改通知书 .docx");
        g.MapPost("/problems/{id:guid}/respond", async Task<Ok<ProblemRow>> (Guid id, RespondInput input, SupervisionService s, CancellationToken ct) =>
                TypedResults.Ok(await s.RespondAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Respond)).WithSummary("承办企业答复整改通知");
        g.MapPost("/problems/{id:guid}/files", async Task<Ok<FileRow>> (Guid id, IFormFile file, SupervisionService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await s.AddEvidenceAsync(id, file.FileName, file.ContentType, stream, ct));
            })
            .RequireAuthorization(P(Permissions.Supervision.Respond)).DisableAntiforgery().WithSummary("上传整改佐证材料");
        g.MapPost("/problems/{id:guid}/verify", async Task<Ok<ProblemRow>> (Guid id, VerifyInput input, SupervisionService s, CancellationToken ct) =>
                TypedResults.Ok(await s.VerifyAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Rectify)).WithSummary("县级核查：通过则销号，未通过则再次限期整改");
        g.MapPost("/problems/{id:guid}/escalate", async Task<Ok<ProblemRow>> (Guid id, EscalateInput input, SupervisionService s, CancellationToken ct) =>
                TypedResults.Ok(await s.EscalateAsync(id, input, ct)))
            .RequireAuthorization(P(Permissions.Supervision.Rectify)).WithSummary("升级处理：提请终止合同 / 取消承办企业资格 / 报市级");
    }
}
