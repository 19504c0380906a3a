using ETown.Web.Features.Plans;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Disclosure;

/// <summary>DISC-02: when the plan went on the column — the earliest publication still active (a withdrawn one no longer counts).</summary>
public sealed class PlanNoticeDates : IPlanNoticeDates
{
    public async Task<DateOnly?> NoticeStartedOnAsync(EtownDbContext ctx, Guid etownId, Guid planId, CancellationToken ct)
    {
        var at = await ctx.PublishedItems.AsNoTracking()
            .Where(i => i.EtownId == etownId && i.Kind == PublishedKind.Plan && i.SourceId == planId && i.WithdrawnAt == null)
            .Select(i => (DateTimeOffset?)i.PublishedAt).ToListAsync(ct); // sorted in memory: SQLite cannot order DateTimeOffset
        return at.Count == 0 ? null : at.Min()!.Value.ToChinaDate();
    }
}
