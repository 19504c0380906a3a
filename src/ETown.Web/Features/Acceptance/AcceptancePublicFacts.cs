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

/// <summary>
/// ACC-07 / DISC-01: an objection from the public column to a published acceptance notice, during its window only. It joins the
/// acceptance's own objections: the county answers it there, and while it is open FUND-06 holds the payments it guards.
/// </summary>
public sealed class AcceptancePublicObjections : IPublicObjections
{
    public async Task<Guid?> RaiseAsync(EtownDbContext ctx, Guid etownId, Guid noticeId, string text, DateOnly today, CancellationToken ct)
    {
        var a = await ctx.AcceptanceApplications.FirstOrDefaultAsync(x => x.Id == noticeId && x.EtownId == etownId && x.NoticeStartsOn != null, ct);
        if (a is null) return null;
        if (!a.InNotice(today))
            throw new Platform.DomainException(AcceptanceErrors.NotInNotice,
                $"公示期为 {a.NoticeStartsOn:yyyy-MM-dd} 至 {a.NoticeEndsOn:yyyy-MM-dd}，今天不在公示期内，不能提出异议。", 409);
        var o = new AcceptanceObjection
        {
            ApplicationId = a.Id, EtownId = a.EtownId, CountyCode = a.CountyCode, Text = text, RaisedByName = "公众（公开专栏）", RaisedOn = today,
        };
        ctx.AcceptanceObjections.Add(o);
        await ctx.SaveChangesAsync(ct);
        return o.Id;
    }
}
