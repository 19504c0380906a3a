using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Declarations.Eligibility;

public static class EligibilityEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapEligibilityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/declarations/eligibility-check",
                async Task<Ok<EligibilityReport>> (DeclarationForm form, string? ruleSetCode, EligibilityService s, CancellationToken ct) =>
                    TypedResults.Ok(await s.CheckAsync(form, ruleSetCode, ct: ct)))
            .RequireAuthorization(P(Permissions.Declaration.EligibilityCheck))
            .WithTags("申报")
            .WithSummary("申报条件自检（无状态）：按规则集逐条检查申报表")
            .WithDescription("""
                请求体为申报表（DeclarationForm，与申报的 JSON 结构相同，金额单位万元，面积单位平方公里/平方米）。
                可选查询参数 ruleSetCode 指定规则集（如 SX-2022）；省略时用申报县所在市已启用的派生规则集，否则用最新启用的省级规则集。
                返回每条规则一个结果：DECL-02（一县一镇、申报两个的县不超过全市县级单位 30%）、DECL-04（电商企业 ≥ 10 家；上年度网络零售额 ≥ 1000 万元或超 100 万元企业 ≥ 3 家）、
                DECL-05（市场主体 ≥ 20 家；上年度产值 ≥ 5000 万元；特色产品品类 1–2 个）、DECL-06（规划面积 0.5–5 平方公里或建筑面积 ≥ 50 万平方米），
                以及按三类县对照建设标准第 33、35、36、37 项的目标提示（STD-33/35/36/37，只作 Warning）。
                outcome 取值 Pass | Fail | NeedsEvidence | Warning；eligible = 没有 Fail。不保存任何数据。需登录且具有“申报条件自检”权限。
                """)
            .Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var g = app.MapGroup("/api/v1/eligibility-rule-sets").WithTags("申报");
        g.MapGet("/", async Task<Ok<IReadOnlyList<RuleSetRow>>> (EligibilityService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .RequireAuthorization(P(Permissions.Declaration.EligibilityCheck))
            .WithSummary("申报条件规则集列表（版本化数据：省级版本与市级从严派生版本）");
        g.MapGet("/{code}", async Task<Ok<RuleSetRow>> (string code, EligibilityService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(code, ct)))
            .RequireAuthorization(P(Permissions.Declaration.EligibilityCheck))
            .WithSummary("申报条件规则集详情（含全部阈值）");
        g.MapPost("/{code}/derive", async Task<Created<RuleSetRow>> (string code, DeriveRuleSetInput input, EligibilityService s, CancellationToken ct) =>
            {
                var row = await s.DeriveAsync(code, input, ct);
                return TypedResults.Created($"/api/v1/eligibility-rule-sets/{row.Code}", row);
            })
            .RequireAuthorization(P(Permissions.Declaration.RuleSetManage))
            .WithSummary("派生规则集")
            .WithDescription($"复制 {{code}} 的阈值（或使用请求中的 thresholds）生成新版本。cityCode 非空为市级派生：只能从严（{DeclarationErrors.RuleSetLooser}），市级用户只能派生本市的；cityCode 为空为省级新版本（仅省级）。新规则集未启用，可修改，启用后不可修改。")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapPut("/{code}/thresholds", async Task<NoContent> (string code, EligibilityThresholds thresholds, EligibilityService s, CancellationToken ct) =>
            {
                await s.UpdateThresholdsAsync(code, thresholds, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Declaration.RuleSetManage))
            .WithSummary($"修改未启用规则集的阈值（已启用的规则集不可修改：{DeclarationErrors.RuleSetInUse}）")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapPost("/{code}/adopt", async Task<NoContent> (string code, EligibilityService s, CancellationToken ct) =>
            {
                await s.AdoptAsync(code, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(P(Permissions.Declaration.RuleSetManage))
            .WithSummary("启用规则集：此后申报按其检查，且不可再修改");
    }
}
