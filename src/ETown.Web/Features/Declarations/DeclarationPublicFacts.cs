using ETown.Web.Features.Disclosure;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Declarations;

/// <summary>
/// DISC-01 / DECL-07: the listing decision of the declaration that became this e-town, with the round's 公示 (start, working
/// days, end by the calendar), shown on the e-town's public column once the province finalised the round. Nothing of a round
/// still in notice or not finalised, and nothing of the declaration's form or scores.
/// </summary>
public sealed class DeclarationPublicFacts : IPublicListingFacts
{
    public async Task<IReadOnlyList<PublicListing>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var listed = await ctx.Declarations.AsNoTracking()
            .Where(d => d.EtownId == etownId && d.Status == DeclarationStatus.Listed)
            .Select(d => new { d.Id, d.Year, d.ProjectName }).ToListAsync(ct);
        if (listed.Count == 0) return [];
        var years = listed.Select(d => d.Year).Distinct().ToList();
        var rounds = await ctx.DeclarationRounds.AsNoTracking()
            .Where(r => years.Contains(r.Year) && r.IsFinalised && r.NoticeStartsOn != null && r.NoticeEndsOn != null).ToListAsync(ct);
        return listed.Select(d => (d, r: rounds.FirstOrDefault(r => r.Year == d.Year))).Where(x => x.r is not null)
            .OrderBy(x => x.d.Year)
            .Select(x => new PublicListing(x.d.Id, x.d.Year, $"{x.d.Year} 年山西省乡村e镇入选名单：{x.d.ProjectName}",
                x.r!.NoticeStartsOn!.Value, x.r.NoticeEndsOn!.Value, x.r.NoticeWorkingDays)).ToList();
    }
}
