using System.Globalization;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Notifications;
using ETown.Web.Platform.Scheduling;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ETown.Web.Features.Statistics;

public sealed record StatReminderResult(DateOnly Today, int BeforeDue, int Overdue)
{
    public int Created => BeforeDue + Overdue;
}

/// <summary>
/// Reporting reminders (STAT-02 “按时报送”), as DHIS2 sends them: for every e-town assigned a data set whose report of a
/// recent period is not yet submitted, a "before due" message from <see cref="StatDataSet.RemindDaysBefore"/> working days
/// before the due date, and an "overdue" message after it. Each goes once per (kind, e-town, period, recipient) — the
/// notification dedup key — to the operator organisations assigned to the e-town and the county's e-town office
/// (or, where there is none, the county government). Run daily by <see cref="StatReminderJob"/> (whole province,
/// as system) and on demand by the province or a county (its own e-towns).
/// </summary>
public sealed class StatReminderService(EtownDb db, Caller caller, WorkingCalendar calendar, TimeProvider clock)
{
    public const string BeforeDueKind = "before-due";
    public const string OverdueKind = "overdue";

    public static string DedupKey(string kind, Guid etownId, string period, Guid organisationId) =>
        $"stat-reminder:{kind}:{etownId:N}:{period}:{organisationId:N}";

    /// <summary>On demand: today in Asia/Shanghai.</summary>
    public Task<StatReminderResult> RunNowAsync(CancellationToken ct = default) => RunAsync(clock.ChinaToday(), ct);

    public async Task<StatReminderResult> RunAsync(DateOnly today, CancellationToken ct = default)
    {
        if (!caller.Scope.IsSystem) caller.Require(Permissions.Statistics.ReminderRun);
        await using var ctx = db.Create(caller);
        var sets = await ctx.StatDataSets.AsNoTracking().ToListAsync(ct);
        // The e-towns in the caller's scope that report (scope filters apply), with their data sets.
        var towns = await ctx.Etowns.AsNoTracking()
            .Where(e => e.Status != EtownStatus.Declared && e.Status != EtownStatus.Withdrawn)
            .Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var townIds = towns.Select(t => t.Id).ToList();
        var assigned = (await ctx.StatDataSetAssignments.AsNoTracking().Where(a => townIds.Contains(a.EtownId))
            .Select(a => new { a.EtownId, a.DataSetCode }).ToListAsync(ct)).ToLookup(a => a.EtownId, a => a.DataSetCode);

        // Candidate periods: the current one and the two before (monthly), this year and last (annual).
        var month = new StatPeriod(today.Year, today.Month);
        var periods = new Dictionary<string, StatPeriod[]>
        {
            [StatDataSet.Monthly] = [month, month.Previous, month.Previous.Previous],
            [StatDataSet.Annual] = [StatPeriod.ForYear(today.Year), StatPeriod.ForYear(today.Year - 1)],
        };
        var keys = periods.Values.SelectMany(p => p).Select(p => p.ToString()).ToList();
        var reports = (await ctx.StatReports.AsNoTracking().Where(r => keys.Contains(r.Period) && townIds.Contains(r.EtownId))
                .Select(r => new { r.EtownId, r.Period, r.DueOn, r.Status, r.SubmittedAt }).ToListAsync(ct))
            .ToDictionary(r => (r.EtownId, r.Period));

        // Recipients are read across scopes (an operator may sit outside the county); only the towns above are reminded.
        var operators = (await ctx.EtownAssignments.IgnoreQueryFilters().AsNoTracking()
                .Where(a => townIds.Contains(a.EtownId) && a.Kind == AssignmentKind.Operator
                            && (a.ValidFrom == null || a.ValidFrom <= today) && (a.ValidTo == null || a.ValidTo >= today))
                .Join(ctx.Organisations.IgnoreQueryFilters().Where(o => o.IsActive), a => a.OrganisationId, o => o.Id, (a, o) => new { a.EtownId, o.Id })
                .ToListAsync(ct))
            .ToLookup(x => x.EtownId, x => x.Id);
        var counties = towns.Select(t => t.CountyCode).Distinct().ToList();
        var countyOrgs = (await ctx.Organisations.IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.IsActive && counties.Contains(o.RegionCode)
                            && (o.Kind == OrganisationKind.CountyEtownOffice || o.Kind == OrganisationKind.CountyGovernment))
                .Select(o => new { o.Id, o.RegionCode, o.Kind }).ToListAsync(ct))
            .GroupBy(o => o.RegionCode)
            .ToDictionary(g => g.Key, g => (g.Any(o => o.Kind == OrganisationKind.CountyEtownOffice)
                ? g.Where(o => o.Kind == OrganisationKind.CountyEtownOffice) : g).Select(o => o.Id).ToList());

