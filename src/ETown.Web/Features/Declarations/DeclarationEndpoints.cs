using ETown.Web.Platform.Http;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ETown.Web.Features.Declarations;

public sealed record OpinionBody(string Opinion);
public sealed record ReasonBody(string Reason);
public sealed record CityDeadlineInput(DateOnly? ClosesOn);
public sealed record CityDeadlineView(int Year, string CityCode, DateOnly? ClosesOn);
public sealed record ExpertsBody(IReadOnlyList<Guid> ExpertUserIds);
public sealed record DecisionBody(bool List, string? Note);
public sealed record NoticeBody(DateOnly StartsOn);
public sealed record ObjectionBody(string Text, string? Submitter);
public sealed record ResolutionBody(bool Sustained, string Resolution);
public sealed record FinaliseResult(int Listed);
public sealed record ExpertRow(Guid Id, string Name);

public static class DeclarationEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapDeclarationEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/declarations").WithTags("申报与评审");

        g.MapGet("/", async Task<Ok<PagedResult<DeclarationRow>>> (DeclarationService s, int? year, string? cityCode, DeclarationStatus? status,
                string? search, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(new DeclarationQuery(year, cityCode, status, search, page, pageSize), ct)))
            .RequireAuthorization(P(Permissions.Declaration.Read)).WithSummary("申报列表（按数据范围：县只见本县，市只见本市各县；草稿仅本县可见）");
        g.MapGet("/{id:guid}", async Task<Ok<DeclarationDetail>> (Guid id, DeclarationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(id, ct))).RequireAuthorization(P(Permissions.Declaration.Read)).WithVersionTag<Declaration, RouteHandlerBuilder>();
        g.MapPost("/", async Task<Created<IdResult>> (DeclarationForm form, int? year, DeclarationService s, CancellationToken ct) =>
        {
            var id = await s.CreateAsync(form, year, ct);
            return TypedResults.Created($"/api/v1/declarations/{id}", new IdResult(id));
        }).RequireAuthorization(P(Permissions.Declaration.Edit)).WithSummary("新建申报草稿（附件2 申报表 JSON）");
        g.MapPut("/{id:guid}", async Task<NoContent> (Guid id, DeclarationForm form, DeclarationService s, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, form, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.Edit)).WithSummary("保存草稿（仅草稿或退回状态；If-Match 为 GET 的 ETag，过期则 409）").WithVersionTag<Declaration, RouteHandlerBuilder>();
        g.MapPost("/{id:guid}/submit", async Task<NoContent> (Guid id, DeclarationService s, CancellationToken ct) =>
        {
            await s.SubmitAsync(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.Edit)).WithSummary("提交（须在申报期内、材料齐全）");
        g.MapPost("/{id:guid}/materials/{kind}", async Task<Ok<MaterialRow>> (Guid id, MaterialKind kind, IFormFile file, DeclarationService s, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.UploadMaterialAsync(id, kind, file.FileName, file.ContentType, stream, ct));
        }).RequireAuthorization(P(Permissions.Declaration.Read)).DisableAntiforgery().WithSummary("上传材料（DECL-08；PDF/图片/Office，≤ 20 MB）");
        g.MapGet("/{id:guid}/materials/{materialId:guid}", async Task<FileStreamHttpResult> (Guid id, Guid materialId, DeclarationService s, CancellationToken ct) =>
        {
            var (m, content) = await s.OpenMaterialAsync(id, materialId, ct);
            return TypedResults.File(content, m.ContentType, m.FileName);
        }).RequireAuthorization(P(Permissions.Declaration.Read));
        g.MapDelete("/{id:guid}/materials/{materialId:guid}", async Task<NoContent> (Guid id, Guid materialId, DeclarationService s, CancellationToken ct) =>
        {
            await s.DeleteMaterialAsync(id, materialId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.Edit));
        g.MapPost("/{id:guid}/recommend", async Task<NoContent> (Guid id, OpinionBody body, DeclarationService s, CancellationToken ct) =>
        {
            await s.RecommendAsync(id, body.Opinion, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.Recommend)).WithSummary("市级推荐（附推荐意见）");
        g.MapPost("/{id:guid}/return", async Task<NoContent> (Guid id, ReasonBody body, DeclarationService s, CancellationToken ct) =>
        {
            await s.ReturnAsync(id, body.Reason, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.Recommend)).WithSummary("市级退回（写明原因）");
        g.MapPost("/{id:guid}/experts", async Task<NoContent> (Guid id, ExpertsBody body, DeclarationService s, CancellationToken ct) =>
        {
            await s.AssignExpertsAsync(id, body.ExpertUserIds, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.ReviewManage));
        g.MapPost("/{id:guid}/scores", async Task<NoContent> (Guid id, ScoreInput body, DeclarationService s, CancellationToken ct) =>
        {
            await s.ScoreAsync(id, body, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.ReviewScore)).WithSummary("专家评分（各项 0–100，按评分表权重加权）");
        g.MapPost("/{id:guid}/decision", async Task<NoContent> (Guid id, DecisionBody body, DeclarationService s, CancellationToken ct) =>
        {
            await s.DecideAsync(id, body.List, body.Note, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.ReviewManage));
        g.MapPost("/{id:guid}/objections", async Task<Created<IdResult>> (Guid id, ObjectionBody body, DeclarationService s, CancellationToken ct) =>
        {
            var oid = await s.RecordObjectionAsync(id, body.Text, body.Submitter, ct);
            return TypedResults.Created($"/api/v1/declarations/{id}", new IdResult(oid));
        }).RequireAuthorization(P(Permissions.Declaration.ReviewManage));
        g.MapPost("/{id:guid}/objections/{objectionId:guid}/resolution", async Task<NoContent> (Guid id, Guid objectionId, ResolutionBody body, DeclarationService s, CancellationToken ct) =>
        {
            await s.ResolveObjectionAsync(id, objectionId, body.Sustained, body.Resolution, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.ReviewManage));

        // Documents (issue #3 §6): the form as .docx laid out like 附件2, the .xlsx template and its import.
        g.MapGet("/{id:guid}/document.docx", async Task<FileContentHttpResult> (Guid id, DeclarationService s, Regions.RegionDirectory regions, CancellationToken ct) =>
        {
            var d = await s.GetAsync(id, ct);
            return TypedResults.File(Documents.DeclarationDocx.Render(d.Form, regions), Documents.DeclarationDocx.ContentType, Documents.DeclarationDocx.FileName(d.Form, regions));
        }).RequireAuthorization(P(Permissions.Declaration.Read)).WithSummary("申报表 .docx（附件2 版式）");
        g.MapGet("/{id:guid}/form.xlsx", async Task<FileContentHttpResult> (Guid id, DeclarationService s, Regions.RegionDirectory regions, SpreadsheetTemplates templates, CancellationToken ct) =>
        {
            var d = await s.GetAsync(id, ct);
            return TypedResults.File(Documents.DeclarationXlsx.Template(templates, d.Form, regions), Documents.DeclarationXlsx.ContentType, Documents.DeclarationXlsx.FileName(d.Form, regions));
        }).RequireAuthorization(P(Permissions.Declaration.Read)).WithSummary("申报表 .xlsx（可在 Excel 中填写后导入）");
        g.MapGet("/template.xlsx", (Caller c, Regions.RegionDirectory regions, SpreadsheetTemplates templates) =>
        {
            var form = new DeclarationForm { CountyCode = c.Scope.CountyCode ?? "" };
            return TypedResults.File(Documents.DeclarationXlsx.Template(templates, form, regions), Documents.DeclarationXlsx.ContentType, "山西省乡村e镇申报表-模板.xlsx");
        }).RequireAuthorization(P(Permissions.Declaration.Read)).WithSummary("空白申报表 .xlsx 模板");
        g.MapPost("/{id:guid}/import", async Task<Results<NoContent, BadRequest<IReadOnlyList<Documents.ImportError>>>> (Guid id, IFormFile file, DeclarationService s, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            var errors = await s.ImportAsync(id, stream, ct);
            return errors.Count == 0 ? TypedResults.NoContent() : TypedResults.BadRequest(errors);
        }).RequireAuthorization(P(Permissions.Declaration.Edit)).DisableAntiforgery().WithSummary("从 .xlsx 导入申报表（有任何错误则不写入）");
        g.MapGet("/{id:guid}/eligibility", async Task<Results<Ok<Eligibility.EligibilityReport>, NoContent>> (Guid id, DeclarationService s, CancellationToken ct) =>
            await s.SubmittedEligibilityAsync(id, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NoContent())
            .RequireAuthorization(P(Permissions.Declaration.Read)).WithSummary("提交时的申报条件审查结果");

        var r = app.MapGroup("/api/v1/declaration-rounds").WithTags("申报与评审");
        r.MapGet("/{year:int}/notice.docx", async Task<FileContentHttpResult> (int year, DeclarationService s, TimeProvider clock, CancellationToken ct) =>
        {
            var (rows, round) = await s.NoticeListAsync(year, ct);
            var from = round.NoticeStartsOn ?? clock.ChinaToday();
            var to = round.NoticeEndsOn ?? from;
            var bytes = Documents.NoticeListDocx.Render($"{year}年山西省乡村e镇拟入选名单公示", rows, from, to, "山西省商务厅电子商务处（演示）");
            return TypedResults.File(bytes, Documents.NoticeListDocx.ContentType, $"{year}年乡村e镇拟入选名单公示.docx");
        }).RequireAuthorization(P(Permissions.Declaration.ReviewManage)).WithSummary("公示名单 .docx");
        r.MapPut("/{year:int}/city-deadlines/{cityCode}", async Task<Ok<CityDeadlineView>> (int year, string cityCode, CityDeadlineInput input, DeclarationService s, CancellationToken ct) =>
            TypedResults.Ok(new CityDeadlineView(year, cityCode, await s.SetCityDeadlineAsync(year, cityCode, input.ClosesOn, ct))))
            .RequireAuthorization(P(Permissions.Declaration.Recommend))
            .WithSummary("市级设定本市各县的申报截止日期（DECL-07：报省截止日期约束市级，县级截止日期由市设定；null 取消）");
        r.MapGet("/{year:int}", async Task<Results<Ok<RoundView>, NotFound>> (int year, DeclarationService s, CancellationToken ct) =>
            await s.GetRoundAsync(year, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound())
            .RequireAuthorization(P(Permissions.Declaration.Read));
        r.MapPut("/{year:int}", async Task<NoContent> (int year, RoundInput input, DeclarationService s, CancellationToken ct) =>
        {
            await s.SaveRoundAsync(year, input, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(P(Permissions.Declaration.ReviewManage)).WithSummary("设置申报期、补报期、公示工作日数和评分表");
        r.MapGet("/{year:int}/ranking", async Task<Ok<IReadOnlyList<RankingRow>>> (int year, DeclarationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RankingAsync(year, ct))).RequireAuthorization(P(Permissions.Declaration.ReviewManage)).WithSummary("评审排名（含各专家评分）");
        r.MapGet("/{year:int}/overview", async Task<Ok<IReadOnlyList<CityOverview>>> (int year, DeclarationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.OverviewAsync(year, ct))).RequireAuthorization(P(Permissions.Declaration.Read)).WithSummary("各市申报情况与 30% 名额（DECL-02）");
        r.MapGet("/{year:int}/experts", async Task<Ok<List<ExpertRow>>> (int year, DeclarationService s, CancellationToken ct) =>
            TypedResults.Ok((await s.ExpertsAsync(ct)).Select(e => new ExpertRow(e.Id, e.Name)).ToList()))
            .RequireAuthorization(P(Permissions.Declaration.ReviewManage));
        r.MapPost("/{year:int}/notice", async Task<Ok<RoundView>> (int year, NoticeBody body, DeclarationService s, CancellationToken ct) =>
            TypedResults.Ok(await s.StartNoticeAsync(year, body.StartsOn, ct)))
            .RequireAuthorization(P(Permissions.Declaration.ReviewManage)).WithSummary("发布公示：期限按工作日计算");
        r.MapPost("/{year:int}/finalise", async Task<Ok<FinaliseResult>> (int year, DeclarationService s, CancellationToken ct) =>
            TypedResults.Ok(new FinaliseResult(await s.FinaliseAsync(year, ct))))
            .RequireAuthorization(P(Permissions.Declaration.ReviewManage)).WithSummary("公示期满：入选申报生成e镇并带入批准的目标");
    }
}
