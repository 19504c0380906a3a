using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Plans;

/// <summary>Issue #14 item 13: the growth targets of the e-towns' filed cultivation plans (PLAN-03: frozen at filing) for the statistics views.</summary>
public sealed class PlanOwnGrowthTargets : IOwnGrowthTargets
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<OwnGrowthTarget>>> ForEtownsAsync(EtownDbContext ctx, IReadOnlyCollection<Guid> etownIds, CancellationToken ct)
    {
        var ids = etownIds.ToList();
        if (ids.Count == 0) return new Dictionary<Guid, IReadOnlyList<OwnGrowthTarget>>();
        var plans = await ctx.CultivationPlans.AsNoTracking().Where(p => ids.Contains(p.EtownId) && p.Status == PlanStatus.Filed).ToListAsync(ct);
        return plans.ToDictionary(p => p.EtownId, p => (IReadOnlyList<OwnGrowthTarget>)p.Content.GrowthTargets
            .Where(g => OwnGrowthTargets.Indicators.Contains(g.Indicator))
            .Select(g => new OwnGrowthTarget(g.Indicator, g.PointsAboveCity, g.FromYear, g.Source)).ToList());
    }
}
