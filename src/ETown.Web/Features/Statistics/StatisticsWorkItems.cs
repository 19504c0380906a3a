using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using ETown.Web.Platform.WorkDesk;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Features.Statistics;

/// <summary>
/// The statistics to-dos (STAT-02, STAT-05): reports of ended periods still to fill and submit (due on the data set's
/// N-th working day), submitted reports the county has to approve, approved reports the city and then the province
/// have to accept. Each item only if the authorizer lets the caller do exactly that on that report.
/// </summary>
public sealed class StatisticsWorkItems(EtownDb db, Caller caller, Authorizer auth, WorkingCalendar calendar, TimeProvider clock) : IWorkItemSource
{
    public string Module => "统计报表";

    public async Task<IReadOnlyList<WorkItem>> OpenItemsAsync(CancellationToken ct)
    {
        if (!caller.Has(Permissions.Statistics.Read)) return [];
        var today = clock.ChinaToday();
        await using var ctx = db.Create(caller);
        var sets = await ctx.StatDataSets.AsNoTracking().ToListAsync(ct);
        var towns = await ctx.Etowns.AsNoTracking()
            .Where(e => e.Status != EtownStatus.Declared && e.Status != EtownStatus.Withdrawn)
            .Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        var townIds = towns.Select(t => t.Id).ToList();
        var assigned = (await ctx.StatDataSetAssignments.AsNoTracking().Where(a => townIds.Contains(a.EtownId))
            .Select(a => new { a.EtownId, a.DataSetCode }).ToListAsync(ct)).ToLookup(a => a.EtownId, a => a.DataSetCode);

        // The periods that have ended and may still be owed: the last two months and last year.
        var month = new StatPeriod(today.Year, today.Month);
        var owed = new Dictionary<string, StatPeriod[]>
        {
            [StatDataSet.Monthly] = [month.Previous, month.Previous.Previous],
            [StatDataSet.Annual] = [StatPeriod.ForYear(today.Year - 1)],
        };
        var keys = owed.Values.SelectMany(p => p).Select(p => p.ToString()).ToList();
        var reports = (await ctx.StatReports.AsNoTracking().Where(r => townIds.Contains(r.EtownId)
                && (keys.Contains(r.Period) || StatReportStatuses.AwaitingAStep.Contains(r.Status)))
            .Select(r => new { r.EtownId, r.Period, r.DueOn, r.Status }).ToListAsync(ct));
        var byKey = reports.ToDictionary(r => (r.EtownId, r.Period));

        var items = new List<WorkItem>();
        foreach (var town in towns)
        foreach (var set in sets.Where(s => assigned[town.Id].Contains(s.Code)).OrderBy(s => s.SortOrder))
        foreach (var p in owed.GetValueOrDefault(set.Code, []))
        {
            var key = p.ToString();
            var report = byKey.GetValueOrDefault((town.Id, key));
            var status = report?.Status ?? StatReportStatus.Draft;
            if (status != StatReportStatus.Draft) continue;
            if (!auth.Can(StatReportOperations.Enter, new StatReportResource(town.Id, town.CountyCode, status))) continue;
            items.Add(new WorkItem(Module, $"填报并报送{Label(p)}统计报表", town.Id, town.Name, report?.DueOn ?? set.DueOn(p, calendar),
                $"/statistics/{town.Id}/{key}"));
        }

        var names = towns.ToDictionary(t => t.Id);
        foreach (var r in reports.Where(r => r.Status is >= StatReportStatus.Submitted and < StatReportStatus.ProvinceAccepted))
        {
            if (!names.TryGetValue(r.EtownId, out var town)) continue;
            var resource = new StatReportResource(town.Id, town.CountyCode, r.Status);
            var (op, verb) = r.Status switch
            {
                StatReportStatus.Submitted => (StatReportOperations.Approve, "审核"),
                StatReportStatus.CountyApproved => (StatReportOperations.AcceptByCity, "市级接收"),
                _ => (StatReportOperations.AcceptByProvince, "省级接收"),
            };
            if (!auth.Can(op, resource)) continue;
            items.Add(new WorkItem(Module, $"{verb}{Label(StatPeriod.Parse(r.Period))}统计报表", town.Id, town.Name, null,
                $"/statistics/{town.Id}/{r.Period}"));
        }
        return items;
    }

    static string Label(StatPeriod p) => p.IsAnnual ? $"{p.Year}年度" : $"{p.Year}年{p.Month}月";
}
