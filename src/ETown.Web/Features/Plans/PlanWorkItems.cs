using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Plans;

/// <summary>
/// The plan to-dos: a listed e-town's county drafts and files its cultivation plan (PLAN-01); a budget outside the
/// FUND-03 bands waits for its city's decision on the county's justification ("原则上", issue #14 item 12).
/// </summary>
public sealed class PlanWorkItems(EtownDb db, Authorizer auth) : IWorkItemSource
{
    public string Module => "培育方案";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        await using var ctx = db.Create(auth.Caller);
        var towns = await ctx.Etowns.AsNoTracking()
            .Where(e => e.Status == EtownStatus.Listed || e.Status == EtownStatus.UnderConstruction)
            .Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var ids = towns.Select(t => t.Id).ToList();
        var plans = await ctx.CultivationPlans.AsNoTracking().Where(p => ids.Contains(p.EtownId)).ToListAsync(ct);
        var items = new List<WorkItem>();
        foreach (var t in towns)
        {
            var plan = plans.FirstOrDefault(p => p.EtownId == t.Id);
            var r = new PlanResource(t.CountyCode);
            if ((plan is null || plan.Status == PlanStatus.Draft) && auth.Can(PlanOperations.File, r))
                items.Add(new WorkItem(Module, plan is null ? "编制培育方案并备案" : "完善培育方案并备案", t.Id, t.Name, null, $"/etowns/{t.Id}/plan"));
            if (plan is { BandJustificationStatus: JustificationStatus.Submitted } && auth.Can(PlanOperations.ApproveJustification, r))
                items.Add(new WorkItem(Module, "审核超出资金比例区间的预算说明（FUND-03）", t.Id, t.Name, null, $"/etowns/{t.Id}/plan"));
        }
        return items;
    }
}
