using ETown.Web.Platform.Time;
using ETown.Web.Features.Disclosure;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics;

/// <summary>DISC-01: construction progress from approved statistics only — reports the county has approved (locked) and later stages.</summary>
public sealed class StatisticsPublicFacts : IPublicProgressFacts
{
    public async Task<IReadOnlyList<PublicProgressReport>> ForEtownAsync(EtownDbContext ctx, Guid etownId, CancellationToken ct)
    {
        var reports = await ctx.StatReports.AsNoTracking()
            .Where(r => r.EtownId == etownId && r.ApprovedAt != null && r.Status != StatReportStatus.Draft && r.Status != StatReportStatus.Submitted)
            .OrderByDescending(r => r.Period).Take(36).ToListAsync(ct);
        if (reports.Count == 0) return [];
        var ids = reports.Select(r => r.Id).ToList();
        var values = await ctx.StatValues.AsNoTracking().Where(v => ids.Contains(v.ReportId)).ToListAsync(ct);
        var indicators = await ctx.StatIndicators.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);
        return reports.Select(r => new PublicProgressReport(r.Id, r.Period, r.ApprovedAt!.Value.ToChinaDate(),
            values.Where(v => v.ReportId == r.Id && indicators.ContainsKey(v.IndicatorCode)).OrderBy(v => indicators[v.IndicatorCode].SortOrder)
                .Select(v => new PublicFigure(indicators[v.IndicatorCode].Name, indicators[v.IndicatorCode].Unit, r.Period, v.Value)).ToList())).ToList();
    }
}
