using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Funds;

// What a payment rests on but the funds module does not own. The producing modules (acceptance,
// supervision) register implementations; the funds module asks all that are registered, so a
// deployment without acceptance simply has no accepted progress (only the start-up payment is possible).

/// <summary>
/// Passed acceptances (stage, module or whole project) of a contract: the progress they establish (FUND-05)
/// and their public notice (FUND-06: ≥ 5 working days on the public column with no open objection).
/// Produced by the acceptance module (ACC-01 … ACC-07).
/// </summary>
public interface IAcceptanceResults
{
    Task<IReadOnlyList<AcceptanceResult>> ForContractAsync(EtownDbContext ctx, Guid contractId, CancellationToken ct);
}

/// <param name="ProgressPercent">Share of the contract the accepted work represents, 0–100 (cumulative, not per stage).</param>
/// <param name="IsFinal">The whole-project (final) acceptance: it releases the 10 % retention (FUND-05).</param>
/// <param name="NoticeStartsOn">First day on the public column (China date); null while not yet published.</param>
/// <param name="NoticeEndsOn">Last day of the notice window in working days (holiday calendar); null while not yet published.</param>
/// <param name="OpenObjection">An objection raised during the notice and not yet answered.</param>
public sealed record AcceptanceResult(Guid AcceptanceId, string Title, decimal ProgressPercent, bool IsFinal, DateOnly PassedOn,
    DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, bool OpenObjection);

/// <summary>
/// Unresolved rectifications on an e-town or one of its contracts (FUND-06: problems must be fixed before a payment).
/// Produced by supervision (problem lists, SUP-*) and by acceptance (failed acceptance → rectification, ACC-06).
/// </summary>
public interface IOpenRectifications
{
    Task<IReadOnlyList<OpenRectification>> ForAsync(EtownDbContext ctx, Guid etownId, Guid? contractId, CancellationToken ct);
}

/// <param name="Source">Who raised it, in Chinese (e.g. "验收整改", "日常监管").</param>
public sealed record OpenRectification(string Source, string Title, DateOnly? Deadline);

/// <summary>
/// Told of every recorded payment inside the payment's own transaction (潞城 日常监督检查制度: "每拨付一次资金检查一次",
/// SUP-02 — supervision makes a fund-use inspection due). Listeners add rows to the context; the payment saves them.
/// </summary>
public interface IDisbursementListener
{
    Task DisbursedAsync(EtownDbContext ctx, Guid etownId, DateOnly paidOn, CancellationToken ct);
}

/// <summary>
/// The performance-evaluation result an allocation follows (EVAL-01, 000 line 168 "根据绩效考核情况，统筹全省乡村 e 镇培育资金的使用"):
/// the latest final yearly evaluation of the e-town before the allocation year. Produced by the acceptance module.
/// </summary>
public interface IEvaluationResults
{
    Task<EvaluationOutcome?> ForNextAllocationAsync(EtownDbContext ctx, Guid etownId, int allocationYear, CancellationToken ct);
}

/// <param name="Total">Weighted total 0–100 (computed indicators + the experts' average).</param>
/// <param name="Rank">Rank among the e-towns evaluated that year; <paramref name="Of"/> = how many were ranked.</param>
public sealed record EvaluationOutcome(int Year, decimal Total, int? Rank, int Of, DateOnly FinalisedOn);
