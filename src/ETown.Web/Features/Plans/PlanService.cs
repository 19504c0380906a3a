using ETown.Web.Features.Declarations;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Plans;

/// <summary>The county's written justification for a budget outside the FUND-03 bands and the city's decision (issue #14 item 12).</summary>
public sealed record BandJustificationView(string? Text, JustificationStatus Status, string StatusLabel, DateTimeOffset? DecidedAt, string? DecidedBy,
    string? Note, bool CanSubmit, bool CanDecide);

public sealed record BudgetView(decimal AllocationYuan, IReadOnlyList<BudgetLine> Lines, BudgetCheckResult Check, BandJustificationView? Justification = null);

public sealed record JustificationInput(string? Text);
public sealed record JustificationDecision(bool Approve, string? Note);

/// <summary>The plan of one e-town as pages and the API see it. <see cref="Exists"/> is false for a plan not yet started.</summary>
public sealed record PlanView(Guid? Id, Guid EtownId, string EtownName, string CountyCode, string CountyName, string CityName, bool Exists,
    PlanStatus Status, string StatusLabel, string StandardVersion, PlanContent Content, bool TargetsFromDeclaration, Guid? DeclarationId,
    DateTimeOffset? FiledAt, string? FiledBy, DateTimeOffset? ReopenedAt, string? ReopenReason,
    bool CanEdit, bool CanFile, bool CanReopen, IReadOnlyList<string> MissingForFiling, BudgetView Budget, int? Version = null);

public sealed record PlanInput(string? StandardVersion, PlanContent Content);
public sealed record BudgetInput(decimal AllocationYuan, IReadOnlyList<BudgetLine> Lines);

