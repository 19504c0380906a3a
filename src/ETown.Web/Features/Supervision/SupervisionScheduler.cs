using System.Globalization;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Notifications;
using ETown.Web.Platform.Scheduling;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ETown.Web.Features.Supervision;

public sealed record SupervisionRunResult(DateOnly Today, int Created, int Reminded, int Missed, int SecondNotices, int Escalated);

/// <summary>
/// The daily supervision run (SUP-02, SUP-05) for a given China date: creates the due inspections of the current
/// periods from each county's rule set in force, reminds the county N working days before a due date, flags a period that
/// ended without an inspection (missed: a gap on every board), and moves overdue rectifications up — a first notice past
/// its deadline gets a second notice with a new deadline, a second notice past its deadline is escalated (request to
/// terminate the contract) and the city is told. Idempotent: a second run the same day adds nothing (unique due rows,
/// notification dedup keys, state checks).
/// </summary>
public sealed class SupervisionScheduler(EtownDb db, Caller caller, WorkingCalendar calendar, TimeProvider clock)
{
    public const string SystemActor = "系统（逾期自动处理）";

    static readonly EtownStatus[] Supervised = [EtownStatus.Listed, EtownStatus.UnderConstruction, EtownStatus.Accepted, EtownStatus.Operating];

    /// <summary>Does a rule apply to an e-town in this state? Construction until accepted; funds while supervised; operation once operating.</summary>
    public static bool Applies(FrequencyRule rule, EtownStatus status) => rule.Kind switch
    {
        InspectionKind.Construction => status is EtownStatus.Listed or EtownStatus.UnderConstruction,
        InspectionKind.FundUse => Supervised.Contains(status),
        InspectionKind.Operation => status == EtownStatus.Operating,
        _ => false,
    };

