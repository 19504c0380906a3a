using System.Collections.Concurrent;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>
/// Payment requests (FUND-04…07, FUND-11, L 第六条): the operator requests with the required materials, the county
/// e镇办 or a commissioned third party reviews with its 拨付意见, county finance approves (another person), and the
/// payment is recorded with its voucher. <see cref="PaymentLimits"/> judges every step; a refused step writes nothing.
/// All steps on the contracts of one e-town are serialised (the allocation limit spans its contracts) (PostgreSQL advisory transaction lock; SQLite is single-writer, and one
/// process-wide gate per e-town keeps its read-check-write from interleaving), so two concurrent requests cannot
/// both pass a limit.
/// </summary>
public sealed class PaymentService(EtownDb db, Caller caller, Authorizer auth, TimeProvider clock, WorkingCalendar calendar,
    IEnumerable<IAcceptanceResults> acceptances, IEnumerable<IOpenRectifications> rectifications, IEnumerable<IDisbursementListener> disbursed)
{
    static readonly ConcurrentDictionary<Guid, SemaphoreSlim> SqliteGates = new();

    public async Task<PaymentView> GetAsync(Guid id, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var p = await ctx.PaymentRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("拨付申请");
        return await ViewAsync(ctx, p, ct);
    }

    public async Task<IReadOnlyList<PaymentView>> ListAsync(Guid? etownId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var q = ctx.PaymentRequests.AsNoTracking();
        if (etownId is { } e) q = q.Where(p => p.EtownId == e);
        var rows = await q.OrderByDescending(p => p.CreatedAt).Take(500).ToListAsync(ct);
        var numbers = await ctx.FundContracts.AsNoTracking().Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        var towns = await ctx.Etowns.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return rows.Select(p => FundsService.ToView(p, numbers.GetValueOrDefault(p.ContractId, ""), towns.GetValueOrDefault(p.EtownId, ""))).ToList();
    }

    /// <summary>What the operator may still request now on a contract, per kind (0 = not possible), with the reason when not.</summary>
    public async Task<IReadOnlyList<HeadroomRow>> HeadroomAsync(Guid contractId, CancellationToken ct = default)
    {
        caller.Require(Permissions.Fund.Read);
        await using var ctx = db.Create(caller);
        var c = await ctx.FundContracts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == contractId, ct) ?? throw new NotFoundException("合同");
        var result = new List<HeadroomRow>();
        foreach (var kind in Enum.GetValues<PaymentKind>())
        {
            var (s, _) = await SituationAsync(ctx, c, kind, 0.01m, null, ct);
            var first = PaymentLimits.Check(s, calendar);
            if (first is not null) { result.Add(new(kind, FundLabels.Of(kind), 0m, first.Code, first.Reason)); continue; }
            // Largest amount that passes: the checks are monotone in the amount, so bisect on cents.
            long lo = 1, hi = (long)(c.Amount * 100);
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (PaymentLimits.Check(s with { Amount = mid / 100m }, calendar) is null) lo = mid; else hi = mid - 1;
            }
            result.Add(new(kind, FundLabels.Of(kind), lo / 100m, null, null));
        }
        return result;
    }

    public async Task<PaymentView> RequestAsync(Guid contractId, PaymentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.PaymentRequest);
        if (!Enum.IsDefined(input.Kind)) throw FundsService.Invalid("kind", "拨付类型无效。");
        if ((input.Note ?? "").Length > 1000) throw FundsService.Invalid("note", "说明不能超过 1000 字。");
        return await InContractLockAsync(contractId, async (ctx, c) =>
        {
            auth.Require(FundOperations.RequestPayment, new FundResource(c.CountyCode, c.EtownId, c.OperatorOrganisationId));
            var (s, rules) = await SituationAsync(ctx, c, input.Kind, input.Amount, null, ct);
            // FUND-07 (临猗办法): the materials the kind of payment requires, each an uploaded file (FundDocument) of this
            // contract, uploaded by this operator and not yet used by another request — a name alone is not a material.
            var ids = (input.Materials ?? []).Where(m => m.DocumentId is not null).Select(m => m.DocumentId!.Value).Distinct().ToList();
            var docs = await ctx.FundDocuments.Where(d => ids.Contains(d.Id) && d.ContractId == c.Id && d.PaymentRequestId == null
                && d.UploadedByOrganisationId == caller.OrganisationId).ToListAsync(ct);
            var chosen = (input.Materials ?? []).Where(m => m.DocumentId is not null)
                .Select(m => docs.FirstOrDefault(d => d.Id == m.DocumentId && d.Material == m.Kind)).OfType<FundDocument>().DistinctBy(d => d.Id).ToList();
            RequireMaterials(input.Kind, rules.Limits, chosen.Select(d => d.Material!.Value));
            Refuse(PaymentLimits.Check(s, calendar));
            var seq = await ctx.PaymentRequests.Where(p => p.ContractId == c.Id).Select(p => (int?)p.Sequence).MaxAsync(ct) ?? 0;
            var p = new PaymentRequest
            {
                ContractId = c.Id, EtownId = c.EtownId, CountyCode = c.CountyCode, Sequence = seq + 1, Kind = input.Kind, Amount = input.Amount,
                Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
                RuleSetCode = rules.Code, Status = PaymentStatus.Submitted, RequestedBy = caller.DisplayName ?? caller.UserName ?? "",
            };
            p.SetMaterials(chosen.Select(d => new PaymentMaterialItem(d.Material!.Value, d.FileName, d.Id)));
            foreach (var d in chosen) d.PaymentRequestId = p.Id;
            ctx.PaymentRequests.Add(p);
            await FundsService.SaveAsync(ctx, ct);
            return p;
        }, ct);
    }

    /// <summary>Review by the county e镇办 or a commissioned third party (FUND-07, L 第六条) with its opinion (拨付意见).</summary>
    public async Task<PaymentView> ReviewAsync(Guid id, ReviewInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.PaymentReview);
        if (string.IsNullOrWhiteSpace(input.Opinion) || input.Opinion.Trim().Length > 2000) throw FundsService.Invalid("opinion", "请填写拨付意见（不超过 2000 字）。");
        return await InPaymentLockAsync(id, async (ctx, c, p) =>
        {
            auth.Require(FundOperations.ReviewPayment, new FundResource(c.CountyCode, c.EtownId));
            FundsService.CheckVersion(p.Version, input.Version);
            RequireStatus(p, PaymentStatus.Submitted, "审核");
            if (input.Agree)
            {
                var (situation, rules) = await SituationAsync(ctx, c, p.Kind, p.Amount, p, ct);
                // FUND-07: no agreement without the required files bound to this request.
                RequireMaterials(p.Kind, rules.Limits, await ctx.FundDocuments.Where(d => d.PaymentRequestId == p.Id && d.Material != null)
                    .Select(d => d.Material!.Value).ToListAsync(ct));
                Refuse(PaymentLimits.Check(situation, calendar));
            }
            p.Status = input.Agree ? PaymentStatus.Reviewed : PaymentStatus.Refused;
            p.ReviewerId = caller.UserId;
            p.ReviewerName = caller.DisplayName ?? caller.UserName;
            p.ReviewerOrganisation = caller.OrganisationName;
            p.ReviewOpinion = input.Opinion.Trim();
            p.ReviewedAt = clock.GetUtcNow();
            p.Version++;
            await FundsService.SaveAsync(ctx, ct);
            return p;
        }, ct);
    }

    /// <summary>County finance approves; never the person who reviewed (separation of duties).</summary>
    public async Task<PaymentView> ApproveAsync(Guid id, ApproveInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.PaymentApprove);
        return await InPaymentLockAsync(id, async (ctx, c, p) =>
        {
            auth.Require(FundOperations.ApprovePayment, new FundResource(c.CountyCode, c.EtownId));
            FundsService.CheckVersion(p.Version, input.Version);
            RequireStatus(p, PaymentStatus.Reviewed, "财政审批");
            if (p.ReviewerId is { } r && r == caller.UserId)
                throw new DomainException(FundsErrors.SameReviewer, "审核与财政审批须由不同人员办理：您已审核此申请，不能再审批（职责分离）。", 409);
            Refuse(PaymentLimits.Check((await SituationAsync(ctx, c, p.Kind, p.Amount, p, ct)).Situation, calendar));
            p.Status = PaymentStatus.Approved;
            p.ApproverId = caller.UserId;
            p.ApproverName = caller.DisplayName ?? caller.UserName;
            p.ApprovedAt = clock.GetUtcNow();
            p.Version++;
            await FundsService.SaveAsync(ctx, ct);
            return p;
        }, ct);
    }

    /// <summary>The payment record: date, unique voucher number, amount (≤ the approved amount).</summary>
    public async Task<PaymentView> RecordAsync(Guid id, RecordPaymentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        caller.Require(Permissions.Fund.PaymentRecord);
        var voucher = (input.VoucherNumber ?? "").Trim();
        var errors = new FieldErrors();
        if (voucher.Length is 0 or > 64) errors.Add("voucherNumber", "请填写拨付凭证号（不超过 64 字）。");
        FundsService.Money(errors, "amount", input.Amount, "拨付金额", allowZero: false);
        if (input.PaidOn > clock.ChinaToday()) errors.Add("paidOn", "拨付日期不能晚于今天。");
        errors.ThrowIfAny();
        return await InPaymentLockAsync(id, async (ctx, c, p) =>
        {
            auth.Require(FundOperations.RecordPayment, new FundResource(c.CountyCode, c.EtownId));
            FundsService.CheckVersion(p.Version, input.Version);
            RequireStatus(p, PaymentStatus.Approved, "登记拨付");
            if (input.Amount > p.Amount)
                throw new DomainException(FundsErrors.Amount, $"拨付金额 {input.Amount:0.00} 万元不能超过审批金额 {p.Amount:0.00} 万元。", 422);
            if (await ctx.PaymentRequests.IgnoreQueryFilters().AnyAsync(x => x.VoucherNumber == voucher, ct))
                throw new DomainException(FundsErrors.VoucherTaken, $"凭证号 {voucher} 已登记过，不能重复。", 409);
            Refuse(PaymentLimits.Check((await SituationAsync(ctx, c, p.Kind, input.Amount, p, ct)).Situation, calendar));
            p.Status = PaymentStatus.Paid;
            p.PaidOn = input.PaidOn;
            p.VoucherNumber = voucher;
            p.PaidAmount = input.Amount;
            p.Version++;
            foreach (var listener in disbursed) await listener.DisbursedAsync(ctx, c.EtownId, input.PaidOn, ct);
            await FundsService.SaveAsync(ctx, ct);
            return p;
        }, ct);
    }

    // ------------------------------------------------------------------ internals

    static void Refuse(PaymentRefusal? refusal)
    {
        if (refusal is not null) throw new DomainException(refusal.Code, refusal.Reason, 422);
    }

    static void RequireMaterials(PaymentKind kind, PaymentLimitsSettings limits, IEnumerable<PaymentMaterial> uploaded)
    {
        var given = uploaded.ToHashSet();
        var missing = PaymentLimits.RequiredMaterials(kind, limits).Where(m => !given.Contains(m)).ToList();
        if (missing.Count > 0)
            throw new DomainException(FundsErrors.MaterialsMissing,
                $"{FundLabels.Of(kind)}申请缺少材料文件：{string.Join("、", missing.Select(FundLabels.Of))}，请先上传（FUND-07，临猗办法：资金申请表、合同、发票、建设进度、阶段验收报告）。", 422);
    }

    static void RequireStatus(PaymentRequest p, PaymentStatus expected, string action)
    {
        if (p.Status != expected)
            throw new DomainException(FundsErrors.State, $"该申请当前状态为“{FundLabels.Of(p.Status)}”，不能{action}。", 409);
    }

    async Task<(PaymentSituation Situation, PaymentRuleSet Rules)> SituationAsync(EtownDbContext ctx, FundContract c, PaymentKind kind, decimal amount,
        PaymentRequest? self, CancellationToken ct)
    {
        var rules = await FundsService.ResolveRuleSetAsync(ctx, c.CountyCode, ct);
        var all = await ctx.PaymentRequests.AsNoTracking().Where(p => p.EtownId == c.EtownId).ToListAsync(ct);
        var others = all.Where(p => p.Counts && p.Id != self?.Id).ToList();
        // On a re-check (review, approval, payment) only the requests before this one come first.
        var prior = others.Where(p => p.ContractId == c.Id && (self is null || p.Sequence < self.Sequence)).Select(p => (p.Kind, FundsService.Counted(p))).ToList();
        var allocation = await ctx.FundAllocations.Where(a => a.EtownId == c.EtownId).SumAsync(a => a.ProvincialAmount, ct);
        var cancelled = await ctx.FundOperators.Where(o => o.Id == c.OperatorId).Select(o => o.IsCancelled).FirstAsync(ct);
        var accepted = new List<AcceptanceResult>();
        foreach (var a in acceptances) accepted.AddRange(await a.ForContractAsync(ctx, c.Id, ct));
        var open = new List<OpenRectification>();
        foreach (var r in rectifications) open.AddRange(await r.ForAsync(ctx, c.EtownId, c.Id, ct));
        return (new PaymentSituation(kind, amount, c.Amount, prior, others.Sum(FundsService.Counted), allocation, accepted, open, cancelled,
            clock.ChinaToday(), rules.Limits), rules);
    }

    async Task<PaymentView> InPaymentLockAsync(Guid id, Func<EtownDbContext, FundContract, PaymentRequest, Task<PaymentRequest>> work, CancellationToken ct)
    {
        Guid contractId;
        await using (var ctx0 = db.Create(caller))
            contractId = await ctx0.PaymentRequests.Where(p => p.Id == id).Select(p => (Guid?)p.ContractId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("拨付申请");
        return await InContractLockAsync(contractId, async (ctx, c) =>
        {
            var p = await ctx.PaymentRequests.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("拨付申请");
            return await work(ctx, c, p);
        }, ct);
    }

    async Task<PaymentView> InContractLockAsync(Guid contractId, Func<EtownDbContext, FundContract, Task<PaymentRequest>> work, CancellationToken ct)
    {
        // The lock is on the contract's e-town: the allocation limit spans all its contracts, so that is the unit to serialise.
        Guid etownId;
        await using (var ctx0 = db.Create(caller))
            etownId = await ctx0.FundContracts.Where(x => x.Id == contractId).Select(x => (Guid?)x.EtownId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("合同");
        var gate = db.Settings.Provider == DatabaseProvider.Sqlite ? SqliteGates.GetOrAdd(etownId, _ => new SemaphoreSlim(1, 1)) : null;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            await using var ctx = db.Create(caller);
            await using var tx = await ctx.Database.BeginTransactionAsync(ct);
            if (db.Settings.Provider == DatabaseProvider.Postgres)
                // Held until commit or rollback: a second request on the same e-town waits, then sees the first.
                await ctx.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [LockKey(etownId)], ct);
            var c = await ctx.FundContracts.FirstOrDefaultAsync(x => x.Id == contractId, ct) ?? throw new NotFoundException("合同");
            var p = await work(ctx, c);
            await tx.CommitAsync(ct);
            return await ViewAsync(ctx, p, ct);
        }
        finally { gate?.Release(); }
    }

    /// <summary>A 64-bit advisory-lock key for an e-town's payments (namespace byte so other modules' keys do not collide by accident).</summary>
    internal static long LockKey(Guid etownId)
    {
        var b = etownId.ToByteArray();
        b[7] = 0xF0;
        return BitConverter.ToInt64(b, 0);
    }

    async Task<PaymentView> ViewAsync(EtownDbContext ctx, PaymentRequest p, CancellationToken ct)
    {
        var number = await ctx.FundContracts.Where(c => c.Id == p.ContractId).Select(c => c.Number).FirstOrDefaultAsync(ct) ?? "";
        var town = await ctx.Etowns.Where(e => e.Id == p.EtownId).Select(e => e.Name).FirstOrDefaultAsync(ct) ?? "";
        return FundsService.ToView(p, number, town);
    }
}