/// <summary>
/// Cultivation plan and budget (PLAN-01…04, FUND-03). The county drafts its own e-towns' plans (scope: its county
/// code), files them once complete and within the FUND-03 bands; city and province read; a province-wide caller
/// reopens a filed plan with a reason. Targets come from the listed declaration when the e-town has one (PLAN-03).
/// </summary>
public sealed class PlanService(EtownDb db, Caller caller, RegionDirectory regions, TimeProvider clock, Authorizer auth,
    IEnumerable<IPlanNoticeDates> noticeDates, Platform.Calendar.WorkingCalendar calendar, IConfiguration config)
{
    public const string DefaultStandardVersion = "SX-2022";

    public async Task<PlanView> GetAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Plan.Read);
        await using var ctx = db.Create(caller);
        return await ViewAsync(ctx, etownId, ct);
    }

    public async Task<PlanView> SaveAsync(Guid etownId, PlanInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Plan.Edit);
        ArgumentNullException.ThrowIfNull(input);
        await using var ctx = db.Create(caller);
        var (etown, plan) = await LoadForWriteAsync(ctx, etownId, ct);
        plan.RequireEditable("修改培育方案");
        var content = input.Content ?? new PlanContent();
        var carried = await DeclarationTargetsAsync(ctx, etown.DeclarationId, ct);
        Validate(input.StandardVersion, content, carried is null);
        if (carried is not null) content.Targets = carried; // PLAN-03: the declaration's targets, not edited here
        content.Targets = content.Targets.OrderBy(t => t.Indicator).ThenBy(t => t.Year).ToList();
        var before = (plan.StandardVersion, plan.ContentJson);
        plan.StandardVersion = input.StandardVersion!.Trim();
        plan.SetContent(content);
        if (before != (plan.StandardVersion, plan.ContentJson)) plan.ContentChanged(clock.GetUtcNow()); // DISC-02: re-notice
        Stamp(plan);
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(ctx, etownId, ct);
    }

    /// <summary>Replaces the budget lines and the allocation. Invalid amounts or items are refused; band findings are returned as warnings.</summary>
    public async Task<BudgetView> SaveBudgetAsync(Guid etownId, BudgetInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Plan.Edit);
        ArgumentNullException.ThrowIfNull(input);
        var lines = (input.Lines ?? []).Select(l => new BudgetLine
        {
            ItemNo = l.ItemNo, Content = (l.Content ?? "").Trim(), Category = l.Category, ProvincialYuan = l.ProvincialYuan, CountyYuan = l.CountyYuan,
        }).ToList();
        var check = BudgetCheck.Check(input.AllocationYuan, lines);
        var errors = new FieldErrors();
        foreach (var i in check.Issues.Where(i => i.Severity == BudgetIssueSeverity.Invalid)) errors.Add(i.Field, $"{i.Message}（{i.Code}）");
        for (var n = 0; n < lines.Count; n++)
            if (lines[n].Content.Length > 1000) errors.Add($"lines[{n}].content", $"第 {n + 1} 行：建设内容不能超过 1000 字。");
        errors.ThrowIfAny();

        await using var ctx = db.Create(caller);
        var (_, plan) = await LoadForWriteAsync(ctx, etownId, ct);
        plan.RequireEditable("修改预算");
        var old = await ctx.PlanBudgetLines.Where(x => x.PlanId == plan.Id).ToListAsync(ct);
        static IEnumerable<(int, string, FundCategory, decimal, decimal)> Key(IEnumerable<BudgetLine> ls) =>
            ls.Select(l => (l.ItemNo, l.Content, l.Category, l.ProvincialYuan, l.CountyYuan));
        var changed = plan.AllocationYuan != input.AllocationYuan
            || !Key(old.OrderBy(x => x.SortOrder).Select(x => x.ToLine())).SequenceEqual(Key(lines));
        plan.AllocationYuan = input.AllocationYuan;
        plan.BudgetChanged();
        if (changed) plan.ContentChanged(clock.GetUtcNow()); // DISC-02: the fund rules changed, the notice restarts
        Stamp(plan);
        ctx.PlanBudgetLines.RemoveRange(old);
        ctx.PlanBudgetLines.AddRange(lines.Select((l, n) => new PlanBudgetLine
        {
            PlanId = plan.Id, CountyCode = plan.CountyCode, SortOrder = n, ItemNo = l.ItemNo, Content = l.Content, Category = l.Category,
            ProvincialYuan = l.ProvincialYuan, CountyYuan = l.CountyYuan,
        }));
        await ctx.SaveChangesAsync(ct);
        return (await ViewAsync(ctx, etownId, ct)).Budget;
    }

    /// <summary>FUND-03 "原则上" (002 line 113): the county explains in writing why its budget leaves the bands; the city decides.</summary>
    public async Task<BudgetView> SubmitJustificationAsync(Guid etownId, JustificationInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Plan.Edit);
        var text = input?.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000)
        {
            var errors = new FieldErrors();
            errors.Add("text", "请写明预算超出资金比例的理由（不超过 2000 字）。");
            errors.ThrowIfAny();
        }
        await using var ctx = db.Create(caller);
        var (_, plan) = await LoadForWriteAsync(ctx, etownId, ct);
        plan.SubmitBandJustification(text!);
        Stamp(plan);
        await ctx.SaveChangesAsync(ct);
        return (await ViewAsync(ctx, etownId, ct)).Budget;
    }

    /// <summary>The county's city approves or rejects the justification (a rejection needs a reason).</summary>
    public async Task<BudgetView> DecideJustificationAsync(Guid etownId, JustificationDecision input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Plan.ApproveJustification);
        ArgumentNullException.ThrowIfNull(input);
        var note = input.Note?.Trim();
        if (!input.Approve && string.IsNullOrEmpty(note) || note is { Length: > 1000 })
        {
            var errors = new FieldErrors();
            errors.Add("note", "不同意时请写明原因（不超过 1000 字）。");
            errors.ThrowIfAny();
        }
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(PlanOperations.ApproveJustification, new PlanResource(etown.CountyCode));
        var plan = await ctx.CultivationPlans.FirstOrDefaultAsync(x => x.EtownId == etownId, ct) ?? throw new NotFoundException("培育方案");
        plan.DecideBandJustification(input.Approve, string.IsNullOrEmpty(note) ? null : note, clock.GetUtcNow(), caller.UserName);
        Stamp(plan);
        await ctx.SaveChangesAsync(ct);
        return (await ViewAsync(ctx, etownId, ct)).Budget;
    }

    /// <summary>
    /// Files (备案) the plan. Refused while PLAN-01 content is missing (ETOWN-PLAN-0004) or the budget is out of the
    /// FUND-03 bands, does not add up to the allocation, or is otherwise incomplete (ETOWN-PLAN-0003).
    /// </summary>
    public async Task<PlanView> FileAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Plan.File);
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(PlanOperations.File, new PlanResource(etown.CountyCode));
        var plan = await ctx.CultivationPlans.FirstOrDefaultAsync(x => x.EtownId == etownId, ct)
                   ?? throw new DomainException(PlanErrors.ContentMissing, "尚未编制培育方案，不能提交备案。");
        plan.RequireEditable("提交备案");
        var content = plan.Content;
        var carried = await DeclarationTargetsAsync(ctx, etown.DeclarationId, ct);
        if (carried is not null) content.Targets = carried;
        var missing = MissingForFiling(plan.StandardVersion, content);
        if (missing.Count > 0)
            throw new DomainException(PlanErrors.ContentMissing, "培育方案内容不完整（PLAN-01），尚缺：" + string.Join("、", missing) + "。");
        var lines = await ctx.PlanBudgetLines.Where(x => x.PlanId == plan.Id).OrderBy(x => x.SortOrder).Select(x => x.ToLine()).ToListAsync(ct);
        var check = BudgetCheck.Check(plan.AllocationYuan, lines, plan.BandJustificationApproved);
        if (!check.CanFile)
            throw new DomainException(PlanErrors.BudgetNotPassing, "预算未通过核对，不能提交备案：" + string.Join("；", check.Issues.Select(i => $"{i.Message}（{i.Code}）")));
        // DISC-02 (临猗办法 第4条): the plan and its budget are publicly noticed N working days on the column before filing.
        var days = config.GetValue(PlanFilingNotice.SettingKey, PlanFilingNotice.DefaultWorkingDays);
        if (days > 0)
        {
            await using var sys = db.CreateSystem();
            DateOnly? started = null;
            foreach (var source in noticeDates)
                if (await source.NoticeStartedOnAsync(sys, etownId, plan.Id, ct) is { } d && (started is null || d < started)) started = d;
            // DISC-02: a draft edited while on the column is noticed again from the edit.
            var start = PlanFilingNotice.StartsOn(started, plan.ContentChangedAt?.ToChinaDate());
            if (PlanFilingNotice.Refusal(start, clock.ChinaToday(), days, calendar, restarted: start != started) is { } why)
                throw new DomainException(PlanErrors.NoticeNotComplete, why, 422);
        }
        plan.SetContent(content); // the carried targets are frozen with the filed plan
        plan.File(clock.GetUtcNow(), caller.UserName);
        Stamp(plan);
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(ctx, etownId, ct);
    }

    public async Task<PlanView> ReopenAsync(Guid etownId, string? reason, CancellationToken ct = default)
    {
        auth.Require(PlanOperations.Reopen, PlanResource.Any);
        if (string.IsNullOrWhiteSpace(reason))
        {
            var errors = new FieldErrors();
            errors.Add("reason", "重新打开时请写明原因。");
            errors.ThrowIfAny();
        }
        await using var ctx = db.Create(caller);
        var plan = await ctx.CultivationPlans.FirstOrDefaultAsync(x => x.EtownId == etownId, ct) ?? throw new NotFoundException("培育方案");
        plan.Reopen(clock.GetUtcNow(), reason!.Trim());
        Stamp(plan);
        await ctx.SaveChangesAsync(ct);
        return await ViewAsync(ctx, etownId, ct);
    }

    // ------------------------------------------------------------------ rules

    /// <summary>PLAN-01 (P §四(五)): what a plan must state before it can be filed; the targets must name 市场主体、网络零售额、产值 for 2025.</summary>
    public static IReadOnlyList<string> MissingForFiling(string? standardVersion, PlanContent c)
    {
        var missing = new List<string>();
        void Need(string? v, string label) { if (string.IsNullOrWhiteSpace(v)) missing.Add(label); }
        Need(standardVersion, "适用的建设标准版本");
        Need(c.PlannedScope, "规划范围");
        Need(c.FunctionalZones, "功能分区");
        Need(c.InvestmentOperatingEntity, "投资运营主体");
        if (c.KeyProjects.Count == 0) missing.Add("重点项目");
        Need(c.ConstructionMethod, "建设方式");
        Need(c.FinancingModel, "投融资模式");
        Need(c.ProfitModel, "盈利模式");
        Need(c.GuidingIdeology, "指导思想");
        Need(c.Principles, "基本原则");
        // 000 四(五) line 144: "工作方案要包含指导思想、基本原则、主要目标…、预期效果、重点任务、实施步骤、建设规模、运营模式、保障措施等内容"
        // — all of them are needed to file (PLAN-01; issue #14 item 10).
        Need(c.MainTargets, "主要目标");
        Need(c.ExpectedEffects, "预期效果");
        Need(c.KeyTasks, "重点任务");
        Need(c.ImplementationSteps, "实施步骤");
        Need(c.ConstructionScale, "建设规模");
        Need(c.OperationModel, "运营模式");
        Need(c.Guarantees, "保障措施");
        foreach (var i in new[] { TargetIndicator.NewMarketEntities, TargetIndicator.OnlineRetail, TargetIndicator.TotalOutput })
            if (c.Target(i, 2025) is null) missing.Add($"2025年{TargetIndicators.Describe(i).Label}目标");
        return missing;
    }

    /// <summary>Longest plan section (characters); shown as maxlength in the form.</summary>
    public const int PlanTextLength = 10_000;

    static void Validate(string? standardVersion, PlanContent c, bool targetsEntered)
    {
        var errors = new FieldErrors();
        // Issue #17 finding 12: null lists are a 400, not a 500; every plan text has a length limit.
        // (Targets may be left out when they are carried from the declaration, PLAN-03.)
        if (c.KeyProjects is null || (targetsEntered && c.Targets is null) || c.KeyProjects.Any(p => p is null || p.StandardItems is null))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["content"] = ["重点项目、目标值和标准条目列表不能为空值（可为空列表）。"] });
        Platform.Validation.InputLimits.CheckTextLengths(c, errors, defaultLength: PlanTextLength);
        foreach (var p in c.KeyProjects) Platform.Validation.InputLimits.CheckTextLengths(p, errors);
        if (string.IsNullOrWhiteSpace(standardVersion)) errors.Add("standardVersion", "请填写适用的建设标准版本（如 SX-2022）。");
        else if (standardVersion.Trim().Length > 32) errors.Add("standardVersion", "建设标准版本代码不能超过 32 个字符。");
        for (var n = 0; n < c.KeyProjects.Count; n++)
        {
            var p = c.KeyProjects[n];
            var at = $"content.keyProjects[{n}]";
            if (string.IsNullOrWhiteSpace(p.Name)) errors.Add($"{at}.name", $"重点项目第 {n + 1} 项：请填写项目名称。");
            if (p.StartOn is { } s && p.EndOn is { } e && e < s) errors.Add($"{at}.endOn", $"重点项目第 {n + 1} 项：完成时间不能早于开始时间。");
            if (p.InvestmentYuan < 0) errors.Add($"{at}.investmentYuan", $"重点项目第 {n + 1} 项：投资额不能为负数。");
            foreach (var item in p.StandardItems.Where(i => i is < BudgetCheck.FirstItem or > BudgetCheck.LastItem))
                errors.Add($"{at}.standardItems", $"重点项目第 {n + 1} 项：建设标准条目序号应为 1–39，当前为 {item}。");
        }
        for (var n = 0; n < (c.GrowthTargets?.Count ?? 0); n++)
        {
            var g = c.GrowthTargets![n];
            if (g is null || !Statistics.Analytics.OwnGrowthTargets.Indicators.Contains(g.Indicator))
                errors.Add($"content.growthTargets[{n}].indicator", "增速目标的指标应为网络零售额（online_retail）或总产值（total_output）。");
            else if (g.PointsAboveCity is < -100 or > 100) errors.Add($"content.growthTargets[{n}].pointsAboveCity", "高于所在市平均水平的百分点应在 -100 到 100 之间。");
            else if (g.Source is { Length: > 200 }) errors.Add($"content.growthTargets[{n}].source", "出处不超过 200 字。");
        }
        if (targetsEntered)
            foreach (var t in c.Targets!)
            {
                if (!TargetIndicators.Years.Contains(t.Year)) errors.Add("content.targets", $"目标年度应为 2022–2025，当前为 {t.Year}。");
                if (!Enum.IsDefined(t.Indicator)) errors.Add("content.targets", "目标指标无效。");
                if (t.Value < 0) errors.Add("content.targets", $"{t.Year}年{TargetIndicators.Describe(t.Indicator).Label}目标不能为负数。");
            }
        errors.ThrowIfAny();
    }

    // ------------------------------------------------------------------ helpers

    async Task<(Etowns.Etown Etown, CultivationPlan Plan)> LoadForWriteAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var etown = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(PlanOperations.Edit, new PlanResource(etown.CountyCode));
        var plan = await ctx.CultivationPlans.FirstOrDefaultAsync(x => x.EtownId == etownId, ct);
        if (plan is null)
        {
            plan = new CultivationPlan { EtownId = etownId, CountyCode = etown.CountyCode, StandardVersion = DefaultStandardVersion };
            ctx.CultivationPlans.Add(plan);
        }
        return (etown, plan);
    }

    void Stamp(CultivationPlan plan)
    {
        var now = clock.GetUtcNow();
        if (plan.CreatedAt == default) plan.CreatedAt = now;
        plan.UpdatedAt = now;
    }

    /// <summary>
    /// The targets of the declaration the e-town came from, or null. The e-town is already known to be in the caller's
    /// scope, so its own declaration is read without the declaration filter (which hides it from assignment-scoped callers).
    /// </summary>
    static async Task<List<TargetValue>?> DeclarationTargetsAsync(EtownDbContext ctx, Guid? declarationId, CancellationToken ct)
    {
        if (declarationId is not { } id) return null;
        var d = await ctx.Declarations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return null;
        return d.Form.Targets.Where(t => TargetIndicators.Years.Contains(t.Year)).OrderBy(t => t.Indicator).ThenBy(t => t.Year)
            .Select(t => new TargetValue { Indicator = t.Indicator, Year = t.Year, Value = t.Value }).ToList();
    }

    internal async Task<PlanView> ViewAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var plan = await ctx.CultivationPlans.AsNoTracking().FirstOrDefaultAsync(x => x.EtownId == etownId, ct);
        var lines = plan is null ? [] : await ctx.PlanBudgetLines.AsNoTracking().Where(x => x.PlanId == plan.Id).OrderBy(x => x.SortOrder)
            .Select(x => x.ToLine()).ToListAsync(ct);
        var content = plan?.Content ?? new PlanContent();
        var editable = plan?.IsEditable ?? true;
        var carried = await DeclarationTargetsAsync(ctx, etown.DeclarationId, ct);
        // A filed plan shows the targets frozen at filing; a draft follows the declaration.
        if (carried is not null && editable) content.Targets = carried;
        var version = plan?.StandardVersion ?? DefaultStandardVersion;
        var allocation = plan?.AllocationYuan ?? 0m;
        var county = regions.Find(etown.CountyCode);
        var resource = new PlanResource(etown.CountyCode);
        var status = plan?.Status ?? PlanStatus.Draft;
        return new PlanView(plan?.Id, etown.Id, etown.Name, etown.CountyCode, county?.Name ?? etown.CountyCode, regions.NameOf(county?.ParentCode),
            plan is not null, status, CultivationPlan.StatusLabel(status), version, content, carried is not null, etown.DeclarationId,
            plan?.FiledAt, plan?.FiledBy, plan?.ReopenedAt, plan?.ReopenReason,
            CanEdit: editable && auth.Can(PlanOperations.Edit, resource),
            CanFile: editable && plan is not null && auth.Can(PlanOperations.File, resource),
            CanReopen: status == PlanStatus.Filed && auth.Can(PlanOperations.Reopen, resource),
            MissingForFiling(version, content),
            new BudgetView(allocation, lines, BudgetCheck.Check(allocation, lines, plan?.BandJustificationApproved ?? false),
                new BandJustificationView(plan?.BandJustification, plan?.BandJustificationStatus ?? JustificationStatus.None,
                    CultivationPlan.JustificationLabel(plan?.BandJustificationStatus ?? JustificationStatus.None), plan?.BandJustificationDecidedAt,
                    plan?.BandJustificationDecidedBy, plan?.BandJustificationNote,
                    CanSubmit: editable && plan is not null && auth.Can(PlanOperations.Edit, resource),
                    CanDecide: plan?.BandJustificationStatus == JustificationStatus.Submitted && auth.Can(PlanOperations.ApproveJustification, resource))),
            plan?.Version);
    }
}
