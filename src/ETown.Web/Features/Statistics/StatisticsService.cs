using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Approval;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics;

public sealed record IndicatorRow(string Code, string Name, string Unit, StatPeriodType PeriodType, StatAggregation Aggregation, bool Cumulative, string SourceRule);
public sealed record StatRuleRow(string Code, string Left, string Operator, string Right, decimal Factor, RuleImportance Importance, string Message,
    bool Enabled = true, int SortOrder = 0);

/// <summary>One indicator line of the form: the value with last month and the same month last year beside it.</summary>
public sealed record StatValueRow(string Indicator, string Name, string Unit, bool Cumulative, decimal? Value, string? Comment,
    decimal? PreviousMonth, decimal? SameMonthLastYear, decimal? YoyPercent, IReadOnlyList<RuleResult> Rules);

/// <summary>One value change since the last county approval: old → new (null = not yet entered / removed).</summary>
public sealed record StatChangeRow(string Indicator, string Name, decimal? OldValue, decimal? NewValue, string? OldComment, string? NewComment,
    DateTimeOffset ChangedAt, string? ChangedBy);

/// <summary>
/// One report as the page and the API show it. <c>ChangesSinceApproval</c> is null until the county has approved once;
/// then it counts the value changes since its last approval (STAT-05), listed in <c>Changes</c>.
/// </summary>
public sealed record StatReportView(Guid? Id, Guid EtownId, string EtownName, string CountyCode, string CountyName, string Period, bool Exists,
    StatReportStatus Status, string StatusLabel, DateOnly DueOn, DateTimeOffset? SubmittedAt, string? SubmittedBy, bool? OnTime,
    DateTimeOffset? ApprovedAt, DateTimeOffset? CityAcceptedAt, DateTimeOffset? ProvinceAcceptedAt, string? UnlockReason,
    IReadOnlyList<StatValueRow> Values, IReadOnlyList<RuleResult> FailedRules,
    bool CanEdit, bool CanSubmit, bool CanApprove, bool CanAcceptCity, bool CanAcceptProvince, bool CanUnlock,
    string DataSetCode = StatDataSet.Monthly, string? DataSetName = null, DateTimeOffset? UnlockedAt = null, string? UnlockedBy = null,
    string? UnlockedByLevel = null, int? ChangesSinceApproval = null, IReadOnlyList<StatChangeRow>? Changes = null,
    int? Version = null);

/// <summary>Result of accepting a whole period at one level: how many reports moved now, how many were already accepted.</summary>
public sealed record StatPeriodAcceptance(string Period, string Level, string? CityCode, int Expected, int Accepted, int AlreadyAccepted);

public sealed record StatValueInput(string Indicator, decimal? Value, string? Comment);
public sealed record StatReportInput(IReadOnlyList<StatValueInput> Values);
/// <summary>Machine clients (X-Api-Key): upsert per (e-town, period, indicator); <c>Submit</c> also reports it (no-op when already reported).</summary>
public sealed record StatValuesPut(Guid EtownId, string Period, IReadOnlyList<StatValueInput> Values, bool Submit = false);

public sealed record StatListRow(Guid EtownId, string EtownName, string CountyCode, string CountyName, bool Exists, StatReportStatus? Status,
    string StatusLabel, DateOnly DueOn, DateTimeOffset? SubmittedAt, bool? OnTime, bool Overdue);
/// <summary>
/// Completeness of one period in the caller's scope: expected e-towns (those assigned the period's data set), reports
/// received (submitted or later), on time.
/// </summary>
public sealed record StatCompleteness(string Period, DateOnly DueOn, int Expected, int Received, int OnTime, IReadOnlyList<StatListRow> Rows,
    string DataSetCode = StatDataSet.Monthly, string? DataSetName = null);

