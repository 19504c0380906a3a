using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Funds;

/// <summary>Provincial special funds for one e-town in one year, and the county's matching funds (FUND-13). Amounts in 万元.</summary>
public class FundAllocation : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public int Year { get; set; }
    /// <summary>省级专项资金下达额度（万元）.</summary>
    public decimal ProvincialAmount { get; set; }
    /// <summary>下达文件（如 晋财建〔2022〕xx号）.</summary>
    public string? NoticeReference { get; set; }
    /// <summary>FUND-13: matching funds the county committed at declaration (万元).</summary>
    public decimal CountyMatchingCommitted { get; set; }
    /// <summary>FUND-13: matching funds the county has actually paid in (万元).</summary>
    public decimal CountyMatchingPaid { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum SelectionMethod
{
    /// <summary>公开招标</summary>
    Tender,
    /// <summary>竞争性谈判/磋商</summary>
    Competitive,
    /// <summary>直接委托</summary>
    Direct,
}

/// <summary>
/// An operator (承办主体) of one e-town: an organisation of kind Operator, its FUND-10 qualification conditions
/// (Y 第十一条), how it was selected, and — after FUND-11 — the cancellation and the recovery of funds.
/// </summary>
public class FundOperator : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public string OrganisationName { get; set; } = "";
    // FUND-10 (Y 第十一条) conditions, each recorded by the county with its evidence note.
    public bool ClearOwnership { get; set; }
    public bool SoundFinancialSystem { get; set; }
    public bool NoPenaltyIn3Years { get; set; }
    public bool HasLicences { get; set; }
    public bool CommitsToReportAndAudit { get; set; }
    public string? QualificationNote { get; set; }
    public SelectionMethod SelectionMethod { get; set; }
    public string? SelectionDocuments { get; set; }
    // FUND-11 (Y 第十六条)
    public bool IsCancelled { get; set; }
    public DateOnly? CancelledOn { get; set; }
    public string? CancelReason { get; set; }
    public decimal RecoveryDue { get; set; }
    public decimal Recovered { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> MissingConditions()
    {
        var m = new List<string>();
        if (!ClearOwnership) m.Add("产权清晰");
        if (!SoundFinancialSystem) m.Add("财务制度健全");
        if (!NoPenaltyIn3Years) m.Add("近三年无违法违规和行政处罚记录");
        if (!HasLicences) m.Add("具备相应资质");
        if (!CommitsToReportAndAudit) m.Add("承诺按要求报送资料并接受审计监督");
        return m;
    }

    public bool IsQualified => MissingConditions().Count == 0;
}

/// <summary>
/// FUND-02 (P 三、主要任务及支持重点；K 四、项目资金支持标准和范围): how the provincial money supports the work — 贷款贴息、以奖代补、购买服务、项目补助.
/// A 购买服务 contract is let through government procurement (K 六（二）: "应通过政府采购的规范程序确定承接主体").
/// </summary>
public enum SupportMode
{
    /// <summary>贷款贴息</summary>
    InterestSubsidy,
    /// <summary>以奖代补</summary>
    RewardInsteadOfSubsidy,
    /// <summary>购买服务</summary>
    ServicePurchase,
    /// <summary>项目补助</summary>
    ProjectSubsidy,
}

public enum ContractStatus { Active, Terminated }

/// <summary>Scope of a contract for one construction-standard item (1–39), 万元.</summary>
public sealed record ContractScopeLine(int ItemNo, string Content, decimal Amount);

public sealed record ContractMilestone(string Name, DateOnly Due);

/// <summary>
/// A contract between the county and the e-town's operator (FUND-04/07/09/16). Amount in 万元; the scope is split
/// by standard item. Changes only through an approved <see cref="ContractChangeRequest"/>; every approved change
/// makes a new <see cref="Revision"/> and keeps the previous one as a <see cref="FundContractRevision"/>.
/// </summary>
public class FundContract : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public Guid OperatorId { get; set; }
    public Guid OperatorOrganisationId { get; set; }
    public string OperatorName { get; set; } = "";
    public decimal Amount { get; set; }
    public SelectionMethod SelectionMethod { get; set; }
    /// <summary>FUND-02: the support mode; required for every new contract (null only on rows recorded before FUND-02 was built).</summary>
    public SupportMode? SupportMode { get; set; }
    /// <summary>FUND-04/16: tendered contracts are reviewed by a lawyer.</summary>
    public bool LawyerReviewed { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>FUND-08 (K §四): fixed assets bought with special funds are state assets.</summary>
    public string AssetOwnership { get; set; } = "";
    /// <summary>Stored as one JSON document (read and replaced as a whole).</summary>
    public string ScopeJson { get; set; } = "[]";
    public List<ContractScopeLine> Scope { get => JsonList.Read<ContractScopeLine>(ScopeJson); set => ScopeJson = JsonList.Write(value); }
    public string MilestonesJson { get; set; } = "[]";
    public List<ContractMilestone> Milestones { get => JsonList.Read<ContractMilestone>(MilestonesJson); set => MilestonesJson = JsonList.Write(value); }
    public ContractStatus Status { get; set; }
    /// <summary>FUND-15: why the contract is not a duplicate of another department's investment on the same item.</summary>
    public string? DuplicateJustification { get; set; }
    public int Revision { get; set; } = 1;
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A superseded revision of a contract (FUND-09: contract versions are kept).</summary>
public class FundContractRevision : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ContractId { get; set; }
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public int Revision { get; set; }
    public decimal Amount { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>Stored as one JSON document (read and replaced as a whole).</summary>
    public string ScopeJson { get; set; } = "[]";
    public List<ContractScopeLine> Scope { get => JsonList.Read<ContractScopeLine>(ScopeJson); set => ScopeJson = JsonList.Write(value); }
    public Guid? ChangeRequestId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ChangeKind
{
    /// <summary>合同变更（金额等）</summary>
    Contract,
    /// <summary>建设内容（范围）变更</summary>
    Scope,
    /// <summary>延期</summary>
    Delay,
}

public enum ChangeStatus { Pending, Approved, Rejected }

/// <summary>FUND-09 (Y 第九–十条): a written request to change a contract, its scope or its schedule, approved upward.</summary>
public class ContractChangeRequest : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ContractId { get; set; }
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public ChangeKind Kind { get; set; }
    public string Reason { get; set; } = "";
    public decimal? NewAmount { get; set; }
    public DateOnly? NewEndsOn { get; set; }
    /// <summary>Stored as one JSON document (read and replaced as a whole).</summary>
    public string NewScopeJson { get; set; } = "[]";
    public List<ContractScopeLine> NewScope { get => JsonList.Read<ContractScopeLine>(NewScopeJson); set => NewScopeJson = JsonList.Write(value); }
    public ChangeStatus Status { get; set; }
    public string RequestedBy { get; set; } = "";
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum PaymentKind
{
    /// <summary>启动资金（合同签订后首笔）</summary>
    StartUp,
    /// <summary>进度款</summary>
    Progress,
    /// <summary>尾款（含质保金）</summary>
    Final,
}

public enum PaymentMaterial
{
    /// <summary>资金申请表</summary>
    ApplicationForm,
    /// <summary>合同</summary>
    Contract,
    /// <summary>发票</summary>
    Invoice,
    /// <summary>建设进度</summary>
    Progress,
    /// <summary>阶段验收报告（终验时为验收报告）</summary>
    AcceptanceReport,
}

public enum PaymentStatus
{
    /// <summary>已申请，待审核</summary>
    Submitted,
    /// <summary>已审核（出具拨付意见），待财政审批</summary>
    Reviewed,
    /// <summary>财政已审批，待拨付</summary>
    Approved,
    /// <summary>已拨付</summary>
    Paid,
    /// <summary>审核不同意</summary>
    Refused,
}

/// <summary>A material of a request: its kind and, since the materials are real uploads (FUND-07), the stored file (<see cref="FundDocument"/>).</summary>
public sealed record PaymentMaterialItem(PaymentMaterial Kind, string FileName, Guid? DocumentId = null);

/// <summary>
/// A payment request of the operator (FUND-07, L 第六条): request → review by the e镇办 or a commissioned third party
/// with its opinion (拨付意见) → finance approval (another person) → payment record (date, voucher, amount).
/// </summary>
public class PaymentRequest : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ContractId { get; set; }
    public Guid EtownId { get; set; }
    public string CountyCode { get; set; } = "";
    public int Sequence { get; set; }
    public PaymentKind Kind { get; set; }
    public decimal Amount { get; set; }
    public string? Note { get; set; }
    /// <summary>Stored as one JSON document (read and replaced as a whole).</summary>
    public string MaterialsJson { get; set; } = "[]";
    // Methods, not a property: EF would discover the item type (it has an enum) as an entity.
    public List<PaymentMaterialItem> GetMaterials() => JsonList.Read<PaymentMaterialItem>(MaterialsJson);
    public void SetMaterials(IEnumerable<PaymentMaterialItem> items) => MaterialsJson = JsonList.Write(items);
    public string RuleSetCode { get; set; } = "";
    public PaymentStatus Status { get; set; }
    public string RequestedBy { get; set; } = "";
    public Guid? ReviewerId { get; set; }
    public string? ReviewerName { get; set; }
    public string? ReviewerOrganisation { get; set; }
    public string? ReviewOpinion { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid? ApproverId { get; set; }
    public string? ApproverName { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? VoucherNumber { get; set; }
    public decimal? PaidAmount { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>What counts against the limits: everything not refused (pending requests included, so two cannot both pass).</summary>
    public bool Counts => Status != PaymentStatus.Refused;
}

public static class FundLabels
{
    public static string Of(SelectionMethod m) => m switch
    {
        SelectionMethod.Tender => "公开招标", SelectionMethod.Competitive => "竞争性谈判/磋商", SelectionMethod.Direct => "直接委托", _ => m.ToString(),
    };
    public static string Of(SupportMode m) => m switch
    {
        SupportMode.InterestSubsidy => "贷款贴息", SupportMode.RewardInsteadOfSubsidy => "以奖代补", SupportMode.ServicePurchase => "购买服务",
        SupportMode.ProjectSubsidy => "项目补助", _ => m.ToString(),
    };
    public static string Of(SupportMode? m) => m is { } v ? Of(v) : "未登记";
    /// <summary>FUND-02 (K 六（二）): the selection methods that are government procurement (公开招标、竞争性谈判/磋商).</summary>
    public static bool IsGovernmentProcurement(SelectionMethod m) => m is SelectionMethod.Tender or SelectionMethod.Competitive;
    public static string Of(PaymentKind k) => k switch
    {
        PaymentKind.StartUp => "启动资金", PaymentKind.Progress => "进度款", PaymentKind.Final => "尾款（含质保金）", _ => k.ToString(),
    };
    public static string Of(PaymentMaterial m) => m switch
    {
        PaymentMaterial.ApplicationForm => "资金申请表", PaymentMaterial.Contract => "合同", PaymentMaterial.Invoice => "发票",
        PaymentMaterial.Progress => "建设进度", PaymentMaterial.AcceptanceReport => "阶段验收报告", _ => m.ToString(),
    };
    public static string Of(PaymentStatus s) => s switch
    {
        PaymentStatus.Submitted => "待审核", PaymentStatus.Reviewed => "待财政审批", PaymentStatus.Approved => "待拨付",
        PaymentStatus.Paid => "已拨付", PaymentStatus.Refused => "审核不同意", _ => s.ToString(),
    };
    public static string Of(ChangeKind k) => k switch { ChangeKind.Contract => "合同变更", ChangeKind.Scope => "建设内容变更", ChangeKind.Delay => "延期", _ => k.ToString() };
    public static string Of(ChangeStatus s) => s switch { ChangeStatus.Pending => "待批准", ChangeStatus.Approved => "已批准", ChangeStatus.Rejected => "不予批准", _ => s.ToString() };
}

/// <summary>Small lists kept as a JSON text column (scope lines, milestones, materials).</summary>
public static class JsonList
{
    static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static List<T> Read<T>(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<T>>(json, Options) ?? [];

    public static string Write<T>(IEnumerable<T>? items) => System.Text.Json.JsonSerializer.Serialize((items ?? []).ToList(), Options);
}
