using ETown.Web.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Features.Statistics.Analytics;

public sealed record TargetsBody(IReadOnlyList<TargetInput> Targets);

/// <summary>Derived figures, targets and the city's official growth (issue #4 items 6 and 10) under /api/v1/statistics.</summary>
public static class StatAnalyticsEndpoints
{
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static string P(string permission) => PermissionPolicyProvider.Prefix + permission;

    public static void MapStatAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/statistics").WithTags("统计监测");

        g.MapGet("/derived", async Task<Ok<IReadOnlyList<EtownDerived>>> (string period, string? cityCode, bool? approvedOnly, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ScopeAsync(period, approvedOnly ?? false, cityCode, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("本辖区各e镇某月的派生指标：本年累计、同比、年度目标完成率、STD-60/33/36/37，并标明数据是否已审核");
        g.MapGet("/derived.xlsx", async Task<FileContentHttpResult> (string period, string? cityCode, bool? approvedOnly, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.File(await s.XlsxAsync(period, approvedOnly ?? false, cityCode, ct), Xlsx, $"指标分析-{period}.xlsx"))
            .RequireAuthorization(P(Permissions.Statistics.Read)).WithSummary("派生指标导出为 Excel");
        g.MapGet("/etowns/{id:guid}/{period}/derived", async Task<Ok<EtownDerived>> (Guid id, string period, bool? approvedOnly, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.EtownAsync(id, period, approvedOnly ?? false, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("一个e镇某月的派生指标");
        g.MapGet("/etowns/{id:guid}/trend", async Task<Ok<IReadOnlyList<TrendPoint>>> (Guid id, string indicator, string from, string to, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.TrendAsync(id, indicator, from, to, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("一个e镇一项指标的月度趋势（当月值与本年累计）");
        g.MapGet("/etowns/{id:guid}/targets", async Task<Ok<IReadOnlyList<TargetRow>>> (Guid id, int year, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.TargetsAsync(id, year, ct))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("年度目标：申报书目标优先，无申报书目标时为填报目标");
        g.MapPut("/etowns/{id:guid}/targets", async Task<Ok<IReadOnlyList<TargetRow>>> (Guid id, int year, TargetsBody body, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetTargetsAsync(id, year, body.Targets ?? [], ct))).RequireAuthorization(P(Permissions.Statistics.TargetSet))
            .WithSummary("填报年度目标（申报书已有目标的指标不能填报）");
        g.MapGet("/city-figures", async Task<Ok<CityFigureRow>> (string cityCode, string period, string? indicator, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.CityFigureAsync(cityCode, period, ct, indicator))).RequireAuthorization(P(Permissions.Statistics.Read))
            .WithSummary("所在市总产值增速：官方数据与按本市e镇计算的数据（STD-33）");
        g.MapPut("/city-figures", async Task<Ok<CityFigureRow>> (CityFigureInput input, StatAnalyticsService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetCityFigureAsync(input, ct))).RequireAuthorization(P(Permissions.Statistics.CityFigureSet))
            .WithSummary("填报本市 1–M 月总产值官方增速（市、省）");
    }
}
