using System.Linq.Expressions;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Statistics;

public sealed record UnlockBody(string? Reason);

/// <summary>Monthly and annual statistics (STAT-01…05) under /api/v1/statistics. A period is "YYYY-MM" (month) or "YYYY" (year).</summary>
public static class StatisticsEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    /// <summary>If-Match / ETag (issue #17 finding 13): the route names the e-town and the period; a bad period is left to the handler's 400.</summary>
    static Expression<Func<StatReport, bool>>? ReportOfThePeriod(HttpContext http)
    {
        if (!http.Request.RouteValues.TryGetValue("id", out var raw) || !Guid.TryParse(raw?.ToString(), out var etownId)) return null;
        StatPeriod period;
        try { period = StatPeriod.Parse(http.Request.RouteValues["period"]?.ToString()); }
        catch (ETown.Web.Platform.ValidationFailedException) { return null; }
        var key = period.ToString();
        return r => r.EtownId == etownId && r.Period == key;
    }

    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/statistics").WithTags("统计监测");

        g.MapGet("/indicators", async Task<Ok<IReadOnlyList<IndicatorRow>>> (StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.IndicatorsAsync(ct))).RequireAuthorization(P(Permissions.Statistics.Read)).WithSummary("统计指标目录（STAT-01）");
        g.MapPost("/indicators", async Task<Created<CatalogueIndicator>> (IndicatorInput input, StatCatalogueService s, CancellationToken ct) =>
        {
            var row = await s.CreateIndicatorAsync(input, ct);
            return TypedResults.Created($"/api/v1/statistics/indicators/{row.Code}", row);
        }).RequireAuthorization(P(Permissions.Statistics.CatalogueManage))
            .WithSummary("省级新增统计指标（累计指标自动加“不小于上期”阻断规则）；填报页、模板、校验与分析随之出现，无需改代码");
        g.MapPut("/indicators/{code}", async Task<Ok<CatalogueIndicator>> (string code, IndicatorInput input, StatCatalogueService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateIndicatorAsync(code, input, ct))).RequireAuthorization(P(Permissions.Statistics.CatalogueManage))
            .WithSummary("省级修改统计指标（已有填报数据的指标不能改周期、汇总方式与是否累计）");
        g.MapPost("/rules", async Task<Created<StatRuleRow>> (StatRuleInput input, StatCatalogueService s, CancellationToken ct) =>
        {
            var row = await s.CreateRuleAsync(input, ct);
            return TypedResults.Created($"/api/v1/statistics/rules/{row.Code}", row);
        }).RequireAuthorization(P(Permissions.Statistics.CatalogueManage))
            .WithSummary("省级新增数据校验规则：左侧指标 运算符 系数 × 右侧（指标、数字、previous_month、same_month_last_year），阻断或提示");
        g.MapPut("/rules/{code}", async Task<Ok<StatRuleRow>> (string code, StatRuleInput input, StatCatalogueService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateRuleAsync(code, input, ct))).RequireAuthorization(P(Permissions.Statistics.CatalogueManage))
            .WithSummary("省级修改或停用/启用数据校验规则（规则不删除，停用后不再检查）");
        g.MapGet("/rules", async Task<Ok<IReadOnlyList<StatRuleRow>>> (StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RulesAsync(ct))).RequireAuthorization(P(Permissions.Statistics.Read)).WithSummary("数据校验规则（阻断/提示）");
        g.MapGet("/reports", async Task<Ok<StatCompleteness>> (string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(period, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("某统计期（月报 YYYY-MM，年报 YYYY）本辖区各e镇的报送情况：应报、已报、按时（STAT-02）");

        g.MapPost("/reports/acceptance", async Task<Ok<StatPeriodAcceptance>> (string period, string? cityCode, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AcceptPeriodAsync(period, cityCode, ct))).RequireAuthorization(P(Permissions.Statistics.Accept))
            .WithSummary($"本期整体接收：市级在本市全部应报e镇经县级审核后、省级在全部（或 cityCode 指定市的）应报e镇经市级接收后一次接收；否则 409 {StatisticsErrors.PeriodNotReady} 并列出未完成的e镇");

        var r = g.MapGroup("/etowns/{id:guid}/{period}");
        r.MapGet("", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("一个e镇一期的统计报表（含上期、上年同期、同比、校验结果与上次审核以来的修改；ETag 为版本号）")
            .WithVersionTag<StatReport, RouteHandlerBuilder>(ReportOfThePeriod);
        r.MapPut("", async Task<Ok<StatReportView>> (Guid id, string period, StatReportInput input, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SaveAsync(id, period, input, ct))).RequireAuthorization(P(Permissions.Statistics.Enter))
            .WithSummary($"保存填报数据（已锁定时 409 {StatisticsErrors.Locked}；If-Match 过期则 409）")
            .WithVersionTag<StatReport, RouteHandlerBuilder>(ReportOfThePeriod);
        r.MapPost("/submit", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SubmitAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Enter))
            .WithSummary($"报送（阻断规则未通过或提示规则未备注时 422 {StatisticsErrors.RulesFailed}）");
        r.MapPost("/approve", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ApproveAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Approve))
            .WithSummary("县级审核（审核后锁定）");
        r.MapPost("/city-acceptance", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AcceptByCityAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Accept))
            .WithSummary("市级接收（仅县级已审核的报表）");
        r.MapPost("/province-acceptance", async Task<Ok<StatReportView>> (Guid id, string period, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AcceptByProvinceAsync(id, period, ct))).RequireAuthorization(P(Permissions.Statistics.Accept))
            .WithSummary("省级接收（仅市级已接收的报表）");
        // County (Unlock), city and province (UnlockAccepted): the service decides by the caller's level.
        r.MapPost("/unlock", async Task<Ok<StatReportView>> (Guid id, string period, UnlockBody body, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UnlockAsync(id, period, body.Reason, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("解锁退回填报：县级解锁已审核、市级解锁市级已接收、省级解锁省级已接收的报表（须写明原因，自动记入审计日志）");

        g.MapPut("/values", async Task<Ok<StatReportView>> (StatValuesPut input, StatisticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PutValuesAsync(input, ct))).RequireAuthorization(P(Permissions.Statistics.Enter))
            .WithSummary("机器客户端（X-Api-Key）按（e镇、统计期、指标）幂等写入；submit=true 时一并报送");

        g.MapGet("/data-sets", async Task<Ok<IReadOnlyList<StatDataSetRow>>> (StatDataSetService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("统计数据集（月报、年报）：截止工作日、提前提醒天数、本辖区分配的e镇数（STAT-02）");
        g.MapPut("/data-sets", async Task<Ok<IReadOnlyList<StatDataSetRow>>> (StatDataSetsInput input, StatDataSetService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(input, ct))).RequireAuthorization(P(Permissions.Statistics.DataSetManage))
            .WithSummary("省级设置数据集截止工作日与提前提醒天数（只影响此后新建的报表，自动记入审计日志）");
        g.MapGet("/data-sets/assignments", async Task<Ok<IReadOnlyList<StatAssignmentRow>>> (StatDataSetService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AssignmentsAsync(ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("本辖区报送统计的e镇及各自应报的数据集（月报、年报）");
        g.MapPut("/data-sets/assignments/{etownId:guid}", async Task<Ok<StatAssignmentRow>> (Guid etownId, StatAssignmentInput input, StatDataSetService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetAssignmentsAsync(etownId, input, ct))).RequireAuthorization(P(Permissions.Statistics.DataSetManage))
            .WithSummary("省级设置一个e镇应报的数据集（至少一个；应报数、完整率和提醒随之变化，已填报表保留；自动记入审计日志）");
        g.MapPost("/reminders/run", async Task<Ok<StatReminderResult>> (StatReminderService s, CancellationToken ct) =>
            TypedResults.Ok(await s.RunNowAsync(ct))).RequireAuthorization(P(Permissions.Statistics.ReminderRun))
            .WithSummary("立即按今天（北京时间）发送到期前与逾期报送提醒（省：全省；县：本县），同一提醒只发一次");
    }
}
