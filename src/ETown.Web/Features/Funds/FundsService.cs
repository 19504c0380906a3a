using ETown.Web.Features.Organisations;
using ETown.Web.Features.Regions;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>
/// 资金管理 (issue #10): allocations and county matching funds (FUND-13), operators and their qualification (FUND-10/11),
/// contracts with versioned changes (FUND-04/09/16), payment rule sets and the per-e-town view. Payments are in
/// <see cref="PaymentService"/>. Pages and the API call the same methods.
/// </summary>
public sealed class FundsService(EtownDb db, Caller caller, Authorizer auth, TimeProvider clock, RegionDirectory regions,
    WorkingCalendar calendar, IEnumerable<IAcceptanceResults> acceptances)
{
    // ------------------------------------------------------------------ views

    public async Task<IReadOnlyList<FundsRollupRow>> RollupAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var towns = await ctx.Etowns.AsNoTracking().OrderBy(e => e.CountyCode).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var allocations = await ctx.FundAllocations.AsNoTracking().ToListAsync(ct);
        var contracts = await ctx.FundContracts.AsNoTracking().Select(c => new { c.EtownId, c.Amount }).ToListAsync(ct);
        var payments = await ctx.PaymentRequests.AsNoTracking().ToListAsync(ct);
        return towns.Select(t =>
        {
            var a = allocations.Where(x => x.EtownId == t.Id).ToList();
            var total = a.Sum(x => x.ProvincialAmount);
            var own = payments.Where(p => p.EtownId == t.Id).ToList();
            return new FundsRollupRow(t.Id, t.Name, t.CountyCode, regions.NameOf(t.CountyCode), regions.NameOf(DataScope.CityCodeOf(t.CountyCode)),
                total, contracts.Where(c => c.EtownId == t.Id).Sum(c => c.Amount), own.Where(p => p.Status == PaymentStatus.Paid).Sum(Counted),
                total - own.Where(p => p.Counts).Sum(Counted), a.Sum(x => x.CountyMatchingCommitted), a.Sum(x => x.CountyMatchingPaid));
        }).ToList();
    }

    public async Task<EtownFundsView> EtownAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        return await ViewAsync(ctx, etownId, ct);
    }

    internal static decimal Counted(PaymentRequest p) => p.Status == PaymentStatus.Paid ? p.PaidAmount ?? p.Amount : p.Amount;

    internal async Task<EtownFundsView> ViewAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var allocations = await ctx.FundAllocations.AsNoTracking().Where(a => a.EtownId == etownId).OrderBy(a => a.Year).ToListAsync(ct);
        var operators = await ctx.FundOperators.AsNoTracking().Where(o => o.EtownId == etownId).OrderBy(o => o.CreatedAt).ToListAsync(ct);
        var contracts = await ctx.FundContracts.AsNoTracking().Where(c => c.EtownId == etownId).OrderBy(c => c.SignedOn).ThenBy(c => c.Number).ToListAsync(ct);
        var changes = await ctx.ContractChangeRequests.AsNoTracking().Where(c => c.EtownId == etownId).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        var payments = await ctx.PaymentRequests.AsNoTracking().Where(p => p.EtownId == etownId).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var rules = await ResolveRuleSetAsync(ctx, etown.CountyCode, ct);
        var assessments = await ctx.PerformanceAssessments.AsNoTracking().Where(a => a.EtownId == etownId).OrderBy(a => a.PeriodTo).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var investments = await ctx.OtherInvestments.AsNoTracking().Where(o => o.EtownId == etownId).OrderBy(o => o.ItemNo).ThenBy(o => o.CreatedAt).ToListAsync(ct);
        var files = await ctx.FundDocuments.AsNoTracking().Where(d => d.EtownId == etownId && d.OperatorId != null).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var numbers = contracts.ToDictionary(c => c.Id, c => c.Number);

        var contractViews = new List<ContractView>();
        foreach (var c in contracts)
        {
            var own = payments.Where(p => p.ContractId == c.Id).ToList();
            var finalNoticed = (await AcceptancesAsync(ctx, c.Id, ct)).Any(a => a.IsFinal && PaymentLimits.NoticeComplete(a, clock.ChinaToday(), rules.Limits.NoticeWorkingDays, calendar));
            var retained = finalNoticed ? 0m : PaymentLimits.Share(c.Amount, rules.Limits.RetentionPercent);
            var latest = assessments.LastOrDefault(a => a.ContractId == c.Id);
            contractViews.Add(ToView(c, own.Where(p => p.Counts).Sum(Counted), own.Where(p => p.Status == PaymentStatus.Paid).Sum(Counted), retained) with
            {
                LatestAssessment = latest is null ? null : PerformanceService.ToView(latest, c.Number),
                DuplicateWarnings = OtherInvestmentService.Overlapping(investments, c.Scope)
                    .Select(o => new DuplicateWarning(o.ItemNo, $"合同 {c.Number}", $"{o.Department}“{o.Project}” {o.Amount:0.00} 万元", c.DuplicateJustification)).ToList(),
            });
        }
        var total = allocations.Sum(a => a.ProvincialAmount);
        var committed = payments.Where(p => p.Counts).Sum(Counted);
        var byItem = contracts.SelectMany(c => c.Scope).GroupBy(s => s.ItemNo).OrderBy(g => g.Key)
            .Select(g => new ItemLine(g.Key, string.Join("；", g.Select(x => x.Content).Distinct()), g.Sum(x => x.Amount))).ToList();
        return new EtownFundsView(etown.Id, etown.Name, etown.CountyCode, regions.FullName(etown.CountyCode),
            total, contracts.Sum(c => c.Amount), committed, payments.Where(p => p.Status == PaymentStatus.Paid).Sum(Counted),
            contractViews.Sum(c => c.Retained), total - committed,
            allocations.Sum(a => a.CountyMatchingCommitted), allocations.Sum(a => a.CountyMatchingPaid), rules.Code, rules.Limits,
            allocations.Select(ToView).ToList(), operators.Select(o => ToView(o) with { Files = files.Where(f => f.OperatorId == o.Id).Select(FundFileService.ToView).ToList() }).ToList(), contractViews,
            changes.Select(c => ToView(c, numbers.GetValueOrDefault(c.ContractId, ""))).ToList(),
            payments.Select(p => ToView(p, numbers.GetValueOrDefault(p.ContractId, ""), etown.Name)).ToList(), byItem)
        {
            Assessments = assessments.Select(a => PerformanceService.ToView(a, numbers.GetValueOrDefault(a.ContractId, ""))).ToList(),
            OtherInvestments = investments.Select(OtherInvestmentService.ToView).ToList(),
        };
    }

    internal async Task<IReadOnlyList<AcceptanceResult>> AcceptancesAsync(EtownDbContext ctx, Guid contractId, CancellationToken ct)
    {
        var all = new List<AcceptanceResult>();
        foreach (var a in acceptances) all.AddRange(await a.ForContractAsync(ctx, contractId, ct));
        return all;
    }

    // ------------------------------------------------------------------ allocations (FUND-13)

    public async Task<AllocationView> SetAllocationAsync(Guid etownId, AllocationInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        auth.Require(FundOperations.EditAllocation, FundResource.Province);
        var errors = CheckAllocation(input);
        if (input.Year is < 2022 or > 2035) errors.Add("year", "年度应为 2022–2035。");
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        var a = await ctx.FundAllocations.FirstOrDefaultAsync(x => x.EtownId == etownId && x.Year == input.Year, ct);
        if (a is null) ctx.FundAllocations.Add(a = new FundAllocation { EtownId = etownId, CountyCode = etown.CountyCode, Year = input.Year });
        else
        {
            // The allocation may not fall below what is already contracted.
            if (await BelowContractedAsync(ctx, etownId, input.Year, input.ProvincialAmount, ct) is { } below)
                throw new DomainException(FundsErrors.ContractAboveAllocation, below, 422);
            a.Version++;
        }
        a.ProvincialAmount = input.ProvincialAmount;
        a.NoticeReference = input.NoticeReference?.Trim();
        a.CountyMatchingCommitted = input.CountyMatchingCommitted;
        await SaveAsync(ctx, ct);
        return ToView(a);
    }

    /// <summary>The amount and reference checks of an allocation, shared by the form, the API and the notice import.</summary>
    internal static FieldErrors CheckAllocation(AllocationInput input)
    {
        var errors = new FieldErrors();
        Money(errors, "provincialAmount", input.ProvincialAmount, "下达额度", allowZero: false);
        Money(errors, "countyMatchingCommitted", input.CountyMatchingCommitted, "县级配套承诺", allowZero: true);
        if ((input.NoticeReference ?? "").Length > 200) errors.Add("noticeReference", "下达文件文号不能超过 200 字。");
        return errors;
    }

    /// <summary>The provincial amounts of an e-town may not fall below what is already contracted (null when fine).</summary>
    internal static async Task<string?> BelowContractedAsync(EtownDbContext ctx, Guid etownId, int year, decimal amount, CancellationToken ct)
    {
        var contracted = await ctx.FundContracts.Where(c => c.EtownId == etownId).SumAsync(c => c.Amount, ct);
        var otherYears = await ctx.FundAllocations.Where(x => x.EtownId == etownId && x.Year != year).SumAsync(x => x.ProvincialAmount, ct);
        return otherYears + amount < contracted ? $"下达额度合计不能低于已签合同金额 {contracted:0.00} 万元。" : null;
    }

    /// <summary>FUND-13: the county records what it has actually paid of the matching funds it committed.</summary>
    public async Task<AllocationView> SetMatchingAsync(Guid allocationId, MatchingInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.MatchingEdit);
        var errors = new FieldErrors();
        Money(errors, "countyMatchingCommitted", input.CountyMatchingCommitted, "县级配套承诺", allowZero: true);
        Money(errors, "countyMatchingPaid", input.CountyMatchingPaid, "县级配套到位", allowZero: true);
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var a = await ctx.FundAllocations.FirstOrDefaultAsync(x => x.Id == allocationId, ct) ?? throw new NotFoundException("资金下达记录");
        auth.Require(FundOperations.EditMatching, new FundResource(a.CountyCode, a.EtownId));
        CheckVersion(a.Version, input.Version);
        a.CountyMatchingCommitted = input.CountyMatchingCommitted;
        a.CountyMatchingPaid = input.CountyMatchingPaid;
        a.Version++;
        await SaveAsync(ctx, ct);
        return ToView(a);
    }

    // ------------------------------------------------------------------ operators (FUND-10/11)

    public async Task<OperatorView> AddOperatorAsync(Guid etownId, OperatorInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.OperatorEdit);
        if (input.OrganisationId == Guid.Empty) throw Invalid("organisationId", "请选择承办企业。");
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(FundOperations.EditOperator, new FundResource(etown.CountyCode, etownId));
        var org = await ctx.Organisations.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.Id == input.OrganisationId, ct) ?? throw new NotFoundException("单位");
        if (org.Kind != OrganisationKind.Operator)
            throw new DomainException(FundsErrors.NotAnOperator, $"“{org.Name}”不是承办企业（运营主体），不能登记为承办主体。", 422);
        if (!Enum.IsDefined(input.SelectionMethod)) throw Invalid("selectionMethod", "遴选方式无效。");
        if (await ctx.FundOperators.AnyAsync(o => o.EtownId == etownId && o.OrganisationId == org.Id, ct))
            throw new DomainException(FundsErrors.Invalid, $"“{org.Name}”已登记为本e镇的承办主体。", 409);
        var op = new FundOperator
        {
            EtownId = etownId, CountyCode = etown.CountyCode, OrganisationId = org.Id, OrganisationName = org.Name,
            ClearOwnership = input.ClearOwnership, SoundFinancialSystem = input.SoundFinancialSystem, NoPenaltyIn3Years = input.NoPenaltyIn3Years,
            HasLicences = input.HasLicences, CommitsToReportAndAudit = input.CommitsToReportAndAudit,
            QualificationNote = Trim(input.QualificationNote, 2000), SelectionMethod = input.SelectionMethod, SelectionDocuments = Trim(input.SelectionDocuments, 2000),
        };
        ctx.FundOperators.Add(op);
        await SaveAsync(ctx, ct);
        return ToView(op);
    }

    /// <summary>
    /// The operator companies (承办企业) of the e-town's county not yet registered for it — the choices of the operator form
    /// (the service re-checks the kind and the duplicate on save).
    /// </summary>
    public async Task<IReadOnlyList<OperatorCandidate>> OperatorCandidatesAsync(Guid etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.OperatorEdit);
        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(FundOperations.EditOperator, new FundResource(etown.CountyCode, etownId));
        var taken = await ctx.FundOperators.Where(o => o.EtownId == etownId).Select(o => o.OrganisationId).ToListAsync(ct);
        return await ctx.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Operator && o.IsActive && o.RegionCode == etown.CountyCode && !taken.Contains(o.Id))
            .OrderBy(o => o.Name).Select(o => new OperatorCandidate(o.Id, o.Name, o.CreditCode)).ToListAsync(ct);
    }

    /// <summary>
    /// FUND-11 (Y 第十六条): cancels the operator's qualification — payments stop, and what has been paid on its
    /// contracts is to be recovered (追回), tracked until recovered in full.
    /// </summary>
    public async Task<OperatorView> CancelOperatorAsync(Guid operatorId, CancelOperatorInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.OperatorCancel);
        if (string.IsNullOrWhiteSpace(input?.Reason)) throw Invalid("reason", "请写明取消资格的原因（如套取、截留、挪用资金）。");
        await using var ctx = db.Create(caller);
        var op = await ctx.FundOperators.FirstOrDefaultAsync(o => o.Id == operatorId, ct) ?? throw new NotFoundException("承办主体");
        auth.Require(FundOperations.CancelOperator, new FundResource(op.CountyCode, op.EtownId));
        if (op.IsCancelled) throw new DomainException(FundsErrors.State, "该承办主体资格已取消。", 409);
        var contractIds = await ctx.FundContracts.Where(c => c.OperatorId == op.Id).Select(c => c.Id).ToListAsync(ct);
        var paid = (await ctx.PaymentRequests.Where(p => contractIds.Contains(p.ContractId) && p.Status == PaymentStatus.Paid).ToListAsync(ct)).Sum(Counted);
        op.IsCancelled = true;
        op.CancelledOn = clock.ChinaToday();
        op.CancelReason = Trim(input.Reason, 1000);
        op.RecoveryDue = paid;
        op.Version++;
        await SaveAsync(ctx, ct);
        return ToView(op);
    }

    public async Task<OperatorView> RecordRecoveryAsync(Guid operatorId, RecoveryInput input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.OperatorCancel);
        await using var ctx = db.Create(caller);
        var op = await ctx.FundOperators.FirstOrDefaultAsync(o => o.Id == operatorId, ct) ?? throw new NotFoundException("承办主体");
        auth.Require(FundOperations.CancelOperator, new FundResource(op.CountyCode, op.EtownId));
        if (!op.IsCancelled) throw new DomainException(FundsErrors.State, "承办主体资格未取消，没有待追回资金。", 409);
        var errors = new FieldErrors();
        Money(errors, "amount", input.Amount, "追回金额", allowZero: false);
        errors.ThrowIfAny();
        if (op.Recovered + input.Amount > op.RecoveryDue)
            throw new DomainException(FundsErrors.Amount, $"追回金额合计不能超过应追回的 {op.RecoveryDue:0.00} 万元（已追回 {op.Recovered:0.00} 万元）。", 422);
        op.Recovered += input.Amount;
        op.Version++;
        await SaveAsync(ctx, ct);
        return ToView(op);
    }

    // ------------------------------------------------------------------ contracts (FUND-04/09/16)

    public async Task<ContractView> AddContractAsync(Guid etownId, ContractInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.ContractEdit);
        var errors = new FieldErrors();
        var number = (input.Number ?? "").Trim();
        if (number.Length is 0 or > 64) errors.Add("number", "请填写合同编号（不超过 64 字）。");
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200) errors.Add("title", "请填写合同名称（不超过 200 字）。");
        Money(errors, "amount", input.Amount, "合同金额", allowZero: false);
        if (input.EndsOn < input.StartsOn) errors.Add("endsOn", "完成日期不能早于开工日期。");
        if (string.IsNullOrWhiteSpace(input.AssetOwnership)) errors.Add("assetOwnership", "请写明资产权属（专项资金购置的固定资产属国有资产，FUND-08）。");
        var scope = (input.Scope ?? []).ToList();
        ValidateScope(errors, "scope", scope, input.Amount);
        // FUND-02: every contract names its support mode (贷款贴息、以奖代补、购买服务、项目补助).
        if (input.SupportMode is not { } mode || !Enum.IsDefined(mode)) errors.Add("supportMode", "请选择支持方式（贷款贴息、以奖代补、购买服务或项目补助）。");
        if (input.SelectionMethod is { } sm && !Enum.IsDefined(sm)) errors.Add("selectionMethod", "遴选方式无效。");
        errors.ThrowIfAny();

        await using var ctx = db.Create(caller);
        var etown = await ctx.Etowns.FirstOrDefaultAsync(e => e.Id == etownId, ct) ?? throw new NotFoundException("e镇");
        auth.Require(FundOperations.EditContract, new FundResource(etown.CountyCode, etownId));
        var op = await ctx.FundOperators.FirstOrDefaultAsync(o => o.Id == input.OperatorId && o.EtownId == etownId, ct) ?? throw new NotFoundException("本e镇的承办主体");
        if (op.IsCancelled) throw new DomainException(FundsErrors.QualificationCancelled, $"“{op.OrganisationName}”的承办资格已取消（FUND-11），不能签订合同。", 422);
        if (!op.IsQualified)
            throw new DomainException(FundsErrors.NotQualified, $"“{op.OrganisationName}”尚不具备承办主体资格条件（FUND-10，临猗办法第十一条），缺：{string.Join("、", op.MissingConditions())}。", 422);
        // The contract's own selection method; without one, the way the operator was selected.
        var selection = input.SelectionMethod ?? op.SelectionMethod;
        // FUND-02 (岢岚 六（二）承接主体选择: "采取购买服务方式实施的项目，应通过政府采购的规范程序确定承接主体"): no direct award.
        if (input.SupportMode == SupportMode.ServicePurchase && !FundLabels.IsGovernmentProcurement(selection))
            throw new DomainException(FundsErrors.ServicePurchaseNeedsProcurement,
                $"采取购买服务方式实施的项目，应通过政府采购的规范程序（公开招标或竞争性谈判/磋商）确定承接主体，不能{FundLabels.Of(selection)}（FUND-02，岢岚方案六（二））。", 422);
        // FUND-04/16 (岢岚 资金使用 3.): a tendered contract is reviewed by a lawyer before signature.
        if (selection == SelectionMethod.Tender && !input.LawyerReviewed)
            throw new DomainException(FundsErrors.LawyerReviewMissing, "通过招标确定的合同须经律师审核后签订（FUND-04、FUND-16，岢岚方案资金使用 3.）。", 422);
        if (await ctx.FundContracts.IgnoreQueryFilters().AnyAsync(c => c.Number == number, ct))
            throw new DomainException(FundsErrors.ContractNumberTaken, $"合同编号 {number} 已存在。", 409);
        var allocation = await ctx.FundAllocations.Where(a => a.EtownId == etownId).SumAsync(a => a.ProvincialAmount, ct);
        var contracted = await ctx.FundContracts.Where(c => c.EtownId == etownId).SumAsync(c => c.Amount, ct);
        if (contracted + input.Amount > allocation)
            throw new DomainException(FundsErrors.ContractAboveAllocation,
                $"合同金额合计 {contracted + input.Amount:0.00} 万元将超过本e镇下达的省级专项资金 {allocation:0.00} 万元。", 422);
        // FUND-15 (P 六(一)): another department already invests in an item of this scope → a written justification.
        var others = OtherInvestmentService.Overlapping(await ctx.OtherInvestments.AsNoTracking().Where(o => o.EtownId == etownId).ToListAsync(ct), scope);
        var justification = OtherInvestmentService.Justified(input.DuplicateJustification, others.Count > 0,
            $"本合同的{string.Join("、", others.Select(o => $"第 {o.ItemNo} 项（{o.Department}“{o.Project}” {o.Amount:0.00} 万元）"))}已有其他部门投资，");
        var c = new FundContract
        {
            DuplicateJustification = justification,
            EtownId = etownId, CountyCode = etown.CountyCode, Number = number, Title = input.Title!.Trim(), OperatorId = op.Id,
            OperatorOrganisationId = op.OrganisationId, OperatorName = op.OrganisationName, Amount = input.Amount, SelectionMethod = selection, SupportMode = input.SupportMode,
            LawyerReviewed = input.LawyerReviewed, SignedOn = input.SignedOn, StartsOn = input.StartsOn, EndsOn = input.EndsOn,
            AssetOwnership = input.AssetOwnership!.Trim(), Scope = scope, Milestones = (input.Milestones ?? []).ToList(),
        };
        ctx.FundContracts.Add(c);
        await SaveAsync(ctx, ct);
        return ToView(c, 0, 0, PaymentLimits.Share(c.Amount, PaymentLimitsSettings.Shanxi2022.RetentionPercent));
    }

    public async Task<IReadOnlyList<ContractRevisionView>> RevisionsAsync(Guid contractId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var c = await ctx.FundContracts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == contractId, ct) ?? throw new NotFoundException("合同");
        var old = await ctx.FundContractRevisions.AsNoTracking().Where(r => r.ContractId == contractId).OrderBy(r => r.Revision).ToListAsync(ct);
        return [.. old.Select(r => new ContractRevisionView(r.ContractId, r.Revision, r.Amount, r.EndsOn, r.ChangeRequestId, r.CreatedAt)),
            new ContractRevisionView(c.Id, c.Revision, c.Amount, c.EndsOn, null, c.UpdatedAt)];
    }

    /// <summary>FUND-09 (Y 第九–十条): a change, scope change or delay is a written request with its reason; nothing changes until approved upward.</summary>
    public async Task<ChangeView> RequestChangeAsync(Guid contractId, ChangeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.ContractRequestChange);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Trim().Length > 2000) errors.Add("reason", "请写明变更或延期的理由（不超过 2000 字）。");
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "变更类型无效。");
        switch (input.Kind)
        {
            case ChangeKind.Delay when input.NewEndsOn is null: errors.Add("newEndsOn", "延期申请须写明新的完成时间。"); break;
            case ChangeKind.Contract when input.NewAmount is null: errors.Add("newAmount", "合同变更须写明变更后的合同金额。"); break;
            case ChangeKind.Scope when input.NewScope is null || input.NewScope.Count == 0: errors.Add("newScope", "建设内容变更须列出变更后的建设内容。"); break;
        }
        if (input.NewAmount is { } na) Money(errors, "newAmount", na, "变更后的合同金额", allowZero: false);
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var c = await ctx.FundContracts.FirstOrDefaultAsync(x => x.Id == contractId, ct) ?? throw new NotFoundException("合同");
        auth.Require(FundOperations.RequestChange, new FundResource(c.CountyCode, c.EtownId, c.OperatorOrganisationId));
        if (input.Kind == ChangeKind.Delay && input.NewEndsOn <= c.EndsOn) throw Invalid("newEndsOn", $"新的完成时间应晚于现合同完成时间 {c.EndsOn:yyyy-MM-dd}。");
        if (input.NewScope is { } ns) { var e2 = new FieldErrors(); ValidateScope(e2, "newScope", ns, input.NewAmount ?? c.Amount); e2.ThrowIfAny(); }
        if (await ctx.ContractChangeRequests.AnyAsync(x => x.ContractId == contractId && x.Status == ChangeStatus.Pending, ct))
            throw new DomainException(FundsErrors.State, "该合同已有待批准的变更申请，请等待批复。", 409);
        var r = new ContractChangeRequest
        {
            ContractId = c.Id, EtownId = c.EtownId, CountyCode = c.CountyCode, Kind = input.Kind, Reason = input.Reason!.Trim(),
            NewAmount = input.NewAmount, NewEndsOn = input.NewEndsOn, NewScope = input.NewScope?.ToList() ?? [], RequestedBy = caller.DisplayName ?? caller.UserName ?? "",
        };
        ctx.ContractChangeRequests.Add(r);
        await SaveAsync(ctx, ct);
        return ToView(r, c.Number);
    }

    /// <summary>FUND-09/16: approval (city or province) applies the change as a new contract revision and keeps the old one.</summary>
    public async Task<ChangeView> DecideChangeAsync(Guid changeId, ChangeDecisionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.ContractApproveChange);
        await using var ctx = db.Create(caller);
        var r = await ctx.ContractChangeRequests.FirstOrDefaultAsync(x => x.Id == changeId, ct) ?? throw new NotFoundException("变更申请");
        auth.Require(FundOperations.ApproveChange, new FundResource(r.CountyCode, r.EtownId));
        CheckVersion(r.Version, input.Version);
        if (r.Status != ChangeStatus.Pending) throw new DomainException(FundsErrors.State, "该变更申请已批复。", 409);
        if (!input.Approve && string.IsNullOrWhiteSpace(input.Note)) throw Invalid("note", "不予批准时请写明理由。");
        var c = await ctx.FundContracts.FirstAsync(x => x.Id == r.ContractId, ct);
        if (input.Approve)
        {
            var newAmount = r.NewAmount ?? c.Amount;
            if (newAmount != c.Amount)
            {
                var allocation = await ctx.FundAllocations.Where(a => a.EtownId == c.EtownId).SumAsync(a => a.ProvincialAmount, ct);
                var others = await ctx.FundContracts.Where(x => x.EtownId == c.EtownId && x.Id != c.Id).SumAsync(x => x.Amount, ct);
                if (others + newAmount > allocation)
                    throw new DomainException(FundsErrors.ContractAboveAllocation, $"变更后合同金额合计 {others + newAmount:0.00} 万元将超过下达额度 {allocation:0.00} 万元。", 422);
                var committed = (await ctx.PaymentRequests.Where(p => p.ContractId == c.Id).ToListAsync(ct)).Where(p => p.Counts).Sum(Counted);
                if (newAmount < committed)
                    throw new DomainException(FundsErrors.AboveContract, $"变更后合同金额不能低于已申请及拨付的 {committed:0.00} 万元。", 422);
            }
            ctx.FundContractRevisions.Add(new FundContractRevision
            {
                ContractId = c.Id, EtownId = c.EtownId, CountyCode = c.CountyCode, Revision = c.Revision, Amount = c.Amount, EndsOn = c.EndsOn,
                Scope = c.Scope.ToList(), ChangeRequestId = r.Id,
            });
            c.Amount = newAmount;
            if (r.NewEndsOn is { } end) c.EndsOn = end;
            if (r.NewScope.Count > 0) c.Scope = r.NewScope.ToList();
            c.Revision++;
            c.Version++;
        }
        r.Status = input.Approve ? ChangeStatus.Approved : ChangeStatus.Rejected;
        r.DecidedBy = caller.DisplayName ?? caller.UserName;
        r.DecisionNote = Trim(input.Note, 1000);
        r.DecidedAt = clock.GetUtcNow();
        r.Version++;
        await SaveAsync(ctx, ct);
        return ToView(r, c.Number);
    }

    // ------------------------------------------------------------------ payment rule sets

    static Platform.Versioning.RuleSetLifecycle<PaymentRuleSet> Lifecycle => PaymentRuleSet.Lifecycle;

    public async Task<IReadOnlyList<PaymentRuleSetView>> RuleSetsAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var sets = await ctx.PaymentRuleSets.AsNoTracking().ToListAsync(ct);
        var parent = Lifecycle.ParentCodes(sets);
        return Lifecycle.Ordered(sets).Select(s => ToView(s, parent(s))).ToList();
    }

    public async Task<PaymentRuleSetView> DeriveRuleSetAsync(string parentCode, DeriveRuleSetInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var county = string.IsNullOrWhiteSpace(input.CountyCode) ? null : input.CountyCode.Trim();
        auth.Require(FundOperations.ManageRuleSet, new FundResource(county));
        if (county is not null && regions.Find(county)?.Level != RegionLevel.County) throw Invalid("countyCode", "请填写有效的县级行政区划代码。");
        await using var ctx = db.Create(caller);
        var parent = await Lifecycle.FindAsync(ctx.PaymentRuleSets, parentCode, ct);
        await Lifecycle.RequireNewCodeAsync(ctx.PaymentRuleSets, input.Code, ct);
        var set = parent.Derive(input.Code, input.Name, county, input.Limits, clock.GetUtcNow());
        ctx.PaymentRuleSets.Add(set);
        await SaveAsync(ctx, ct);
        return ToView(set, parent.Code);
    }

    public async Task<PaymentRuleSetView> AdoptRuleSetAsync(string code, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var set = await Lifecycle.FindAsync(ctx.PaymentRuleSets, code, ct);
        auth.Require(FundOperations.ManageRuleSet, new FundResource(set.RegionCode));
        if (Lifecycle.Adopt(set)) await SaveAsync(ctx, ct);
        return ToView(set, await Lifecycle.ParentCodeAsync(ctx.PaymentRuleSets, set, ct));
    }

    public async Task<PaymentRuleSetView> EditRuleSetAsync(string code, PaymentLimitsSettings limits, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var set = await Lifecycle.FindAsync(ctx.PaymentRuleSets, code, ct);
        auth.Require(FundOperations.ManageRuleSet, new FundResource(set.RegionCode));
        set.ReplaceLimits(limits);
        await SaveAsync(ctx, ct);
        return ToView(set, await Lifecycle.ParentCodeAsync(ctx.PaymentRuleSets, set, ct));
    }

    /// <summary>The rule set in force for a county: its own adopted set, else the province's.</summary>
    internal static async Task<PaymentRuleSet> ResolveRuleSetAsync(EtownDbContext ctx, string countyCode, CancellationToken ct)
    {
        var sets = await ctx.PaymentRuleSets.AsNoTracking().Where(s => s.IsInUse).ToListAsync(ct);
        return Lifecycle.Resolve(sets, countyCode) ?? throw new DomainException(FundsErrors.NoRuleSet, "没有可用的拨付规则集，请先启用省级默认规则。", 409);
    }

    // ------------------------------------------------------------------ helpers

    internal static async Task SaveAsync(EtownDbContext ctx, CancellationToken ct)
    {
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(FundsErrors.Conflict, "数据已被他人修改，请刷新后重试。", 409);
        }
    }

    internal static void CheckVersion(int current, int given)
    {
        if (current != given) throw new DomainException(FundsErrors.Conflict, "数据已被他人修改，请刷新后重试。", 409);
    }

    internal static void Money(FieldErrors errors, string field, decimal v, string label, bool allowZero)
    {
        if (v < 0 || (!allowZero && v == 0)) errors.Add(field, $"{label}应{(allowZero ? "不小于" : "大于")} 0 万元。");
        else if (decimal.Round(v, 2) != v) errors.Add(field, $"{label}以万元计，最多两位小数。");
        else if (v > 1_000_000m) errors.Add(field, $"{label}超出合理范围。");
    }

    static void ValidateScope(FieldErrors errors, string field, IReadOnlyList<ContractScopeLine> scope, decimal amount)
    {
        if (scope.Count == 0) { errors.Add(field, "请按建设标准条目列出合同的建设内容。"); return; }
        for (var i = 0; i < scope.Count; i++)
        {
            var s = scope[i];
            if (s.ItemNo is < 1 or > 39) errors.Add($"{field}[{i}].itemNo", $"第 {i + 1} 行：建设标准条目序号应为 1–39。");
            if (string.IsNullOrWhiteSpace(s.Content)) errors.Add($"{field}[{i}].content", $"第 {i + 1} 行：请填写建设内容。");
            Money(errors, $"{field}[{i}].amount", s.Amount, $"第 {i + 1} 行金额", allowZero: false);
        }
        if (scope.Sum(s => s.Amount) != amount) errors.Add(field, $"各条目金额合计 {scope.Sum(s => s.Amount):0.00} 万元应等于合同金额 {amount:0.00} 万元。");
    }

    internal static DomainException Invalid(string field, string message)
    {
        var errors = new Dictionary<string, string[]> { [field] = [message] };
        return new ValidationFailedException(errors);
    }

    static string? Trim(string? v, int max) => string.IsNullOrWhiteSpace(v) ? null : v.Trim().Length > max ? v.Trim()[..max] : v.Trim();

    internal static AllocationView ToView(FundAllocation a) => new(a.Id, a.Year, a.ProvincialAmount, a.NoticeReference, a.CountyMatchingCommitted,
        a.CountyMatchingPaid, Math.Max(0, a.CountyMatchingCommitted - a.CountyMatchingPaid), a.Version);

    internal static OperatorView ToView(FundOperator o) => new(o.Id, o.OrganisationId, o.OrganisationName, o.ClearOwnership, o.SoundFinancialSystem,
        o.NoPenaltyIn3Years, o.HasLicences, o.CommitsToReportAndAudit, o.MissingConditions(), o.IsQualified, o.QualificationNote, o.SelectionMethod,
        FundLabels.Of(o.SelectionMethod), o.SelectionDocuments, o.IsCancelled, o.CancelledOn, o.CancelReason, o.RecoveryDue, o.Recovered,
        o.RecoveryDue - o.Recovered, o.Version);

    internal static ContractView ToView(FundContract c, decimal committed, decimal paid, decimal retained) => new(c.Id, c.Number, c.Title, c.OperatorId,
        c.OperatorOrganisationId, c.OperatorName, c.Amount, c.SelectionMethod, FundLabels.Of(c.SelectionMethod), c.LawyerReviewed, c.SignedOn, c.StartsOn,
        c.EndsOn, c.AssetOwnership, c.Scope, c.Milestones, c.Revision, committed, paid, retained, c.Version)
        { DuplicateJustification = c.DuplicateJustification, SupportMode = c.SupportMode };

    internal static ChangeView ToView(ContractChangeRequest r, string number) => new(r.Id, r.ContractId, number, r.Kind, FundLabels.Of(r.Kind), r.Reason,
        r.NewAmount, r.NewEndsOn, r.NewScope, r.Status, FundLabels.Of(r.Status), r.RequestedBy, r.DecidedBy, r.DecisionNote, r.Version);

    internal static PaymentView ToView(PaymentRequest p, string number, string etownName) => new(p.Id, p.ContractId, number, p.EtownId, etownName, p.Sequence,
        p.Kind, FundLabels.Of(p.Kind), p.Amount, p.Note, p.GetMaterials(), p.RuleSetCode, p.Status, FundLabels.Of(p.Status), p.RequestedBy, p.CreatedAt,
        p.ReviewerName, p.ReviewerOrganisation, p.ReviewOpinion, p.ReviewedAt, p.ApproverName, p.ApprovedAt, p.PaidOn, p.VoucherNumber, p.PaidAmount, p.Version);

    static PaymentRuleSetView ToView(PaymentRuleSet s, string? parent) => new(s.Code, s.Name, s.Version, parent, s.RegionCode, s.IsInUse, s.Limits);
}
