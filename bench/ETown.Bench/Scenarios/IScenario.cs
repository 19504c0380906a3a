namespace ETown.Bench.Scenarios;

/// <summary>One measured thing. Scenarios run in the order given on the command line against the same database, so a
/// later scenario may use what an earlier one built (e.g. a dashboard query over <see cref="FiveYearHistoryScenario"/>'s data).
/// To add one: implement this interface and list it in <see cref="Catalogue.All"/>.</summary>
public interface IScenario
{
    /// <summary>Command-line name, e.g. "import-year".</summary>
    string Name { get; }
    string Description { get; }
    Task<IReadOnlyList<Measurement>> RunAsync(BenchWorld world, CancellationToken ct);
}

/// <summary>One timed step: wall time and how many items (values, rows, queries) it handled.</summary>
public sealed record Measurement(string Scenario, string Step, TimeSpan Elapsed, long Items, string ItemUnit)
{
    public double PerSecond => Items / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

public static class Catalogue
{
    public static IReadOnlyList<IScenario> All { get; } = [new ImportYearScenario(), new FiveYearHistoryScenario(), new DashboardScenario(), new MatrixScenario()];

    public static IScenario Find(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"unknown scenario '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}");
}
