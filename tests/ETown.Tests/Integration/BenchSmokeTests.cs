using System.Diagnostics;

namespace ETown.Tests.Integration;

/// <summary>
/// scripts/bench.sh is not part of the suite, so it rotted twice unseen (a constructor change, then the sign-in stamp
/// check). The test build compiles the bench (ProjectReference in the test project); this runs its three scenarios on
/// four e-towns so a broken bench fails here. It measures nothing: the figures live in docs/benchmarks.md.
/// </summary>
public class BenchSmokeTests
{
    [Fact]
    public async Task Bench_RunsItsScenarios_OnASmallWorld()
    {
        // tests/ETown.Tests/bin/<Configuration>/net10.0 → bench/ETown.Bench/bin/<Configuration>/net10.0
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "bench", "ETown.Bench", "bin", configuration, testBin.Name, "ETown.Bench.dll");
        Assert.True(File.Exists(dll), $"bench not built: {dll}");

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--provider", "sqlite", "--runs", "1", "--no-warmup", "--towns", "4", "--counties", "2", "--history-years", "1",
                "import-year", "history", "dashboard" },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("province dashboard page load", output);
        Assert.Contains("dry run + import", output);
    }
}
