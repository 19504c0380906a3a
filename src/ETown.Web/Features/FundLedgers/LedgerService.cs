using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ETown.Web.Features.Plans;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.FundLedgers;

/// <summary>An expense line as entered (page, API, import row). Amount in 万元.</summary>
public sealed record ExpenseInput(Guid EtownId, DateOnly Date, FundCategory Category, FundSource FundSource, int ItemNo, decimal AmountWan,
    string? InvoiceNumber, string? Payee, string? Description, string? PurposeCode, Guid? ContractId = null);

public sealed record ExpenseRow(Guid Id, Guid EtownId, string EtownName, Guid OperatorOrganisationId, DateOnly Date, FundCategory Category,
    string CategoryLabel, FundSource FundSource, string FundSourceLabel, int ItemNo, decimal AmountWan, string InvoiceNumber, string Payee,
    string Description, string PurposeCode, string PurposeName, Guid? ContractId, LedgerEntrySource Source, bool HasInvoiceFile);

public sealed record AssetInput(Guid EtownId, string? Name, string? Location, int Quantity, decimal ValueWan, DateOnly AcquiredOn,
    AssetOwnership Ownership, bool OpenShared, string? ServiceNote, Guid? ExpenseId);

public sealed record AssetRow(Guid Id, Guid EtownId, string EtownName, string Name, string Location, int Quantity, decimal ValueWan,
    DateOnly AcquiredOn, AssetOwnership Ownership, string OwnershipLabel, bool OpenShared, string? ServiceNote, Guid? ExpenseId, string? ExpenseInvoice);

public sealed record PurposeRow(string Code, string Name, bool IsProhibited, string? Clause, string? Keywords, string? CountyCode, int SortOrder);

public sealed record ExpenseFilter(Guid? EtownId = null, DateOnly? From = null, DateOnly? To = null, FundCategory? Category = null,
    FundSource? FundSource = null, int? ItemNo = null, string? Text = null);

/// <summary>A FUND-03 finding on actual spending: a category outside its band, with the approved exception if any.</summary>
public sealed record BandFinding(FundCategory Category, string Message, LedgerBandExceptionRow? Exception);

public sealed record LedgerBandExceptionRow(Guid Id, FundCategory Category, string Reason, string ApprovedBy, DateOnly ApprovedOn);

/// <summary>FUND-03 on the actual ledger: the provincial lines per category against the bands (computed by Plans' BudgetCheck).</summary>
public sealed record LedgerBandView(Guid EtownId, decimal ProvincialTotalWan, IReadOnlyList<CategoryShare> Categories,
    IReadOnlyList<BandFinding> Findings, IReadOnlyList<LedgerBandExceptionRow> Exceptions)
{
    /// <summary>Findings not covered by an approved exception.</summary>
    public int OpenFindings => Findings.Count(f => f.Exception is null);
}

/// <summary>The result of an idempotent machine post: the line, and whether it was a replay of an earlier request.</summary>
public sealed record IdempotentExpense(ExpenseRow Line, bool Replayed);

