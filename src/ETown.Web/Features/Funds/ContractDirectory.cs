using ETown.Web.Features.Acceptance;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>The e-town's contracts for acceptance (ACC-01/05: the contract is a basis of acceptance), read through the caller's scoped context.</summary>
public sealed class FundsContractDirectory : IContractDirectory
{
    public async Task<IReadOnlyList<ContractRef>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct) =>
        await ctx.FundContracts.AsNoTracking().Where(c => c.EtownId == etownId && c.Status == ContractStatus.Active).OrderBy(c => c.Number)
            .Select(c => new ContractRef(c.Id, c.Number, c.Title, c.Amount, c.OperatorOrganisationId, c.OperatorName)).ToListAsync(ct);
}
