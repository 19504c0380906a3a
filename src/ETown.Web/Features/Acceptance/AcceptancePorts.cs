using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Acceptance;

/// <summary>
/// The contracts of an e-town an acceptance application can cover (ACC-01, ACC-05: the contract is a basis of
/// acceptance). Produced by the funds module; acceptance asks all registered implementations.
/// </summary>
public interface IContractDirectory
{
    Task<IReadOnlyList<ContractRef>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

/// <param name="Amount">Contract amount in 万元, two decimals.</param>
public sealed record ContractRef(Guid Id, string Number, string Title, decimal Amount, Guid OperatorOrganisationId, string OperatorName);

/// <summary>
/// Whether the operator keeps the ledgers that whole-project acceptance requires (FUND-08, 临猗 第八条: no
/// special-account ledger or no asset ledger → "不予验收"). Produced by the funds ledgers module.
/// </summary>
public interface IProjectLedgers
{
    Task<LedgerPresence> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct);
}

/// <param name="ExpenseLines">Lines in the special-account ledger (专账) of the e-town's operator(s).</param>
/// <param name="AssetItems">Items in the asset ledger (资产台账).</param>
public sealed record LedgerPresence(int ExpenseLines, int AssetItems)
{
    public bool Complete => ExpenseLines > 0 && AssetItems > 0;
}

/// <summary>
/// Satisfaction survey results of an e-town and year (潞城 验收: 群众和市场主体满意率 ≥ 95%), for the performance evaluation.
/// Produced by the disclosure module (one answer per respondent).
/// </summary>
public interface ISatisfactionResults
{
    Task<SatisfactionResult> ForEtownAsync(EtownDbContext ctx, Guid etownId, int year, CancellationToken ct);
}

/// <param name="Satisfied">Answers "满意" or "基本满意".</param>
/// <param name="Percent">Satisfied / answers × 100, one decimal; null without answers.</param>
public sealed record SatisfactionResult(int Answers, int Satisfied, decimal? Percent);
