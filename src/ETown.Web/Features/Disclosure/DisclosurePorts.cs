using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Disclosure;

// What the public column (DISC-01) shows but other modules own. Each producer registers an implementation in its own
// folder; the column asks all that are registered (none registered = that section stays empty). Implementations read
// through the context they are given — the column passes a system context and shows only what the county published
// (PublishedItem), so a port returns every candidate of the e-town with its id. Facts carry no personal data: names
// of organisations, amounts and dates only.

/// <summary>Funds: allocations, contracts and payments made (produced by Features/Funds).</summary>
public interface IPublicFundFacts
{
    Task<PublicFunds> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);

    /// <summary>The OCDS release package of the given contracts and payments (the funds module's own OCDS writer).</summary>
    Task<object> OcdsAsync(EtownDbContext ctx, Guid etownId, IReadOnlySet<Guid> contractIds, IReadOnlySet<Guid> paymentIds, string uri, CancellationToken ct);
}

public sealed record PublicFunds(IReadOnlyList<PublicAllocation> Allocations, IReadOnlyList<PublicContract> Contracts, IReadOnlyList<PublicPayment> Payments);
/// <param name="Amount">万元.</param>
public sealed record PublicAllocation(Guid Id, int Year, decimal Amount, string? NoticeReference);
public sealed record PublicContract(Guid Id, string Number, string Title, string OperatorName, decimal Amount, string SelectionMethod,
    DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn);
/// <param name="NoticeWorkingDays">FUND-06: the working days the county's payment rule set gives a notice; the column starts it on the day the county publishes the payment.</param>
public sealed record PublicPayment(Guid Id, Guid ContractId, string ContractNumber, string KindLabel, decimal Amount, DateOnly PaidOn, string OperatorName,
    int NoticeWorkingDays = 5);

/// <summary>The cultivation plan: summary and targets (produced by Features/Plans).</summary>
public interface IPublicPlanFacts
{
    Task<IReadOnlyList<PublicPlan>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

public sealed record PublicPlan(Guid Id, string Title, string? MainTargets, string? KeyTasks, decimal AllocationWan, IReadOnlyList<PublicFigure> Targets,
    PublicPlanNotice? DraftNotice = null);
/// <summary>DISC-02: a draft plan before filing — the day its content or budget last changed, and the working days of its notice.</summary>
public sealed record PublicPlanNotice(DateOnly? LastEditedOn, int WorkingDays);
public sealed record PublicFigure(string Label, string Unit, string Period, decimal? Value);

/// <summary>Progress from approved statistics (produced by Features/Statistics): county-approved reports and their figures.</summary>
public interface IPublicProgressFacts
{
    Task<IReadOnlyList<PublicProgressReport>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

public sealed record PublicProgressReport(Guid Id, string Period, DateOnly ApprovedOn, IReadOnlyList<PublicFigure> Figures);

/// <summary>
/// Stage acceptances and their public notice with objections (produced by Features/Acceptance: the notice, its working-day
/// window and the objections are acceptance's own, ACC-07 — the column shows them, it does not keep a second copy).
/// </summary>
public interface IPublicAcceptanceFacts
{
    Task<IReadOnlyList<PublicAcceptance>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

public sealed record PublicAcceptance(Guid Id, string Title, string ScopeLabel, DateOnly PassedOn, decimal? ProgressPercent,
    DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, int? NoticeWorkingDays, int OpenObjections, int AnsweredObjections);

/// <summary>
/// The listing decision (DECL-07) of the declaration that became this e-town: the province's 公示 of the round — its start,
/// working days and end — once the round is finalised (produced by Features/Declarations). The province's 发布公示 and
/// 确认入选 are the audited publishing acts of this decision, so the column shows it for the listed e-town without a
/// second, county-level act (the county cannot withdraw a province decision).
/// </summary>
public interface IPublicListingFacts
{
    Task<IReadOnlyList<PublicListing>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

public sealed record PublicListing(Guid Id, int Year, string Title, DateOnly NoticeStartsOn, DateOnly NoticeEndsOn, int NoticeWorkingDays);

/// <summary>Inspections done and rectifications closed (produced by Features/Supervision).</summary>
public interface IPublicSupervisionFacts
{
    Task<PublicSupervision> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

public sealed record PublicSupervision(IReadOnlyList<PublicInspection> Inspections, IReadOnlyList<PublicRectification> Rectifications);
public sealed record PublicInspection(Guid Id, DateOnly InspectedOn, string KindLabel, int Findings);
public sealed record PublicRectification(Guid Id, string Description, DateOnly ClosedOn);

/// <summary>
/// An objection from the public to a notice shown on the column (DISC-01 comment window; ACC-07 for acceptance notices).
/// The notice's owner records it in its own objection list, where the county answers it and where an open objection
/// blocks what the notice guards (e.g. FUND-06 payments after an acceptance). Produced by Features/Acceptance.
/// </summary>
public interface IPublicObjections
{
    /// <returns>The objection's id, or null when this producer does not own the notice.</returns>
    Task<Guid?> RaiseAsync(EtownDbContext ctx, Guid etownId, Guid noticeId, string text, DateOnly today, CancellationToken ct);
}
