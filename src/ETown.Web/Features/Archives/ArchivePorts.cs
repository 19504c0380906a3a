using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Archives;

// ARCH-01 "documents already in the platform are filed automatically": the archive module owns this port; each module that
// produces documents (declarations, plans, funds, supervision, acceptance) registers an implementation in its own folder.
// No implementation registered = nothing filed from that module (the entry stays missing until uploaded).

/// <summary>The documents a module holds for one e-town, as archive entries.</summary>
public interface IArchiveSource
{
    /// <summary>
    /// <paramref name="ctx"/> is the caller's context; the archive module has already authorised the caller for
    /// <paramref name="etownId"/>, so a producer may read that e-town's own rows past a filter that hides them from an
    /// assignment-scoped auditor (e.g. region-owned declaration materials), and only those.
    /// </summary>
    Task<IReadOnlyList<ArchiveFiling>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

/// <summary>
/// One filed document. Exactly one of <paramref name="Stored"/> (a stored attachment: referenced, not copied) and
/// <paramref name="Generate"/> (a generated .docx, produced when the bundle is built, on the same context) is set.
/// </summary>
/// <param name="ItemKey">The checklist key (<see cref="ArchiveKeys"/>).</param>
/// <param name="Source">Who filed it, in Chinese ("申报材料", "资金拨付").</param>
public sealed record ArchiveFiling(string ItemKey, string Title, DateOnly Date, string FileName, string Source,
    IStoredFile? Stored = null, Func<CancellationToken, Task<byte[]>>? Generate = null);

/// <summary>The checklist keys producers file under (the checklist itself is data: <see cref="ArchiveChecklist.Defaults"/>).</summary>
public static class ArchiveKeys
{
    public const string DeclarationForm = "decl.form";
    public const string DeclarationRecommendation = "decl.recommendation";
    public const string DeclarationPlan = "decl.plan";
    public const string DeclarationEvidence = "decl.evidence";
    public const string DeclarationCommitment = "decl.commitment";
    public const string PlanDocument = "plan.document";
    public const string ContractSelection = "contract.selection";
    public const string Contract = "contract.signed";
    public const string ContractLawyer = "contract.lawyer";
    public const string FundAllocation = "fund.allocation";
    public const string PaymentRequest = "fund.payment-request";
    public const string PaymentOpinion = "fund.payment-opinion";
    public const string PaymentVoucher = "fund.voucher";
    public const string Inspection = "sup.inspection";
    public const string Rectification = "sup.rectification";
    public const string TrackingAudit = "sup.audit";
    public const string AcceptanceApplication = "acc.application";
    public const string AcceptanceReport = "acc.report";
    public const string AcceptanceAudit = "acc.audit";
    public const string SelfEvaluation = "eval.self";
    public const string ProvinceEvaluation = "eval.province";
    public const string ListingNotice = "pub.listing";
    public const string PlanNotice = "pub.plan";
    public const string AcceptanceNotice = "pub.acceptance";
    public const string Signage = "sign.landmark";
}
