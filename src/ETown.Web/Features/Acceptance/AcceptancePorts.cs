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
