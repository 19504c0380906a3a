using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Standards;

/// <summary>
/// The standards to-dos: evidence submitted for a standard item waits for the county reviewer's confirmation or
/// rejection (the compliance engine counts only confirmed evidence). Who may review is decided as in
/// <see cref="StandardService"/>: the review permission and the e-town's county in the caller's own region.
/// </summary>
public sealed class StandardWorkItems(EtownDb db, Caller caller) : IWorkItemSource
{
    public string Module => "建设标准";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        if (!caller.Has(Permissions.Standard.EvidenceReview)) return [];
        await using var ctx = db.Create(caller);
        var waiting = await ctx.EtownEvidence.AsNoTracking().Where(x => x.Status == EvidenceStatus.Submitted)
            .Join(ctx.Etowns.AsNoTracking(), x => x.EtownId, e => e.Id, (x, e) => new { x.ItemNumber, x.Year, e.Id, e.Name, e.CountyCode })
            .ToListAsync(ct);
        return waiting.Where(x => caller.Scope.CoversRegion(x.CountyCode))
            .GroupBy(x => (x.Id, x.Name, x.ItemNumber))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.ItemNumber)
            .Select(g => new WorkItem(Module,
                $"审核建设标准第{g.Key.ItemNumber}项的证据" + (g.Count() > 1 ? $"（{g.Count()} 份）" : ""),
                g.Key.Id, g.Key.Name, null, $"/etowns/{g.Key.Id}/compliance"))
            .ToList();
    }
}
