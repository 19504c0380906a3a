using ETown.Web.Features.Funds;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Acceptance.Evaluation;

/// <summary>Funds' port (EVAL-01): the latest final yearly evaluation before the allocation year, in the caller's scope.</summary>
public sealed class EvaluationResults : IEvaluationResults
{
    public async Task<EvaluationOutcome?> ForNextAllocationAsync(EtownDbContext ctx, Guid etownId, int allocationYear, CancellationToken ct)
    {
        var ev = await ctx.EtownEvaluations.AsNoTracking()
            .Where(x => x.EtownId == etownId && x.Stage == EvaluationStage.Yearly && x.Year < allocationYear && x.FinalisedAt != null && x.Total != null)
            .OrderByDescending(x => x.Year).FirstOrDefaultAsync(ct);
        if (ev is null) return null;
        var of = await ctx.EtownEvaluations.IgnoreQueryFilters().CountAsync(x => x.Year == ev.Year && x.Stage == EvaluationStage.Yearly && x.Rank != null, ct);
        return new EvaluationOutcome(ev.Year, ev.Total!.Value, ev.Rank, of, ev.FinalisedAt!.Value.ToChinaDate());
    }
}
