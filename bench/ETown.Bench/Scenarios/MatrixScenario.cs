using System.Diagnostics;
using ETown.Web.Features.Standards;
using ETown.Web.Features.Statistics.Analytics;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Caching;
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
        var analytics = new StatAnalyticsService(world.Db, caller, world.Regions, world.Clock, world.Authorizer(caller), [], cache);
        var standards = new StandardService(world.Db, caller, world.Regions, new AttachmentStore(Path.Combine(Path.GetTempPath(), "etown-bench-files")) /* the matrix opens no file */, world.Clock,
            analytics, world.Authorizer(caller), acceptance, cache);

        var first = await standards.MatrixAsync(new MatrixQuery(), ct); // unmeasured: JIT and query compilation
        var cells = first.Items.Sum(r => r.Cells.Count);
        if (first.Items.Count < world.Towns.Count || first.Columns.Count == 0)
            throw new InvalidOperationException($"matrix: {first.Items.Count} rows × {first.Columns.Count} columns for {world.Towns.Count} e-towns");
        var loads = new List<TimeSpan>();
        var cached = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            // A write elsewhere first (the data generation bumped): the matrix is computed, not taken from the read cache.
            await using (var ctx = world.Db.CreateSystem()) await GenerationInterceptor.BumpAsync(ctx, ct);
            var sw = Stopwatch.StartNew();
            await standards.MatrixAsync(new MatrixQuery(), ct);
            loads.Add(sw.Elapsed);
            sw.Restart();
            await standards.MatrixAsync(new MatrixQuery(), ct);
            cached.Add(sw.Elapsed);
        }
        loads.Sort();
        cached.Sort();
        Console.WriteLine($"   {first.Items.Count} e-towns × {first.Columns.Count} items; loads after a write (s): {string.Join(" / ", loads.Select(l => l.TotalSeconds.ToString("0.000")))}; " +
                          $"no write in between: {string.Join(" / ", cached.Select(l => l.TotalSeconds.ToString("0.000")))}");
        return
        [
            new(Name, $"compliance matrix of {first.Items.Count} e-towns × {first.Columns.Count} items after a write (median of 5)", loads[loads.Count / 2], cells, "cells"),
            new(Name, "compliance matrix, no write in between (median of 5)", cached[cached.Count / 2], cells, "cells"),
        ];
    }
}