/// <summary>
/// Monthly and annual statistics (STAT-01…05). Operators enter their e-towns' figures (assignment scope), counties enter,
/// approve (locking the data) and unlock; the city, then the province accept bottom-up, and each level may unlock its own
/// step with a reason. Reads go through the scope query filters; writes check permission and scope here, for the pages,
/// the API, API keys and the import alike.
/// </summary>
public sealed class StatisticsService(EtownDb db, Caller caller, RegionDirectory regions, WorkingCalendar calendar, TimeProvider clock,
    Authorizer auth)
{
    /// <summary>The default deadline (STAT-02); the one in force is the data set's <see cref="StatDataSet.DueWorkingDays"/>.</summary>
    public const int DueWorkingDays = StatDataSet.DefaultDueWorkingDays;

    static ApprovalFlow<StatReportStatus, StatReportTrigger> Flow => StatReportFlow.Definition;

    /// <summary>Seeds the indicator catalogue and the rules at start-up; adds only what is missing (idempotent).</summary>
    public static async Task SeedAsync(EtownDbContext ctx, CancellationToken ct = default)
    {
        var indicators = IndicatorCatalogue.All();
        var haveI = await ctx.StatIndicators.Select(i => i.Code).ToListAsync(ct);
        ctx.StatIndicators.AddRange(indicators.Where(i => !haveI.Contains(i.Code)));
        var haveR = await ctx.StatRules.Select(r => r.Code).ToListAsync(ct);
        ctx.StatRules.AddRange(StatRuleEngine.Seed(indicators).Where(r => !haveR.Contains(r.Code)));
        await ctx.SaveChangesAsync(ct);
    }

    public DateOnly DueOn(StatPeriod p, int workingDays = DueWorkingDays) => calendar.DeadlineAfter(p.LastDay, workingDays);

    /// <summary>The period's data set with its settings in force (the seeded defaults if it is missing).</summary>
    static async Task<StatDataSet> DataSetAsync(EtownDbContext ctx, StatPeriod p, CancellationToken ct) =>
        await ctx.StatDataSets.AsNoTracking().FirstOrDefaultAsync(d => d.Code == p.DataSetCode, ct)
        ?? StatDataSet.Seed().Single(d => d.Code == p.DataSetCode);

    public async Task<IReadOnlyList<IndicatorRow>> IndicatorsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        await using var ctx = db.Create(caller);
        return (await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ToListAsync(ct))
            .Select(i => new IndicatorRow(i.Code, i.Name, i.Unit, i.PeriodType, i.Aggregation, i.Cumulative, i.SourceRule)).ToList();
    }

    public async Task<IReadOnlyList<StatRuleRow>> RulesAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        await using var ctx = db.Create(caller);
        return (await ctx.StatRules.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Code).ToListAsync(ct))
            .Select(r => new StatRuleRow(r.Code, r.Left, r.Operator, r.Right, r.Factor, r.Importance, r.Message, r.Enabled, r.SortOrder)).ToList();
    }

    // ------------------------------------------------------------------ list and completeness

    public async Task<StatCompleteness> ListAsync(string period, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = StatPeriod.Parse(period);
        await using var ctx = db.Create(caller);
        var set = await DataSetAsync(ctx, p, ct);
        var towns = await ctx.Etowns.AsNoTracking().Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared
                && ctx.StatDataSetAssignments.Any(a => a.EtownId == e.Id && a.DataSetCode == set.Code))
            .OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var key = p.ToString();
        var reports = await ctx.StatReports.AsNoTracking().Where(r => r.Period == key).ToDictionaryAsync(r => r.EtownId, ct);
        var due = set.DueOn(p, calendar);
        var today = clock.ChinaToday();
        var rows = towns.Select(t =>
        {
            var r = reports.GetValueOrDefault(t.Id);
            var received = r is not null && r.Status >= StatReportStatus.Submitted;
            return new StatListRow(t.Id, t.Name, t.CountyCode, regions.NameOf(t.CountyCode), r is not null, r?.Status,
                r is null ? "未填报" : StatReport.StatusLabel(r.Status), r?.DueOn ?? due, r?.SubmittedAt, r?.OnTime,
                !received && today > (r?.DueOn ?? due));
        }).ToList();
        return new StatCompleteness(key, due, rows.Count, rows.Count(r => r.Status >= StatReportStatus.Submitted),
            rows.Count(r => r.Status >= StatReportStatus.Submitted && r.OnTime == true), rows, set.Code, set.Name);
    }

    // ------------------------------------------------------------------ one report

    public async Task<StatReportView> GetAsync(Guid etownId, string period, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Read);
        var p = StatPeriod.Parse(period);
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        return await ViewAsync(ctx, etown, p, ct);
    }

    /// <summary>Saves the values of a report that is not locked (ETOWN-STAT-0002 otherwise). Rule findings come back in the view.</summary>
    public async Task<StatReportView> SaveAsync(Guid etownId, string period, StatReportInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Enter);
        ArgumentNullException.ThrowIfNull(input);
        var p = StatPeriod.Parse(period);
        await using var ctx = db.Create(caller);
        var (etown, report) = await LoadForWriteAsync(ctx, etownId, p, ct);
        await WriteValuesAsync(ctx, report, p, input.Values ?? [], ct);
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(ctx, etown, p, ct);
    }

    /// <summary>PUT /api/v1/statistics/values: idempotent upsert per (e-town, period, indicator), optionally submitting.</summary>
    public async Task<StatReportView> PutValuesAsync(StatValuesPut input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Enter);
        ArgumentNullException.ThrowIfNull(input);
        var p = StatPeriod.Parse(input.Period);
        await using var ctx = db.Create(caller);
        var (etown, report) = await LoadForWriteAsync(ctx, input.EtownId, p, ct);
        await WriteValuesAsync(ctx, report, p, input.Values ?? [], ct);
        await ctx.SaveChangesAsync(ct);
        if (input.Submit && Flow.CanFire(report.Status, StatReportTrigger.Submit))
        {
            await RequireRulesPassAsync(ctx, report, p, ct);
            report.Submit(clock.GetUtcNow(), caller.UserName);
            Stamp(report);
            await ctx.SaveChangesAsync(ct);
        }
        return await ViewAsync(ctx, etown, p, ct);
    }

    /// <summary>Draft → Submitted; refused while a blocking rule fails or a warning has no comment (ETOWN-STAT-0003).</summary>
    public async Task<StatReportView> SubmitAsync(Guid etownId, string period, CancellationToken ct = default)
    {
        caller.Require(Permissions.Statistics.Enter);
        var p = StatPeriod.Parse(period);
        await using var ctx = db.Create(caller);
        var (etown, report) = await LoadForWriteAsync(ctx, etownId, p, ct, mustExist: true);
        // The state first (ETOWN-STAT-0001, 409), then the rules (ETOWN-STAT-0003).
        if (!Flow.CanFire(report.Status, StatReportTrigger.Submit)) throw Flow.Refuse(report.Status, StatReportTrigger.Submit, caller.Scope.Level);
        await RequireRulesPassAsync(ctx, report, p, ct);
        report.Submit(clock.GetUtcNow(), caller.UserName);
        Stamp(report);
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(ctx, etown, p, ct);
    }

    /// <summary>County approval locks the data (STAT-05: the county answers for what goes up).</summary>
    public Task<StatReportView> ApproveAsync(Guid etownId, string period, CancellationToken ct = default) =>
        TransitionAsync(etownId, period, StatReportOperations.Approve, (r, now) => r.Approve(now, caller.UserName), ct);

    public Task<StatReportView> AcceptByCityAsync(Guid etownId, string period, CancellationToken ct = default) =>
        TransitionAsync(etownId, period, StatReportOperations.AcceptByCity, (r, now) => r.AcceptByCity(now), ct);

    public Task<StatReportView> AcceptByProvinceAsync(Guid etownId, string period, CancellationToken ct = default) =>
        TransitionAsync(etownId, period, StatReportOperations.AcceptByProvince, (r, now) => r.AcceptByProvince(now), ct);

    /// <summary>
    /// Accepts a whole period at the caller's level — issue #4 item 5, “a parent level approves only after all its
    /// children” (DHIS2 approval of an organisation unit). The city accepts once every e-town of the city that owes the
    /// period's data set is approved by its county; the province (one city, or all) once every such e-town is accepted by
    /// its city. Otherwise nothing moves and the e-towns still waiting are named (ETOWN-STAT-0006). Every report waiting
    /// for this level moves in one SaveChanges; each change and the acceptance itself are audited.
    /// </summary>
    public async Task<StatPeriodAcceptance> AcceptPeriodAsync(string period, string? cityCode, CancellationToken ct = default)
    {
        auth.Require(StatReportOperations.AcceptPeriod, StatReportResource.Any);
        var level = caller.Scope.Level;
        var p = StatPeriod.Parse(period);
        if (level == ScopeLevel.City) cityCode = caller.Scope.CityCode; // a city accepts only its own
        else if (!string.IsNullOrWhiteSpace(cityCode) && regions.Find(cityCode) is not { Level: RegionLevel.City })
        {
            var errors = new FieldErrors();
            errors.Add("cityCode", $"“{cityCode}”不是山西省的地级市代码（例如 140400 长治市）；不填则为全省。");
            errors.ThrowIfAny();
        }
        var prefix = string.IsNullOrWhiteSpace(cityCode) ? null : DataScope.CityPrefixOf(cityCode);
        await using var ctx = db.Create(caller);
        var set = await DataSetAsync(ctx, p, ct);
        var towns = await ctx.Etowns.AsNoTracking()
            .Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared
                        && ctx.StatDataSetAssignments.Any(a => a.EtownId == e.Id && a.DataSetCode == set.Code)
                        && (prefix == null || e.CountyCode.StartsWith(prefix)))
            .OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var key = p.ToString();
        var ids = towns.Select(t => t.Id).ToList();
        var reports = await ctx.StatReports.Where(r => r.Period == key && ids.Contains(r.EtownId)).ToDictionaryAsync(r => r.EtownId, ct);
        // The state this level accepts from, as the STAT-05 table says.
        var trigger = level == ScopeLevel.City ? StatReportTrigger.AcceptByCity : StatReportTrigger.AcceptByProvince;
        var needed = Flow.Steps.Single(s => s.Trigger == trigger).From;
        var what = level == ScopeLevel.City ? "县级审核" : "市级接收";
        if (towns.Count == 0)
            throw new DomainException(StatisticsErrors.PeriodNotReady, $"{key} 本辖区没有应报送“{set.Name}”的e镇，无需接收。", 409);
        var waiting = towns.Where(t => !reports.TryGetValue(t.Id, out var r) || r.Status < needed).Select(t => t.Name).ToList();
        if (waiting.Count > 0)
            throw new DomainException(StatisticsErrors.PeriodNotReady,
                $"{key} 还有 {waiting.Count} 个e镇的报表未经{what}，不能整体接收：{string.Join("、", waiting.Take(10))}{(waiting.Count > 10 ? " 等" : "")}。可先逐个接收已{what}的报表。", 409);
        var now = clock.GetUtcNow();
        var moving = reports.Values.Where(r => r.Status == needed).ToList();
        foreach (var r in moving)
        {
            if (level == ScopeLevel.City) r.AcceptByCity(now); else r.AcceptByProvince(now);
            Stamp(r);
        }
        var levelName = level == ScopeLevel.City ? "市级" : "省级";
        ctx.AddAuditEvent("StatPeriodAccept", "StatPeriod", key, "Success",
            after: new { Level = levelName, CityCode = cityCode, Expected = towns.Count, Accepted = moving.Count });
        await ctx.SaveChangesAsync(ct);
        return new StatPeriodAcceptance(key, levelName, string.IsNullOrWhiteSpace(cityCode) ? null : cityCode, towns.Count, moving.Count, towns.Count - moving.Count);
    }

    /// <summary>
    /// Each level reopens only its own step, with a mandatory reason (STAT-05): the county its approval, the city its
    /// acceptance, the province its acceptance. The report goes back to draft so the operator or county correct it, and
    /// the chain repeats; who unlocked, from which step and why is stored and audited by SaveChanges.
    /// </summary>
    public Task<StatReportView> UnlockAsync(Guid etownId, string period, string? reason, CancellationToken ct = default)
    {
        var level = caller.Scope.Level;
        auth.Require(StatReportOperations.Unlock, StatReportResource.Any);
        var why = Flow.RequireReason(StatReportTrigger.Unlock, reason)!;
        if (why.Length > 1000)
        {
            var errors = new FieldErrors();
            errors.Add("reason", "解锁原因不能超过 1000 字。");
            errors.ThrowIfAny();
        }
        var unlocker = level is ScopeLevel.County or ScopeLevel.City ? level : ScopeLevel.Province;
        return TransitionAsync(etownId, period, StatReportOperations.Unlock, (r, now) => r.Reopen(unlocker, now, why, caller.UserName), ct);
    }

    /// <summary>The level and permission are checked before the report is loaded (StatReportAuthorizationHandler); the e-town then by scope.</summary>
    async Task<StatReportView> TransitionAsync(Guid etownId, string period, Operation operation,
        Action<StatReport, DateTimeOffset> move, CancellationToken ct)
    {
        auth.Require(operation, StatReportResource.Any);
        var p = StatPeriod.Parse(period);
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        if (!caller.Scope.CoversRegion(etown.CountyCode)) throw new NotFoundException("e镇");
        var key = p.ToString();
        var report = await ctx.StatReports.FirstOrDefaultAsync(r => r.EtownId == etownId && r.Period == key, ct)
                     ?? throw new NotFoundException($"{key} 统计报表");
        move(report, clock.GetUtcNow());
        Stamp(report);
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(ctx, etown, p, ct);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>Scope for writes: the county of the e-town or an assignment to it (operators). Locked reports refuse (ETOWN-STAT-0002).</summary>
    internal async Task<(Etown Etown, StatReport Report)> LoadForWriteAsync(EtownDbContext ctx, Guid etownId, StatPeriod p, CancellationToken ct, bool mustExist = false) =>
        LoadForWrite(await PrepareWritesAsync(ctx, [etownId], p, ct, withValues: false), etownId, mustExist);

    /// <summary>
    /// Reads what the write path needs for many e-towns of one period in a few queries instead of about five per e-town
    /// (the import of a province-wide file, issue #16 target 3): the e-towns (scope filter), their reports (tracked), the
    /// data set and its assignments, the indicators (<paramref name="indicators"/> when the caller has read the catalogue
    /// already) and — with <paramref name="withValues"/> — the stored values (tracked).
    /// The guards stay per e-town in <see cref="LoadForWrite"/>, in the same order and with the same errors.
    /// </summary>
    internal async Task<StatWriteBatch> PrepareWritesAsync(EtownDbContext ctx, IReadOnlyCollection<Guid> etownIds, StatPeriod p, CancellationToken ct,
        bool withValues = true, IReadOnlyList<Indicator>? indicators = null)
    {
        var ids = etownIds.Distinct().ToList();
        var key = p.ToString();
        var etowns = ids.Count == 1
            ? await ctx.Etowns.AsNoTracking().Where(e => e.Id == ids[0]).ToDictionaryAsync(e => e.Id, ct)
            : await ctx.Etowns.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var reports = ids.Count == 1
            ? await ctx.StatReports.Where(r => r.EtownId == ids[0] && r.Period == key).ToDictionaryAsync(r => r.EtownId, ct)
            : await ctx.StatReports.Where(r => ids.Contains(r.EtownId) && r.Period == key).ToDictionaryAsync(r => r.EtownId, ct);
        StatDataSet? set = null;
        var assigned = new HashSet<Guid>();
        if (etowns.Keys.Any(id => !reports.ContainsKey(id)))
        {
            // The deadline in force when a report is created (STAT-02); later setting changes leave it as it is.
            set = await DataSetAsync(ctx, p, ct);
            var code = set.Code;
            assigned = (await ctx.StatDataSetAssignments.Where(a => ids.Contains(a.EtownId) && a.DataSetCode == code).Select(a => a.EtownId).ToListAsync(ct)).ToHashSet();
        }
        var batch = new StatWriteBatch(ctx, p, etowns, reports, set, assigned);
        if (withValues)
        {
            batch.Indicators = (indicators ?? await ctx.StatIndicators.AsNoTracking().ToListAsync(ct)).Where(i => i.AppliesTo(p)).ToDictionary(i => i.Code);
            var reportIds = reports.Values.Select(r => r.Id).ToList();
            if (reportIds.Count > 0)
                foreach (var v in await ctx.StatValues.Where(x => reportIds.Contains(x.ReportId)).ToListAsync(ct))
                    batch.ValuesOf(v.ReportId)[v.IndicatorCode] = v;
        }
        return batch;
    }

    /// <summary>The write guards for one e-town of a <see cref="StatWriteBatch"/>: scope, level, data set assignment, lock (ETOWN-STAT-0002).</summary>
    internal (Etown Etown, StatReport Report) LoadForWrite(StatWriteBatch batch, Guid etownId, bool mustExist = false)
    {
        var etown = batch.Etowns.GetValueOrDefault(etownId) ?? throw new NotFoundException("e镇");
        if (!caller.Scope.CoversRegion(etown.CountyCode) && !caller.Scope.EtownIds.Contains(etownId))
            throw new NotFoundException("e镇");
        if (!StatEntryScope.MayEnterAtLevel(caller))
            throw new ForbiddenException(StatEntryScope.ProvinceMessage);
        var p = batch.Period;
        var key = p.ToString();
        var report = batch.Reports.GetValueOrDefault(etownId);
        if (report is null)
        {
            if (mustExist) throw new DomainException(StatisticsErrors.RulesFailed, $"{key} 尚未填报任何数据，不能报送。", 422);
            var set = batch.DataSet!;
            // Only a data set the e-town is assigned is opened (STAT-02: the province decides who owes which report).
            if (!batch.Assigned.Contains(etownId))
                throw new DomainException(StatisticsErrors.DataSetNotAssigned, $"“{etown.Name}”未分配“{set.Name}”，无需填报；如需报送，请省级业务管理员在“数据集分配”中分配。", 422);
            report = new StatReport
            {
                EtownId = etownId, CountyCode = etown.CountyCode, Period = key, DataSetCode = set.Code, DueOn = set.DueOn(p, calendar),
                CreatedAt = clock.GetUtcNow(),
            };
            Stamp(report);
            batch.Context.StatReports.Add(report);
            batch.Reports[etownId] = report;
        }
        report.RequireWritable();
        return (etown, report);
    }

    /// <summary>
    /// The one write path of values (page, API, API key, import). Validates, upserts and — once the county has approved
    /// the report at least once — records each created, changed or removed value as a <see cref="StatValueChange"/> of
    /// the current approval round, so the approver sees what changed since the last approval (STAT-05).
    /// </summary>
    internal async Task WriteValuesAsync(EtownDbContext ctx, StatReport report, StatPeriod p, IReadOnlyList<StatValueInput> values, CancellationToken ct)
    {
        var indicators = (await ctx.StatIndicators.AsNoTracking().ToListAsync(ct)).Where(i => i.AppliesTo(p)).ToDictionary(i => i.Code);
        var existing = report.Id == Guid.Empty ? [] : await ctx.StatValues.Where(x => x.ReportId == report.Id).ToDictionaryAsync(x => x.IndicatorCode, ct);
        WriteValues(ctx, indicators, existing, report, values);
    }

    /// <summary><see cref="WriteValuesAsync"/> on what a <see cref="PrepareWritesAsync"/> batch has read.</summary>
    /// <remarks>
    /// A batch (an import file: thousands of new values in one save) adds its new values and value changes untracked
    /// (<see cref="EtownDbContext.AddUntracked"/>): the same checks, audit records and generation bump, without the change
    /// tracker's cost per row (issue #16 target 3).
    /// </remarks>
    internal void WriteValues(StatWriteBatch batch, StatReport report, IReadOnlyList<StatValueInput> values) =>
        WriteValues(batch.Context, batch.Indicators ?? throw new InvalidOperationException("batch prepared without values"), batch.ValuesOf(report.Id), report, values,
            untracked: true);

    void WriteValues(EtownDbContext ctx, Dictionary<string, Indicator> indicators, Dictionary<string, StatValue> existing, StatReport report,
        IReadOnlyList<StatValueInput> values, bool untracked = false)
    {
        var errors = new FieldErrors();
        foreach (var (v, n) in values.Select((v, n) => (v, n)))
        {
            if (v.Indicator is null || !indicators.ContainsKey(v.Indicator)) errors.Add($"values[{n}].indicator", $"未知的指标或本期不填报：{v.Indicator}。");
            if (v.Value < 0) errors.Add($"values[{n}].value", $"{v.Indicator}：数值不能为负。");
            // The same bounds on every path (page, API, API key, import): the column holds 4 decimals below 10^14 on both databases.
            if (v.Value > StatValue.MaxValue) errors.Add($"values[{n}].value", $"{v.Indicator}：数值过大（不能超过 99999999999999）。");
            if (v.Value is { } x && decimal.Round(x, StatValue.Decimals) != x) errors.Add($"values[{n}].value", $"{v.Indicator}：数值最多保留 {StatValue.Decimals} 位小数。");
            if (v.Comment is { Length: > 500 }) errors.Add($"values[{n}].comment", $"{v.Indicator}：备注不能超过 500 字。");
        }
        if (values.GroupBy(v => v.Indicator).Any(g => g.Count() > 1)) errors.Add("values", "同一指标只能出现一次。");
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        void Changed(string indicator, decimal? oldValue, decimal? newValue, string? oldComment, string? newComment)
        {
            if (report.ApprovalCount == 0) return; // before the first approval there is nothing to compare with
            var change = new StatValueChange
            {
                ReportId = report.Id, EtownId = report.EtownId, CountyCode = report.CountyCode, IndicatorCode = indicator, Round = report.ApprovalCount,
                OldValue = oldValue, NewValue = newValue, OldComment = oldComment, NewComment = newComment, ChangedAt = now, ChangedBy = caller.UserName,
            };
            if (untracked) ctx.AddUntracked(change);
            else ctx.StatValueChanges.Add(change);
        }
        foreach (var v in values)
        {
            var comment = string.IsNullOrWhiteSpace(v.Comment) ? null : v.Comment.Trim();
            existing.TryGetValue(v.Indicator, out var row);
            if (v.Value is null)
            {
                if (row is not null)
                {
                    if (!ctx.RemoveUntracked(row)) ctx.StatValues.Remove(row); // a value added earlier in this batch is simply not inserted
                    existing.Remove(v.Indicator);
                    Changed(v.Indicator, row.Value, null, row.Comment, null);
                }
                continue;
            }
            if (row is null)
            {
                var added = new StatValue
                {
                    ReportId = report.Id, EtownId = report.EtownId, CountyCode = report.CountyCode, IndicatorCode = v.Indicator, Value = v.Value.Value, Comment = comment,
                };
                if (untracked) ctx.AddUntracked(added);
                else ctx.StatValues.Add(added);
                existing[v.Indicator] = added;
                Changed(v.Indicator, null, v.Value.Value, null, comment);
            }
            else if (row.Value != v.Value.Value || row.Comment != comment)
            {
                Changed(v.Indicator, row.Value, v.Value.Value, row.Comment, comment);
                row.Value = v.Value.Value;
                row.Comment = comment;
            }
        }
        Stamp(report);
    }

    async Task RequireRulesPassAsync(EtownDbContext ctx, StatReport report, StatPeriod p, CancellationToken ct)
    {
        var (f, results) = await EvaluateAsync(ctx, report.EtownId, p, ct);
        if (f.Current.Values.All(v => v is null))
            throw new DomainException(StatisticsErrors.RulesFailed, $"{p} 尚未填报任何数据，不能报送。", 422);
        var blocking = results.Where(r => r.Blocks).ToList();
        if (blocking.Count > 0)
            throw new DomainException(StatisticsErrors.RulesFailed, "未通过校验，不能报送：" + string.Join("；", blocking.Select(r =>
                r.Importance == RuleImportance.Warning ? $"{r.Message}（{r.Code}，须填写备注）" : $"{r.Message}（{r.Code}）")), 422);
    }

    sealed record Figures(IReadOnlyDictionary<string, decimal?> Current, IReadOnlyDictionary<string, string?> Comments,
        IReadOnlyDictionary<string, decimal?> Previous, IReadOnlyDictionary<string, decimal?> LastYear, List<Indicator> Indicators);

    async Task<(Figures F, IReadOnlyList<RuleResult> Results)> EvaluateAsync(EtownDbContext ctx, Guid etownId, StatPeriod p, CancellationToken ct)
    {
        var indicators = (await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ToListAsync(ct)).Where(i => i.AppliesTo(p)).ToList();
        string[] periods = [p.ToString(), p.Previous.ToString(), p.SameMonthLastYear.ToString()];
        var values = await ctx.StatValues.AsNoTracking()
            .Join(ctx.StatReports.AsNoTracking(), v => v.ReportId, r => r.Id, (v, r) => new { r.EtownId, r.Period, v.IndicatorCode, v.Value, v.Comment })
            .Where(x => x.EtownId == etownId && periods.Contains(x.Period)).ToListAsync(ct);
        Dictionary<string, decimal?> Of(string period) =>
            indicators.ToDictionary(i => i.Code, i => values.FirstOrDefault(v => v.Period == period && v.IndicatorCode == i.Code)?.Value);
        var current = Of(periods[0]);
        var comments = indicators.ToDictionary(i => i.Code, i => values.FirstOrDefault(v => v.Period == periods[0] && v.IndicatorCode == i.Code)?.Comment);
        var f = new Figures(current, comments, Of(periods[1]), Of(periods[2]), indicators);
        var rules = await ctx.StatRules.AsNoTracking().ToListAsync(ct);
        return (f, StatRuleEngine.Evaluate(rules, f.Current, f.Previous, f.LastYear, f.Comments));
    }

    async Task<StatReportView> ViewAsync(EtownDbContext ctx, Etown etown, StatPeriod p, CancellationToken ct)
    {
        var key = p.ToString();
        var report = await ctx.StatReports.AsNoTracking().FirstOrDefaultAsync(r => r.EtownId == etown.Id && r.Period == key, ct);
        var (f, results) = await EvaluateAsync(ctx, etown.Id, p, ct);
        var rows = f.Indicators.Select(i =>
        {
            var v = f.Current[i.Code];
            var ly = f.LastYear[i.Code];
            decimal? yoy = v is { } a && ly is { } b && b != 0 ? Math.Round((a - b) / b * 100m, 1) : null;
            return new StatValueRow(i.Code, i.Name, i.Unit, i.Cumulative, v, f.Comments[i.Code], f.Previous[i.Code], ly, yoy,
                results.Where(r => r.Indicator == i.Code && r.Applicable).ToList());
        }).ToList();
        var status = report?.Status ?? StatReportStatus.Draft;
        var resource = new StatReportResource(etown.Id, etown.CountyCode, status);
        var writer = auth.Can(StatReportOperations.Enter, resource);
        var set = await DataSetAsync(ctx, p, ct);
        int? changeCount = null;
        IReadOnlyList<StatChangeRow> changes = [];
        if (report is { ApprovalCount: > 0 })
        {
            var names = f.Indicators.ToDictionary(i => i.Code, i => i.Name);
            var round = report.ApprovalCount;
            changes = (await ctx.StatValueChanges.AsNoTracking().Where(c => c.ReportId == report.Id && c.Round == round).ToListAsync(ct))
                .OrderBy(c => c.ChangedAt).ThenBy(c => c.IndicatorCode, StringComparer.Ordinal)
                .Select(c => new StatChangeRow(c.IndicatorCode, names.GetValueOrDefault(c.IndicatorCode, c.IndicatorCode), c.OldValue, c.NewValue,
                    c.OldComment, c.NewComment, c.ChangedAt, c.ChangedBy)).ToList();
            changeCount = changes.Count;
        }
        var unlock = auth.Can(StatReportOperations.Unlock, resource);
        return new StatReportView(report?.Id, etown.Id, etown.Name, etown.CountyCode, regions.NameOf(etown.CountyCode), key, report is not null,
            status, report is null ? "未填报" : StatReport.StatusLabel(status), report?.DueOn ?? set.DueOn(p, calendar), report?.SubmittedAt, report?.SubmittedBy, report?.OnTime,
            report?.ApprovedAt, report?.CityAcceptedAt, report?.ProvinceAcceptedAt, report?.UnlockReason,
            rows, results.Where(r => r.Applicable && !r.Passed).ToList(),
            CanEdit: writer && !(report?.IsLocked ?? false),
            // The buttons: what the caller's level may fire from here (StatReportFlow) and may do on this report (handler).
            CanSubmit: writer && report is not null && Flow.CanFire(status, StatReportTrigger.Submit),
            CanApprove: auth.Can(StatReportOperations.Approve, resource) && Flow.CanFire(status, StatReportTrigger.Approve, caller.Scope.Level),
            CanAcceptCity: auth.Can(StatReportOperations.AcceptByCity, resource) && Flow.CanFire(status, StatReportTrigger.AcceptByCity, caller.Scope.Level),
            CanAcceptProvince: auth.Can(StatReportOperations.AcceptByProvince, resource) && Flow.CanFire(status, StatReportTrigger.AcceptByProvince, caller.Scope.Level),
            CanUnlock: unlock,
            DataSetCode: set.Code, DataSetName: set.Name, UnlockedAt: report?.UnlockedAt, UnlockedBy: report?.UnlockedBy,
            UnlockedByLevel: report?.UnlockedFrom is { } from ? StatReport.UnlockerOf(from) : null,
            ChangesSinceApproval: changeCount, Changes: changes, Version: report?.Version);
    }

    void Stamp(StatReport r) => r.UpdatedAt = clock.GetUtcNow();
}

/// <summary>
/// What <see cref="StatisticsService.PrepareWritesAsync"/> read for many e-towns of one period: the e-towns in the caller's
/// scope, their reports (tracked, plus those created through this batch), the data set and the e-towns assigned it, the
/// indicators of the period and the stored values per report (tracked).
/// </summary>
internal sealed class StatWriteBatch(EtownDbContext context, StatPeriod period, Dictionary<Guid, Etown> etowns, Dictionary<Guid, StatReport> reports, StatDataSet? dataSet,
    HashSet<Guid> assigned)
{
    readonly Dictionary<Guid, Dictionary<string, StatValue>> _values = [];
    public StatPeriod Period { get; } = period;
    public Dictionary<Guid, Etown> Etowns { get; } = etowns;
    public Dictionary<Guid, StatReport> Reports { get; } = reports;
    public StatDataSet? DataSet { get; } = dataSet;
    public HashSet<Guid> Assigned { get; } = assigned;
    public Dictionary<string, Indicator>? Indicators { get; set; }
    public EtownDbContext Context { get; } = context;

    public Dictionary<string, StatValue> ValuesOf(Guid reportId) =>
        _values.TryGetValue(reportId, out var d) ? d : _values[reportId] = new(StringComparer.Ordinal);
}
