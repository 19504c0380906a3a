using ETown.Web.Features.Regions;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Standards;

public sealed record RejectBody(string Reason);

public static class StandardEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapStandardEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/standards").WithTags("建设标准");
        g.MapGet("/", async Task<Ok<IReadOnlyList<StandardVersionRow>>> (StandardService s, CancellationToken ct) => TypedResults.Ok(await s.ListVersionsAsync(ct)))
            .RequireAuthorization(P(Permissions.Standard.CatalogueRead))
            .WithSummary("建设标准版本列表（省级 SX-2022 及朔州 SZ-2022、岢岚 KL-2022 等派生版本）");
        g.MapGet("/{code}", async Task<Ok<StandardVersionDetail>> (string code, StandardService s, CancellationToken ct) => TypedResults.Ok(await s.GetVersionAsync(code, ct)))
            .RequireAuthorization(P(Permissions.Standard.CatalogueRead))
            .WithSummary("建设标准版本详情：39 项的建设内容、建设标准、属性（约束性/期望性）、类型与判定规则（spec）")
            .ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{code}/derive", async Task<Created<StandardVersionDetail>> (string code, DeriveStandardInput input, StandardService s, CancellationToken ct) =>
            {
                var v = await s.DeriveAsync(code, input, ct);
                return TypedResults.Created($"/api/v1/standards/{v.Version.Code}", v);
            })
            .RequireAuthorization(P(Permissions.Standard.CatalogueManage))
            .WithSummary("派生建设标准版本（复制后修改）")
            .WithDescription($"复制 {{code}} 的全部 39 项生成新版本（未启用，可修改）。regionCode 为空是省级新版本（仅省级）；为市或县代码是该地区的版本，市级只能派生本市或本市所辖县的版本（{Platform.Http.CommonErrors.Forbidden}）。代码重复 {StandardErrors.CodeTaken}。")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status400BadRequest);
        g.MapPut("/{code}/items/{number:int}", async Task<NoContent> (string code, int number, StandardItemInput input, StandardService s, CancellationToken ct) =>
            {
                await s.UpdateItemAsync(code, number, input, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Standard.CatalogueManage))
            .WithSummary($"修改未启用版本的一项（建设内容、建设标准、属性、类型、判定规则）；已启用的版本不可修改：{StandardErrors.VersionInUse}")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapPost("/{code}/adopt", async Task<NoContent> (string code, StandardService s, CancellationToken ct) =>
            {
                await s.AdoptAsync(code, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Standard.CatalogueManage))
            .WithSummary("启用建设标准版本：此后适用地区的e镇按其判定，且不可再修改");

        var e = app.MapGroup("/api/v1/etowns/{id:guid}").WithTags("建设标准");
        e.MapGet("/figures", async Task<Ok<IReadOnlyList<FigureRow>>> (Guid id, StandardService s, CancellationToken ct) => TypedResults.Ok(await s.GetFiguresAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Standard.ComplianceRead))
            .WithSummary("e镇指标数据（县级录入的实际值），并列申报目标值（仅供对照，不作为实绩）");
        e.MapPut("/figures", async Task<NoContent> (Guid id, FiguresBody body, StandardService s, CancellationToken ct) =>
            {
                await s.SetFiguresAsync(id, body.Figures ?? [], ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Standard.FigureEnter))
            .WithSummary("录入e镇指标数据（按年份；value 为 null 删除该项）")
            .WithDescription("指标代码：total_output_wan 年总产值（万元）、city_output_growth_pct 所在市总产值平均增速（%）、total_investment_wan 总投资规模（万元）、online_retail_wan 年网络零售额（万元）、new_legal_entities 新增市场主体（法人单位，个）、new_entities_ecommerce_pct 新增市场主体中开展电商业务的比例（%）、area_km2 占地面积（平方公里）、floor_area_m2 建筑面积（平方米）、employment 吸纳就业（人）。只有本县（或上级）可录入。")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        e.MapGet("/evidence", async Task<Ok<IReadOnlyList<EvidenceRow>>> (Guid id, StandardService s, CancellationToken ct) => TypedResults.Ok(await s.ListEvidenceAsync(id, ct)))
            .RequireAuthorization(P(Permissions.Standard.ComplianceRead))
            .WithSummary("e镇各项的佐证材料（事实数值、文件、审核状态）");
        e.MapPost("/evidence", async Task<Created<EvidenceRow>> (Guid id, EvidenceInput input, StandardService s, CancellationToken ct) =>
            {
                var row = await s.SubmitEvidenceAsync(id, input, ct);
                return TypedResults.Created($"/api/v1/etowns/{id}/evidence/{row.Id}", row);
            })
            .RequireAuthorization(P(Permissions.Standard.EvidenceSubmit))
            .WithSummary("提交佐证材料：项号与计数事实（如 area_m2=1200、person_times=520、influencers=5），待县级审核")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        e.MapPost("/evidence/{evidenceId:guid}/files", async Task<Ok<EvidenceFileRow>> (Guid id, Guid evidenceId, IFormFile file, StandardService s, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await s.AddEvidenceFileAsync(id, evidenceId, file.FileName, file.ContentType, stream, ct));
            })
            .RequireAuthorization(P(Permissions.Standard.EvidenceSubmit)).DisableAntiforgery()
            .WithSummary("为待审核的佐证材料上传文件（PDF/图片/Office，≤ 20 MB，按 SHA-256 存储）");
        e.MapGet("/evidence/{evidenceId:guid}/files/{fileId:guid}", async Task<FileStreamHttpResult> (Guid id, Guid evidenceId, Guid fileId, StandardService s, CancellationToken ct) =>
            {
                var (f, content) = await s.OpenEvidenceFileAsync(id, evidenceId, fileId, ct);
                return TypedResults.File(content, f.ContentType, f.FileName);
            })
            .RequireAuthorization(P(Permissions.Standard.ComplianceRead))
            .WithSummary("下载佐证文件（读取时校验哈希）");
        e.MapPost("/evidence/{evidenceId:guid}/confirm", async Task<NoContent> (Guid id, Guid evidenceId, StandardService s, CancellationToken ct) =>
            {
                await s.ConfirmEvidenceAsync(id, evidenceId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Standard.EvidenceReview))
            .WithSummary("确认佐证材料（县级审核）")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        e.MapPost("/evidence/{evidenceId:guid}/reject", async Task<NoContent> (Guid id, Guid evidenceId, RejectBody body, StandardService s, CancellationToken ct) =>
            {
                await s.RejectEvidenceAsync(id, evidenceId, body.Reason, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Standard.EvidenceReview))
            .WithSummary("退回佐证材料（须写明原因）")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status400BadRequest);
        e.MapGet("/compliance", async Task<Ok<EtownCompliance>> (Guid id, int? year, StandardService s, CancellationToken ct) => TypedResults.Ok(await s.ComplianceAsync(id, year, ct)))
            .RequireAuthorization(P(Permissions.Standard.ComplianceRead))
            .WithSummary("e镇达标情况：逐项 Met | NotMet | EvidencePending | NotApplicable，附判定所用数据与标准原文；约束性/期望性达标数与是否可申请验收")
            .WithDescription("按e镇所在县 → 市 → 省的顺序选用最具体的已启用标准版本，并按县域类别取阈值。year 省略时每个指标取最近录入的年份。");

        var m = app.MapGroup("/api/v1/compliance").WithTags("建设标准");
        m.MapGet("/matrix", async Task<Ok<ComplianceMatrix>> (string? cityCode, CountyClass? countyClass, ItemAttribute? attribute, int? year, StandardService s, CancellationToken ct) =>
                TypedResults.Ok(await s.MatrixAsync(new MatrixQuery(cityCode, countyClass, attribute, year), ct)))
            .RequireAuthorization(P(Permissions.Standard.ComplianceRead))
            .WithSummary("达标矩阵：数据范围内的e镇 × 建设标准各项（可按市、县域类别、属性筛选）");
        m.MapGet("/matrix.xlsx", async Task<FileContentHttpResult> (string? cityCode, CountyClass? countyClass, ItemAttribute? attribute, int? year, StandardService s, CancellationToken ct) =>
                TypedResults.File(await s.MatrixXlsxAsync(new MatrixQuery(cityCode, countyClass, attribute, year), ct), XlsxWriter.ContentType, "建设标准达标矩阵.xlsx"))
            .RequireAuthorization(P(Permissions.Standard.ComplianceRead))
            .WithSummary("导出达标矩阵（.xlsx）");
    }
}
