using ETown.Web.Features.Regions;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Standards;

/// <summary>
/// The standard versions in use and the PLAN-01 pins of some e-towns: which version an e-town (or a county, for a
/// declaration that has no e-town yet) is judged by. One resolver for the compliance view, the eligibility warnings
/// and the dashboard checks (issue #9 item 5), so a variant adopted for a county changes all three.
/// </summary>
public sealed class StandardsInForce(IReadOnlyList<StandardVersion> versions, IReadOnlyDictionary<Guid, string> pinned, RegionDirectory regions)
{
    public IReadOnlyList<StandardVersion> Versions => versions;

    /// <summary>A filed plan's version when it is in use, else the most specific regional version (county → city → province).</summary>
    public StandardVersion? For(string countyCode, Guid? etownId = null) =>
        (etownId is { } id && pinned.TryGetValue(id, out var code) ? versions.FirstOrDefault(v => v.Code == code) : null)
        ?? StandardService.Resolve(versions, countyCode, regions.Find(countyCode)?.ParentCode);

    /// <summary>Loads the versions in use (with items) and the pins of <paramref name="etownIds"/> from a (scoped) context.</summary>
    public static async Task<StandardsInForce> LoadAsync(EtownDbContext ctx, RegionDirectory regions, IReadOnlyCollection<Guid> etownIds, CancellationToken ct = default)
    {
        var versions = await ctx.StandardVersions.AsNoTracking().Include(v => v.Items).Where(v => v.IsInUse).ToListAsync(ct);
        var ids = etownIds.ToList();
        var pinned = ids.Count == 0 ? new Dictionary<Guid, string>()
            : await ctx.CultivationPlans.AsNoTracking()
                .Where(p => EF.Parameter(ids).Contains(p.EtownId) && p.Status == Plans.PlanStatus.Filed)
                .ToDictionaryAsync(p => p.EtownId, p => p.StandardVersion, ct);
        return new(versions, pinned, regions);
    }
}
