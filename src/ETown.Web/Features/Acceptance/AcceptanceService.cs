using ETown.Web.Features.Etowns;
using ETown.Web.Features.Funds;
using ETown.Web.Features.Standards;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance;

/// <summary>
/// The acceptance procedure (ACC-01 … ACC-07, ACC-09): application, preliminary check and team, the acceptance within
/// 15 working days with its checklist and conclusion, rectification and re-review, the public notice with objections,
/// filing upward, and — for the whole project — the e-town's 已验收 status. Pages and the API call this one service.
/// </summary>
public sealed partial class AcceptanceService(EtownDb db, Caller caller, Authorizer auth, TimeProvider clock, WorkingCalendar calendar,
    AttachmentStore store, StandardService standards, IEnumerable<IContractDirectory> contracts, IEnumerable<IProjectLedgers> ledgers,
    IEnumerable<IOpenRectifications> rectifications, IEnumerable<ISatisfactionResults> satisfaction)
{
    /// <summary>ACC-03 (临猗 第十七条): the team accepts within 15 working days of the application.</summary>
    public const int ReviewWorkingDays = 15;

    DateOnly Today => clock.ChinaToday();

    // ---------------------------------------------------------------- reading

    public async Task<IReadOnlyList<AcceptanceRow>> ListAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Read);
        await using var ctx = db.Create(caller);
        var apps = await ctx.AcceptanceApplications.AsNoTracking().OrderByDescending(a => a.SubmittedOn).ThenBy(a => a.Title).ToListAsync(ct);
        var names = await EtownNamesAsync(ctx, apps.Select(a => a.EtownId), ct);
        return apps.Where(a => names.ContainsKey(a.EtownId)).Select(a => ToRow(a, names[a.EtownId])).ToList();
    }

    public async Task<(string EtownName, IReadOnlyList<AcceptanceRow> Items)> ForEtownAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Read);
        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var apps = await ctx.AcceptanceApplications.AsNoTracking().Where(a => a.EtownId == etownId).OrderByDescending(a => a.SubmittedOn).ToListAsync(ct);
        return (e.Name, apps.Select(a => ToRow(a, e.Name)).ToList());
    }

    /// <summary>ACC-01/05: the contracts of the e-town the application can cover (from the funds module), with their accepted progress.</summary>
    public async Task<IReadOnlyList<ContractOption>> ContractsAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Read);
        await using var ctx = db.Create(caller);
        _ = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var list = await ContractListAsync(ctx, etownId, ct);
        var passed = await ctx.AcceptanceApplications.AsNoTracking()
            .Where(a => a.EtownId == etownId && a.Status == AcceptanceStatus.Passed && a.ContractId != null).ToListAsync(ct);
        return list.Select(c => new ContractOption(c.Id, c.Number, c.Title, c.Amount, c.OperatorName,
            passed.Where(a => a.ContractId == c.Id).Select(a => a.AcceptedProgressPercent ?? 0).DefaultIfEmpty(0).Max())).ToList();
    }

    async Task<List<ContractRef>> ContractListAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var all = new List<ContractRef>();
        foreach (var d in contracts) all.AddRange(await d.ForEtownAsync(ctx, etownId, ct));
        return all.DistinctBy(c => c.Id).OrderBy(c => c.Number).ToList();
    }

    public async Task<AcceptanceDetail> GetAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Read);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct, tracking: false);
        return await DetailAsync(ctx, a, ct);
    }

    /// <summary>Notices running today (ACC-07): public information, listed for everyone signed in so that anyone may object.</summary>
    public async Task<IReadOnlyList<NoticeRow>> NoticesAsync(CancellationToken ct = default)
    {
        if (!caller.IsAuthenticated) throw new ForbiddenException();
        await using var ctx = db.CreateSystem();
        var today = Today;
        var apps = await ctx.AcceptanceApplications.AsNoTracking()
            .Where(a => a.Status == AcceptanceStatus.Passed && a.NoticeStartsOn != null && a.NoticeStartsOn <= today && a.NoticeEndsOn >= today).ToListAsync(ct);
        var names = await EtownNamesAsync(ctx, apps.Select(a => a.EtownId), ct);
        return apps.Select(a => new NoticeRow(a.Id, names.GetValueOrDefault(a.EtownId, ""), a.Title, AcceptanceApplication.ScopeLabel(a.Scope),
            a.AcceptedProgressPercent, a.NoticeStartsOn!.Value, a.NoticeEndsOn!.Value)).ToList();
    }

    // ---------------------------------------------------------------- ACC-01 application

    public async Task<Guid> ApplyAsync(ApplicationInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Apply);
        var errors = new FieldErrors();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("title", "请填写验收申请的名称。");
        else if (title.Length > 200) errors.Add("title", "名称不超过 200 字。");
        if (input.Scope is null) errors.Add("scope", "请选择验收范围（分模块、阶段性或整体验收）。");
        var items = input.StandardItems ?? [];
        if (items.Any(i => i is < 1 or > 39)) errors.Add("standardItems", "建设标准条目序号应为 1–39。");
        if (input.ClaimedProgressPercent is not { } progress || progress <= 0 || progress > 100)
            errors.Add("claimedProgressPercent", "累计完成进度应大于 0、不超过 100%。");
        else if (input.Scope == AcceptanceScope.Whole && progress != 100)
            errors.Add("claimedProgressPercent", "整体验收在项目全部完成后申请，累计进度应为 100%（ACC-01）。");
        if (caller.Scope.IsCounty && input.Scope is { } s && s != AcceptanceScope.Whole)
            errors.Add("scope", "分模块、阶段性验收由承办企业申请；县级只能申请整体验收（ACC-01）。");
        errors.ThrowIfAny();

        await using var ctx = db.Create(caller);
        var e = await ctx.Etowns.FirstOrDefaultAsync(x => x.Id == input.EtownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(AcceptanceOperations.Apply, new AcceptanceResource(e.Id, e.CountyCode));

        var list = await ContractListAsync(ctx, e.Id, ct);
        ContractRef? contract = null;
        if (input.ContractId is { } cid)
            contract = list.FirstOrDefault(c => c.Id == cid)
                ?? throw new DomainException(AcceptanceErrors.UnknownContract, "所选合同不是该e镇的合同。", 400);
        else if (list.Count > 0)
        {
            errors.Add("contractId", "请选择本次验收对应的合同（ACC-05：合同是验收依据）。");
            errors.ThrowIfAny();
        }

        var existing = await ctx.AcceptanceApplications.AsNoTracking().Where(a => a.EtownId == e.Id).ToListAsync(ct);
        var open = existing.Where(a => a.Status is AcceptanceStatus.Submitted or AcceptanceStatus.UnderReview or AcceptanceStatus.Failed);
        if (input.Scope == AcceptanceScope.Whole && existing.Any(a => a.Scope == AcceptanceScope.Whole && a.Status != AcceptanceStatus.PreCheckRefused))
            throw new DomainException(AcceptanceErrors.ScopeAlreadyAccepted, "该e镇的整体验收已申请或已合格，不能重复申请。", 409);
        if (contract is not null && open.Any(a => a.ContractId == contract.Id))
            throw new DomainException(AcceptanceErrors.ScopeAlreadyAccepted, $"合同 {contract.Number} 已有一项验收正在进行，请在其结束后再申请。", 409);
        var accepted = existing.Where(a => a.Status == AcceptanceStatus.Passed && a.ContractId == contract?.Id && contract is not null)
            .Select(a => a.AcceptedProgressPercent ?? 0).DefaultIfEmpty(0).Max();
        if (contract is not null && input.ClaimedProgressPercent <= accepted)
            throw new DomainException(AcceptanceErrors.ProgressBelowAccepted,
                $"合同 {contract.Number} 已验收的累计进度为 {accepted:0.##}%，本次申请的累计进度应高于此值（该部分已验收）。", 409);

        var today = Today;
        var a = new AcceptanceApplication
        {
            EtownId = e.Id, CountyCode = e.CountyCode, Scope = input.Scope!.Value, Title = title!, ContractId = contract?.Id,
            ContractNumber = contract?.Number, ContractTitle = contract?.Title, StandardItems = items, ClaimedProgressPercent = input.ClaimedProgressPercent!.Value,
            SubmittedOn = today, SubmittedBy = caller.UserId, SubmittedByName = caller.DisplayName ?? caller.UserName,
            ApplicantOrganisation = caller.OrganisationName, ReviewDeadline = calendar.DeadlineAfter(today, ReviewWorkingDays),
        };
        ctx.AcceptanceApplications.Add(a);
        await ctx.SaveChangesAsync(ct);
        return a.Id;
    }

    /// <summary>ACC-01/04: materials go with the application (and with the rectification answer); type sniffed by the store.</summary>
    public async Task<MaterialRow> AddMaterialAsync(Guid id, AcceptanceMaterialKind kind, string fileName, string contentType, Stream content, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Apply);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        if (!auth.Can(AcceptanceOperations.Apply, Res(a)) && !auth.Can(AcceptanceOperations.Review, Res(a)))
            auth.Require(AcceptanceOperations.Apply, Res(a));
        if (a.Status is not (AcceptanceStatus.Submitted or AcceptanceStatus.Failed or AcceptanceStatus.UnderReview))
            throw new DomainException(AcceptanceErrors.MaterialsClosed, $"当前状态为“{AcceptanceApplication.StatusLabel(a.Status)}”，不能再上传材料。", 409);
        var stored = await store.SaveAsync(content, fileName, contentType, AttachmentPolicy.Materials, ct);
        var m = new AcceptanceMaterial
        {
            ApplicationId = a.Id, EtownId = a.EtownId, CountyCode = a.CountyCode, Kind = kind, FileName = stored.FileName, ContentType = stored.ContentType,
            Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath, UploadedAt = clock.GetUtcNow(),
            UploadedByName = caller.DisplayName ?? caller.UserName,
        };
        ctx.AcceptanceMaterials.Add(m);
        await ctx.SaveChangesAsync(ct);
        return ToMaterialRow(m);
    }

    public async Task<(MaterialRow File, Stream Content)> OpenMaterialAsync(Guid id, Guid materialId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Read);
        await using var ctx = db.Create(caller);
        var m = await ctx.AcceptanceMaterials.AsNoTracking().FirstOrDefaultAsync(x => x.Id == materialId && x.ApplicationId == id, ct)
            ?? throw new NotFoundException("验收材料");
        return (ToMaterialRow(m), await store.OpenAsync(m, ct));
    }

    // ---------------------------------------------------------------- ACC-02 preliminary check

    /// <summary>
    /// ACC-02: does the application qualify? Materials complete (ACC-04); for the whole project the special-account and
    /// asset ledgers exist (临猗 第八条: otherwise 不予验收); the binding standard items it covers (the whole project: all)
    /// are met per the compliance engine; no rectification is open.
    /// </summary>
    public async Task<IReadOnlyList<PreCheckCondition>> ConditionsAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct, tracking: false);
        auth.Require(AcceptanceOperations.Review, Res(a));
        return await EvaluateConditionsAsync(ctx, a, ct);
    }

    async Task<IReadOnlyList<PreCheckCondition>> EvaluateConditionsAsync(EtownDbContext ctx, AcceptanceApplication a, CancellationToken ct)
    {
        var result = new List<PreCheckCondition>();
        var kinds = await ctx.AcceptanceMaterials.AsNoTracking().Where(m => m.ApplicationId == a.Id).Select(m => m.Kind).Distinct().ToListAsync(ct);
        var missing = AcceptanceApplication.RequiredMaterials.Where(k => !kinds.Contains(k)).ToList();
        result.Add(new("materials", "验收材料齐全（ACC-04）", missing.Count == 0,
            missing.Count == 0 ? "会计资料、进度资料、佐证和成果资料均已上传。" : "缺少：" + string.Join("；", missing.Select(AcceptanceApplication.MaterialLabel)) + "。"));

        if (a.Scope == AcceptanceScope.Whole)
        {
            var expense = 0; var assets = 0;
            foreach (var l in ledgers)
            {
                var p = await l.ForEtownAsync(ctx, a.EtownId, ct);
                expense += p.ExpenseLines; assets += p.AssetItems;
            }
            var presence = new LedgerPresence(expense, assets);
            var lacks = new List<string>();
            if (presence.ExpenseLines == 0) lacks.Add("专账（专项资金支出明细）");
            if (presence.AssetItems == 0) lacks.Add("资产台账");
            result.Add(new("ledgers", "专账和资产台账齐全（临猗 第八条）", presence.Complete,
                presence.Complete ? $"专账 {expense} 笔、资产台账 {assets} 项。" : "未建立" + string.Join("、", lacks) + "，不予验收。"));
        }

        PreCheckCondition binding;
        try
        {
            var compliance = await standards.ComplianceAsync(a.EtownId, null, ct);
            var relevant = compliance.Items.Where(i => i.Attribute == ItemAttribute.Binding && i.Verdict != Verdict.NotApplicable
                && (a.Scope == AcceptanceScope.Whole || a.StandardItems.Contains(i.Number))).ToList();
            var unmet = relevant.Where(i => i.Verdict != Verdict.Met).ToList();
            binding = new("binding", "涉及的约束性指标达标（建设标准）", unmet.Count == 0,
                relevant.Count == 0 ? "本次验收不涉及约束性条目。"
                : unmet.Count == 0 ? $"涉及的 {relevant.Count} 项约束性条目均已达标。"
                : "未达标：" + string.Join("；", unmet.Select(i => $"第{i.Number}项 {i.Content}（{i.VerdictLabel}）")) + "。");
        }
        catch (NotFoundException)
        {
            binding = new("binding", "涉及的约束性指标达标（建设标准）", false, "没有适用的建设标准版本，无法判定。");
        }
        result.Add(binding);

        var open = new List<OpenRectification>();
        foreach (var r in rectifications) open.AddRange(await r.ForAsync(ctx, a.EtownId, null, ct));
        result.Add(new("rectifications", "无未完成的整改", open.Count == 0,
            open.Count == 0 ? "没有未完成的整改。" : "未完成：" + string.Join("；", open.Select(o => $"{o.Source}：{o.Title}")) + "。"));
        return result;
    }

    /// <summary>
    /// ACC-02: the county checks the application. When every condition holds it fixes the team, time and place and the
    /// acceptance begins; otherwise the application is refused (不予验收) with the conditions that failed.
    /// </summary>
    public async Task<IReadOnlyList<PreCheckCondition>> PreCheckAsync(Guid id, PreCheckInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        var errors = new FieldErrors();
        if (input.TeamKind is null) errors.Add("teamKind", "请选择验收组织方式（部门联合验收或委托第三方）。");
        if (string.IsNullOrWhiteSpace(input.TeamMembers)) errors.Add("teamMembers", "请填写验收组成员（部门、人员或受委托的第三方机构）。");
        if (input.ReviewPlannedOn is null) errors.Add("reviewPlannedOn", "请确定验收时间。");
        if (string.IsNullOrWhiteSpace(input.ReviewPlace)) errors.Add("reviewPlace", "请确定验收地点。");
        errors.ThrowIfAny();

        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        auth.Require(AcceptanceOperations.Review, Res(a));
        if (!AcceptanceFlow.Definition.CanFire(a.Status, AcceptanceTrigger.AcceptForReview, caller.Level))
            throw AcceptanceFlow.Definition.Refuse(a.Status, AcceptanceTrigger.AcceptForReview, caller.Level);
        if (input.ReviewPlannedOn < a.SubmittedOn)
        {
            errors.Add("reviewPlannedOn", "验收时间不能早于申请日期。");
            errors.ThrowIfAny();
        }
        // ACC-02: a team member from the applicant itself would judge its own work.
        if (a.ApplicantOrganisation is { Length: > 0 } org && input.TeamMembers!.Contains(org, StringComparison.Ordinal))
            throw new DomainException(AcceptanceErrors.TeamConflict, $"验收组成员不能来自申请单位“{org}”（利害关系回避）。", 400);

        var conditions = await EvaluateConditionsAsync(ctx, a, ct);
        var failed = conditions.Where(c => !c.Met).ToList();
        a.PreCheckedAt = clock.GetUtcNow();
        a.PreCheckedByName = caller.DisplayName ?? caller.UserName;
        if (failed.Count > 0)
        {
            var reason = "初审不予验收。未满足的条件：" + string.Join(" ", failed.Select(c => $"{c.Label}——{c.Detail}"));
            AcceptanceFlow.Definition.Fire(() => a.Status, s => a.Status = s, AcceptanceTrigger.RefuseAtPreCheck, caller.Level, reason);
            a.RefusalReason = reason.Length > 2000 ? reason[..2000] : reason;
        }
        else
        {
            AcceptanceFlow.Definition.Fire(() => a.Status, s => a.Status = s, AcceptanceTrigger.AcceptForReview, caller.Level);
            a.TeamKind = input.TeamKind;
            a.TeamMembers = input.TeamMembers!.Trim();
            a.ReviewPlannedOn = input.ReviewPlannedOn;
            a.ReviewPlace = input.ReviewPlace!.Trim();
        }
        await ctx.SaveChangesAsync(ct);
        return conditions;
    }

    /// <summary>ACC-02: the county may also refuse for a reason of its own (stated).</summary>
    public async Task RefuseAsync(Guid id, RefusalInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        var reason = AcceptanceFlow.Definition.RequireReason(AcceptanceTrigger.RefuseAtPreCheck, input.Reason);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        auth.Require(AcceptanceOperations.Review, Res(a));
        AcceptanceFlow.Definition.Fire(() => a.Status, s => a.Status = s, AcceptanceTrigger.RefuseAtPreCheck, caller.Level, reason);
        a.RefusalReason = reason;
        a.PreCheckedAt = clock.GetUtcNow();
        a.PreCheckedByName = caller.DisplayName ?? caller.UserName;
        await ctx.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- ACC-03/04/05/06 the acceptance

    /// <summary>ACC-05: the checklist proposed from the basis — covered standard items (with today's verdict), the contract, plan, declaration, commitment letter.</summary>
    public async Task<IReadOnlyList<CheckLineInput>> ChecklistTemplateAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct, tracking: false);
        auth.Require(AcceptanceOperations.Review, Res(a));
        var lines = new List<CheckLineInput>();
        IReadOnlyList<ItemVerdict> verdicts = [];
        try { verdicts = (await standards.ComplianceAsync(a.EtownId, null, ct)).Items; } catch (NotFoundException) { }
        var numbers = a.Scope == AcceptanceScope.Whole ? verdicts.Select(v => v.Number).ToList() : a.StandardItems.ToList();
        foreach (var n in numbers.Order())
        {
            var v = verdicts.FirstOrDefault(x => x.Number == n);
            lines.Add(new(CheckLineKind.StandardItem, n, v is null ? $"建设标准第{n}项" : $"第{n}项 {v.Content}", null,
                v is null ? null : $"达标判定：{v.VerdictLabel}"));
        }
        if (a.ContractNumber is not null)
            lines.Add(new(CheckLineKind.ContractMilestone, null, $"合同 {a.ContractNumber} 约定的建设内容与节点（累计 {a.ClaimedProgressPercent:0.##}%）", null, null));
        lines.Add(new(CheckLineKind.Other, null, "培育方案确定的任务", null, null));
        lines.Add(new(CheckLineKind.Other, null, "申报表承诺的目标与县政府承诺函", null, null));
        return lines;
    }

    public async Task ReviewAsync(Guid id, ReviewInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        var errors = new FieldErrors();
        if (input.ReviewedOn is not { } reviewedOn) { errors.Add("reviewedOn", "请填写验收日期。"); reviewedOn = default; }
        else if (reviewedOn > Today) errors.Add("reviewedOn", "验收日期不能晚于今天。");
        var methods = (input.Methods ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList();
        if (methods.Count == 0) errors.Add("methods", "请选择验收方式（ACC-04：现场查验、听取汇报、查阅资料、抽查）。");
        else if (methods.FirstOrDefault(m => !AcceptanceApplication.KnownMethods.Contains(m)) is { } unknown) errors.Add("methods", $"未知的验收方式“{unknown}”。");
        var lines = input.Lines ?? [];
        if (lines.Count == 0) errors.Add("lines", "验收清单至少一项（ACC-05）。");
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Kind is null) errors.Add($"lines[{i}].kind", "请选择条目类别。");
            if (string.IsNullOrWhiteSpace(l.Description)) errors.Add($"lines[{i}].description", "请填写条目内容。");
            if (l.Kind == CheckLineKind.StandardItem && l.ItemNumber is not (>= 1 and <= 39)) errors.Add($"lines[{i}].itemNumber", "建设标准条目序号应为 1–39。");
        }
        if (input.Conclusion is null) errors.Add("conclusion", "请作出验收结论（合格或不合格）。");
        if (input.Conclusion == AcceptanceConclusion.Pass && input.AcceptedProgressPercent is not (> 0 and <= 100))
            errors.Add("acceptedProgressPercent", "请填写验收确认的累计进度（大于 0、不超过 100%）。");
        if (input.Conclusion == AcceptanceConclusion.Fail)
        {
            if (string.IsNullOrWhiteSpace(input.RectificationOpinions)) errors.Add("rectificationOpinions", "验收不合格时请写明整改意见（ACC-06）。");
            if (input.RectificationWorkingDays is not (>= 1 and <= 60)) errors.Add("rectificationWorkingDays", "整改期限为 1–60 个工作日。");
        }
        errors.ThrowIfAny();
        // ACC-04: a checklist is signed only with every line decided.
        var open = lines.Select((l, i) => (l, i)).Where(x => x.l.Result is null).Select(x => x.i + 1).ToList();
        if (open.Count > 0)
            throw new DomainException(AcceptanceErrors.ChecklistOpen, $"验收清单第 {string.Join("、", open)} 项尚未填写结果，不能作出结论。", 400);
        if (input.Conclusion == AcceptanceConclusion.Pass && lines.Any(l => l.Result == CheckResult.NotMet))
            throw new DomainException(AcceptanceErrors.PassWithUnmetLines,
                "验收清单中有“不符合”的条目，不能作出合格结论；请作出不合格结论并提出整改意见（ACC-06）。", 409);

        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        auth.Require(AcceptanceOperations.Review, Res(a));
        var trigger = input.Conclusion == AcceptanceConclusion.Pass ? AcceptanceTrigger.Pass : AcceptanceTrigger.Fail;
        if (!AcceptanceFlow.Definition.CanFire(a.Status, trigger, caller.Level))
            throw AcceptanceFlow.Definition.Refuse(a.Status, trigger, caller.Level);
        if (reviewedOn < a.SubmittedOn)
        {
            errors.Add("reviewedOn", "验收日期不能早于申请日期。");
            errors.ThrowIfAny();
        }
        if (trigger == AcceptanceTrigger.Pass)
        {
            var p = input.AcceptedProgressPercent!.Value;
            if (a.Scope == AcceptanceScope.Whole && p != 100)
                throw new DomainException(AcceptanceErrors.ProgressBelowAccepted, "整体验收合格即项目全部完成，确认的累计进度应为 100%。", 400);
            if (p > a.ClaimedProgressPercent)
                throw new DomainException(AcceptanceErrors.ProgressBelowAccepted, $"确认的累计进度不能高于申请的 {a.ClaimedProgressPercent:0.##}%。", 400);
            if (a.ContractId is { } cid)
            {
                var before = await ctx.AcceptanceApplications.AsNoTracking()
                    .Where(x => x.ContractId == cid && x.Id != a.Id && x.Status == AcceptanceStatus.Passed).Select(x => x.AcceptedProgressPercent).ToListAsync(ct);
                var max = before.Select(x => x ?? 0).DefaultIfEmpty(0).Max();
                if (p <= max)
                    throw new DomainException(AcceptanceErrors.ProgressBelowAccepted, $"该合同已验收的累计进度为 {max:0.##}%，本次确认的累计进度应高于此值。", 400);
            }
        }

        AcceptanceFlow.Definition.Fire(() => a.Status, s => a.Status = s, trigger, caller.Level,
            trigger == AcceptanceTrigger.Fail ? input.RectificationOpinions : null);
        a.ReviewedOn = reviewedOn;
        a.Methods = methods;
        a.Opinion = input.Opinion?.Trim();
        a.ReviewedByName = caller.DisplayName ?? caller.UserName;
        if (trigger == AcceptanceTrigger.Pass)
        {
            a.AcceptedProgressPercent = input.AcceptedProgressPercent;
        }
        else
        {
            a.RectificationOpinions = input.RectificationOpinions!.Trim();
            // ACC-06: the rectification deadline in working days after the acceptance (holiday calendar).
            a.RectificationDeadline = calendar.DeadlineAfter(reviewedOn, input.RectificationWorkingDays!.Value);
            a.RectificationAnswer = null;
            a.RectificationAnsweredOn = null;
        }
        var old = await ctx.AcceptanceCheckLines.Where(x => x.ApplicationId == a.Id && x.Round == a.Round).ToListAsync(ct);
        ctx.AcceptanceCheckLines.RemoveRange(old);
        ctx.AcceptanceCheckLines.AddRange(lines.Select((l, i) => new AcceptanceCheckLine
        {
            ApplicationId = a.Id, EtownId = a.EtownId, CountyCode = a.CountyCode, Round = a.Round, SortOrder = i + 1, Kind = l.Kind!.Value,
            ItemNumber = l.Kind == CheckLineKind.StandardItem ? l.ItemNumber : null, Description = l.Description!.Trim(), Result = l.Result!.Value,
            Note = string.IsNullOrWhiteSpace(l.Note) ? null : l.Note.Trim(),
        }));
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>ACC-06: the applicant answers the rectification opinions; the acceptance is reviewed again (a new round, a new 15-working-day deadline).</summary>
    public async Task AnswerRectificationAsync(Guid id, AnswerInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Apply);
        var answer = AcceptanceFlow.Definition.RequireReason(AcceptanceTrigger.AnswerRectification, input.Answer);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        auth.Require(AcceptanceOperations.Apply, Res(a));
        AcceptanceFlow.Definition.Fire(() => a.Status, s => a.Status = s, AcceptanceTrigger.AnswerRectification, caller.Level, answer);
        var today = Today;
        a.RectificationAnswer = answer;
        a.RectificationAnsweredOn = today;
        a.Round++;
        a.ReviewDeadline = calendar.DeadlineAfter(today, ReviewWorkingDays);
        a.ReviewedOn = null;
        await ctx.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- ACC-07 notice and objections

    public async Task<NoticeSettingView> NoticeSettingAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        if (caller.Scope.CountyCode is not { } county) throw new ForbiddenException("公示天数由县（市、区）设置。");
        await using var ctx = db.Create(caller);
        var s = await ctx.AcceptanceNoticeSettings.AsNoTracking().FirstOrDefaultAsync(x => x.CountyCode == county, ct);
        return new(county, s?.NoticeWorkingDays ?? AcceptanceNoticeSetting.DefaultWorkingDays, s is null);
    }

    /// <summary>ACC-07: the county sets its notice length; never below 5 working days (岢岚, 临猗).</summary>
    public async Task<NoticeSettingView> SetNoticeSettingAsync(NoticeSettingInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        if (caller.Scope.CountyCode is not { } county) throw new ForbiddenException("公示天数由县（市、区）设置。");
        if (input.NoticeWorkingDays is not { } n || n < AcceptanceNoticeSetting.DefaultWorkingDays || n > AcceptanceNoticeSetting.MaxWorkingDays)
        {
            var errors = new FieldErrors();
            errors.Add("noticeWorkingDays", $"公示期为 {AcceptanceNoticeSetting.DefaultWorkingDays}–{AcceptanceNoticeSetting.MaxWorkingDays} 个工作日（ACC-07：不少于 5 个工作日）。");
            errors.ThrowIfAny();
            return null!;
        }
        await using var ctx = db.Create(caller);
        var s = await ctx.AcceptanceNoticeSettings.FirstOrDefaultAsync(x => x.CountyCode == county, ct);
        if (s is null) ctx.AcceptanceNoticeSettings.Add(s = new AcceptanceNoticeSetting { CountyCode = county });
        s.NoticeWorkingDays = n;
        await ctx.SaveChangesAsync(ct);
        return new(county, n, false);
    }

    /// <summary>ACC-07: the county publishes the passed result; the notice runs N working days from its first day (holiday calendar).</summary>
    public async Task PublishNoticeAsync(Guid id, NoticeInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        if (input.StartsOn is not { } start)
        {
            var errors = new FieldErrors();
            errors.Add("startsOn", "请填写公示开始日期。");
            errors.ThrowIfAny();
            return;
        }
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        auth.Require(AcceptanceOperations.Review, Res(a));
        if (a.Status != AcceptanceStatus.Passed || a.NoticeStartsOn is not null)
            throw new DomainException(AcceptanceErrors.NoticeState, a.NoticeStartsOn is null ? "只有验收合格的结果才能公示。" : "该验收结果已公示。", 409);
        if (start < a.ReviewedOn)
        {
            var errors = new FieldErrors();
            errors.Add("startsOn", "公示开始日期不能早于验收日期。");
            errors.ThrowIfAny();
        }
        var days = (await ctx.AcceptanceNoticeSettings.AsNoTracking().FirstOrDefaultAsync(x => x.CountyCode == a.CountyCode, ct))?.NoticeWorkingDays
                   ?? AcceptanceNoticeSetting.DefaultWorkingDays;
        a.NoticeStartsOn = start;
        a.NoticeWorkingDays = days;
        a.NoticeEndsOn = calendar.PeriodEnd(start, days);
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>ACC-07: anyone signed in may object while the notice runs; the objection is recorded and blocks the result until answered.</summary>
    public async Task<Guid> ObjectAsync(Guid id, ObjectionInput input, CancellationToken ct = default)
    {
        if (!caller.IsAuthenticated) throw new ForbiddenException();
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000)
        {
            var errors = new FieldErrors();
            errors.Add("text", "请写明异议内容（不超过 2000 字）。");
            errors.ThrowIfAny();
        }
        // The notice is public: the objection is accepted from anyone, so the application is read outside the caller's scope.
        await using var ctx = db.CreateSystem();
        var a = await ctx.AcceptanceApplications.FirstOrDefaultAsync(x => x.Id == id && x.NoticeStartsOn != null, ct) ?? throw new NotFoundException("验收公示");
        var today = Today;
        if (!a.InNotice(today))
            throw new DomainException(AcceptanceErrors.NotInNotice,
                $"公示期为 {a.NoticeStartsOn:yyyy-MM-dd} 至 {a.NoticeEndsOn:yyyy-MM-dd}，今天不在公示期内，不能提出异议。", 409);
        var o = new AcceptanceObjection
        {
            ApplicationId = a.Id, EtownId = a.EtownId, CountyCode = a.CountyCode, Text = text!, RaisedBy = caller.UserId,
            RaisedByName = caller.DisplayName ?? caller.UserName, RaisedOn = today,
        };
        ctx.AcceptanceObjections.Add(o);
        await ctx.SaveChangesAsync(ct);
        return o.Id;
    }

    public async Task AnswerObjectionAsync(Guid id, Guid objectionId, AnswerInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        if (string.IsNullOrWhiteSpace(input.Answer))
        {
            var errors = new FieldErrors();
            errors.Add("answer", "请写明对异议的答复。");
            errors.ThrowIfAny();
        }
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct, tracking: false);
        auth.Require(AcceptanceOperations.Review, Res(a));
        var o = await ctx.AcceptanceObjections.FirstOrDefaultAsync(x => x.Id == objectionId && x.ApplicationId == id, ct) ?? throw new NotFoundException("异议");
        if (!o.IsOpen) throw new DomainException(AcceptanceErrors.ObjectionAnswered, "该异议已答复。", 409);
        o.Answer = input.Answer!.Trim();
        o.AnsweredAt = clock.GetUtcNow();
        o.AnsweredByName = caller.DisplayName ?? caller.UserName;
        await ctx.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- ACC-07 / ACC-09 filing

    public async Task FileAsync(Guid id, FilingInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        if (input.Level is not { } level)
        {
            var errors = new FieldErrors();
            errors.Add("level", "请选择报送市级或省级备案。");
            errors.ThrowIfAny();
            return;
        }
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        auth.Require(AcceptanceOperations.Review, Res(a));
        await RequireFinalResultAsync(ctx, a, AcceptanceErrors.FilingState, "报送备案", ct);
        if ((level == FilingLevel.City ? a.CityFiledAt : a.ProvinceFiledAt) is not null)
            throw new DomainException(AcceptanceErrors.FilingState, level == FilingLevel.City ? "已报送市级备案。" : "已报送省级备案。", 409);
        if (level == FilingLevel.City) a.CityFiledAt = clock.GetUtcNow();
        else a.ProvinceFiledAt = clock.GetUtcNow();
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>ACC-07/09: the city (朔州) or the province records that it received the filing.</summary>
    public async Task AcknowledgeAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Acknowledge);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        var city = caller.Scope.IsCity;
        auth.Require(city ? AcceptanceOperations.AcknowledgeCity : AcceptanceOperations.AcknowledgeProvince, Res(a));
        var filed = city ? a.CityFiledAt : a.ProvinceFiledAt;
        var acknowledged = city ? a.CityAcknowledgedAt : a.ProvinceAcknowledgedAt;
        if (filed is null) throw new DomainException(AcceptanceErrors.FilingState, "县级尚未报送备案。", 409);
        if (acknowledged is not null) throw new DomainException(AcceptanceErrors.FilingState, "已确认收到该备案。", 409);
        var who = caller.OrganisationName ?? caller.DisplayName ?? caller.UserName;
        if (city) { a.CityAcknowledgedAt = clock.GetUtcNow(); a.CityAcknowledgedBy = who; }
        else { a.ProvinceAcknowledgedAt = clock.GetUtcNow(); a.ProvinceAcknowledgedBy = who; }
        await ctx.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- ACC-06 the e-town becomes 已验收

    /// <summary>
    /// ACC-06: the e-town becomes 已验收 only as the result of this procedure — the whole-project acceptance passed and its
    /// public notice ended without an open objection (ACC-07).
    /// </summary>
    public async Task FinaliseAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        await using var ctx = db.Create(caller);
        var a = await Load(ctx, id, ct);
        auth.Require(AcceptanceOperations.Review, Res(a));
        if (a.Scope != AcceptanceScope.Whole)
            throw new DomainException(AcceptanceErrors.NotFinal, "只有整体验收合格才使e镇成为“已验收”。", 409);
        if (a.EtownAcceptedAt is not null) throw new DomainException(AcceptanceErrors.NotFinal, "该e镇已据此认定为已验收。", 409);
        await RequireFinalResultAsync(ctx, a, AcceptanceErrors.NotFinal, "认定e镇已验收", ct);
        await MarkEtownAcceptedAsync(ctx, a, ct);
        await ctx.SaveChangesAsync(ct);
    }

    /// <summary>
    /// ACC-06 without a click: the daily job makes every e-town whose whole-project acceptance passed and whose notice ended
    /// yesterday or earlier, with no open objection, 已验收. Runs as the system caller only.
    /// </summary>
    public async Task<int> FinaliseDueAsync(DateOnly today, CancellationToken ct = default)
    {
        if (!caller.IsSystem) throw new ForbiddenException();
        await using var ctx = db.CreateSystem();
        var due = await ctx.AcceptanceApplications.Where(a => a.Scope == AcceptanceScope.Whole && a.Status == AcceptanceStatus.Passed
            && a.EtownAcceptedAt == null && a.NoticeEndsOn != null && a.NoticeEndsOn < today
            && !ctx.AcceptanceObjections.Any(o => o.ApplicationId == a.Id && o.Answer == null)).ToListAsync(ct);
        var n = 0;
        foreach (var a in due)
        {
            var e = await ctx.Etowns.FirstAsync(x => x.Id == a.EtownId, ct);
            if (e.Status != EtownStatus.UnderConstruction) continue; // withdrawn or already set: nothing to do
            await MarkEtownAcceptedAsync(ctx, a, ct);
            n++;
        }
        await ctx.SaveChangesAsync(ct);
        return n;
    }

    async Task MarkEtownAcceptedAsync(EtownDbContext ctx, AcceptanceApplication a, CancellationToken ct)
    {
        var e = await ctx.Etowns.FirstAsync(x => x.Id == a.EtownId, ct);
        // ACC-06: the registry's status endpoint no longer sets 已验收; the acceptance procedure sets it here, on the entity,
        // and the change is audited with this save. ChangeStatus keeps the registry's life-cycle (建设中 → 已验收).
        e.ChangeStatus(EtownStatus.Accepted);
        a.EtownAcceptedAt = clock.GetUtcNow();
    }

    async Task RequireFinalResultAsync(EtownDbContext ctx, AcceptanceApplication a, string code, string action, CancellationToken ct)
    {
        if (a.Status != AcceptanceStatus.Passed) throw new DomainException(code, $"验收尚未合格，不能{action}。", 409);
        if (a.NoticeEndsOn is null) throw new DomainException(code, $"验收结果尚未公示，不能{action}。", 409);
        if (!a.NoticeEnded(Today)) throw new DomainException(code, $"公示期至 {a.NoticeEndsOn:yyyy-MM-dd} 结束，期满后才能{action}。", 409);
        if (await ctx.AcceptanceObjections.AnyAsync(o => o.ApplicationId == a.Id && o.Answer == null, ct))
            throw new DomainException(code, $"公示期内有未答复的异议，答复后才能{action}。", 409);
    }

    // ---------------------------------------------------------------- EVAL-01 performance evaluation

    public async Task<IReadOnlyList<EvaluationRow>> EvaluationsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Read);
        await using var ctx = db.Create(caller);
        var list = await ctx.PerformanceEvaluations.AsNoTracking().OrderByDescending(x => x.Year).ThenBy(x => x.CountyCode).ToListAsync(ct);
        // EVAL-01 (潞城 六(五)): the survey of the county's e-towns for the year, read through the disclosure module's port.
        await using var sys = db.CreateSystem();
        var rows = new List<EvaluationRow>();
        foreach (var e in list)
        {
            var towns = await sys.Etowns.AsNoTracking().Where(t => t.CountyCode == e.CountyCode).Select(t => t.Id).ToListAsync(ct);
            int answers = 0, satisfied = 0;
            foreach (var source in satisfaction)
                foreach (var t in towns)
                {
                    var r = await source.ForEtownAsync(sys, t, e.Year, ct);
                    answers += r.Answers; satisfied += r.Satisfied;
                }
            rows.Add(ToEvaluationRow(e) with { Survey = SatisfactionCheck.Of(answers, satisfied) });
        }
        return rows;
    }

    /// <summary>EVAL-01: the county uploads its self-evaluation report for a year (replaced until the province has evaluated).</summary>
    public async Task<EvaluationRow> UploadSelfEvaluationAsync(int year, decimal? satisfactionPercent, string fileName, string contentType, Stream content, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Review);
        if (caller.Scope.CountyCode is not { } county) throw new ForbiddenException("绩效自评价报告由县（市、区）上传。");
        var errors = new FieldErrors();
        if (year < 2022 || year > Today.Year) errors.Add("year", $"年度应在 2022–{Today.Year} 之间。");
        if (satisfactionPercent is < 0 or > 100) errors.Add("satisfactionPercent", "满意率应在 0–100% 之间。");
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var e = await ctx.PerformanceEvaluations.FirstOrDefaultAsync(x => x.CountyCode == county && x.Year == year, ct);
        if (e?.EvaluatedAt is not null) throw new DomainException(AcceptanceErrors.EvaluationClosed, "省级已作出评价，自评报告不能再更换。", 409);
        var stored = await store.SaveAsync(content, fileName, contentType, AttachmentPolicy.Documents, ct);
        if (e is null)
        {
            e = new PerformanceEvaluation { CountyCode = county, Year = year, FileName = stored.FileName, ContentType = stored.ContentType, Sha256 = stored.Sha256, StoragePath = stored.StoragePath };
            ctx.PerformanceEvaluations.Add(e);
        }
        e.FileName = stored.FileName; e.ContentType = stored.ContentType; e.Size = stored.Size; e.Sha256 = stored.Sha256; e.StoragePath = stored.StoragePath;
        e.SatisfactionPercent = satisfactionPercent;
        e.UploadedAt = clock.GetUtcNow();
        e.UploadedByName = caller.DisplayName ?? caller.UserName;
        await ctx.SaveChangesAsync(ct);
        return ToEvaluationRow(e);
    }

    /// <summary>EVAL-01: the province records its evaluation of the county (score 0–100 and result).</summary>
    public async Task<EvaluationRow> EvaluateAsync(Guid id, ProvinceEvaluationInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Acceptance.Evaluate);
        if (!caller.Scope.IsProvince) throw new ForbiddenException("绩效评价由省级作出。");
        var errors = new FieldErrors();
        if (input.Score is not (>= 0 and <= 100)) errors.Add("score", "评价得分应在 0–100 之间。");
        if (string.IsNullOrWhiteSpace(input.Result)) errors.Add("result", "请写明评价结论。");
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var e = await ctx.PerformanceEvaluations.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("绩效自评价");
        e.ProvinceScore = input.Score;
        e.ProvinceResult = input.Result!.Trim();
        e.EvaluatedAt = clock.GetUtcNow();
        e.EvaluatedByName = caller.DisplayName ?? caller.UserName;
        await ctx.SaveChangesAsync(ct);
        return ToEvaluationRow(e);
    }

    static EvaluationRow ToEvaluationRow(PerformanceEvaluation e) => new(e.Id, e.CountyCode, e.Year, e.SatisfactionPercent,
        e.SatisfactionPercent is not null && !SatisfactionCheck.Meets(e.SatisfactionPercent), e.FileName, e.UploadedAt, e.UploadedByName, e.ProvinceScore,
        e.ProvinceResult, e.EvaluatedAt, e.EvaluatedByName);

    // ---------------------------------------------------------------- helpers

    static AcceptanceResource Res(AcceptanceApplication a) => new(a.EtownId, a.CountyCode);

    static async Task<AcceptanceApplication> Load(EtownDbContext ctx, Guid id, CancellationToken ct, bool tracking = true)
    {
        var q = tracking ? ctx.AcceptanceApplications : ctx.AcceptanceApplications.AsNoTracking();
        return await q.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("验收申请");
    }

    static async Task<Dictionary<Guid, string>> EtownNamesAsync(EtownDbContext ctx, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await ctx.Etowns.AsNoTracking().Where(e => list.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
    }

    AcceptanceRow ToRow(AcceptanceApplication a, string etownName)
    {
        var today = Today;
        var pending = a.Status is AcceptanceStatus.Submitted or AcceptanceStatus.UnderReview;
        var left = !pending ? 0 : today > a.ReviewDeadline ? -calendar.CountWorkingDays(a.ReviewDeadline.AddDays(1), today)
            : calendar.CountWorkingDays(today.AddDays(1), a.ReviewDeadline);
        var notice = a.NoticeStartsOn is null ? (a.Status == AcceptanceStatus.Passed ? "待公示" : "")
            : a.InNotice(today) ? "公示中" : a.NoticeEnded(today) ? "公示期满" : "待公示开始";
        return new(a.Id, a.EtownId, etownName, a.CountyCode, a.Scope, AcceptanceApplication.ScopeLabel(a.Scope), a.Title, a.ContractNumber,
            a.ClaimedProgressPercent, a.AcceptedProgressPercent, a.SubmittedOn, a.ReviewDeadline, left, IsOverdue(a, today), a.Status,
            AcceptanceApplication.StatusLabel(a.Status), a.NoticeStartsOn, a.NoticeEndsOn, notice, a.EtownAcceptedAt is not null);
    }

    /// <summary>ACC-03: not concluded and the 15th working day after the application (or the rectification answer) has passed.</summary>
    public static bool IsOverdue(AcceptanceApplication a, DateOnly today) =>
        a.Status is AcceptanceStatus.Submitted or AcceptanceStatus.UnderReview && today > a.ReviewDeadline;

    internal async Task<AcceptanceDetail> DetailAsync(EtownDbContext ctx, AcceptanceApplication a, CancellationToken ct)
    {
        var name = (await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == a.EtownId, ct))?.Name ?? "";
        var materials = await ctx.AcceptanceMaterials.AsNoTracking().Where(m => m.ApplicationId == a.Id).OrderBy(m => m.UploadedAt).ToListAsync(ct);
        var lines = await ctx.AcceptanceCheckLines.AsNoTracking().Where(l => l.ApplicationId == a.Id).OrderBy(l => l.Round).ThenBy(l => l.SortOrder).ToListAsync(ct);
        var objections = await ctx.AcceptanceObjections.AsNoTracking().Where(o => o.ApplicationId == a.Id).OrderBy(o => o.CreatedAt).ToListAsync(ct);
        var provincial = await ctx.ProvincialAcceptances.AsNoTracking().FirstOrDefaultAsync(p => p.ApplicationId == a.Id, ct);
        var today = Today;
        var r = Res(a);
        var apply = auth.Can(AcceptanceOperations.Apply, r);
        var review = auth.Can(AcceptanceOperations.Review, r);
        var level = caller.Level;
        var passedNoticeEnded = a.Status == AcceptanceStatus.Passed && a.NoticeEnded(today) && objections.All(o => !o.IsOpen);
        var can = new AcceptanceActions(
            UploadMaterials: (apply || review) && a.Status is AcceptanceStatus.Submitted or AcceptanceStatus.Failed or AcceptanceStatus.UnderReview,
            PreCheck: review && AcceptanceFlow.Definition.CanFire(a.Status, AcceptanceTrigger.AcceptForReview, level),
            Review: review && AcceptanceFlow.Definition.CanFire(a.Status, AcceptanceTrigger.Pass, level),
            AnswerRectification: apply && AcceptanceFlow.Definition.CanFire(a.Status, AcceptanceTrigger.AnswerRectification, level),
            PublishNotice: review && a.Status == AcceptanceStatus.Passed && a.NoticeStartsOn is null,
            Object: caller.IsAuthenticated && a.InNotice(today),
            AnswerObjections: review && objections.Any(o => o.IsOpen),
            FileCity: review && passedNoticeEnded && a.CityFiledAt is null,
            FileProvince: review && passedNoticeEnded && a.ProvinceFiledAt is null,
            AcknowledgeCity: auth.Can(AcceptanceOperations.AcknowledgeCity, r) && a.CityFiledAt is not null && a.CityAcknowledgedAt is null,
            AcknowledgeProvince: auth.Can(AcceptanceOperations.AcknowledgeProvince, r) && a.ProvinceFiledAt is not null && a.ProvinceAcknowledgedAt is null,
            Finalise: review && passedNoticeEnded && a.Scope == AcceptanceScope.Whole && a.EtownAcceptedAt is null,
            ProvincialAccept: provincial is null && ProvincialDue(a) && auth.Can(AcceptanceOperations.ProvincialAccept, r));
        return new(ToRow(a, name), a.StandardItems, a.ContractTitle, a.SubmittedByName, a.ApplicantOrganisation, a.PreCheckedAt, a.PreCheckedByName,
            a.RefusalReason, a.TeamKind, a.TeamMembers, a.ReviewPlannedOn, a.ReviewPlace, a.Round, a.ReviewedOn,
            a.ReviewedOn is { } on && on > a.ReviewDeadline, a.Methods, a.Opinion, a.RectificationOpinions, a.RectificationDeadline,
            a.RectificationAnswer, a.RectificationAnsweredOn, a.NoticeWorkingDays, a.CityFiledAt, a.CityAcknowledgedAt, a.CityAcknowledgedBy,
            a.ProvinceFiledAt, a.ProvinceAcknowledgedAt, a.ProvinceAcknowledgedBy, a.EtownAcceptedAt,
            materials.Select(ToMaterialRow).ToList(),
            lines.Select(l => new CheckLineRow(l.Round, l.Kind, l.ItemNumber, l.Description, l.Result, AcceptanceApplication.ResultLabel(l.Result), l.Note)).ToList(),
            objections.Select(o => new ObjectionRow(o.Id, o.Text, o.RaisedByName, o.RaisedOn, o.Answer, o.AnsweredAt, o.AnsweredByName)).ToList(), can,
            provincial is null ? null : ToProvincialRow(provincial));
    }

    static MaterialRow ToMaterialRow(AcceptanceMaterial m) =>
        new(m.Id, m.Kind, AcceptanceApplication.MaterialLabel(m.Kind), m.FileName, m.Size, m.Sha256, m.UploadedAt, m.UploadedByName);
}
