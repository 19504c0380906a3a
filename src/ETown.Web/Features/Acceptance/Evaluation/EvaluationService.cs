using ETown.Web.Features.Funds;
using ETown.Web.Features.Standards;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance.Evaluation;

public sealed record SheetView(string Code, string Name, int Version, string? ParentCode, bool IsInUse, IReadOnlyList<EvaluationIndicator> Indicators);
public sealed record SheetDeriveInput(string? Code, string? Name);
public sealed record SheetIndicatorsInput(IReadOnlyList<EvaluationIndicator>? Indicators);
public sealed record OpenEvaluationInput(Guid EtownId, EvaluationStage Stage, IReadOnlyList<Guid>? ExpertUserIds);
public sealed record ScoreInput(IReadOnlyDictionary<string, decimal>? Scores, string? Comment);
public sealed record FindingInput(string? Text, int WorkingDays);
public sealed record FindingAnswerInput(string? Answer);
public sealed record ExpertScoreView(Guid ExpertUserId, string ExpertName, decimal? Total, IReadOnlyDictionary<string, decimal>? Scores, DateTimeOffset? ScoredAt);
public sealed record FindingView(Guid Id, Guid EtownId, string Source, string Text, DateOnly RaisedOn, DateOnly Deadline, bool Overdue, string? Answer,
    DateOnly? AnsweredOn, DateOnly? ClosedOn);
public sealed record EvaluationView(Guid Id, Guid EtownId, string EtownName, string CountyCode, int Year, EvaluationStage Stage, string StageLabel,
    string SheetCode, IReadOnlyList<EvaluationIndicator> Indicators, IReadOnlyList<IndicatorValue> Values, IReadOnlyList<string> ExpertIndicatorCodes,
    decimal ComputedPart, decimal? Total, int? Rank, string? TieNote, decimal? SatisfactionPercent, bool Final, IReadOnlyList<ExpertScoreView> Experts,
    IReadOnlyList<FindingView> Findings);
public sealed record RankingRow(int? Rank, Guid EvaluationId, Guid EtownId, string EtownName, string CountyCode, decimal ComputedPart, decimal? ExpertAverage,
    decimal? Total, int ExpertsScored, int ExpertsAssigned, decimal? SatisfactionPercent, bool SatisfactionMet, bool Final, string? TieNote);
public sealed record RankingView(int Year, EvaluationStage Stage, string StageLabel, string TieRule, IReadOnlyList<RankingRow> Rows);
public sealed record InspectionView(Guid Id, Guid EtownId, int Year, string? OrganisationName, string Conclusion, string FileName, DateTimeOffset UploadedAt,
    IReadOnlyList<FindingView> Findings);

