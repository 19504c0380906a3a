using ETown.Web.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ETown.Web.Platform.Data;

/// <summary>
/// The query planner's statistics (issue #16). SQLite keeps none until ANALYZE runs, and without them it drives the join
/// of a month's figures from the wrong side: every value of the summed indicators, then each value's report — four times
/// the work of reading the e-towns' reports of the months first (docs/benchmarks.md). Refreshed at start-up and every night;
/// <c>analysis_limit</c> samples each index, so a refresh costs milliseconds at province scale. PostgreSQL's autovacuum
/// analyses on its own, so there is nothing to do there.
/// </summary>
public static class PlannerStatistics
{
    public static async Task RefreshAsync(EtownDbContext ctx, CancellationToken ct = default)
    {
        if (!ctx.Database.IsSqlite()) return;
        await ctx.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", ct);
    }
}

/// <summary>The nightly refresh of <see cref="PlannerStatistics"/> (03:00 China time, after the day's imports).</summary>
[DisallowConcurrentExecution]
public sealed class PlannerStatisticsJob(EtownDb db) : IJob
{
    public const string Name = "planner-statistics";
    public static readonly string Schedule = RecurringSchedule.DailyAt(3);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var ctx = db.CreateSystem();
        await PlannerStatistics.RefreshAsync(ctx, cancellationToken);
    }
}
