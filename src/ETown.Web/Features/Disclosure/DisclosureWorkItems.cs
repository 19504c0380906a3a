using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Disclosure;

/// <summary>
/// The county: opinions waiting for moderation and open objections to the notices on its columns (answered in the
/// acceptance module, which owns the notice). Discipline/audit: reports not yet closed.
/// </summary>
public sealed class DisclosureWorkItems(EtownDb db, Caller caller, Authorizer auth, WhistleService reports, IEnumerable<IPublicAcceptanceFacts> notices) : IWorkItemSource
{
    public string Module => "信息公开";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        var items = new List<WorkItem>();
        if (caller.Has(Permissions.Disclosure.Moderate))
        {
            await using var ctx = db.Create(caller);
            var pending = await ctx.PublicOpinions.AsNoTracking().Where(o => o.Status == OpinionStatus.Pending)
                .GroupBy(o => new { o.EtownId, o.CountyCode }).Select(g => new { g.Key.EtownId, g.Key.CountyCode, N = g.Count() }).ToListAsync(ct);
            var ids = pending.Select(p => p.EtownId).ToList();
            var names = await ctx.Etowns.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
            items.AddRange(pending.Where(p => auth.Can(DisclosureOperations.Moderate, new ColumnResource(p.EtownId, p.CountyCode)))
                .Select(p => new WorkItem(Module, $"审核公众意见 {p.N} 条", p.EtownId, names.GetValueOrDefault(p.EtownId), null, $"/disclosure/etowns/{p.EtownId}")));

            // Objections from the public column to a published notice: the county must answer them.
            var published = await ctx.PublishedItems.AsNoTracking().Where(i => i.Kind == PublishedKind.Acceptance && i.WithdrawnAt == null)
                .Select(i => new { i.EtownId, i.CountyCode, i.SourceId }).ToListAsync(ct);
            await using var sys = db.CreateSystem();
            foreach (var town in published.GroupBy(i => new { i.EtownId, i.CountyCode }))
            {
                if (!auth.Can(DisclosureOperations.Moderate, new ColumnResource(town.Key.EtownId, town.Key.CountyCode))) continue;
                var shown = town.Select(i => i.SourceId).ToHashSet();
                foreach (var port in notices)
                    foreach (var a in (await port.ForEtownAsync(sys, town.Key.EtownId, ct)).Where(a => shown.Contains(a.Id) && a.OpenObjections > 0))
                        items.Add(new WorkItem(Module, $"答复公示异议 {a.OpenObjections} 件：{a.Title}", town.Key.EtownId,
                            names.GetValueOrDefault(town.Key.EtownId) ?? await ctx.Etowns.Where(e => e.Id == town.Key.EtownId).Select(e => e.Name).FirstOrDefaultAsync(ct),
                            null, $"/acceptance/applications/{a.Id}"));
            }
        }
        foreach (var r in await reports.OpenAsync(ct))
            items.Add(new WorkItem(Module, $"办理举报：{r.Subject}（{r.StatusLabel}）", r.EtownId, r.EtownName, null, $"/disclosure/reports/{r.Id}"));
        return items;
    }
}
