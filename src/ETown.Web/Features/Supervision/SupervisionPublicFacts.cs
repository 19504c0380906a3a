using ETown.Web.Platform.Time;
using ETown.Web.Features.Disclosure;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Supervision;

/// <summary>DISC-01: signed inspections (监督检查) and closed problems (整改销号) — no team members' names, no findings' wording beyond the problem.</summary>
public sealed class SupervisionPublicFacts : IPublicSupervisionFacts
{
    public async Task<PublicSupervision> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var inspections = await ctx.Inspections.AsNoTracking().Where(i => i.EtownId == etownId && i.Status == InspectionStatus.Signed)
            .OrderByDescending(i => i.InspectedOn).ToListAsync(ct);
        var closed = await ctx.Problems.AsNoTracking().Where(p => p.EtownId == etownId && p.Status == ProblemStatus.Closed && p.ClosedAt != null).ToListAsync(ct);
        return new PublicSupervision(
            inspections.Select(i => new PublicInspection(i.Id, i.InspectedOn, SupervisionPeriod.KindLabel(i.Kind), i.Findings.Count)).ToList(),
            closed.OrderByDescending(p => p.ClosedAt).Select(p => new PublicRectification(p.Id, p.Description,
                p.ClosedAt!.Value.ToChinaDate())).ToList());
    }
}
