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