    public async Task<SupervisionRunResult> RunAsync(DateOnly today, CancellationToken ct = default)
    {
        if (!caller.Scope.IsSystem) throw new ForbiddenException("日常监管定时任务由系统执行。");
        await using var ctx = db.Create(caller);
        var now = clock.GetUtcNow();
        var towns = await ctx.Etowns.AsNoTracking().Where(e => Supervised.Contains(e.Status)).ToListAsync(ct);
        var sets = await ctx.SupervisionRuleSets.AsNoTracking().Where(s => s.IsInUse).ToListAsync(ct);
        var townIds = towns.Select(t => t.Id).ToList();
        var existing = (await ctx.InspectionDues.Where(d => townIds.Contains(d.EtownId)).Select(d => new { d.EtownId, d.Kind, d.PeriodKey }).ToListAsync(ct))
            .Select(d => (d.EtownId, d.Kind, d.PeriodKey)).ToHashSet();

        // 1. Due inspections of the current periods (SUP-02).
        var created = 0;
        var remindDays = new Dictionary<(Guid, InspectionKind), int>();
        foreach (var town in towns)
        {
            var set = SupervisionRuleSet.Lifecycle.Resolve(sets, town.CountyCode, DataScope.CityCodeOf(town.CountyCode));
            if (set is null) continue;
            foreach (var rule in set.Rules.Where(r => Applies(r, town.Status)))
            {
                remindDays[(town.Id, rule.Kind)] = rule.RemindWorkingDays;
                if (SupervisionPeriod.Of(rule.Cadence, today) is not { } period) continue; // after each disbursement: RecordDisbursementAsync
                if (period.End < SupervisionService.ListedOn(town) || !existing.Add((town.Id, rule.Kind, period.Key))) continue;
                ctx.InspectionDues.Add(new InspectionDue
                {
                    EtownId = town.Id, CountyCode = town.CountyCode, Kind = rule.Kind, Cadence = rule.Cadence, PeriodKey = period.Key,
                    PeriodStart = period.Start, DueOn = period.End, RuleSetCode = set.Code,
                });
                created++;
            }
        }
        await ctx.SaveChangesAsync(ct);

        var recipients = await RecipientsAsync(ctx, towns, today, ct);
        var names = towns.ToDictionary(t => t.Id, t => t.Name);
        var drafts = new List<NotificationDraft>();

        // 2. Reminders N working days ahead, and 3. missed periods.
        var open = await ctx.InspectionDues.Where(d => townIds.Contains(d.EtownId) && d.InspectionId == null && d.MissedAt == null).ToListAsync(ct);
        var reminded = 0;
        var missed = 0;
        foreach (var d in open)
        {
            var what = $"{names[d.EtownId]} {d.PeriodKey} {SupervisionPeriod.KindLabel(d.Kind)}";
            var link = $"/supervision/etowns/{d.EtownId}";
            if (today > d.DueOn)
            {
                d.MissedAt = now;
                missed++;
                foreach (var org in recipients.County(d.EtownId).Concat(recipients.City(d.EtownId)))
                    drafts.Add(new(org, $"漏检：{what}", $"{what}应于 {d.DueOn:yyyy-MM-dd} 前完成，至 {today:yyyy-MM-dd} 无签认的检查记录，已记为漏检（SUP-02）。", link, $"sup-missed:{d.Id:N}:{org:N}"));
            }
            else if (calendar.CountWorkingDays(today, d.DueOn) <= remindDays.GetValueOrDefault((d.EtownId, d.Kind), 3))
            {
                reminded++;
                foreach (var org in recipients.County(d.EtownId))
                    drafts.Add(new(org, $"检查提醒：{what} {d.DueOn:yyyy-MM-dd} 前完成", $"{what}尚未完成，请于 {d.DueOn:yyyy-MM-dd} 前开展检查并签认记录（SUP-02）。", link, $"sup-due:{d.Id:N}:{org:N}"));
            }
        }

        // 4. Overdue rectifications move up on their own (SUP-05), each step timestamped.
        var flow = ProblemFlow.Definition;
        var overdue = (await ctx.Problems.Where(p => townIds.Contains(p.EtownId)
                && (p.Status == ProblemStatus.Noticed || p.Status == ProblemStatus.SecondNotice) && p.Deadline != null).ToListAsync(ct))
            .Where(p => today > p.Deadline!.Value).ToList();
        var second = 0;
        var escalated = 0;
        foreach (var p in overdue)
        {
            var from = p.Status;
            var link = $"/supervision/etowns/{p.EtownId}";
            if (from == ProblemStatus.Noticed)
            {
                var old = p.Deadline!.Value;
                flow.Fire(() => p.Status, s => p.Status = s, ProblemTrigger.IssueSecondNotice, null, "逾期未整改");
                p.Deadline = calendar.DeadlineAfter(today, p.DeadlineWorkingDays);
                p.NoticeCount = 2;
                ctx.ProblemSteps.Add(SupervisionService.Step(p, "逾期自动再次通知", from, $"整改期限 {old:yyyy-MM-dd} 已过，未答复；再次限期整改。", p.Deadline, SystemActor, now));
                second++;
                foreach (var org in recipients.Operator(p.EtownId).Concat(recipients.County(p.EtownId)))
                    drafts.Add(new(org, $"再次限期整改：{names[p.EtownId]}", $"问题“{Short(p.Description)}”逾期未整改，再次限期至 {p.Deadline:yyyy-MM-dd}（SUP-05）。", link, $"sup-second:{p.Id:N}:{org:N}"));
            }
            else
            {
                flow.Fire(() => p.Status, s => p.Status = s, ProblemTrigger.Escalate, null, "再次通知后逾期");
                p.Escalation = EscalationAction.RequestContractTermination;
                p.EscalatedAt = now;
                ctx.ProblemSteps.Add(SupervisionService.Step(p, "逾期自动升级", from, $"再次限期 {p.Deadline:yyyy-MM-dd} 已过仍未整改：提请县政府终止合同（SUP-05）。", null, SystemActor, now));
                escalated++;
                foreach (var org in recipients.County(p.EtownId).Concat(recipients.CountyGovernment(p.EtownId)).Concat(recipients.City(p.EtownId)))
                    drafts.Add(new(org, $"整改升级：{names[p.EtownId]}", $"问题“{Short(p.Description)}”再次限期后仍未整改，已升级处理：提请县政府终止合同（SUP-05）。", link, $"sup-escalated:{p.Id:N}:{org:N}"));
            }
        }

        await Notifier.AddOnceAsync(ctx, drafts, now, ct);
        var result = new SupervisionRunResult(today, created, reminded, missed, second, escalated);
        ctx.AddAuditEvent("RunSupervision", "InspectionDue", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Success", after: result);
        await ctx.SaveChangesAsync(ct);
        return result;
    }

    static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;

    /// <summary>
    /// 潞城's "每拨付一次资金检查一次" (SUP-02): the funds module calls this when a payment is made; where the county's rule set
    /// says so, a fund-use inspection becomes due within the rule's working days. Returns the due row, or null when the
    /// county inspects fund use by period instead.
    /// </summary>
    public async Task<InspectionDue?> RecordDisbursementAsync(Guid etownId, DateOnly paidOn, CancellationToken ct = default)
    {
        if (!caller.Scope.IsSystem) throw new ForbiddenException("拨付事件由资金模块以系统身份报送。");
        await using var ctx = db.Create(caller);
        var due = await AddDisbursementDueAsync(ctx, etownId, paidOn, calendar, ct);
        await ctx.SaveChangesAsync(ct);
        return due;
    }

    /// <summary>The rule of <see cref="RecordDisbursementAsync"/> on a given context, saved by the caller (the payment's transaction).</summary>
    internal static async Task<InspectionDue?> AddDisbursementDueAsync(EtownDbContext ctx, Guid etownId, DateOnly paidOn, WorkingCalendar calendar, CancellationToken ct)
    {
        var town = await ctx.Etowns.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var set = await SupervisionService.InForceAsync(ctx, town.CountyCode, ct);
        var rule = set?.Rules.FirstOrDefault(r => r.Kind == InspectionKind.FundUse && r.Cadence == Cadence.AfterEachDisbursement);
        if (set is null || rule is null) return null;
        var period = SupervisionPeriod.AfterDisbursement(paidOn, rule.WithinWorkingDays, calendar);
        var due = await ctx.InspectionDues.IgnoreQueryFilters()
            .FirstOrDefaultAsync(d => d.EtownId == etownId && d.Kind == InspectionKind.FundUse && d.PeriodKey == period.Key, ct);
        if (due is not null) return due;
        due = new InspectionDue
        {
            EtownId = etownId, CountyCode = town.CountyCode, Kind = InspectionKind.FundUse, Cadence = Cadence.AfterEachDisbursement,
            PeriodKey = period.Key, PeriodStart = period.Start, DueOn = period.End, RuleSetCode = set.Code,
        };
        ctx.InspectionDues.Add(due);
        return due;
    }

    /// <summary>The funds module tells supervision of each payment (潞城: 每拨付一次资金检查一次).</summary>
    internal sealed class DisbursementListener(WorkingCalendar calendar) : Funds.IDisbursementListener
    {
        public Task DisbursedAsync(EtownDbContext ctx, Guid etownId, DateOnly paidOn, CancellationToken ct) =>
            AddDisbursementDueAsync(ctx, etownId, paidOn, calendar, ct);
    }

    sealed class Recipients(ILookup<Guid, Guid> operators, Dictionary<Guid, string> countyOf, ILookup<string, (Guid Id, OrganisationKind Kind)> orgs)
    {
        public IEnumerable<Guid> Operator(Guid etown) => operators[etown];

        /// <summary>The county's e-town office, or its government where there is none.</summary>
        public IEnumerable<Guid> County(Guid etown)
        {
            var all = orgs[countyOf[etown]].ToList();
            var office = all.Where(o => o.Kind == OrganisationKind.CountyEtownOffice).ToList();
            return (office.Count > 0 ? office : all.Where(o => o.Kind == OrganisationKind.CountyGovernment)).Select(o => o.Id);
        }

        public IEnumerable<Guid> CountyGovernment(Guid etown) => orgs[countyOf[etown]].Where(o => o.Kind == OrganisationKind.CountyGovernment).Select(o => o.Id);

        public IEnumerable<Guid> City(Guid etown) => orgs[DataScope.CityCodeOf(countyOf[etown])].Where(o => o.Kind == OrganisationKind.CityBureau).Select(o => o.Id);
    }

    static async Task<Recipients> RecipientsAsync(EtownDbContext ctx, IReadOnlyList<Etown> towns, DateOnly today, CancellationToken ct)
    {
        var ids = towns.Select(t => t.Id).ToList();
        var operators = (await ctx.EtownAssignments.IgnoreQueryFilters().AsNoTracking()
                .Where(a => ids.Contains(a.EtownId) && a.Kind == AssignmentKind.Operator && (a.ValidFrom == null || a.ValidFrom <= today) && (a.ValidTo == null || a.ValidTo >= today))
                .Select(a => new { a.EtownId, a.OrganisationId }).ToListAsync(ct))
            .ToLookup(a => a.EtownId, a => a.OrganisationId);
        var regions = towns.Select(t => t.CountyCode).Concat(towns.Select(t => DataScope.CityCodeOf(t.CountyCode))).Distinct().ToList();
        var orgs = (await ctx.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.IsActive && regions.Contains(o.RegionCode))
                .Select(o => new { o.Id, o.Kind, o.RegionCode }).ToListAsync(ct))
            .ToLookup(o => o.RegionCode, o => (o.Id, o.Kind));
        return new Recipients(operators, towns.ToDictionary(t => t.Id, t => t.CountyCode), orgs);
    }
}

