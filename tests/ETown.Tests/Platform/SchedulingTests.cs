using ETown.Tests.Infrastructure;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Scheduling;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ETown.Tests.Platform;

/// <summary>
/// Scheduled work (issue #9 item 4) on the real scheduler and database: the daily reminder job is stored in the
/// qrtz_ tables, runs as the system in its own scope, and its notifications exist once however often it fires;
/// on PostgreSQL two instances share the job store and the work is still done once.
/// </summary>
public class SchedulingTests
{
    static readonly Dictionary<string, string?> On = new() { ["Scheduling:Enabled"] = "true" };
    static readonly JobKey Key = SchedulingSetup.KeyOf(StatReminderJob.Name);
    const string Day = "2026-05-12"; // 2026-04 was due 11 May: overdue reminders for every unsubmitted demo e-town

    static async Task<IScheduler> SchedulerOf(EtownAppFactory app)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 100 && scheduler.Status != SchedulerStatus.Running; i++) await Task.Delay(100);
        Assert.Equal(SchedulerStatus.Running, scheduler.Status);
        return scheduler;
    }

    static async Task<int> RunsAsync(EtownAppFactory app, string day)
    {
        await using var ctx = app.SystemContext();
        return await ctx.AuditRecords.CountAsync(a => a.Action == "RunStatReminders" && a.UserName == "system" && a.EntityId == day);
    }

    static async Task WaitForRunsAsync(EtownAppFactory app, string day, int n)
    {
        for (var i = 0; i < 200 && await RunsAsync(app, day) < n; i++) await Task.Delay(100);
        Assert.Equal(n, await RunsAsync(app, day));
    }

    /// <summary>Reminder notifications by dedup key: each must be there once.</summary>
    static async Task<Dictionary<string, int>> RemindersAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return (await ctx.Notifications.Where(n => n.DedupKey.StartsWith("stat-reminder:")).Select(n => n.DedupKey).ToListAsync())
            .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
    }

    static JobDataMap For(string day) => new() { [StatReminderJob.DayKey] = day };

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task ReminderJob_IsStored_RunsThroughQuartzAsSystem_NotificationsOnce(string provider)
    {
        await using var app = new EtownAppFactory(provider, settings: On).Start();
        var scheduler = await SchedulerOf(app);

        // Declared by the statistics module, kept in the database: daily at 06:00 China time.
        Assert.Equal(1L, Convert.ToInt64(await app.ScalarAsync("SELECT count(*) FROM qrtz_job_details WHERE job_name = 'statistics-reminders'")));
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(Key)));
        var next = trigger.NextFireTimeUtc!.Value.ToChina();
        Assert.Equal((6, 0), (next.Hour, next.Minute));
        Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, trigger.MisfireInstruction);

        await scheduler.TriggerJob(Key, For(Day));
        await WaitForRunsAsync(app, Day, 1); // the audit says "system": the job ran with the system caller
        var first = await RemindersAsync(app);
        Assert.NotEmpty(first);
        Assert.All(first.Values, n => Assert.Equal(1, n));

        // Fired again for the same day: nothing new.
        await scheduler.TriggerJob(Key, For(Day));
        await WaitForRunsAsync(app, Day, 2);
        Assert.Equal(first, await RemindersAsync(app));

        // Without a day it runs for today's China date.
        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday().ToString("yyyy-MM-dd");
        await scheduler.TriggerJob(Key);
        await WaitForRunsAsync(app, today, 1);
    }

    [Theory, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task TwoInstances_OneDatabase_SameJobFiredOnBoth_RemindersOnce(string provider)
    {
        var configValue = Databases.CreateDatabase(provider, out var cleanup);
        await using var a = EtownAppFactory.OnExisting(provider, configValue, cleanup, demo: true, On).Start();
        await using var b = EtownAppFactory.OnExisting(provider, configValue, "etown_test_none_" + Guid.NewGuid().ToString("N"), demo: true, On).Start();
        var (sa, sb) = (await SchedulerOf(a), await SchedulerOf(b));
        Assert.NotEqual(sa.SchedulerInstanceId, sb.SchedulerInstanceId);
        // Both check in to the cluster.
        for (var i = 0; i < 100 && Convert.ToInt64(await a.ScalarAsync("SELECT count(*) FROM qrtz_scheduler_state")) < 2; i++) await Task.Delay(100);
        Assert.Equal(2L, Convert.ToInt64(await a.ScalarAsync("SELECT count(*) FROM qrtz_scheduler_state")));

        await Task.WhenAll(sa.TriggerJob(Key, For(Day)).AsTask(), sb.TriggerJob(Key, For(Day)).AsTask());
        await WaitForRunsAsync(a, Day, 2); // never side by side (DisallowConcurrentExecution across the cluster)
        var reminders = await RemindersAsync(a);
        Assert.NotEmpty(reminders);
        Assert.All(reminders.Values, n => Assert.Equal(1, n));
    }
}