/// <summary>
/// Performance evaluation (EVAL-01, EVAL-02, ACC-08): the versioned indicator sheet, the computed indicator values from the
/// producing modules' ports, expert scoring with weights, the ranking, mid-term findings tracked to closure, and the third
/// party's inspection after the final acceptance. Funds read the final result through <see cref="IEvaluationResults"/>.
/// </summary>
public sealed class EvaluationService(EtownDb db, Caller caller, TimeProvider clock, WorkingCalendar calendar, AttachmentStore store,
    StandardService standards, IEnumerable<IOpenRectifications> rectifications, IEnumerable<ISatisfactionResults> satisfaction)
{
    /// <summary>The programme started in 2022 (000: 2022年4月下达启动资金); no evaluation of a future year.</summary>
    public const int FirstYear = 2022;

    /// <summary>EVAL-01 ranking tie-break, shown on the ranking page.</summary>
    public const string TieRule = "总分相同时，依次按满意率（高者在前）、客观指标得分（高者在前）、e镇名称排序。";

    DateOnly Today => clock.ChinaToday();

    void RequireProvince()
    {
        caller.Require(Permissions.Acceptance.Evaluate);
        if (!caller.Scope.IsProvince) throw new ForbiddenException("绩效评价由省级组织。");
    }

    void RequireYear(int year)
    {
        if (year < FirstYear || year > Today.Year)
            throw new DomainException(AcceptanceErrors.YearOutsideProgramme, $"年度 {year} 不在培育期内（{FirstYear}–{Today.Year} 年）。", 400);
    }

    // ---------------------------------------------------------------- indicator sheet (versioned)

    public async Task<IReadOnlyList<SheetView>> SheetsAsync(CancellationToken ct = default)
    {
        // Province-wide rule data: every signed-in user reads it (the Evaluate permission guards the writes).
        await using var ctx = db.Create(caller);
        var sets = await ctx.EvaluationSheets.AsNoTracking().ToListAsync(ct);
        var parent = EvaluationSheet.Lifecycle.ParentCodes(sets);
        return EvaluationSheet.Lifecycle.Ordered(sets).Select(s => ToView(s, parent(s))).ToList();
    }

    static SheetView ToView(EvaluationSheet s, string? parent) => new(s.Code, s.Name, s.Version, parent, s.IsInUse, s.Indicators);

    public async Task<SheetView> DeriveSheetAsync(string parentCode, SheetDeriveInput input, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var lc = EvaluationSheet.Lifecycle;
        var parent = await lc.FindAsync(ctx.EvaluationSheets, parentCode, ct);
        await lc.RequireNewCodeAsync(ctx.EvaluationSheets, input.Code, ct);
        var child = lc.Derive(parent, input.Code, input.Name, null, clock.GetUtcNow());
        ctx.EvaluationSheets.Add(child);
        await ctx.SaveChangesAsync(ct);
        return ToView(child, parent.Code);
    }

    /// <summary>The province edits a draft: weights must sum to 100 (EVAL-01); a sheet in use is immutable.</summary>
    public async Task<SheetView> SetIndicatorsAsync(string code, SheetIndicatorsInput input, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var set = await EvaluationSheet.Lifecycle.FindAsync(ctx.EvaluationSheets, code, ct);
        set.SetIndicators([.. (input.Indicators ?? []).Select(i => i with { Code = (i.Code ?? "").Trim(), Label = (i.Label ?? "").Trim() })]);
        await ctx.SaveChangesAsync(ct);
        return ToView(set, await EvaluationSheet.Lifecycle.ParentCodeAsync(ctx.EvaluationSheets, set, ct));
    }

    /// <summary>Publishes (adopts) a draft: it becomes the sheet in force and is locked.</summary>
    public async Task<SheetView> PublishSheetAsync(string code, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var set = await EvaluationSheet.Lifecycle.FindAsync(ctx.EvaluationSheets, code, ct);
        if (EvaluationSheet.Lifecycle.Adopt(set)) await ctx.SaveChangesAsync(ct);
        return ToView(set, await EvaluationSheet.Lifecycle.ParentCodeAsync(ctx.EvaluationSheets, set, ct));
    }

    // ---------------------------------------------------------------- opening and expert assignment

    /// <summary>
    /// The province opens the evaluation of an e-town for a year and stage under the sheet in force, computes the indicator
    /// values that have a source (a snapshot: experts score the rest) and assigns the experts (adding experts later is allowed
    /// until final). An expert whose organisation is assigned to the e-town is refused (conflict of interest).
    /// </summary>
    public async Task<EvaluationView> OpenAsync(int year, OpenEvaluationInput input, CancellationToken ct = default)
    {
        RequireProvince();
        RequireYear(year);
        var expertIds = (input.ExpertUserIds ?? []).Distinct().ToList();
        if (expertIds.Count == 0) throw new DomainException(AcceptanceErrors.ExpertInvalid, "请至少选择一名评审专家。", 400);
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == input.EtownId, ct) ?? throw new NotFoundException("e镇");
        var experts = await ExpertsQuery(ctx).Where(u => expertIds.Contains(u.Id)).ToListAsync(ct);
        if (experts.Count != expertIds.Count) throw new DomainException(AcceptanceErrors.ExpertInvalid, "所选用户不是评审专家。", 400);
        var orgs = experts.Select(u => u.OrganisationId).ToList();
        if (await ctx.EtownAssignments.AnyAsync(a => a.EtownId == town.Id && orgs.Contains(a.OrganisationId), ct))
            throw new DomainException(AcceptanceErrors.ExpertInvalid, "所选专家所在单位与该e镇存在委托关系（利害关系），应当回避。", 409);

        var ev = await ctx.EtownEvaluations.FirstOrDefaultAsync(x => x.EtownId == town.Id && x.Year == year && x.Stage == input.Stage, ct);
        if (ev?.FinalisedAt is not null) throw new DomainException(AcceptanceErrors.EvaluationFinalised, "该评价已定稿，不能再分配专家。", 409);
        if (ev is null)
        {
            var sheets = await ctx.EvaluationSheets.AsNoTracking().Where(s => s.IsInUse).ToListAsync(ct);
            var sheet = EvaluationSheet.Lifecycle.Resolve(sheets)
                        ?? throw new DomainException(AcceptanceErrors.NoSheetInForce, "尚无已发布的绩效评价指标表，请先发布指标表。", 409);
            var (values, satisfactionPct) = await ComputeAsync(ctx, town.Id, town.CountyCode, year, sheet.Indicators, ct);
            ev = new EtownEvaluation
            {
                EtownId = town.Id, CountyCode = town.CountyCode, EtownName = town.Name, Year = year, Stage = input.Stage, SheetCode = sheet.Code,
                Indicators = [.. sheet.Indicators], Values = values, SatisfactionPercent = satisfactionPct,
            };
            ctx.EtownEvaluations.Add(ev);
        }
        var existing = await ctx.EvaluationExpertScores.Where(s => s.EvaluationId == ev.Id).Select(s => s.ExpertUserId).ToListAsync(ct);
        foreach (var u in experts.Where(u => !existing.Contains(u.Id)))
            ctx.EvaluationExpertScores.Add(new EvaluationExpertScore
            {
                EvaluationId = ev.Id, CountyCode = ev.CountyCode, ExpertUserId = u.Id, ExpertName = u.DisplayName, AssignedAt = clock.GetUtcNow(),
            });
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(ev.Id, ct);
    }

    IQueryable<Platform.Auth.AppUser> ExpertsQuery(EtownDbContext ctx)
    {
        var roleIds = ctx.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.Acceptance.Score).Select(c => c.RoleId);
        var userIds = ctx.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return ctx.Users.Where(u => u.IsActive && userIds.Contains(u.Id));
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> ExpertsAsync(CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        return (await ExpertsQuery(ctx).OrderBy(u => u.UserName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName)).ToList();
    }

    /// <summary>
    /// The computed indicator values (EVAL-01), each from its producing module: binding standard items met (compliance engine),
    /// open rectifications (supervision and acceptance, <see cref="IOpenRectifications"/>), the survey (≥ 95 %, 潞城 001 line 177,
    /// <see cref="ISatisfactionResults"/>), the county's self-evaluation report. Sources without a port (declaration targets,
    /// fund use) and any source that cannot answer give null: the experts score them.
    /// </summary>
    async Task<(List<IndicatorValue> Values, decimal? Satisfaction)> ComputeAsync(EtownDbContext ctx, Guid etownId, string county, int year,
        IReadOnlyList<EvaluationIndicator> indicators, CancellationToken ct)
    {
        var values = new List<IndicatorValue>();
        SatisfactionCheck? survey = null;
        if (satisfaction.Any())
        {
            int answers = 0, satisfied = 0;
            foreach (var p in satisfaction) { var r = await p.ForEtownAsync(ctx, etownId, year, ct); answers += r.Answers; satisfied += r.Satisfied; }
            survey = SatisfactionCheck.Of(answers, satisfied);
        }
        foreach (var i in indicators)
        {
            IndicatorValue v = i.Source switch
            {
                IndicatorSource.Satisfaction when survey is not null => new(i.Code, survey.Met ? i.Weight : 0m, survey.Label),
                IndicatorSource.SelfEvaluation => await ctx.PerformanceEvaluations.AnyAsync(x => x.CountyCode == county && x.Year == year, ct)
                    ? new(i.Code, i.Weight, $"{year} 年度绩效自评价报告已提交") : new(i.Code, 0m, $"{year} 年度绩效自评价报告未提交"),
                IndicatorSource.StandardItems => await StandardValueAsync(i, etownId, year, ct),
                IndicatorSource.Supervision when rectifications.Any() => await SupervisionValueAsync(ctx, i, etownId, ct),
                _ => new(i.Code, null, "无自动数据来源，由专家评分"),
            };
            values.Add(v);
        }
        return (values, survey?.Percent);
    }

    async Task<IndicatorValue> StandardValueAsync(EvaluationIndicator i, Guid etownId, int year, CancellationToken ct)
    {
        try
        {
            var s = (await standards.ComplianceAsync(etownId, year, ct)).Summary;
            if (s.BindingTotal == 0) return new(i.Code, null, "无约束性指标判定，由专家评分");
            return new(i.Code, Math.Round(i.Weight * s.BindingMet / s.BindingTotal, 2), $"约束性指标达标 {s.BindingMet}/{s.BindingTotal}");
        }
        catch (DomainException)
        {
            return new(i.Code, null, "无法取得达标判定，由专家评分");
        }
    }

    /// <summary>No open rectification: full marks; open but within the deadline: half; any overdue: none.</summary>
    async Task<IndicatorValue> SupervisionValueAsync(EtownDbContext ctx, EvaluationIndicator i, Guid etownId, CancellationToken ct)
    {
        var open = new List<OpenRectification>();
        foreach (var p in rectifications) open.AddRange(await p.ForAsync(ctx, etownId, null, ct));
        var overdue = open.Count(o => o.Deadline is { } d && d < Today);
        if (open.Count == 0) return new(i.Code, i.Weight, "无未完成整改");
        return overdue > 0 ? new(i.Code, 0m, $"有 {overdue} 项整改逾期未完成") : new(i.Code, Math.Round(i.Weight / 2, 2), $"有 {open.Count} 项整改在期限内未完成");
    }

    // ---------------------------------------------------------------- scoring

    /// <summary>The expert's assignments (with what they still owe).</summary>
    public async Task<IReadOnlyList<EvaluationView>> MyAssignmentsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Score);
        await using var ctx = db.Create(caller);
        var ids = await ctx.EvaluationExpertScores.AsNoTracking().Where(s => s.ExpertUserId == caller.UserId).Select(s => s.EvaluationId).ToListAsync(ct);
        var list = new List<EvaluationView>();
        foreach (var id in ids) list.Add(await ViewAsync(id, ct));
        return [.. list.OrderByDescending(v => v.Year).ThenBy(v => v.EtownName, StringComparer.Ordinal)];
    }

    /// <summary>An assigned expert scores every expert-scored indicator 0..its weight (EVAL-01); anything else writes nothing.</summary>
    public async Task<EvaluationView> ScoreAsync(Guid evaluationId, ScoreInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Score);
        await using var ctx = db.Create(caller);
        var mine = await ctx.EvaluationExpertScores.FirstOrDefaultAsync(s => s.EvaluationId == evaluationId && s.ExpertUserId == caller.UserId, ct)
                   ?? throw new DomainException(AcceptanceErrors.NotAssignedExpert, "您未被分配评价该e镇，不能评分。", 403);
        var ev = await ctx.EtownEvaluations.FirstAsync(x => x.Id == evaluationId, ct);
        if (ev.FinalisedAt is not null) throw new DomainException(AcceptanceErrors.EvaluationFinalised, "该评价已定稿，不能再修改评分。", 409);
        var scores = input.Scores ?? new Dictionary<string, decimal>();
        var due = ev.ExpertIndicators.ToList();
        var problems = new List<string>();
        foreach (var i in due)
            if (!scores.TryGetValue(i.Code, out var v)) problems.Add($"请为“{i.Label}”评分");
            else if (v < 0 || v > i.Weight) problems.Add($"“{i.Label}”的分数应在 0–{i.Weight:0.##} 之间（当前 {v:0.##}）");
        foreach (var extra in scores.Keys.Where(k => due.All(i => i.Code != k))) problems.Add($"指标 {extra} 不由专家评分");
        if (problems.Count > 0) throw new DomainException(AcceptanceErrors.ScoreOutOfRange, string.Join("；", problems) + "。", 400);
        mine.Scores = due.ToDictionary(i => i.Code, i => scores[i.Code]);
        mine.Total = Math.Round(due.Sum(i => scores[i.Code]), 2);
        mine.Comment = input.Comment?.Trim() is { Length: > 0 } c ? c[..Math.Min(c.Length, 1000)] : null;
        mine.ScoredAt = clock.GetUtcNow();
        await ctx.SaveChangesAsync(ct);
        await RecomputeAsync(ev.Year, ev.Stage, ct);
        return await ViewAsync(evaluationId, ct);
    }

    /// <summary>
    /// Total = computed part + the average of the experts' totals (each expert's weighted total); rank among the year's
    /// e-towns of the same stage, ties broken by <see cref="TieRule"/>. Runs over all e-towns (system context): an expert's
    /// score moves the others' ranks.
    /// </summary>
    async Task RecomputeAsync(int year, EvaluationStage stage, CancellationToken ct)
    {
        await using var ctx = db.CreateSystem();
        var evs = await ctx.EtownEvaluations.Where(x => x.Year == year && x.Stage == stage).ToListAsync(ct);
        var ids = evs.Select(x => x.Id).ToList();
        var scores = await ctx.EvaluationExpertScores.AsNoTracking().Where(s => ids.Contains(s.EvaluationId) && s.Total != null).ToListAsync(ct);
        foreach (var e in evs)
        {
            var mine = scores.Where(s => s.EvaluationId == e.Id).Select(s => s.Total!.Value).ToList();
            e.Total = mine.Count == 0 ? null : Math.Round(e.ComputedPart + mine.Average(), 2);
        }
        foreach (var (e, rank, note) in Rank(evs)) { e.Rank = rank; e.TieNote = note; }
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>EVAL-01 ranking (pure): by total, then satisfaction, then the computed part, then the name (ordinal) — always a strict order.</summary>
    public static IEnumerable<(EtownEvaluation Evaluation, int? Rank, string? TieNote)> Rank(IReadOnlyList<EtownEvaluation> evaluations)
    {
        var scored = evaluations.Where(e => e.Total is not null)
            .OrderByDescending(e => e.Total).ThenByDescending(e => e.SatisfactionPercent ?? -1m).ThenByDescending(e => e.ComputedPart)
            .ThenBy(e => e.EtownName, StringComparer.Ordinal).ThenBy(e => e.Id).ToList();
        for (var i = 0; i < scored.Count; i++)
        {
            var e = scored[i];
            var tied = scored.Where(o => o != e && o.Total == e.Total).Select(o => o.EtownName).ToList();
            yield return (e, i + 1, tied.Count == 0 ? null : $"与{string.Join("、", tied)}总分并列（{e.Total:0.00}），按满意率、客观指标得分、名称排序");
        }
        foreach (var e in evaluations.Where(e => e.Total is null)) yield return (e, null, null);
    }

    /// <summary>
    /// The province finalises: every assigned expert has scored; for a yearly evaluation of an e-town whose final acceptance
    /// has passed, the third party's inspection is in and its rectifications are closed (ACC-08).
    /// </summary>
    public async Task<EvaluationView> FinaliseAsync(Guid id, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var ev = await ctx.EtownEvaluations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("绩效评价");
        if (ev.FinalisedAt is not null) throw new DomainException(AcceptanceErrors.EvaluationFinalised, "该评价已定稿。", 409);
        var experts = await ctx.EvaluationExpertScores.AsNoTracking().Where(s => s.EvaluationId == id).ToListAsync(ct);
        var missing = experts.Where(s => s.Total is null).Select(s => s.ExpertName).ToList();
        if (experts.Count == 0 || missing.Count > 0)
            throw new DomainException(AcceptanceErrors.ScoresMissing, missing.Count > 0 ? $"尚有专家未完成评分：{string.Join("、", missing)}。" : "尚无专家评分。", 409);
        if (ev.Stage == EvaluationStage.Yearly && await FinallyAcceptedAsync(ctx, ev.EtownId, ct))
        {
            var inspections = await ctx.ThirdPartyInspections.AsNoTracking().Where(x => x.EtownId == ev.EtownId).Select(x => x.Id).ToListAsync(ct);
            if (inspections.Count == 0)
                throw new DomainException(AcceptanceErrors.ThirdPartyPending, "该e镇已通过整体验收，须先由受托第三方上传核查与绩效报告（ACC-08），评价才能定稿。", 409);
            var open = await ctx.EvaluationFindings.CountAsync(f => f.InspectionId != null && inspections.Contains(f.InspectionId.Value) && f.ClosedOn == null, ct);
            if (open > 0)
                throw new DomainException(AcceptanceErrors.ThirdPartyPending, $"第三方核查提出的 {open} 项整改尚未完成（ACC-08），评价不能定稿。", 409);
        }
        ev.FinalisedAt = clock.GetUtcNow();
        ev.FinalisedByName = caller.DisplayName ?? caller.UserName;
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(id, ct);
    }

    static Task<bool> FinallyAcceptedAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct) =>
        ctx.AcceptanceApplications.AnyAsync(a => a.EtownId == etownId && a.Scope == AcceptanceScope.Whole && a.Status == AcceptanceStatus.Passed, ct);

    // ---------------------------------------------------------------- reading

    public async Task<EvaluationView> ViewAsync(Guid id, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var ev = await ctx.EtownEvaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("绩效评价");
        var sees = caller.Has(Permissions.Acceptance.Evaluate) || caller.Has(Permissions.Acceptance.Read);
        var experts = await ctx.EvaluationExpertScores.AsNoTracking().Where(s => s.EvaluationId == id && (sees || s.ExpertUserId == caller.UserId))
            .OrderBy(s => s.ExpertName).ToListAsync(ct);
        var findings = await ctx.EvaluationFindings.AsNoTracking().Where(f => f.EvaluationId == id).OrderBy(f => f.RaisedOn).ToListAsync(ct);
        return new EvaluationView(ev.Id, ev.EtownId, ev.EtownName, ev.CountyCode, ev.Year, ev.Stage, EtownEvaluation.StageLabel(ev.Stage), ev.SheetCode,
            ev.Indicators, ev.Values, [.. ev.ExpertIndicators.Select(i => i.Code)], ev.ComputedPart, ev.Total, ev.Rank, ev.TieNote, ev.SatisfactionPercent,
            ev.FinalisedAt is not null,
            [.. experts.Select(s => new ExpertScoreView(s.ExpertUserId, s.ExpertName, s.Total, s.Scores, s.ScoredAt))], [.. findings.Select(ToView)]);
    }

    FindingView ToView(EvaluationFinding f) => new(f.Id, f.EtownId, f.Source switch
    {
        FindingSource.MidTerm => "中期评估", FindingSource.ThirdParty => "第三方核查", _ => "年度绩效评价",
    }, f.Text, f.RaisedOn, f.Deadline, f.ClosedOn is null && f.Deadline < Today, f.Answer, f.AnsweredOn, f.ClosedOn);

    /// <summary>The ranking of a year and stage, in the caller's scope (the province sees all e-towns).</summary>
    public async Task<RankingView> RankingAsync(int year, EvaluationStage stage, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Read);
        RequireYear(year);
        await using var ctx = db.Create(caller);
        var evs = await ctx.EtownEvaluations.AsNoTracking().Where(x => x.Year == year && x.Stage == stage).ToListAsync(ct);
        var ids = evs.Select(e => e.Id).ToList();
        var scores = await ctx.EvaluationExpertScores.AsNoTracking().Where(s => ids.Contains(s.EvaluationId)).ToListAsync(ct);
        var rows = evs.OrderBy(e => e.Rank ?? int.MaxValue).ThenBy(e => e.EtownName, StringComparer.Ordinal).Select(e =>
        {
            var mine = scores.Where(s => s.EvaluationId == e.Id).ToList();
            var done = mine.Where(s => s.Total is not null).Select(s => s.Total!.Value).ToList();
            return new RankingRow(e.Rank, e.Id, e.EtownId, e.EtownName, e.CountyCode, e.ComputedPart, done.Count == 0 ? null : Math.Round(done.Average(), 2),
                e.Total, done.Count, mine.Count, e.SatisfactionPercent, SatisfactionCheck.Meets(e.SatisfactionPercent), e.FinalisedAt is not null, e.TieNote);
        }).ToList();
        return new RankingView(year, stage, EtownEvaluation.StageLabel(stage), TieRule, rows);
    }

    public async Task<byte[]> RankingXlsxAsync(int year, EvaluationStage stage, CancellationToken ct = default)
    {
        var r = await RankingAsync(year, stage, ct);
        return XlsxWriter.Write($"{year}{r.StageLabel}排名", ["排名", "e镇", "县（市、区）代码", "客观指标得分", "专家平均分", "总分", "满意率(%)", "满意率达 95%", "已评专家", "状态", "并列说明"],
            r.Rows.Select(x => (IReadOnlyList<object?>)[x.Rank, x.EtownName, x.CountyCode, x.ComputedPart, x.ExpertAverage, x.Total, x.SatisfactionPercent,
                x.SatisfactionMet ? "是" : "否", $"{x.ExpertsScored}/{x.ExpertsAssigned}", x.Final ? "已定稿" : "评分中", x.TieNote]));
    }

    // ---------------------------------------------------------------- findings (EVAL-02) and the third party (ACC-08)

    /// <summary>EVAL-02 (潞城 001 line 71): a finding of the evaluation becomes a rectification item with a deadline in working days.</summary>
    public async Task<FindingView> RaiseFindingAsync(Guid evaluationId, FindingInput input, CancellationToken ct = default)
    {
        RequireProvince();
        var text = RequireFinding(input);
        await using var ctx = db.Create(caller);
        var ev = await ctx.EtownEvaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == evaluationId, ct) ?? throw new NotFoundException("绩效评价");
        var f = NewFinding(ev.EtownId, ev.CountyCode, ev.Stage == EvaluationStage.MidTerm ? FindingSource.MidTerm : FindingSource.Yearly, text, input.WorkingDays);
        f.EvaluationId = ev.Id;
        ctx.EvaluationFindings.Add(f);
        await ctx.SaveChangesAsync(ct);
        return ToView(f);
    }

    static string RequireFinding(FindingInput input)
    {
        var errors = new FieldErrors();
        var text = input.Text?.Trim() ?? "";
        if (text.Length is 0 or > 2000) errors.Add("text", "请写明需整改的问题（不超过 2000 字）。");
        if (input.WorkingDays is < 1 or > 60) errors.Add("workingDays", "整改期限应为 1–60 个工作日。");
        errors.ThrowIfAny();
        return text;
    }

    EvaluationFinding NewFinding(Guid etownId, string county, FindingSource source, string text, int workingDays) => new()
    {
        EtownId = etownId, CountyCode = county, Source = source, Text = text, RaisedOn = Today, WorkingDays = workingDays,
        Deadline = calendar.DeadlineAfter(Today, workingDays),
    };

    /// <summary>The county answers a rectification item (its e镇办).</summary>
    public async Task<FindingView> AnswerFindingAsync(Guid id, FindingAnswerInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        if (!caller.Scope.IsCounty) throw new ForbiddenException("整改情况由e镇所在县（市、区）答复。");
        var answer = input.Answer?.Trim() ?? "";
        if (answer.Length is 0 or > 2000) throw new ValidationFailedException(new Dictionary<string, string[]> { ["answer"] = ["请写明整改情况（不超过 2000 字）。"] });
        await using var ctx = db.Create(caller);
        var f = await ctx.EvaluationFindings.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("整改事项");
        if (f.ClosedOn is not null) throw new DomainException(AcceptanceErrors.FindingState, "该整改事项已销号。", 409);
        f.Answer = answer;
        f.AnsweredOn = Today;
        await ctx.SaveChangesAsync(ct);
        return ToView(f);
    }

    /// <summary>The province closes an answered item (销号).</summary>
    public async Task<FindingView> CloseFindingAsync(Guid id, CancellationToken ct = default)
    {
        RequireProvince();
        await using var ctx = db.Create(caller);
        var f = await ctx.EvaluationFindings.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("整改事项");
        if (f.ClosedOn is not null || f.AnsweredOn is null) throw new DomainException(AcceptanceErrors.FindingState, "只有县级已答复、尚未销号的整改事项才能销号。", 409);
        f.ClosedOn = Today;
        await ctx.SaveChangesAsync(ct);
        return ToView(f);
    }

    public async Task<IReadOnlyList<FindingView>> FindingsAsync(CancellationToken ct = default)
    {
        // Row scope decides: the county and its city/province, and the e-town's commissioned third party.
        await using var ctx = db.Create(caller);
        return [.. (await ctx.EvaluationFindings.AsNoTracking().OrderBy(f => f.Deadline).ToListAsync(ct)).Select(ToView)];
    }

    /// <summary>
    /// ACC-08: after the final (whole-project) acceptance has passed, the commissioned third party of the e-town uploads its
    /// inspection / performance report; each finding line becomes a rectification item (default 15 working days).
    /// </summary>
    public async Task<InspectionView> UploadInspectionAsync(Guid etownId, int year, string? conclusion, string? findings, int workingDays,
        string fileName, string contentType, Stream content, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Inspect);
        if (!caller.Scope.EtownIds.Contains(etownId)) throw new ForbiddenException("只有受托该e镇的第三方机构可以上传核查报告。");
        RequireYear(year);
        var text = conclusion?.Trim() ?? "";
        var lines = (findings ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var errors = new FieldErrors();
        if (text.Length is 0 or > 2000) errors.Add("conclusion", "请写明核查与绩效评价结论（不超过 2000 字）。");
        if (lines.Any(l => l.Length > 2000)) errors.Add("findings", "每项整改问题不超过 2000 字。");
        if (workingDays is < 1 or > 60) errors.Add("workingDays", "整改期限应为 1–60 个工作日。");
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        if (!await FinallyAcceptedAsync(ctx, etownId, ct))
            throw new DomainException(AcceptanceErrors.NotFinallyAccepted, "该e镇尚未通过整体验收，第三方核查与绩效评价在项目实施完毕、整体验收后进行（ACC-08）。", 409);
        var stored = await store.SaveAsync(content, fileName, contentType, AttachmentPolicy.Documents, ct);
        var inspection = new ThirdPartyInspection
        {
            EtownId = etownId, CountyCode = town.CountyCode, Year = year, OrganisationId = caller.OrganisationId, OrganisationName = caller.OrganisationName,
            Conclusion = text, FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256,
            StoragePath = stored.StoragePath, UploadedAt = clock.GetUtcNow(), UploadedByName = caller.DisplayName ?? caller.UserName,
        };
        ctx.ThirdPartyInspections.Add(inspection);
        var items = lines.Select(l => NewFinding(etownId, town.CountyCode, FindingSource.ThirdParty, l, workingDays)).ToList();
        foreach (var f in items) { f.InspectionId = inspection.Id; ctx.EvaluationFindings.Add(f); }
        await ctx.SaveChangesAsync(ct);
        return new InspectionView(inspection.Id, etownId, year, inspection.OrganisationName, text, inspection.FileName, inspection.UploadedAt, [.. items.Select(ToView)]);
    }
}