/// <summary>The daily supervision run at 05:30 China time, as the system, for the whole province. A trigger may carry <see cref="DayKey"/>.</summary>
[DisallowConcurrentExecution]
public sealed class SupervisionJob(SupervisionScheduler scheduler, TimeProvider clock, ILogger<SupervisionJob> log) : IJob
{
    public const string Name = "supervision-daily";
    public const string DayKey = "day";
    public static readonly string Schedule = RecurringSchedule.DailyAt(5, 30);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var day = context.MergedJobDataMap.TryGetValue(DayKey, out var v) && v is string text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : clock.ChinaToday();
        var r = await scheduler.RunAsync(day, cancellationToken);
        log.LogInformation("日常监管 {Today}：新增应检 {Created}，提醒 {Reminded}，漏检 {Missed}，再次通知 {Second}，升级 {Escalated}。",
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Created, r.Reminded, r.Missed, r.SecondNotices, r.Escalated);
    }
}

/// <summary>
/// The funds port (FUND-06): every problem of the e-town not yet closed blocks a payment — escalated ones included
/// (contract termination requested, qualification marked for cancellation).
/// </summary>
public sealed class SupervisionOpenRectifications : Funds.IOpenRectifications
{
    public async Task<IReadOnlyList<Funds.OpenRectification>> ForAsync(EtownDbContext ctx, Guid etownId, Guid? contractId, CancellationToken ct)
    {
        var q = ctx.Problems.AsNoTracking().Where(p => p.EtownId == etownId && p.Status != ProblemStatus.Closed);
        // A problem tied to another contract does not block this one; one tied to none concerns the whole e-town.
        if (contractId is { } c) q = q.Where(p => p.ContractId == null || p.ContractId == c);
        var rows = await q.OrderBy(p => p.CreatedAt).Select(p => new { p.Description, p.Status, p.Escalation, p.Deadline }).ToListAsync(ct);
        return rows.Select(p => new Funds.OpenRectification(
            p.Escalation is { } e ? $"日常监管（{ProblemFlow.EscalationLabel(e)}）" : "日常监管",
            $"{p.Description}（{ProblemFlow.Label(p.Status)}）", p.Deadline)).ToList();
    }
}
