using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.FundLedgers;

/// <summary>
/// The ledger to-dos (FUND-03 on actual spending): a category of provincial funds whose actual share lies outside its
/// band ("原则上") and has no recorded exception waits for the county to record the justification and approve it —
/// the same band computation as the ledger page (<see cref="LedgerService.Bands"/>), offered only to whoever may approve.
/// </summary>
public sealed class LedgerWorkItems(EtownDb db, Authorizer auth) : IWorkItemSource
{
    public string Module => "资金管理";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        await using var ctx = db.Create(auth.Caller);
        // Summed here: SQLite cannot sum decimals in SQL.
        var sums = (await ctx.LedgerExpenses.AsNoTracking().Where(x => x.FundSource == FundSource.Provincial)
                .Select(x => new { x.EtownId, x.Category, x.AmountWan }).ToListAsync(ct))
            .GroupBy(x => (x.EtownId, x.Category)).Select(g => new { g.Key.EtownId, g.Key.Category, Amount = g.Sum(x => x.AmountWan) }).ToList();
        if (sums.Count == 0) return [];
        var ids = sums.Select(s => s.EtownId).Distinct().ToList();
        var towns = await ctx.Etowns.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var exceptions = (await ctx.LedgerBandExceptions.AsNoTracking().Where(x => ids.Contains(x.EtownId)).ToListAsync(ct)).ToLookup(x => x.EtownId);
        var items = new List<WorkItem>();
        foreach (var t in towns.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (!auth.Can(LedgerOperations.ApproveException, new LedgerResource(t.Id, t.CountyCode))) continue;
            var view = LedgerService.Bands(t.Id, [.. sums.Where(s => s.EtownId == t.Id).Select(s => (s.Category, s.Amount))],
                [.. exceptions[t.Id].Select(x => new LedgerBandExceptionRow(x.Id, x.Category, x.Reason, x.ApprovedBy, x.ApprovedOn))]);
            foreach (var f in view.Findings.Where(f => f.Exception is null))
                items.Add(new WorkItem(Module, $"说明实际支出超出比例区间的理由并审批（FUND-03）：{Plans.BudgetCheck.CategoryLabel(f.Category)}",
                    t.Id, t.Name, null, $"/ledgers/{t.Id}"));
        }
        return items;
    }
}
