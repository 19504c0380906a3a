using ETown.Web.Features.Archives;
using ETown.Web.Features.Plans.Documents;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Plans;

/// <summary>ARCH-01: the filed cultivation plan, generated as .docx when the bundle is built (PLAN-01…04).</summary>
public sealed class PlanArchiveSource(PlanService plans) : IArchiveSource
{
    public async Task<IReadOnlyList<ArchiveFiling>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var plan = await ctx.CultivationPlans.AsNoTracking().FirstOrDefaultAsync(p => p.EtownId == etownId, ct);
        if (plan is not { Status: PlanStatus.Filed, FiledAt: { } filed }) return [];
        var name = await ctx.Etowns.AsNoTracking().Where(e => e.Id == etownId).Select(e => e.Name).FirstAsync(ct);
        return [new ArchiveFiling(ArchiveKeys.PlanDocument, $"{name}培育方案（备案稿）", filed.ToChinaDate(), $"{name}培育方案.docx", "培育方案备案",
            Generate: async c => PlanDocx.Render(await plans.ViewAsync(ctx, etownId, c)))];
    }
}
