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
