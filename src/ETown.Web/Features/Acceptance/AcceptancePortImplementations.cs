using ETown.Web.Features.Funds;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance;

/// <summary>FUND-05/06 read the passed acceptances of a contract: cumulative progress, final flag, notice window, open objections (ACC-06/07).</summary>
public sealed class AcceptanceResults : IAcceptanceResults
{
    public async Task<IReadOnlyList<AcceptanceResult>> ForContractAsync(EtownDbContext ctx, Guid contractId, CancellationToken ct)
    {
        var passed = await ctx.AcceptanceApplications.AsNoTracking()
            .Where(a => a.ContractId == contractId && a.Status == AcceptanceStatus.Passed).OrderBy(a => a.ReviewedOn).ToListAsync(ct);
        var ids = passed.Select(a => a.Id).ToList();
        var open = await ctx.AcceptanceObjections.AsNoTracking().Where(o => ids.Contains(o.ApplicationId) && o.Answer == null)
            .Select(o => o.ApplicationId).Distinct().ToListAsync(ct);
        return passed.Select(a => new AcceptanceResult(a.Id, a.Title, a.AcceptedProgressPercent ?? 0, a.Scope == AcceptanceScope.Whole,
            a.ReviewedOn!.Value, a.NoticeStartsOn, a.NoticeEndsOn, open.Contains(a.Id))).ToList();
    }
}

/// <summary>
/// ACC-06: a failed acceptance is an open rectification until it passes on re-review — while the applicant has not answered
/// and while the answered rectification waits for the re-review.
/// </summary>
public sealed class AcceptanceRectifications : IOpenRectifications
{
    public async Task<IReadOnlyList<OpenRectification>> ForAsync(EtownDbContext ctx, Guid etownId, Guid? contractId, CancellationToken ct)
    {
        var q = ctx.AcceptanceApplications.AsNoTracking().Where(a => a.EtownId == etownId
            && (a.Status == AcceptanceStatus.Failed || (a.Status == AcceptanceStatus.UnderReview && a.Round > 1)));
        if (contractId is { } c) q = q.Where(a => a.ContractId == c);
        var list = await q.OrderBy(a => a.SubmittedOn).ToListAsync(ct);
        return list.Select(a => new OpenRectification("验收整改", a.Title + (a.Status == AcceptanceStatus.Failed ? "（待整改）" : "（待复验）"),
            a.Status == AcceptanceStatus.Failed ? a.RectificationDeadline : null)).ToList();
    }
}
