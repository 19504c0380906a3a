using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Quartz;

namespace ETown.Web.Platform.Scheduling;

/// <summary>
/// A recurring job a module declares with <see cref="SchedulingSetup.AddRecurringJob{TJob}"/>: its stable name (job
/// and trigger key) and a Quartz cron expression in UTC (use <see cref="RecurringSchedule.DailyAt"/> for China time).
/// </summary>
public sealed record RecurringJob(string Name, Type JobType, string Cron);

/// <summary>Schedules modules use: plain cron, or once a day at a China wall-clock time.</summary>
public static class RecurringSchedule
{
    /// <summary>
    /// Every day at <paramref name="hour"/>:<paramref name="minute"/> China time, written in UTC: China keeps UTC+8 all
    /// year (ChinaTime), so the shift is exact and no time-zone database is needed where the trigger is read back.
    /// </summary>
    public static string DailyAt(int hour, int minute = 0) =>
        FormattableString.Invariant($"0 {minute} {((hour - (int)Time.ChinaTime.Offset.TotalHours) % 24 + 24) % 24} * * ?");
}

/// <summary>
/// Scheduled work (issue #9 item 4): Quartz.NET with its ADO job store in the platform database (tables qrtz_*, created
/// by the Initial migration from QuartzSchema), so jobs and their next fire times survive restarts; on PostgreSQL the instances form
/// a cluster and each firing runs on exactly one of them. Every job runs in its own DI scope as the system caller;
/// recurring jobs never overlap (<see cref="DisallowConcurrentExecutionAttribute"/>) and a firing missed while no
/// instance ran (e.g. the server was down at 06:00) runs once as soon as one is up again, not once per missed day.
/// Off with <c>Scheduling:Enabled=false</c> (tests that run jobs by hand, a read-only replica).
/// </summary>
public static class SchedulingSetup
{
    public const string TablePrefix = "qrtz_";
    public const string Group = "etown";

    public static JobKey KeyOf(string name) => new(name, Group);

    /// <summary>Declares a recurring job (call from a module's AddServices); its cron is read in UTC.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, string cron)
        where TJob : class, IJob
    {
        _ = CronScheduleBuilder.Create(cron); // a malformed expression fails at start-up, not at 06:00
        services.AddSingleton(new RecurringJob(name, typeof(TJob), cron));
        return services;
    }

    public static bool Enabled(IConfiguration config) => config.GetValue("Scheduling:Enabled", true);

    /// <summary>The scheduler, after all modules have declared their jobs.</summary>
    public static IServiceCollection AddEtownScheduling(this IServiceCollection services, IConfiguration config, DatabaseSettings db)
    {
        if (!Enabled(config)) return services;
        var jobs = services.Where(d => d.ServiceType == typeof(RecurringJob) && d.ImplementationInstance is RecurringJob)
            .Select(d => (RecurringJob)d.ImplementationInstance!).ToList();
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(s =>
            {
                if (db.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(db.ConnectionString);
                    // Several app instances on one database: one of them runs each firing; a dead one's work is recovered.
                    s.UseClustering(c => { c.CheckinInterval = TimeSpan.FromSeconds(15); c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30); });
                }
                else s.UseSqlite(db.ConnectionString);
                s.ConfigureStore(o => o.TablePrefix = TablePrefix);
                s.UseSystemTextJsonSerializer();
            });
            // Each job is built in its own scope; the scoped caller is the system (as the old BackgroundService did).
            q.ConfigureJobScope((scope, _, _) => scope.ServiceProvider.GetRequiredService<Caller>().SetSystem());
            foreach (var job in jobs)
            {
                var key = KeyOf(job.Name);
                q.AddJob(job.JobType, j => j.WithIdentity(key).StoreDurably().DisallowConcurrentExecution());
                q.AddTrigger(t => t.ForJob(key).WithIdentity(job.Name, Group)
                    .WithCronSchedule(job.Cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