        var drafts = new List<(string Kind, NotificationDraft Draft)>();
        foreach (var town in towns)
        foreach (var set in sets.Where(s => assigned[town.Id].Contains(s.Code)).OrderBy(s => s.SortOrder))
        foreach (var p in periods.GetValueOrDefault(set.Code, []))
        {
            var key = p.ToString();
            var report = reports.GetValueOrDefault((town.Id, key));
            if (report is not null && (report.SubmittedAt is not null || report.Status >= StatReportStatus.Submitted)) continue;
            var due = report?.DueOn ?? set.DueOn(p, calendar);
            string kind;
            if (today > due) kind = OverdueKind;
            else if (set.RemindOn(due, calendar) is { } remindOn && today >= remindOn) kind = BeforeDueKind;
            else continue;

            var label = p.IsAnnual ? $"{key} 年度" : $"{key} 月度";
            var title = kind == OverdueKind
                ? $"统计报送逾期：{town.Name} {label}统计报表"
                : $"统计报送提醒：{town.Name} {label}统计报表 {due:yyyy-MM-dd} 截止";
            var body = kind == OverdueKind
                ? $"{town.Name} {label}统计报表（{set.Name}）已于 {due:yyyy-MM-dd} 截止，至 {today:yyyy-MM-dd} 尚未报送。请尽快填报并报送，逾期情况计入报送及时率（STAT-02）。"
                : $"{town.Name} {label}统计报表（{set.Name}）尚未报送，截止日期为 {due:yyyy-MM-dd}（统计期结束后第 {set.DueWorkingDays} 个工作日）。请按时填报并报送（STAT-02）。";
            var link = $"/statistics/{town.Id}/{key}";
            var recipients = operators[town.Id].Concat(countyOrgs.GetValueOrDefault(town.CountyCode, [])).Distinct();
            drafts.AddRange(recipients.Select(org => (kind, new NotificationDraft(org, title, body, link, DedupKey(kind, town.Id, key, org)))));
        }

        var added = (await Notifier.AddOnceAsync(ctx, drafts.Select(d => d.Draft), clock.GetUtcNow(), ct)).Select(n => n.DedupKey).ToHashSet();
        var result = new StatReminderResult(today,
            drafts.Count(d => d.Kind == BeforeDueKind && added.Contains(d.Draft.DedupKey)),
            drafts.Count(d => d.Kind == OverdueKind && added.Contains(d.Draft.DedupKey)));
        ctx.AddAuditEvent("RunStatReminders", "StatReminder", today.ToString("yyyy-MM-dd"), "Success",
            after: new { result.BeforeDue, result.Overdue, Scope = caller.Scope.Describe() });
        await ctx.SaveChangesAsync(ct);
        return result;
    }
}

/// <summary>
/// The daily reminder run (STAT-02) on the platform scheduler: every day at 06:00 China time, as the system, for the
/// whole province. A run missed while no instance was up runs once when one is; with several instances it runs on one
/// (clustered job store), and a repeated run adds nothing (notification dedup keys). A trigger may carry
/// <see cref="DayKey"/> (yyyy-MM-dd) to run for another day (re-running a missed day; tests).
/// </summary>
[DisallowConcurrentExecution]
public sealed class StatReminderJob(StatReminderService reminders, TimeProvider clock, ILogger<StatReminderJob> log) : IJob
{
    public const string Name = "statistics-reminders";
    public const string DayKey = "day";
    public static readonly string Schedule = RecurringSchedule.DailyAt(6);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var day = context.MergedJobDataMap.TryGetValue(DayKey, out var v) && v is string text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : clock.ChinaToday();
        var r = await reminders.RunAsync(day, cancellationToken);
        log.LogInformation("统计报送提醒 {Today}：到期前提醒 {BeforeDue} 条，逾期提醒 {Overdue} 条。",
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.BeforeDue, r.Overdue);
    }
}
