using System.Text;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Disclosure;

public static class DisclosureEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;
    static string? Ip(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    public static void MapDisclosureEndpoints(this IEndpointRouteBuilder app)
    {
        // ---- the public side (anonymous; stable URLs documented in README and docs/architecture.md)
        var pub = app.MapGroup("/api/v1/public").WithTags("信息公开（公众）").AllowAnonymous();
        pub.MapGet("/challenge", (DisclosureService s) => TypedResults.Ok(s.Challenge()))
            .WithSummary("匿名表单的人机验证问题（签名令牌，20 分钟有效）");
        pub.MapGet("/etowns/{id:guid}/column", async Task<Ok<PublicColumnView>> (Guid id, DisclosureService s, CancellationToken ct) =>
                TypedResults.Ok(await s.ColumnAsync(id, ct)))
            .WithSummary("e镇公开专栏（DISC-01）：仅县级已公开的方案、资金、进度、验收公示、监督检查与已审核意见");
        pub.MapPost("/etowns/{id:guid}/opinions", async Task<Created<IdResult>> (Guid id, OpinionInput input, DisclosureService s, HttpContext http, CancellationToken ct) =>
            {
                var oid = await s.SubmitOpinionAsync(id, input, Ip(http), ct);
                return TypedResults.Created((string?)null, new IdResult(oid));
            })
            .WithSummary("提交征求意见（审核后公开；限频、人机验证）");
        pub.MapPost("/etowns/{id:guid}/reports", async Task<Ok<ReportReceipt>> (Guid id, ReportInput input, WhistleService s, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await s.SubmitAsync(id, input, null, Ip(http), ct)))
            .WithSummary("举报（DISC-01）：可匿名，返回查询码（仅此一次显示）");
        pub.MapPost("/reports/track", async Task<Ok<TrackView>> (TrackInput input, WhistleService s, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await s.TrackAsync(input.Code, Ip(http), ct)))
            .WithSummary("凭查询码查看举报办理进展与答复（错误次数限频）");
        pub.MapPost("/etowns/{id:guid}/notices/{noticeId:guid}/objections", async Task<Created<IdResult>> (Guid id, Guid noticeId, PublicObjectionInput input, DisclosureService s, HttpContext http, CancellationToken ct) =>
            {
                var oid = await s.SubmitObjectionAsync(id, noticeId, input, Ip(http), ct);
                return TypedResults.Created((string?)null, new IdResult(oid));
            })
            .WithSummary("对公示事项提出异议（仅公示期内；县级答复前阻止公示所保障的事项，如拨付）");
        pub.MapPost("/etowns/{id:guid}/survey", async Task<NoContent> (Guid id, SurveyInput input, DisclosureService s, HttpContext http, CancellationToken ct) =>
            {
                await s.SubmitSurveyAsync(id, input, Ip(http), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("满意度调查（每个手机号每年一次，号码仅存散列）");
        pub.MapGet("/etowns/{id:guid}/ocds/{year:int}.json", async Task<Ok<object>> (Guid id, int year, DisclosureService s, CancellationToken ct) =>
                TypedResults.Ok(await s.OcdsAsync(id, year, ct)))
            .WithSummary("开放数据：已公开合同与拨付的 OCDS 1.1 发布包（按e镇、年度）");
        pub.MapGet("/etowns/{id:guid}/figures.csv", async Task<FileContentHttpResult> (Guid id, DisclosureService s, CancellationToken ct) =>
            {
                var (name, rows) = await s.FiguresAsync(id, ct);
                return TypedResults.File(Encoding.UTF8.GetBytes(DisclosureService.ToCsv(rows)), "text/csv; charset=utf-8", $"{name}-公开数据.csv");
            })
            .WithSummary("开放数据：已公开数据 CSV");
        pub.MapGet("/etowns/{id:guid}/figures.xlsx", async Task<FileContentHttpResult> (Guid id, DisclosureService s, CancellationToken ct) =>
            {
                var (name, rows) = await s.FiguresAsync(id, ct);
                return TypedResults.File(XlsxWriter.Write("公开数据", DisclosureService.FigureHeaders, rows), XlsxWriter.ContentType, $"{name}-公开数据.xlsx");
            })
            .WithSummary("开放数据：已公开数据 .xlsx");

        // ---- the county (publishing, moderation) and discipline/audit (reports)
        var g = app.MapGroup("/api/v1/disclosure").WithTags("信息公开");
        g.MapGet("/etowns", async Task<Ok<IReadOnlyList<ColumnEtownRow>>> (DisclosureService s, CancellationToken ct) => TypedResults.Ok(await s.EtownsAsync(ct)))
            .RequireAuthorization(P(Permissions.Disclosure.Read)).WithSummary("公开专栏管理：本辖区e镇");
        g.MapGet("/etowns/{id:guid}", async Task<Ok<ColumnAdminView>> (Guid id, DisclosureService s, CancellationToken ct) => TypedResults.Ok(await s.AdminAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Disclosure.Read)).WithSummary("可公开事项、已公开事项、公众意见与满意度");
        g.MapPost("/etowns/{id:guid}/items", async Task<Created<IdResult>> (Guid id, PublishInput input, DisclosureService s, CancellationToken ct) =>
            {
                var iid = await s.PublishAsync(id, input, ct);
                return TypedResults.Created((string?)null, new IdResult(iid));
            })
            .RequireAuthorization(P(Permissions.Disclosure.Publish)).WithSummary("公开一项信息（DISC-01，留痕）");
        g.MapPost("/items/{id:guid}/withdrawal", async Task<NoContent> (Guid id, WithdrawInput input, DisclosureService s, CancellationToken ct) =>
            {
                await s.WithdrawAsync(id, input, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Disclosure.Publish)).WithSummary("撤回公开（须说明理由）");
        g.MapPost("/opinions/{id:guid}/moderation", async Task<NoContent> (Guid id, ModerationInput input, DisclosureService s, CancellationToken ct) =>
            {
                await s.ModerateAsync(id, input, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Disclosure.Moderate)).WithSummary("审核公众意见（通过后公开，可附回复）");
        g.MapGet("/reports", async Task<Ok<IReadOnlyList<ReportRow>>> (WhistleService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .RequireAuthorization(P(Permissions.Disclosure.HandleReports)).WithSummary("举报（仅受理的纪检审计机构）");
        g.MapGet("/reports/{id:guid}", async Task<Ok<ReportDetail>> (Guid id, WhistleService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Disclosure.HandleReports)).WithSummary("举报详情与办理记录");
        g.MapPost("/reports/{id:guid}/steps", async Task<NoContent> (Guid id, StepInput input, WhistleService s, CancellationToken ct) =>
            {
                await s.StepAsync(id, input, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Disclosure.HandleReports)).WithSummary("办理步骤：受理 → 调查 → 办结（办结须答复）");
        g.MapPost("/reports/{id:guid}/contact", async Task<Ok<ContactView>> (Guid id, WhistleService s, CancellationToken ct) => TypedResults.Ok(await s.UnmaskAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Disclosure.Unmask)).WithSummary("查看举报人联系方式（单独权限，留痕）");
        g.MapGet("/reports/{id:guid}/attachment", async Task<FileStreamHttpResult> (Guid id, WhistleService s, CancellationToken ct) =>
            {
                var (content, name, _) = await s.AttachmentAsync(id, ct);
                // Never inline: a reporter's file is downloaded, whatever it claims to be.
                return TypedResults.File(content, "application/octet-stream", name);
            })
            .RequireAuthorization(P(Permissions.Disclosure.HandleReports)).WithSummary("举报附件（仅下载）");
    }
}
