using System.Globalization;
using ETown.Web.Platform.Scheduling;
using ETown.Web.Platform.Time;
using Quartz;

namespace ETown.Web.Features.Acceptance;

/// <summary>ACC-06/07: each morning, e-towns whose whole-project acceptance passed and whose notice ended without open objection become 已验收.</summary>
public sealed class AcceptanceFinaliseJob(AcceptanceService acceptance, TimeProvider clock, ILogger<AcceptanceFinaliseJob> log) : IJob
{
    public const string Name = "acceptance-finalise";
    public const string DayKey = "day";
    public static readonly string Schedule = RecurringSchedule.DailyAt(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var day = context.MergedJobDataMap.TryGetValue(DayKey, out var v) && v is string text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : clock.ChinaToday();
        var n = await acceptance.FinaliseDueAsync(day, cancellationToken);
        log.LogInformation("验收认定 {Today}：{Count} 个e镇认定为已验收。", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), n);
    }
}
