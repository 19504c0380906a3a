using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Statistics.Dashboard;

/// <summary>
/// Dashboards under /api/v1/statistics/dashboard (issue #4 item 7). Each chart's data as JSON, or with
/// <c>format=xlsx</c> the same rows as the page's table view as an .xlsx file.
/// </summary>
public static class DashboardEndpoints
{
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapStatisticsDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/statistics/dashboard").WithTags("统计监测");

        g.MapGet("/completeness", async Task<Results<Ok<CompletenessView>, FileContentHttpResult>> (string period, string? format, DashboardService s, CancellationToken ct) =>
                Out(await s.CompletenessAsync(period, ct), format, DashboardCharts.Completeness))
            .RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("某月各市（省级）或各县（其他用户）统计报送完整性：应报、已报、按时（STAT-02）；format=xlsx 导出表格");
        g.MapGet("/completeness/trend", async Task<Results<Ok<CompletenessTrendView>, FileContentHttpResult>> (string period, string? cityCode, int? months,
                    string? format, DashboardService s, CancellationToken ct) =>
                Out(await s.CompletenessTrendAsync(period, cityCode, months ?? 12, ct), format, v => DashboardCharts.CompletenessTrend(v)))
            .RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("截至某月的近 12 个月报送完整性趋势（可按市筛选）；format=xlsx 导出表格");
        g.MapGet("/ranking", async Task<Results<Ok<RankingView>, FileContentHttpResult>> (string period, string indicator, string? measure, string? cityCode,
                    bool? approvedOnly, string? format, DashboardService s, CancellationToken ct) =>
                Out(await s.RankingAsync(period, indicator, DashboardService.ParseMeasure(measure), cityCode, approvedOnly ?? false, ct), format, DashboardCharts.Ranking))
            .RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("本辖区e镇按某指标排名：measure=ytd 本年累计、yoy 累计同比增速、target 年度目标完成率；未审核数据标出（approvedOnly=true 只计已审核）；format=xlsx 导出表格");
        g.MapGet("/trend", async Task<Results<Ok<EtownTrendView>, FileContentHttpResult>> (Guid etownId, string indicator, string? from, string? to,
                    bool? approvedOnly, string? format, DashboardService s, CancellationToken ct) =>
                Out(await s.TrendAsync(etownId, indicator, from, to, approvedOnly ?? false, ct), format, DashboardCharts.Trend))
            .RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("一个e镇某指标的逐月数值与本年累计（from/to 为 YYYY-MM，默认近 24 个月）；format=xlsx 导出表格");
        g.MapGet("/standards", async Task<Results<Ok<StandardsView>, FileContentHttpResult>> (string period, string? cityCode, bool? approvedOnly,
                    string? format, DashboardService s, CancellationToken ct) =>
                Out(await s.StandardsAsync(period, cityCode, approvedOnly ?? false, ct), format, DashboardCharts.Standards))
            .RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("某月本辖区e镇建设标准核验（STD-60、STD-36、STD-33 等）达标、未达标、无法判断的数量和名单；format=xlsx 导出表格");
    }

    /// <summary>JSON by default; <c>format=xlsx</c> writes the chart's table (<see cref="ChartXlsx"/>).</summary>
    internal static Results<Ok<T>, FileContentHttpResult> Out<T>(T value, string? format, Func<T, ChartData> chart)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "json":
                return TypedResults.Ok(value);
            case "xlsx":
                var data = chart(value);
                return TypedResults.File(ChartXlsx.Write(data), ChartXlsx.ContentType, ChartXlsx.FileName(data));
            default:
                var errors = new FieldErrors();
                errors.Add("format", "format 只能是 json 或 xlsx。");
                errors.ThrowIfAny();
                return TypedResults.Ok(value);
        }
    }
}
