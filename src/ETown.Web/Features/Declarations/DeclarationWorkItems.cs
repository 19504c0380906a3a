using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Declarations;

/// <summary>
/// The declaration to-dos along DECL-07: the county completes and submits its drafts and returned declarations, the
/// city recommends or returns (by the round's closing date: the city's submission to the province is what the
/// deadline binds), the province starts the review, decides, publishes the notice and finalises after it, and an
/// assigned expert scores.
/// </summary>
public sealed class DeclarationWorkItems(EtownDb db, Caller caller, Authorizer auth, TimeProvider clock) : IWorkItemSource
{
    public string Module => "申报评审";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        if (!caller.Has(Permissions.Declaration.Read) && !caller.Has(Permissions.Declaration.ReviewScore)) return [];
        var today = clock.ChinaToday();
        await using var ctx = db.Create(caller);
        var open = new[]
        {
            DeclarationStatus.Draft, DeclarationStatus.Returned, DeclarationStatus.Submitted, DeclarationStatus.Recommended,
            DeclarationStatus.UnderReview, DeclarationStatus.Approved, DeclarationStatus.InNotice,
        };
        var rows = await ctx.Declarations.AsNoTracking().Where(d => open.Contains(d.Status))
            .Select(d => new { d.Id, d.Year, d.CountyCode, d.ProjectName, d.Status }).ToListAsync(ct);
        var years = rows.Select(r => r.Year).Distinct().ToList();
        var rounds = await ctx.DeclarationRounds.AsNoTracking().Where(r => years.Contains(r.Year)).ToDictionaryAsync(r => r.Year, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var scores = await ctx.ExpertScores.AsNoTracking().Where(s => ids.Contains(s.DeclarationId))
            .Select(s => new { s.DeclarationId, s.ExpertUserId, s.Total }).ToListAsync(ct);

        var items = new List<WorkItem>();
        foreach (var d in rows)
        {
            var resource = new DeclarationResource(d.CountyCode);
            var round = rounds.GetValueOrDefault(d.Year);
            var link = $"/declarations/{d.Id}";
            switch (d.Status)
            {
                case DeclarationStatus.Draft or DeclarationStatus.Returned when auth.Can(DeclarationOperations.Edit, resource):
                    items.Add(new WorkItem(Module, d.Status == DeclarationStatus.Returned ? "修改被退回的申报并重新提交" : "完善申报并提交",
                        null, d.ProjectName, null, link));
                    break;
                case DeclarationStatus.Submitted when auth.Can(DeclarationOperations.Recommend, resource):
                    items.Add(new WorkItem(Module, "推荐或退回县级申报", null, d.ProjectName, round?.ReopenedUntil ?? round?.ClosesOn, link));
                    break;
                case DeclarationStatus.Recommended when auth.Can(DeclarationOperations.ManageReview, resource):
                    items.Add(new WorkItem(Module, "组织专家评审", null, d.ProjectName, null, $"/declarations/review/{d.Year}"));
                    break;
                case DeclarationStatus.UnderReview:
                    var mine = scores.FirstOrDefault(s => s.DeclarationId == d.Id && s.ExpertUserId == caller.UserId);
                    if (mine is { Total: null } && caller.Has(Permissions.Declaration.ReviewScore))
                        items.Add(new WorkItem(Module, "专家评分", null, d.ProjectName, null, link));
                    else if (auth.Can(DeclarationOperations.ManageReview, resource)
                             && scores.Any(s => s.DeclarationId == d.Id) && scores.Where(s => s.DeclarationId == d.Id).All(s => s.Total is not null))
                        items.Add(new WorkItem(Module, "评分已完成，作出是否入选的决定", null, d.ProjectName, null, $"/declarations/review/{d.Year}"));
                    break;
                case DeclarationStatus.Approved when auth.Can(DeclarationOperations.ManageReview, resource):
                    items.Add(new WorkItem(Module, "发布入选名单公示", null, d.ProjectName, null, $"/declarations/review/{d.Year}"));
                    break;
                case DeclarationStatus.InNotice when auth.Can(DeclarationOperations.ManageReview, resource)
                                                     && round?.NoticeEndsOn is { } ends && ends < today:
                    items.Add(new WorkItem(Module, $"公示已于 {ends:yyyy-MM-dd} 期满，确认入选并生成e镇", null, d.ProjectName, null, $"/declarations/review/{d.Year}"));
                    break;
            }
        }
        return items;
    }
}
