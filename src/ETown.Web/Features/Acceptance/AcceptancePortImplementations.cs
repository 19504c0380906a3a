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

/// <summary>
/// Issue #14 item 6: the e-town's acceptance year is the year of the whole-project acceptance (ReviewedOn) that made it
/// 已验收 (ACC-06, <see cref="AcceptanceApplication.EtownAcceptedAt"/> set after the public notice).
/// </summary>
public sealed class AcceptanceYears : Standards.IAcceptanceYears
{
    public async Task<IReadOnlyDictionary<Guid, int>> ForEtownsAsync(EtownDbContext ctx, IReadOnlyCollection<Guid> etownIds, CancellationToken ct)
    {
        var ids = etownIds.ToList();
        if (ids.Count == 0) return new Dictionary<Guid, int>();
        var rows = await ctx.AcceptanceApplications.AsNoTracking()
            .Where(a => ids.Contains(a.EtownId) && a.Scope == AcceptanceScope.Whole && a.EtownAcceptedAt != null && a.ReviewedOn != null)
            .Select(a => new { a.EtownId, a.ReviewedOn }).ToListAsync(ct);
        return rows.GroupBy(r => r.EtownId).ToDictionary(g => g.Key, g => g.Min(r => r.ReviewedOn!.Value).Year);
    }
}
