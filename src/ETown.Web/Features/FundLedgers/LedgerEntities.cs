using ETown.Web.Features.Plans;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.FundLedgers;

/// <summary>
/// One purpose (用途) an expense line is booked under. The list is data: the province keeps it, county documents add
/// their own prohibitions (FUND-17). A prohibited purpose (FUND-01) names its clause and carries keywords that screen a
/// line's description, so a prohibited expense is refused even when booked under an innocent-looking purpose.
/// </summary>
public class LedgerPurpose : IProvinceWide, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Stable code ("P-TRAFFIC", "K-PLATFORM"); the API and the import use it.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>FUND-01: special funds may not pay for this.</summary>
    public bool IsProhibited { get; set; }
    /// <summary>The clause that forbids it, e.g. "省实施方案（晋商建〔2022〕58号）五、（一）".</summary>
    public string? Clause { get; set; }
    /// <summary>Words that, found in a line's description or payee, mark the line as this prohibited use ("、" or "," separated).</summary>
    public string? Keywords { get; set; }
    /// <summary>Null: everywhere (province). A county code: only that county's documents say so (潞城 140406, 岢岚 140929).</summary>
    public string? CountyCode { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<string> KeywordList =>
        (Keywords ?? "").Split(['、', ',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool AppliesIn(string countyCode) => CountyCode is null || CountyCode == countyCode;
}

/// <summary>The nature of the money (FUND-12, P §五(四) "按资金性质分别核算").</summary>
public enum FundSource
{
    /// <summary>省级（含中央）专项资金: FUND-01 prohibitions and FUND-03 bands apply.</summary>
    Provincial,
    /// <summary>县级配套资金 (FUND-13).</summary>
    CountyMatching,
    /// <summary>企业自筹及其他社会资金.</summary>
    Other,
}

/// <summary>How a line entered the ledger.</summary>
public enum LedgerEntrySource { Manual, Import, Api }

/// <summary>
/// One line of the operator's special-account ledger (专账, FUND-08, FUND-12, 临猗 第八条、第十五条). Amounts in 万元, two
/// decimals. The contract is referred to by id only (the funds module owns contracts).
/// </summary>
public class LedgerExpense : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>The operator (承办主体) whose ledger this is; invoice numbers are unique per operator.</summary>
    public Guid OperatorOrganisationId { get; set; }
    public Guid? ContractId { get; set; }
    public DateOnly Date { get; set; }
    public FundCategory Category { get; set; }
    public FundSource FundSource { get; set; }
    /// <summary>Construction-standard item 1–39 (P 附件1).</summary>
    public int ItemNo { get; set; }
    /// <summary>万元, 2 decimals, &gt; 0.</summary>
    public decimal AmountWan { get; set; }
    public required string InvoiceNumber { get; set; }
    public required string Payee { get; set; }
    public required string Description { get; set; }
    public required string PurposeCode { get; set; }
    public LedgerEntrySource Source { get; set; }
    public string? EnteredBy { get; set; }
    public LedgerInvoiceFile? Invoice { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The scanned invoice of a line (AttachmentStore metadata, owned by the line).</summary>
public class LedgerInvoiceFile : IStoredFile
{
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string StoragePath { get; set; } = "";
}

/// <summary>Who owns an asset bought with the funds (K §四: fixed assets bought with special funds are state assets).</summary>
public enum AssetOwnership
{
    /// <summary>国有资产（县工信局会同财政局管理调配）.</summary>
    State,
    /// <summary>政企共建，共建共享.</summary>
    CoBuilt,
    /// <summary>企业自有（自筹资金购置）.</summary>
    Operator,
}

/// <summary>One item of the asset ledger (资产台账, FUND-08, 临猗 第八条).</summary>
public class LedgerAsset : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public Guid OperatorOrganisationId { get; set; }
    public required string Name { get; set; }
    public required string Location { get; set; }
    public int Quantity { get; set; } = 1;
    /// <summary>万元, 2 decimals, &gt; 0.</summary>
    public decimal ValueWan { get; set; }
    public DateOnly AcquiredOn { get; set; }
    public AssetOwnership Ownership { get; set; }
    /// <summary>FUND-08: open and shared, providing market services.</summary>
    public bool OpenShared { get; set; }
    public string? ServiceNote { get; set; }
    /// <summary>The expense line that paid for it (same e-town).</summary>
    public Guid? ExpenseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A justified exception to a FUND-03 band on actual spending (K §五.2 "原则上"): the share stays a finding, shown
/// with the reason and who approved it, instead of an unexplained deviation.
/// </summary>
public class LedgerBandException : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public FundCategory Category { get; set; }
    public required string Reason { get; set; }
    public required string ApprovedBy { get; set; }
    public Guid? ApprovedByUserId { get; set; }
    public DateOnly ApprovedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A machine client's idempotency key (issue #10 item 6): the first request's body hash and result. The same key with the
/// same body returns that result again; with another body it is a conflict (409).
/// </summary>
public class LedgerIdempotencyKey : IOrganisationOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public required string Key { get; set; }
    public required string BodyHash { get; set; }
    public Guid ExpenseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
