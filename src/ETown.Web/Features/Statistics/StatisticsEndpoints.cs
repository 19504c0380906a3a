using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Statistics;

public sealed record UnlockBody(string? Reason);

/// <summary>Monthly statistics (STAT-01…05) under /api/v1/statistics.</summary>
public static class StatisticsEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/statistics").WithTags("统计监测");

        g.MapGet("/indicators", async Task<Ok<IReadOnlyList<IndicatorRow>>> (StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.IndicatorsAsync(ct))).RequireAuthorization(P(Permissions.Statistics.Read)).WithSummary("统计指标目录（STAT-01）");
        g.MapGet("/rules", async Task<Ok<IReadOnlyList<StatRuleRow>>> (StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RulesAsync(ct))).RequireAuthorization(P(Permissions.Statistics.Read)).WithSummary("数据校验规则（阻断/提示）");
        g.MapGet("/reports", async Task<Ok<StatCompleteness>> (string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(period, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("某统计期（YYYY-MM）本辖区各e镇的报送情况：应报、已报、按时（STAT-02）");

        var r = g.MapGroup("/etowns/{id:guid}/{period}");
        r.MapGet("", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("一个e镇一个月的统计报表（含上月、上年同月、同比与校验结果）");
        r.MapPut("", async Task<Ok<StatReportView>> (Guid id, string period, StatReportInput input, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SaveAsync(id, period, input, ct))).RequireAuthorization(P(Permissions.Statistics.Enter))
            .WithSummary("保存填报数据（已锁定时 409 ETOWN-STAT-0002）");
        r.MapPost("/submit", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SubmitAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Enter))
            .WithSummary("报送（阻断规则未通过或提示规则未备注时 422 ETOWN-STAT-0003）");
        r.MapPost("/approve", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ApproveAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Approve))
            .WithSummary("县级审核（审核后锁定）");
        r.MapPost("/city-acceptance", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AcceptByCityAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Accept))
            .WithSummary("市级接收（仅县级已审核的报表）");
        r.MapPost("/province-acceptance", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AcceptByProvinceAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Accept))
            .WithSummary("省级接收（仅市级已接收的报表）");
        r.MapPost("/unlock", async Task<Ok<StatReportView>> (Guid id, string period, UnlockBody body, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UnlockAsync(id, period, body.Reason, ct))).RequireAuthorization(P(Permissions.Statistics.Unlock))
            .WithSummary("县级解锁（须写明原因，自动记入审计日志）");

        g.MapPut("/values", async Task<Ok<StatReportView>> (StatValuesPut input, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PutValuesAsync(input, ct))).RequireAuthorization(P(Permissions.Statistics.Enter))
            .WithSummary("机器客户端（X-Api-Key）按（e镇、统计期、指标）幂等写入；submit=true 时一并报送");
    }
}
