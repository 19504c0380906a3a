namespace ETown.Web.Features.Funds;

public sealed record AllocationView(Guid Id, int Year, decimal ProvincialAmount, string? NoticeReference, decimal CountyMatchingCommitted,
    decimal CountyMatchingPaid, decimal CountyMatchingOutstanding, int Version);

public sealed record OperatorView(Guid Id, Guid OrganisationId, string Name, bool ClearOwnership, bool SoundFinancialSystem, bool NoPenaltyIn3Years,
    bool HasLicences, bool CommitsToReportAndAudit, IReadOnlyList<string> MissingConditions, bool IsQualified, string? QualificationNote,
    SelectionMethod SelectionMethod, string SelectionMethodLabel, string? SelectionDocuments,
    bool IsCancelled, DateOnly? CancelledOn, string? CancelReason, decimal RecoveryDue, decimal Recovered, decimal RecoveryOutstanding, int Version,
    IReadOnlyList<FundFileView>? Files = null);

public sealed record ContractView(Guid Id, string Number, string Title, Guid OperatorId, Guid OperatorOrganisationId, string OperatorName, decimal Amount,
    SelectionMethod SelectionMethod, string SelectionMethodLabel, bool LawyerReviewed, DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn,
    string AssetOwnership, IReadOnlyList<ContractScopeLine> Scope, IReadOnlyList<ContractMilestone> Milestones, int Revision,
    decimal Committed, decimal Paid, decimal Retained, int Version)
{
    /// <summary>FUND-14: the latest performance assessment (an 不合格 is shown on the contract).</summary>
    public PerformanceView? LatestAssessment { get; init; }
    /// <summary>FUND-15: other departments' projects on the items of this contract, with the written justification.</summary>
    public IReadOnlyList<DuplicateWarning> DuplicateWarnings { get; init; } = [];
    public string? DuplicateJustification { get; init; }
    /// <summary>FUND-02: support mode (null on contracts recorded before it was required).</summary>
    public SupportMode? SupportMode { get; init; }
    public string SupportModeLabel => FundLabels.Of(SupportMode);
}

public sealed record ContractRevisionView(Guid ContractId, int Revision, decimal Amount, DateOnly EndsOn, Guid? ChangeRequestId, DateTimeOffset CreatedAt);

public sealed record ChangeView(Guid Id, Guid ContractId, string ContractNumber, ChangeKind Kind, string KindLabel, string Reason, decimal? NewAmount,
    DateOnly? NewEndsOn, IReadOnlyList<ContractScopeLine>? NewScope, ChangeStatus Status, string StatusLabel, string RequestedBy, string? DecidedBy,
    string? DecisionNote, int Version);

public sealed record PaymentView(Guid Id, Guid ContractId, string ContractNumber, Guid EtownId, string EtownName, int Sequence, PaymentKind Kind, string KindLabel,
    decimal Amount, string? Note, IReadOnlyList<PaymentMaterialItem> Materials, string RuleSetCode, PaymentStatus Status, string StatusLabel,
    string RequestedBy, DateTimeOffset RequestedAt, string? ReviewerName, string? ReviewerOrganisation, string? ReviewOpinion, DateTimeOffset? ReviewedAt,
    string? ApproverName, DateTimeOffset? ApprovedAt, DateOnly? PaidOn, string? VoucherNumber, decimal? PaidAmount, int Version);

public sealed record ItemLine(int ItemNo, string Content, decimal Contracted);

/// <summary>One e-town's funds: allocation → contracts → paid → retained → available (issue #10 item 5).</summary>
public sealed record EtownFundsView(Guid EtownId, string EtownName, string CountyCode, string CountyName,
    decimal AllocationTotal, decimal Contracted, decimal Committed, decimal Paid, decimal Retained, decimal Available,
    decimal MatchingCommitted, decimal MatchingPaid, string RuleSetCode, PaymentLimitsSettings Limits,
    IReadOnlyList<AllocationView> Allocations, IReadOnlyList<OperatorView> Operators, IReadOnlyList<ContractView> Contracts,
    IReadOnlyList<ChangeView> Changes, IReadOnlyList<PaymentView> Payments, IReadOnlyList<ItemLine> ByItem)
{
    public IReadOnlyList<PerformanceView> Assessments { get; init; } = [];
    public IReadOnlyList<OtherInvestmentView> OtherInvestments { get; init; } = [];
}

public sealed record FundsRollupRow(Guid EtownId, string EtownName, string CountyCode, string CountyName, string CityName,
    decimal AllocationTotal, decimal Contracted, decimal Paid, decimal Available, decimal MatchingCommitted, decimal MatchingPaid);

public sealed record PaymentRuleSetView(string Code, string Name, int Version, string? ParentCode, string? RegionCode, bool IsInUse, PaymentLimitsSettings Limits);

public sealed record OperatorCandidate(Guid OrganisationId, string Name, string? CreditCode);

// ---- inputs

public sealed record AllocationInput(int Year, decimal ProvincialAmount, string? NoticeReference, decimal CountyMatchingCommitted);
public sealed record MatchingInput(decimal CountyMatchingCommitted, decimal CountyMatchingPaid, int Version);
public sealed record OperatorInput(Guid OrganisationId, bool ClearOwnership, bool SoundFinancialSystem, bool NoPenaltyIn3Years, bool HasLicences,
    bool CommitsToReportAndAudit, string? QualificationNote, SelectionMethod SelectionMethod, string? SelectionDocuments);
public sealed record CancelOperatorInput(string? Reason);
public sealed record RecoveryInput(decimal Amount);
public sealed record ContractInput(string? Number, string? Title, Guid OperatorId, decimal Amount, bool LawyerReviewed, DateOnly SignedOn, DateOnly StartsOn,
    DateOnly EndsOn, string? AssetOwnership, IReadOnlyList<ContractScopeLine>? Scope, IReadOnlyList<ContractMilestone>? Milestones,
    string? DuplicateJustification = null, SupportMode? SupportMode = null, SelectionMethod? SelectionMethod = null);
public sealed record ChangeInput(ChangeKind Kind, string? Reason, decimal? NewAmount, DateOnly? NewEndsOn, IReadOnlyList<ContractScopeLine>? NewScope);
public sealed record ChangeDecisionInput(bool Approve, string? Note, int Version);
public sealed record PaymentInput(PaymentKind Kind, decimal Amount, IReadOnlyList<PaymentMaterialItem>? Materials, string? Note);
public sealed record ReviewInput(bool Agree, string? Opinion, int Version);
public sealed record ApproveInput(int Version);
public sealed record RecordPaymentInput(DateOnly PaidOn, string? VoucherNumber, decimal Amount, int Version);
public sealed record DeriveRuleSetInput(string Code, string Name, string? CountyCode, PaymentLimitsSettings? Limits);

/// <summary>The most that may be requested now of one kind on a contract; 0 with the refusal when none.</summary>
public sealed record HeadroomRow(PaymentKind Kind, string KindLabel, decimal Max, string? Code, string? Reason);
