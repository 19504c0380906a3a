using System.Diagnostics;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Import;
using ETown.Web.Platform.Auth;

namespace ETown.Bench.Scenarios;

/// <summary>
/// Issue #4 benchmark: a province-wide year — every e-town × 12 months × every monthly indicator — imported through
/// <see cref="StatImportService"/> exactly as the page does it: a dry run of each file, then the import (which validates
/// again and writes in one transaction). Files: one province-wide file per month (system caller, 100 rows), or with
/// --files county one file per county per month, each imported by that county's liaison (5 rows each).
/// </summary>
public sealed class ImportYearScenario : IScenario
{
    public string Name => "import-year";
    public string Description => "一年全省月报导入（试导入 + 导入）";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchWorld world, CancellationToken ct)
    {
        var o = world.Options;
        var months = Enumerable.Range(1, 12).Select(m => new StatPeriod(o.Year, m)).ToList();
        var files = Files(world, months);
        Console.WriteLine($"   {files.Count} files, {files.Sum(f => f.Bytes.Length) / 1024.0:0} KB in all");
        var dry = TimeSpan.Zero;
        var write = TimeSpan.Zero;
        long values = 0;
        var perMonth = new List<(StatPeriod P, TimeSpan Dry, TimeSpan Write)>();
        foreach (var month in months)
        {
            TimeSpan d = TimeSpan.Zero, w = TimeSpan.Zero;
            foreach (var f in files.Where(f => f.Period == month))
            {
                var service = world.ImportService(f.Caller);
                var sw = Stopwatch.StartNew();
                var check = await service.ImportAsync(month.ToString(), new MemoryStream(f.Bytes), f.Name, dryRun: true, ct);
                d += sw.Elapsed;
                Require(check, f.Name, expectWritten: false);
                sw.Restart();
                var result = await service.ImportAsync(month.ToString(), new MemoryStream(f.Bytes), f.Name, dryRun: false, ct);
                w += sw.Elapsed;
                Require(result, f.Name, expectWritten: true);
                values += result.Created;
            }
            perMonth.Add((month, d, w));
            dry += d; write += w;
        }
        var expected = (long)world.Towns.Count * months.Sum(m => world.Indicators.Count(i => i.AppliesTo(m)));
        if (values != expected) throw new InvalidOperationException($"expected {expected} values created, got {values}");
        foreach (var (p, d, w) in perMonth)
            Console.WriteLine($"   {p}: dry run {d.TotalMilliseconds,7:0} ms, import {w.TotalMilliseconds,7:0} ms");
        return
        [
            new(Name, "dry run (validate only)", dry, values, "values"),
            new(Name, "import (validate + write)", write, values, "values"),
            new(Name, "dry run + import", dry + write, values, "values"),
        ];
    }

    sealed record File(StatPeriod Period, Caller Caller, string Name, byte[] Bytes);

    static List<File> Files(BenchWorld world, List<StatPeriod> months)
    {
        if (world.Options.Files == "county")
            return [.. months.SelectMany(p => world.Towns.GroupBy(t => t.CountyCode).Select(g =>
                new File(p, world.CountyCallers[g.Key], $"{p}-{g.Key}.xlsx", world.FilledWorkbook(p, g, world.CountyCallers[g.Key].OrganisationName!))))];
        return [.. months.Select(p => new File(p, Caller.System(), $"{p}-全省.xlsx", world.FilledWorkbook(p, world.Towns, "山西省（基准测试）")))];
    }

    static void Require(StatImportResult r, string file, bool expectWritten)
    {
        if (r.HasErrors) throw new InvalidOperationException($"{file}: {r.Errors.Count} errors, first: {r.Errors[0]}");
        if (r.Written != expectWritten) throw new InvalidOperationException($"{file}: written={r.Written}, expected {expectWritten}");
    }
}