/// <summary>
/// The operator's ledgers (FUND-01, FUND-03 on actual spending, FUND-08, FUND-12, FUND-17). Pages, API and import call
/// the same methods; scope comes from the query filters, the "may do it to this e-town" from <see cref="LedgerAuthorizationHandler"/>.
/// </summary>
public sealed class LedgerService(EtownDb db, Caller caller, Authorizer authorizer, TimeProvider clock, AttachmentStore files,
    IEnumerable<Acceptance.IContractDirectory> contracts)
{
    public const int MaxInvoiceLength = 50, MaxDescriptionLength = 500, MaxIdempotencyKeyLength = 100;
    /// <summary>A single line above 1 亿元 is a typing error, not a purchase (an e-town's provincial money is ~1000 万元).</summary>
    public const decimal MaxAmountWan = 10000m;
    /// <summary>The programme starts with 晋商建〔2022〕58号; no special-fund expense predates 2022.</summary>
    public static readonly DateOnly EarliestDate = new(2022, 1, 1);

    public static string SourceLabel(FundSource s) => s switch
    {
        FundSource.Provincial => "省级专项资金",
        FundSource.CountyMatching => "县级配套资金",
        FundSource.Other => "自筹及其他资金",
        _ => s.ToString(),
    };

    public static string OwnershipLabel(AssetOwnership o) => o switch
    {
        AssetOwnership.State => "国有资产",
        AssetOwnership.CoBuilt => "政企共建共享",
        AssetOwnership.Operator => "企业自有",
        _ => o.ToString(),
    };

    // ---------------------------------------------------------------- purposes (FUND-01, FUND-17)

    /// <summary>The purposes that apply in a county (province-wide ones plus the county's own), prohibited ones included.</summary>
    public async Task<IReadOnlyList<PurposeRow>> PurposesAsync(string? countyCode, CancellationToken ct = default)
    {
        caller.Require(Permissions.Ledgers.Read);
        await using var ctx = db.Create(caller);
        var all = await ctx.LedgerPurposes.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.SortOrder).ThenBy(p => p.Code).ToListAsync(ct);
        return [.. all.Where(p => countyCode is null || p.AppliesIn(countyCode)).Select(ToRow)];
    }

    /// <summary>Province: add or change a purpose (a new prohibition from a county document, more keywords …).</summary>
    public async Task<PurposeRow> SavePurposeAsync(PurposeRow input, CancellationToken ct = default)
    {
        caller.Require(Permissions.Ledgers.PurposeManage);
        var errors = new FieldErrors();
        var code = input.Code?.Trim() ?? "";
        if (code.Length is 0 or > 32) errors.Add("code", "用途代码不能为空且不超过 32 个字符。");
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 100) errors.Add("name", "请填写用途名称（不超过 100 字）。");
        if (input.IsProhibited && string.IsNullOrWhiteSpace(input.Clause)) errors.Add("clause", "禁止用途须注明依据条款（FUND-01）。");
        if (input.CountyCode is { } cc && (cc.Length != 6 || DataScope.LevelOfCode(cc) != ScopeLevel.County)) errors.Add("countyCode", "县级代码应为 6 位县（市、区）区划代码。");
        errors.ThrowIfAny();
        await using var ctx = db.Create(caller);
        var p = await ctx.LedgerPurposes.FirstOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) ctx.LedgerPurposes.Add(p = new LedgerPurpose { Code = code, Name = input.Name.Trim() });
        p.Name = input.Name.Trim(); p.IsProhibited = input.IsProhibited; p.Clause = Clean(input.Clause); p.Keywords = Clean(input.Keywords);
        p.CountyCode = Clean(input.CountyCode); p.SortOrder = input.SortOrder; p.IsActive = true;
        await ctx.SaveChangesAsync(ct);
        return ToRow(p);
    }

    static PurposeRow ToRow(LedgerPurpose p) => new(p.Code, p.Name, p.IsProhibited, p.Clause, p.Keywords, p.CountyCode, p.SortOrder);

    /// <summary>
    /// FUND-01 / FUND-17: the reason a line is refused, or null. Applies to provincial (and central) special funds, which the
    /// documents forbid for these uses (P 五(一) "中央及省级财政资金不得用于…"; 潞城 第五条（二）; 岢岚 四、1.). A line is refused
    /// when its chosen purpose is prohibited, or when its description or payee contains a keyword of a prohibited use that
    /// applies in the e-town's county.
    /// </summary>
    public static string? ProhibitedReason(ExpenseInput line, string countyCode, IReadOnlyList<LedgerPurpose> purposes)
    {
        if (line.FundSource != FundSource.Provincial) return null;
        var applicable = purposes.Where(p => p.IsActive && p.IsProhibited && p.AppliesIn(countyCode)).OrderBy(p => p.SortOrder).ToList();
        if (applicable.FirstOrDefault(p => p.Code == line.PurposeCode?.Trim()) is { } chosen)
            return $"支出用途“{chosen.Name}”属于省级专项资金禁止使用的范围（{chosen.Clause}），不能记入专账。";
        var text = (line.Description ?? "") + " " + (line.Payee ?? "");
        foreach (var p in applicable)
            if (p.KeywordList.FirstOrDefault(k => text.Contains(k, StringComparison.Ordinal)) is { } kw)
                return $"摘要或收款方中含“{kw}”，属于省级专项资金禁止用途“{p.Name}”（{p.Clause}），不能记入专账。如确属其他用途，请改写摘要说明实际内容。";
        return null;
    }

    /// <summary>Field checks of one line (everything but FUND-01 and invoice uniqueness); field → Chinese message.</summary>
    public static List<(string Field, string Message)> Check(ExpenseInput x, DateOnly today, IReadOnlyList<LedgerPurpose> purposes, string countyCode)
    {
        var e = new List<(string, string)>();
        if (x.AmountWan <= 0) e.Add(("amountWan", "金额必须大于 0 万元。"));
        else if (x.AmountWan > MaxAmountWan) e.Add(("amountWan", $"单笔金额不能超过 {MaxAmountWan:0} 万元，请核对单位（万元）。"));
        else if (decimal.Round(x.AmountWan, 2) != x.AmountWan) e.Add(("amountWan", "金额以万元为单位，最多保留两位小数（即精确到百元）。"));
        if (x.Date > today) e.Add(("date", $"支出日期 {x.Date:yyyy-MM-dd} 晚于今天，不能登记未发生的支出。"));
        else if (x.Date < EarliestDate) e.Add(("date", $"支出日期不能早于 {EarliestDate:yyyy-MM-dd}（乡村e镇培育工作开始）。"));
        if (x.ItemNo is < BudgetCheck.FirstItem or > BudgetCheck.LastItem) e.Add(("itemNo", $"建设标准条目序号应为 {BudgetCheck.FirstItem}–{BudgetCheck.LastItem}，当前为 {x.ItemNo}。"));
        if (!Enum.IsDefined(x.Category)) e.Add(("category", "资金类别无效。"));
        if (!Enum.IsDefined(x.FundSource)) e.Add(("fundSource", "资金性质无效。"));
        var inv = x.InvoiceNumber?.Trim() ?? "";
        if (inv.Length == 0) e.Add(("invoiceNumber", "请填写发票号码。"));
        else if (inv.Length > MaxInvoiceLength) e.Add(("invoiceNumber", $"发票号码不超过 {MaxInvoiceLength} 个字符。"));
        if (string.IsNullOrWhiteSpace(x.Payee)) e.Add(("payee", "请填写收款方。"));
        else if (x.Payee.Trim().Length > 100) e.Add(("payee", "收款方不超过 100 字。"));
        if (string.IsNullOrWhiteSpace(x.Description)) e.Add(("description", "请填写摘要（支出内容）。"));
        else if (x.Description.Trim().Length > MaxDescriptionLength) e.Add(("description", $"摘要不超过 {MaxDescriptionLength} 字。"));
        var code = x.PurposeCode?.Trim();
        if (string.IsNullOrEmpty(code)) e.Add(("purposeCode", "请选择支出用途。"));
        else if (!purposes.Any(p => p.IsActive && p.Code == code && p.AppliesIn(countyCode))) e.Add(("purposeCode", $"未知的支出用途“{code}”。"));
        return e;
    }

    // ---------------------------------------------------------------- expenses (FUND-12)

    public async Task<IReadOnlyList<ExpenseRow>> ExpensesAsync(ExpenseFilter filter, CancellationToken ct = default)
    {
        authorizer.Require(LedgerOperations.Read, LedgerResource.Any);
        await using var ctx = db.Create(caller);
        var q = ctx.LedgerExpenses.AsNoTracking();
        if (filter.EtownId is { } id) q = q.Where(x => x.EtownId == id);
        if (filter.From is { } from) q = q.Where(x => x.Date >= from);
        if (filter.To is { } to) q = q.Where(x => x.Date <= to);
        if (filter.Category is { } c) q = q.Where(x => x.Category == c);
        if (filter.FundSource is { } s) q = q.Where(x => x.FundSource == s);
        if (filter.ItemNo is { } n) q = q.Where(x => x.ItemNo == n);
        if (Clean(filter.Text) is { } t) q = q.Where(x => x.Description.Contains(t) || x.Payee.Contains(t) || x.InvoiceNumber.Contains(t));
        var lines = await q.OrderByDescending(x => x.Date).ThenBy(x => x.InvoiceNumber).Take(5000).ToListAsync(ct);
        return await RowsAsync(ctx, lines, ct);
    }

    async Task<IReadOnlyList<ExpenseRow>> RowsAsync(EtownDbContext ctx, IReadOnlyList<LedgerExpense> lines, CancellationToken ct)
    {
        var townIds = lines.Select(l => l.EtownId).Distinct().ToList();
        var towns = await ctx.Etowns.AsNoTracking().Where(t => townIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var purposes = await ctx.LedgerPurposes.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        return [.. lines.Select(l => new ExpenseRow(l.Id, l.EtownId, towns.GetValueOrDefault(l.EtownId, ""), l.OperatorOrganisationId, l.Date, l.Category,
            BudgetCheck.CategoryLabel(l.Category), l.FundSource, SourceLabel(l.FundSource), l.ItemNo, l.AmountWan, l.InvoiceNumber, l.Payee,
            l.Description, l.PurposeCode, purposes.GetValueOrDefault(l.PurposeCode, l.PurposeCode), l.ContractId, l.Source, l.Invoice is { StoragePath.Length: > 0 }))];
    }

    /// <summary>Enters one line; refuses a prohibited use (FUND-01, 422), a duplicate invoice (409) and bad fields (400). Bad input writes nothing.</summary>
    public async Task<ExpenseRow> AddExpenseAsync(ExpenseInput input, LedgerEntrySource source = LedgerEntrySource.Manual, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var line = await PrepareAsync(ctx, input, source, ct);
        ctx.LedgerExpenses.Add(line);
        await SaveAsync(ctx, line, ct);
        return (await RowsAsync(ctx, [line], ct))[0];
    }

    /// <summary>Validates and builds a line for the caller's operator organisation; throws for any problem.</summary>
    async Task<LedgerExpense> PrepareAsync(EtownDbContext ctx, ExpenseInput input, LedgerEntrySource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        authorizer.Require(LedgerOperations.WriteExpense, LedgerResource.Any);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.EtownId, ct) ?? throw new NotFoundException("该e镇");
        authorizer.Require(LedgerOperations.WriteExpense, new LedgerResource(town.Id, town.CountyCode));
        var purposes = await ctx.LedgerPurposes.AsNoTracking().ToListAsync(ct);
        var errors = new FieldErrors();
        foreach (var (f, m) in Check(input, clock.ChinaToday(), purposes, town.CountyCode)) errors.Add(f, m);
        errors.ThrowIfAny();
        if (ProhibitedReason(input, town.CountyCode, purposes) is { } reason)
            throw new DomainException(LedgerErrors.ProhibitedUse, reason, 422);
        var invoice = input.InvoiceNumber!.Trim();
        var org = caller.OrganisationId!.Value;
        if (input.ContractId is { } contractId)
        {
            // The contract must be one of this e-town's, with this operator (the contracts module answers through its port).
            var known = new List<Acceptance.ContractRef>();
            foreach (var d in contracts) known.AddRange(await d.ForEtownAsync(ctx, town.Id, ct));
            var c = known.FirstOrDefault(k => k.Id == contractId);
            if (c is null || c.OperatorOrganisationId != org)
                throw new DomainException(LedgerErrors.ContractMismatch, "所选合同不是本e镇由本单位承办的合同，不能记入本专账。", 422);
        }
        if (await ctx.LedgerExpenses.IgnoreQueryFilters().AnyAsync(x => x.OperatorOrganisationId == org && x.InvoiceNumber == invoice, ct))
            throw DuplicateInvoice(invoice);
        return new LedgerExpense
        {
            EtownId = town.Id, CountyCode = town.CountyCode, OperatorOrganisationId = org, ContractId = input.ContractId, Date = input.Date,
            Category = input.Category, FundSource = input.FundSource, ItemNo = input.ItemNo, AmountWan = input.AmountWan, InvoiceNumber = invoice,
            Payee = input.Payee!.Trim(), Description = input.Description!.Trim(), PurposeCode = input.PurposeCode!.Trim(), Source = source,
            EnteredBy = caller.DisplayName ?? caller.UserName,
        };
    }

    static DomainException DuplicateInvoice(string invoice) =>
        new(LedgerErrors.DuplicateInvoice, $"发票号码“{invoice}”已在本单位专账中登记，同一张发票不能重复入账。", 409);

    async Task SaveAsync(EtownDbContext ctx, LedgerExpense line, CancellationToken ct)
    {
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // A concurrent request booked the same invoice first (the unique index decided).
            if (await InvoiceTakenAsync(line, ct)) throw DuplicateInvoice(line.InvoiceNumber);
            throw;
        }
    }

    async Task<bool> InvoiceTakenAsync(LedgerExpense line, CancellationToken ct)
    {
        await using var fresh = db.Create(caller);
        return await fresh.LedgerExpenses.IgnoreQueryFilters().AnyAsync(x => x.OperatorOrganisationId == line.OperatorOrganisationId && x.InvoiceNumber == line.InvoiceNumber && x.Id != line.Id, ct);
    }

    /// <summary>
    /// POST /api/v1/ledgers/expenses with an Idempotency-Key (issue #10 item 6): the same key with the same body returns the first
    /// result without a second line; the same key with another body is 409. Without a key it is a plain entry.
    /// </summary>
    public async Task<IdempotentExpense> AddExpenseIdempotentAsync(ExpenseInput input, string? key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (key is null) return new(await AddExpenseAsync(input, LedgerEntrySource.Api, ct), false);
        key = key.Trim();
        if (key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(ch => ch < 0x21 || ch > 0x7E))
            throw new DomainException(LedgerErrors.IdempotencyKeyInvalid, $"Idempotency-Key 须为 1–{MaxIdempotencyKeyLength} 个可见 ASCII 字符（建议使用 UUID）。", 400);
        authorizer.Require(LedgerOperations.WriteExpense, LedgerResource.Any);
        var org = caller.OrganisationId!.Value;
        var hash = BodyHash(input);
        await using var ctx = db.Create(caller);
        if (await ReplayAsync(ctx, org, key, hash, ct) is { } earlier) return earlier;
        LedgerExpense line;
        try { line = await PrepareAsync(ctx, input, LedgerEntrySource.Api, ct); }
        catch (DomainException e) when (e.Code == LedgerErrors.DuplicateInvoice)
        {
            // The same retry committed between the replay check and here: its invoice is now taken — answer as a replay.
            await using var fresh = db.Create(caller);
            if (await ReplayAsync(fresh, org, key, hash, ct) is { } winner) return winner;
            throw;
        }
        ctx.LedgerExpenses.Add(line);
        ctx.LedgerIdempotencyKeys.Add(new LedgerIdempotencyKey { OrganisationId = org, Key = key, BodyHash = hash, ExpenseId = line.Id });
        try { await ctx.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key won the unique index: answer as a replay (or a conflict).
            await using var fresh = db.Create(caller);
            if (await ReplayAsync(fresh, org, key, hash, ct) is { } winner) return winner;
            if (await InvoiceTakenAsync(line, ct)) throw DuplicateInvoice(line.InvoiceNumber);
            throw;
        }
        return new((await RowsAsync(ctx, [line], ct))[0], false);
    }

    async Task<IdempotentExpense?> ReplayAsync(EtownDbContext ctx, Guid org, string key, string hash, CancellationToken ct)
    {
        var earlier = await ctx.LedgerIdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.OrganisationId == org && k.Key == key, ct);
        if (earlier is null) return null;
        if (earlier.BodyHash != hash)
            throw new DomainException(LedgerErrors.IdempotencyConflict, $"Idempotency-Key “{key}”已用于另一笔内容不同的支出，请为新的支出使用新的键。", 409);
        var line = await ctx.LedgerExpenses.AsNoTracking().FirstAsync(x => x.Id == earlier.ExpenseId, ct);
        return new((await RowsAsync(ctx, [line], ct))[0], true);
    }

    /// <summary>SHA-256 of the parsed request (field order fixed by the record), so formatting differences are the same body.</summary>
    public static string BodyHash(ExpenseInput input) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input with
        {
            InvoiceNumber = input.InvoiceNumber?.Trim(), Payee = input.Payee?.Trim(), Description = input.Description?.Trim(), PurposeCode = input.PurposeCode?.Trim(),
        }))));

    /// <summary>Attaches the scanned invoice (PDF/OFD/image, type sniffed by the store) to a line of the caller's own ledger.</summary>
    public async Task<ExpenseRow> AttachInvoiceAsync(Guid expenseId, Stream content, string? fileName, string? contentType, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var line = await ctx.LedgerExpenses.FirstOrDefaultAsync(x => x.Id == expenseId, ct) ?? throw new NotFoundException("该支出");
        authorizer.Require(LedgerOperations.WriteExpense, new LedgerResource(line.EtownId, line.CountyCode));
        if (line.OperatorOrganisationId != caller.OrganisationId) throw new ForbiddenException("只能为本单位登记的支出上传发票。");
        var stored = await files.SaveAsync(content, fileName, contentType, InvoicePolicy, ct);
        line.Invoice = new LedgerInvoiceFile
        {
            FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256, StoragePath = stored.StoragePath,
        };
        await ctx.SaveChangesAsync(ct);
        return (await RowsAsync(ctx, [line], ct))[0];
    }

    /// <summary>Invoices: PDF, OFD (电子发票) or a photo.</summary>
    public static readonly AttachmentPolicy InvoicePolicy = new("invoices",
        [AttachmentKind.Pdf, AttachmentKind.Ofd, AttachmentKind.Png, AttachmentKind.Jpeg], AttachmentPolicy.DefaultMaxBytes);

    public async Task<(Stream Content, LedgerInvoiceFile File)> OpenInvoiceAsync(Guid expenseId, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var line = await ctx.LedgerExpenses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == expenseId, ct) ?? throw new NotFoundException("该支出");
        authorizer.Require(LedgerOperations.Read, new LedgerResource(line.EtownId, line.CountyCode));
        if (line.Invoice is not { StoragePath.Length: > 0 } f) throw new NotFoundException("发票文件");
        return (await files.OpenAsync(f, ct), f);
    }

    // ---------------------------------------------------------------- assets (FUND-08)

    public async Task<IReadOnlyList<AssetRow>> AssetsAsync(Guid? etownId, CancellationToken ct = default)
    {
        authorizer.Require(LedgerOperations.Read, LedgerResource.Any);
        await using var ctx = db.Create(caller);
        var q = ctx.LedgerAssets.AsNoTracking();
        if (etownId is { } id) q = q.Where(a => a.EtownId == id);
        var assets = await q.OrderBy(a => a.AcquiredOn).ThenBy(a => a.Name).ToListAsync(ct);
        var townIds = assets.Select(a => a.EtownId).Distinct().ToList();
        var towns = await ctx.Etowns.AsNoTracking().Where(t => townIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var expIds = assets.Where(a => a.ExpenseId != null).Select(a => a.ExpenseId!.Value).ToList();
        var invoices = await ctx.LedgerExpenses.AsNoTracking().Where(x => expIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.InvoiceNumber, ct);
        return [.. assets.Select(a => new AssetRow(a.Id, a.EtownId, towns.GetValueOrDefault(a.EtownId, ""), a.Name, a.Location, a.Quantity, a.ValueWan,
            a.AcquiredOn, a.Ownership, OwnershipLabel(a.Ownership), a.OpenShared, a.ServiceNote, a.ExpenseId,
            a.ExpenseId is { } e ? invoices.GetValueOrDefault(e) : null))];
    }

    public async Task<AssetRow> AddAssetAsync(AssetInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        authorizer.Require(LedgerOperations.WriteAsset, LedgerResource.Any);
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.EtownId, ct) ?? throw new NotFoundException("该e镇");
        authorizer.Require(LedgerOperations.WriteAsset, new LedgerResource(town.Id, town.CountyCode));
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100) errors.Add("name", "请填写资产名称（不超过 100 字）。");
        if (string.IsNullOrWhiteSpace(input.Location) || input.Location.Trim().Length > 200) errors.Add("location", "请填写存放或安装地点（不超过 200 字）。");
        if (input.Quantity is < 1 or > 100000) errors.Add("quantity", "数量应为 1–100000。");
        if (input.ValueWan <= 0) errors.Add("valueWan", "资产价值必须大于 0 万元。");
        else if (input.ValueWan > MaxAmountWan) errors.Add("valueWan", $"资产价值不能超过 {MaxAmountWan:0} 万元，请核对单位（万元）。");
        else if (decimal.Round(input.ValueWan, 2) != input.ValueWan) errors.Add("valueWan", "资产价值以万元为单位，最多保留两位小数。");
        if (input.AcquiredOn > clock.ChinaToday()) errors.Add("acquiredOn", "购置日期不能晚于今天。");
        else if (input.AcquiredOn < EarliestDate) errors.Add("acquiredOn", $"购置日期不能早于 {EarliestDate:yyyy-MM-dd}。");
        if (!Enum.IsDefined(input.Ownership)) errors.Add("ownership", "资产权属无效。");
        LedgerExpense? paidBy = null;
        if (input.ExpenseId is { } eid)
        {
            paidBy = await ctx.LedgerExpenses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == eid, ct);
            if (paidBy is null || paidBy.EtownId != town.Id) errors.Add("expenseId", "关联的支出不在本e镇的专账中。");
        }
        // K §四: fixed assets bought with provincial special funds are state assets, whatever the operator enters.
        if (paidBy is { FundSource: FundSource.Provincial } && input.Ownership == AssetOwnership.Operator)
            errors.Add("ownership", "使用省级专项资金购置的固定资产属于国有资产（岢岚县实施方案 四），不能登记为企业自有。");
        errors.ThrowIfAny();
        var asset = new LedgerAsset
        {
            EtownId = town.Id, CountyCode = town.CountyCode, OperatorOrganisationId = caller.OrganisationId!.Value, Name = input.Name!.Trim(),
            Location = input.Location!.Trim(), Quantity = input.Quantity, ValueWan = input.ValueWan, AcquiredOn = input.AcquiredOn, Ownership = input.Ownership,
            OpenShared = input.OpenShared, ServiceNote = Clean(input.ServiceNote), ExpenseId = input.ExpenseId,
        };
        ctx.LedgerAssets.Add(asset);
        await ctx.SaveChangesAsync(ct);
        return (await AssetsAsync(town.Id, ct)).First(a => a.Id == asset.Id);
    }

    // ---------------------------------------------------------------- FUND-03 on actual spending

    /// <summary>
    /// FUND-03 against the actual ledger: the provincial lines per category, compared with the bands by the one band
    /// function (<see cref="BudgetCheck.Check"/> in Features/Plans). Outside a band is a finding (K §五.2 "原则上"), not a
    /// block; an approved exception (reason + approver) is shown with it.
    /// </summary>
    public async Task<LedgerBandView> BandsAsync(Guid etownId, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(t => t.Id == etownId, ct) ?? throw new NotFoundException("该e镇");
        authorizer.Require(LedgerOperations.Read, new LedgerResource(town.Id, town.CountyCode));
        var sums = await ctx.LedgerExpenses.AsNoTracking().Where(x => x.EtownId == etownId && x.FundSource == FundSource.Provincial)
            .Select(x => new { x.Category, x.AmountWan }).ToListAsync(ct);
        var exceptions = (await ctx.LedgerBandExceptions.AsNoTracking().Where(x => x.EtownId == etownId).ToListAsync(ct))
            .OrderByDescending(x => x.CreatedAt).Select(x => new LedgerBandExceptionRow(x.Id, x.Category, x.Reason, x.ApprovedBy, x.ApprovedOn)).ToList();
        return Bands(etownId, [.. sums.Select(s => (s.Category, s.AmountWan))], exceptions);
    }

    /// <summary>The pure part of <see cref="BandsAsync"/>: amounts in 万元 per line.</summary>
    public static LedgerBandView Bands(Guid etownId, IReadOnlyList<(FundCategory Category, decimal AmountWan)> provincialLines, IReadOnlyList<LedgerBandExceptionRow> exceptions)
    {
        // The band function works in 元 on budget lines; the ledger's 万元 become 元 exactly (×10000).
        var asBudget = provincialLines.Select(l => new BudgetLine { ItemNo = BudgetCheck.FirstItem, Category = l.Category, ProvincialYuan = l.AmountWan * 10000m }).ToList();
        var total = asBudget.Sum(l => l.ProvincialYuan);
        var check = BudgetCheck.Check(total, asBudget);
        var findings = new List<BandFinding>();
        if (total > 0)
            foreach (var c in check.Categories.Where(c => !c.WithinBand))
            {
                var side = c.SharePercent < c.MinPercent ? $"低于 {c.MinPercent:0}% 的下限" : $"高于 {c.MaxPercent:0}% 的上限";
                var message = $"“{c.Label}”类省级专项资金实际支出 {BudgetCheck.Wan(c.ProvincialYuan)} 万元，占 {BudgetCheck.Pct(c.SharePercent!.Value)}，{side}（{BudgetCheck.Source}：原则上 {c.MinPercent:0}%–{c.MaxPercent:0}%）。";
                findings.Add(new(c.Category, message, exceptions.FirstOrDefault(x => x.Category == c.Category)));
            }
        return new LedgerBandView(etownId, total / 10000m, check.Categories, findings, exceptions);
    }

    /// <summary>The county records a justified exception to a band (reason + approver = the signed-in county officer).</summary>
    public async Task<LedgerBandExceptionRow> AddExceptionAsync(Guid etownId, FundCategory category, string? reason, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var town = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(t => t.Id == etownId, ct) ?? throw new NotFoundException("该e镇");
        authorizer.Require(LedgerOperations.ApproveException, new LedgerResource(town.Id, town.CountyCode));
        var errors = new FieldErrors();
        if (!Enum.IsDefined(category)) errors.Add("category", "资金类别无效。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10 || reason.Trim().Length > 500)
            errors.Add("reason", "请写明例外的理由（10–500 字），例如经县领导小组研究的情况。");
        errors.ThrowIfAny();
        var x = new LedgerBandException
        {
            EtownId = town.Id, CountyCode = town.CountyCode, Category = category, Reason = reason!.Trim(),
            ApprovedBy = $"{caller.DisplayName ?? caller.UserName}（{caller.OrganisationName}）", ApprovedByUserId = caller.UserId, ApprovedOn = clock.ChinaToday(),
        };
        ctx.LedgerBandExceptions.Add(x);
        await ctx.SaveChangesAsync(ct);
        return new(x.Id, x.Category, x.Reason, x.ApprovedBy, x.ApprovedOn);
    }

    /// <summary>The e-towns whose ledgers the caller may read (for the page's e-town picker).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, string CountyCode)>> TownsAsync(CancellationToken ct = default)
    {
        authorizer.Require(LedgerOperations.Read, LedgerResource.Any);
        await using var ctx = db.Create(caller);
        var towns = await ctx.Etowns.AsNoTracking().OrderBy(t => t.CountyCode).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name, t.CountyCode }).ToListAsync(ct);
        return [.. towns.Select(t => (t.Id, t.Name, t.CountyCode))];
    }

    /// <summary>One e-town whose ledger the caller may read (404 outside the scope).</summary>
    public async Task<(Guid Id, string Name, string CountyCode)> TownAsync(Guid etownId, CancellationToken ct = default)
    {
        await using var ctx = db.Create(caller);
        var t = await ctx.Etowns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == etownId, ct) ?? throw new NotFoundException("该e镇");
        authorizer.Require(LedgerOperations.Read, new LedgerResource(t.Id, t.CountyCode));
        return (t.Id, t.Name, t.CountyCode);
    }

    public bool CanWrite(Guid etownId, string countyCode) => authorizer.Can(LedgerOperations.WriteExpense, new LedgerResource(etownId, countyCode));
    public bool CanWriteAsset(Guid etownId, string countyCode) => authorizer.Can(LedgerOperations.WriteAsset, new LedgerResource(etownId, countyCode));
    public bool CanApprove(Guid etownId, string countyCode) => authorizer.Can(LedgerOperations.ApproveException, new LedgerResource(etownId, countyCode));

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static string Fmt(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
