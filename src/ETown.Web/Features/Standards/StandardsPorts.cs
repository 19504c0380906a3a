using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Standards;

/// <summary>
/// The year each e-town was accepted ("验收当年", issue #14 item 6): the per-class thresholds of items 33 and 36 bind from
/// that year on (to the end of "十四五"). Produced by the acceptance module, which alone makes an e-town 已验收 (ACC-06);
/// an e-town not in the answer is not accepted yet.
/// </summary>
public interface IAcceptanceYears
{
    Task<IReadOnlyDictionary<Guid, int>> ForEtownsAsync(EtownDbContext ctx, IReadOnlyCollection<Guid> etownIds, CancellationToken ct);
}
