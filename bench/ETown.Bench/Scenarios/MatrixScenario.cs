using System.Diagnostics;
using ETown.Web.Features.Standards;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Caching;
using ETown.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Bench.Scenarios;

/// <summary>
/// Issue #16 target 2: the compliance matrix of every e-town × the 39 items of the construction standard (the page
/// /standards/matrix and GET /api/v1/standards/matrix call <see cref="StandardService.MatrixAsync"/>), with the province-wide
/// scope, over the statistics <see cref="FiveYearHistoryScenario"/> made (run after it: <c>history matrix</c>): the annual
/// figures come from five approved years of monthly reports. Median of 5 after one unmeasured load.
/// </summary>
public sealed class MatrixScenario : IScenario
{
    public string Name => "matrix";
    public string Description => "建设标准达标矩阵（全部e镇 × 39 项）";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchWorld world, CancellationToken ct)
    {
        var caller = Caller.System();
        await using var scope = world.Services.CreateAsyncScope();
        var acceptance = scope.ServiceProvider.GetServices<IAcceptanceYears>().ToList();
        var cache = world.Services.GetRequiredService<ReadCache>();
        var facts = world.Services.GetRequiredService<StatFactsCache>(); // approved year facts per e-town stamp, as the app wires them
        StandardService Standards(StatFactsCache f) => new(world.Db, caller, world.Regions, new AttachmentStore(Path.Combine(Path.GetTempPath(), "etown-bench-files")) /* the matrix opens no file */, world.Clock,
            new StatAnalyticsService(world.Db, caller, world.Regions, world.Clock, world.Authorizer(caller), [], cache, f), world.Authorizer(caller), acceptance, cache);
        var standards = Standards(facts);
        var last = new StatPeriod(world.Options.Year, 12).ToString();

        var first = await standards.MatrixAsync(new MatrixQuery(), ct); // unmeasured: JIT and query compilation
        var cells = first.Items.Sum(r => r.Cells.Count);
        if (first.Items.Count < world.Towns.Count || first.Columns.Count == 0)
            throw new InvalidOperationException($"matrix: {first.Items.Count} rows × {first.Columns.Count} columns for {world.Towns.Count} e-towns");
        var loads = new List<TimeSpan>();
        var cached = new List<TimeSpan>();
        var cold = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            // One e-town's statistics save first (an approved December value changes: the generation and that e-town's stamp
            // move): the matrix is computed, not taken from the read cache, and that e-town's approved years are read again.
            await using (var ctx = world.Db.CreateSystem())
            {
                var town = world.Towns[(i + 1) % world.Towns.Count].Id;
                var value = await ctx.StatValues.FirstAsync(v => v.EtownId == town && ctx.StatReports.Any(r => r.Id == v.ReportId && r.Period == last), ct);
                value.Value += 1;
                await ctx.SaveChangesAsync(ct);
            }
            var sw = Stopwatch.StartNew();
            await standards.MatrixAsync(new MatrixQuery(), ct);
            loads.Add(sw.Elapsed);
            sw.Restart();
            await standards.MatrixAsync(new MatrixQuery(), ct);
            cached.Add(sw.Elapsed);
            // Nothing kept: the generation bumped and a fresh per e-town cache (every e-town's years read).
            await using (var ctx = world.Db.CreateSystem()) await GenerationInterceptor.BumpAsync(ctx, ct);
            sw.Restart();
            await Standards(new StatFactsCache()).MatrixAsync(new MatrixQuery(), ct);
            cold.Add(sw.Elapsed);
        }
        loads.Sort();
        cached.Sort();
        cold.Sort();
        Console.WriteLine($"   {first.Items.Count} e-towns × {first.Columns.Count} items; loads after a write (s): {string.Join(" / ", loads.Select(l => l.TotalSeconds.ToString("0.000")))}; " +
                          $"no write in between: {string.Join(" / ", cached.Select(l => l.TotalSeconds.ToString("0.000")))}; " +
                          $"nothing kept: {string.Join(" / ", cold.Select(l => l.TotalSeconds.ToString("0.000")))}");
        return
        [
            new(Name, $"compliance matrix of {first.Items.Count} e-towns × {first.Columns.Count} items after one e-town's statistics save (median of 5)", loads[loads.Count / 2], cells, "cells"),
            new(Name, "compliance matrix, no write in between (median of 5)", cached[cached.Count / 2], cells, "cells"),
            new(Name, "compliance matrix with nothing kept: generation bumped, every e-town read (median of 5)", cold[cold.Count / 2], cells, "cells"),
        ];
    }
}
