using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Notifications;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

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
/// (or, where there is none, the county government). Run daily by <see cref="StatReminderWorker"/> (whole province,
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
/// Runs the reminders once a day (Asia/Shanghai date) as the system: at start-up, then whenever the date has changed
/// (checked hourly; <c>Statistics:Reminders:CheckInterval</c>). A failure is logged and retried at the next check; it
/// never stops the host. Off with <c>Statistics:Reminders:Enabled=false</c> (tests, or a second instance).
/// </summary>
public sealed class StatReminderWorker(IServiceProvider services, IConfiguration config, TimeProvider clock, ILogger<StatReminderWorker> log)
    : BackgroundService
{
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up the host's start
        if (!config.GetValue("Statistics:Reminders:Enabled", true)) return;
        var every = config.GetValue("Statistics:Reminders:CheckInterval", DefaultCheckInterval);
        if (every <= TimeSpan.Zero) every = DefaultCheckInterval;
        DateOnly? done = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var today = clock.ChinaToday();
            if (done != today)
            {
                try
                {
                    using var scope = services.CreateScope();
                    scope.ServiceProvider.GetRequiredService<Caller>().SetSystem();
                    var r = await scope.ServiceProvider.GetRequiredService<StatReminderService>().RunAsync(today, stoppingToken);
                    done = today;
                    log.LogInformation("统计报送提醒 {Today}：到期前提醒 {BeforeDue} 条，逾期提醒 {Overdue} 条。", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.BeforeDue, r.Overdue);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception ex)
                {
                    log.LogWarning(ex, "统计报送提醒运行失败，{Minutes} 分钟后重试。", every.TotalMinutes);
                }
            }
            try { await Task.Delay(every, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
