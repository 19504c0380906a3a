using ETown.Web.Features.Disclosure;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance;

/// <summary>
/// DISC-01/02: passed acceptances with acceptance's own public notice (ACC-07: start, working days, end) and the count of
/// open and answered objections. The notice and its objections stay in the acceptance module; the column only shows them.
/// </summary>
public sealed class AcceptancePublicFacts : IPublicAcceptanceFacts
{
    public async Task<IReadOnlyList<PublicAcceptance>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var passed = await ctx.AcceptanceApplications.AsNoTracking()
            .Where(a => a.EtownId == etownId && a.Status == AcceptanceStatus.Passed).OrderBy(a => a.ReviewedOn).ToListAsync(ct);
        var ids = passed.Select(a => a.Id).ToList();
        var objections = await ctx.AcceptanceObjections.AsNoTracking().Where(o => ids.Contains(o.ApplicationId))
            .Select(o => new { o.ApplicationId, Open = o.Answer == null }).ToListAsync(ct);
        return passed.Select(a => new PublicAcceptance(a.Id, a.Title, AcceptanceApplication.ScopeLabel(a.Scope), a.ReviewedOn ?? a.SubmittedOn,
            a.AcceptedProgressPercent, a.NoticeStartsOn, a.NoticeEndsOn, a.NoticeWorkingDays,
            objections.Count(o => o.ApplicationId == a.Id && o.Open), objections.Count(o => o.ApplicationId == a.Id && !o.Open))).ToList();
    }
}
