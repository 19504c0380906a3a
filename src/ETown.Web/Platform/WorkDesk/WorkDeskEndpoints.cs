using Microsoft.AspNetCore.Http.HttpResults;

namespace ETown.Web.Platform.WorkDesk;

/// <summary>The caller's to-do list under /api/v1/workdesk (any signed-in user; items come from the caller's own scope).</summary>
public static class WorkDeskEndpoints
{
    public static void MapWorkDeskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/workdesk", async Task<Ok<WorkDeskView>> (string? module, WorkDesk desk, CancellationToken ct) =>
                TypedResults.Ok(await desk.OpenAsync(module, ct)))
            .RequireAuthorization().WithTags("工作台")
            .WithSummary("我的待办：各模块中本人需要办理的事项，逾期在前、按截止日期排序；module=模块名 只看一个模块");
        app.MapGet("/api/v1/workdesk/done", async Task<Ok<IReadOnlyList<DoneWorkItem>>> (string? module, WorkDesk desk, CancellationToken ct) =>
                TypedResults.Ok(await desk.DoneAsync(module, ct: ct)))
            .RequireAuthorization().WithTags("工作台")
            .WithSummary($"我的已办：近 {WorkDesk.DoneDays} 天内从本人待办中办结的事项，最近的在前；module=模块名 只看一个模块");
    }
}
