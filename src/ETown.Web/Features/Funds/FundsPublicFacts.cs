using ETown.Web.Features.Disclosure;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Funds;

/// <summary>DISC-01: what the public column may show of an e-town's funds — amounts, dates, operator organisation; no person's name.</summary>
public sealed class FundsPublicFacts(FundsService funds, TimeProvider clock) : IPublicFundFacts
{
    public async Task<PublicFunds> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var allocations = await ctx.FundAllocations.AsNoTracking().Where(a => a.EtownId == etownId).OrderBy(a => a.Year).ToListAsync(ct);
        var contracts = await ctx.FundContracts.AsNoTracking().Where(c => c.EtownId == etownId).OrderBy(c => c.SignedOn).ThenBy(c => c.Number).ToListAsync(ct);
        var paid = await ctx.PaymentRequests.AsNoTracking().Where(p => p.EtownId == etownId && p.Status == PaymentStatus.Paid).ToListAsync(ct);
        var byId = contracts.ToDictionary(c => c.Id);
        // FUND-06: the notice window of the county's payment rule set (province default when the county has none in use).
        var county = contracts.FirstOrDefault()?.CountyCode ?? allocations.FirstOrDefault()?.CountyCode;
        var sets = await ctx.PaymentRuleSets.AsNoTracking().Where(s => s.IsInUse).ToListAsync(ct);
        var days = (county is null ? null : PaymentRuleSet.Lifecycle.Resolve(sets, county))?.Limits.NoticeWorkingDays
                   ?? PaymentLimitsSettings.Shanxi2022.NoticeWorkingDays;
        return new PublicFunds(
            allocations.Select(a => new PublicAllocation(a.Id, a.Year, a.ProvincialAmount, a.NoticeReference)).ToList(),
            contracts.Select(c => new PublicContract(c.Id, c.Number, c.Title, c.OperatorName, c.Amount, FundLabels.Of(c.SelectionMethod), c.SignedOn, c.StartsOn, c.EndsOn)).ToList(),
            paid.Where(p => byId.ContainsKey(p.ContractId)).OrderBy(p => p.PaidOn)
                .Select(p => new PublicPayment(p.Id, p.ContractId, byId[p.ContractId].Number, FundLabels.Of(p.Kind), p.PaidAmount ?? p.Amount, p.PaidOn!.Value, byId[p.ContractId].OperatorName, days)).ToList());
    }

    public async Task<object> OcdsAsync(EtownDbContext ctx, Guid etownId, IReadOnlySet<Guid> contractIds, IReadOnlySet<Guid> paymentIds, string uri, CancellationToken ct)
    {
        var view = await funds.ViewAsync(ctx, etownId, ct);
        // Only what the county published; the reviewer's and approver's names never leave the funds module.
        var shown = view with
        {
            Contracts = view.Contracts.Where(c => contractIds.Contains(c.Id)).ToList(),
            Payments = view.Payments.Where(p => paymentIds.Contains(p.Id)).ToList(),
        };
        return FundsOcds.Package([shown], clock.GetUtcNow(), "乡村e镇培育管理平台", uri);
    }
}
