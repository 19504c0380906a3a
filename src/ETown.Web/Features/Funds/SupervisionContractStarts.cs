using ETown.Web.Features.Supervision;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>SUP-06: the operator owes monthly reports from the month its contract was signed (supervision's port).</summary>
public sealed class SupervisionContractStarts : IOperatorContracts
{
    public async Task<IReadOnlyDictionary<Guid, DateOnly>> StartsAsync(EtownDbContext ctx, CancellationToken ct) =>
        (await ctx.FundContracts.AsNoTracking().Where(c => c.Status == ContractStatus.Active).Select(c => new { c.EtownId, c.SignedOn }).ToListAsync(ct))
        .GroupBy(c => c.EtownId).ToDictionary(g => g.Key, g => g.Min(c => c.SignedOn));
}
