using ETown.Web.Platform.Data;
using System.Diagnostics;
using ETown.Web.Features.Statistics;
using ETown.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace ETown.Bench.Scenarios;

/// <summary>
/// Builds <see cref="BenchOptions.HistoryYears"/> years (ending with <see cref="BenchOptions.Year"/>) of such data for the
/// dashboard-query benchmark: every month not yet in the database is imported through the import service (one
/// province-wide file per month), then every report except the last two months is moved up the bottom-up chain
/// (submitted → county-approved → city → province accepted, through the entity's own transitions), so queries see
/// approved and unapproved data as in production. Timed, but it is data generation; the import figure that counts is
/// <see cref="ImportYearScenario"/>'s.
/// </summary>
public sealed class FiveYearHistoryScenario : IScenario
{
    public string Name => "history";
    public string Description => "生成多年历史数据（供看板查询基准使用）";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchWorld world, CancellationToken ct)
    {
        var o = world.Options;
        var months = Enumerable.Range(0, o.HistoryYears * 12).Select(i => new StatPeriod(o.Year - o.HistoryYears + 1 + i / 12, i % 12 + 1)).ToList();
        // Only the bench's own e-towns: with --demo the demo e-towns have reports of their own, which stay as the demo left them.
        var townIds = world.Towns.Select(t => t.Id).ToList();
        HashSet<string> present;
        await using (var ctx = world.Db.CreateSystem())
            present = (await ctx.StatReports.Where(r => townIds.Contains(r.EtownId)).Select(r => r.Period).Distinct().ToListAsync(ct)).ToHashSet();
        var service = world.ImportService(Caller.System());
        long values = 0;
        var sw = Stopwatch.StartNew();
        foreach (var p in months.Where(m => !present.Contains(m.ToString())))
        {
            var bytes = world.FilledWorkbook(p, world.Towns, "山西省（基准测试）");
            var r = await service.ImportAsync(p.ToString(), new MemoryStream(bytes), $"{p}-全省.xlsx", dryRun: false, ct);
            if (r.HasErrors || !r.Written) throw new InvalidOperationException($"{p}: {r.Errors.FirstOrDefault()}");
            values += r.Created;
        }
        var import = sw.Elapsed;

        // Up the chain, month by month (one SaveChanges per month, audited like every write).
        sw.Restart();
        var open = months.TakeLast(2).Select(m => m.ToString()).ToHashSet();
        var moved = 0;
        foreach (var p in months.Where(m => !open.Contains(m.ToString())))
        {
            await using var ctx = world.Db.CreateSystem();
            var key = p.ToString();
            var due = p.LastDay.AddDays(8);
            foreach (var report in await ctx.StatReports.Where(r => r.Period == key && r.Status == StatReportStatus.Draft && townIds.Contains(r.EtownId)).ToListAsync(ct))
            {
                var at = new DateTimeOffset(due.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
                report.Submit(at, "bench");
                report.Approve(at.AddDays(1), "bench");
                report.AcceptByCity(at.AddDays(2));
                report.AcceptByProvince(at.AddDays(3));
                report.UpdatedAt = at.AddDays(3);
                moved++;
            }
            await ctx.SaveChangesAsync(ct);
        }
        var approve = sw.Elapsed;
        // The night after: the platform's nightly job refreshes the planner's statistics for the data now there (issue #16).
        await using (var ctx = world.Db.CreateSystem())
            await PlannerStatistics.RefreshAsync(ctx, ct);
        Console.WriteLine($"   {months.Count} months ({months[0]}…{months[^1]}), {values} values imported here, {moved} reports accepted by the province");
        return
        [
            new(Name, $"import of the missing months ({months.Count(m => !present.Contains(m.ToString()))} files)", import, values, "values"),
            new(Name, "bottom-up approval of all but the last 2 months", approve, moved, "reports"),
        ];
    }
}
