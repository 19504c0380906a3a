using ETown.Web.Features.Declarations;
using ETown.Web.Features.Disclosure;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Plans;

/// <summary>DISC-01: the cultivation plan's summary and targets for the public column; a draft is offered as 备案前公示稿 (DISC-02).</summary>
public sealed class PlanPublicFacts(IConfiguration config) : IPublicPlanFacts
{
    public async Task<IReadOnlyList<PublicPlan>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        // DISC-02: a draft is a candidate too — it is noticed on the column for 5 working days before it may be filed.
        var plans = await ctx.CultivationPlans.AsNoTracking().Where(p => p.EtownId == etownId).ToListAsync(ct);
        return plans.Select(p =>
        {
            var c = p.Content;
            var targets = c.Targets.Where(t => t.Value is not null).OrderBy(t => t.Indicator).ThenBy(t => t.Year)
                .Select(t => { var (label, unit) = TargetIndicators.Describe(t.Indicator); return new PublicFigure(label, unit, t.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Value); })
                .ToList();
            return new PublicPlan(p.Id, p.Status == PlanStatus.Filed
                    ? $"培育方案（{Platform.Time.ChinaTime.FormatDate(p.FiledAt) ?? ""} 备案）"
                    : "培育方案（备案前公示稿）",
                c.MainTargets, c.KeyTasks, Math.Round(p.AllocationYuan / 10000m, 2), targets,
                // DISC-02: a draft's notice restarts from its last edit; the column computes the window from these.
                p.Status == PlanStatus.Draft ? new PublicPlanNotice(p.ContentChangedAt?.ToChinaDate(),
                    config.GetValue(PlanFilingNotice.SettingKey, PlanFilingNotice.DefaultWorkingDays)) : null);
        }).ToList();
    }
}
