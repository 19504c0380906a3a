using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Supervision;

/// <summary>
/// When the operator's contract of an e-town started (SUP-06: a monthly report is owed from the month the contract
/// was signed; a report for an earlier month is refused). Produced by the funds module (contracts).
/// </summary>
public interface IOperatorContracts
{
    /// <summary>The earliest signing date of an active contract per e-town visible in <paramref name="ctx"/>.</summary>
    Task<IReadOnlyDictionary<Guid, DateOnly>> StartsAsync(EtownDbContext ctx, CancellationToken ct);
}
