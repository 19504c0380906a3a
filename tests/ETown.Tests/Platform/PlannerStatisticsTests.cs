using ETown.Tests.Infrastructure;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Platform;

/// <summary>
/// Issue #16: SQLite plans the month figures' join well only with the planner's statistics (docs/benchmarks.md). They are
/// built at start-up and refreshed by a nightly job.
/// </summary>
public class PlannerStatisticsTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static async Task<long> StatRowsAsync(EtownDbContext ctx, string index)
    {
        var conn = ctx.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
        if ((long)(await cmd.ExecuteScalarAsync())! == 0) return 0;
        cmd.CommandText = "SELECT count(*) FROM sqlite_stat1 WHERE idx = $idx";
        var p = cmd.CreateParameter(); p.ParameterName = "$idx"; p.Value = index; cmd.Parameters.Add(p);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task StartUp_BuildsThem_AndTheNightlyJob_BuildsThemAgain()
    {
        var app = apps["Sqlite"];
        const string index = "IX_StatValues_ReportId_IndicatorCode";
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal(1, await StatRowsAsync(ctx, index));
            await ctx.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1");
            Assert.Equal(0, await StatRowsAsync(ctx, index));
        }

        var job = Assert.Single(app.Services.GetServices<RecurringJob>(), j => j.Name == PlannerStatisticsJob.Name);
        Assert.Equal(typeof(PlannerStatisticsJob), job.JobType);
        Assert.Equal(RecurringSchedule.DailyAt(3), job.Cron);
        await new PlannerStatisticsJob(app.Services.GetRequiredService<EtownDb>()).Execute(null!);

        await using (var ctx = app.SystemContext())
            Assert.Equal(1, await StatRowsAsync(ctx, index));
    }
}
