using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ETown.Bench;
using ETown.Bench.Scenarios;

// ETown benchmarks (docs/benchmarks.md). Run through scripts/bench.sh, which builds in Release and provides the databases.
//
//   dotnet run -c Release --project bench/ETown.Bench -- [options] [scenario ...]
//
//   scenarios        import-year (default), history; run in the order given, on the same database in each run
//   --provider P     Sqlite (default) or Postgres
//   --pg CONNSTR     PostgreSQL admin connection string of a throw-away server (default: $ETOWN_TEST_PG)
//   --db PATH        SQLite file (default: a new file under /tmp, deleted afterwards)
//   --runs N         fresh database per run; the summary is the median (default 3)
//   --towns N --counties N --indicators N --year YYYY --history-years N
//   --files month|county   one province-wide file per month (default) or one file per county per month
//   --keep           keep the database (to query it afterwards)
//   --sql            print every SQL command with its duration (where a scenario's time goes)
//   --reuse          with --db PATH: open a database an earlier run kept (history already there) instead of a fresh one
//   --no-warmup      skip the unmeasured warm-up (10 e-towns; with import-year two more passes at full size)
//   --demo           seed the demo data (accounts, seven e-towns) first: a database the app can run on (bench-load.sh --province)
//   --app-data DIR   audit key folder DIR/audit and file store DIR/files, as the app will be started with (default: throw-away)
//   --pg-db NAME     the PostgreSQL database to (re)create instead of a random one (with --keep)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try { options = Parse(args); }
catch (ArgumentException ex)
{
    Console.Error.WriteLine("bench: " + ex.Message);
    return 2;
}
var scenarios = options.Scenarios.Select(Catalogue.Find).ToList();
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

Console.WriteLine("ETown benchmark");
Console.WriteLine($"  machine:   {Machine()}");
Console.WriteLine($"  runtime:   {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
Console.WriteLine($"  command:   {System.Text.RegularExpressions.Regex.Replace(Environment.CommandLine, "Password=[^;\\s]*", "Password=***")}");
Console.WriteLine($"  scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}; {options.Towns} e-towns in {options.Counties} counties, {options.Indicators} monthly indicators, year {options.Year}, files per {options.Files}, {options.Runs} run(s)");

if (options.Warmup)
{
    // JIT, EF model building and query compilation on throw-away worlds, so run 1 measures a running app, not a cold start:
    // one pass on 10 e-towns, and — when the import is measured — two more at full size. .NET recompiles a method with full
    // optimisation, guided by what it saw, only after it has run a while (tiered compilation with dynamic PGO), and the
    // import's per-file code runs once per file: a server that has taken a month-end's imports runs that code; with one
    // small pass runs 1 and 2 were 1.5–2.5× slower than run 3.
    var warm = Stopwatch.StartNew();
    var sizes = scenarios.Any(s => s.Name == "import-year") ? new[] { Math.Min(options.Towns, 10), options.Towns, options.Towns } : [Math.Min(options.Towns, 10)];
    foreach (var towns in sizes)
        await using (var small = await BenchWorld.CreateAsync(options with { Towns = towns, SqlitePath = null, Keep = false, Reuse = false, Demo = false, AppData = null, PostgresDatabase = null }, cts.Token))
            foreach (var s in scenarios.Where(s => s.Name == "import-year")) await s.RunAsync(small, cts.Token);
    Console.WriteLine($"warm-up ({string.Join(" + ", sizes)} e-towns, not measured): {warm.Elapsed.TotalSeconds:0.0} s");
}

var all = new List<Measurement>();
string? dbVersion = null, size = null;
for (var run = 1; run <= options.Runs; run++)
{
    var setup = Stopwatch.StartNew();
    await using var world = await BenchWorld.CreateAsync(options, cts.Token);
    dbVersion ??= await world.DatabaseVersionAsync(cts.Token);
    Console.WriteLine($"run {run}/{options.Runs}: {world.DatabaseDescription}, {dbVersion}; set-up {setup.Elapsed.TotalSeconds:0.0} s" +
                      (world.AddedIndicators > 0 ? $", {world.AddedIndicators} bench indicators added to reach {options.Indicators} monthly" : ""));
    // The set-up (migrations, seeding) leaves the runtime recompiling its hot code in the background for seconds: on two
    // cores that competes with the measured run. A server does its set-up at start, so the run starts when that is done.
    var settled = await SettleAsync(cts.Token);
    Console.WriteLine($"  settled after the set-up: {settled.TotalSeconds:0.0} s");
    var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
    var jitTime = System.Runtime.JitInfo.GetCompilationTime();
    var gcs = GC.CollectionCount(2);
    foreach (var s in scenarios)
    {
        Console.WriteLine($"  {s.Name}: {s.Description}");
        foreach (var m in await s.RunAsync(world, cts.Token))
        {
            all.Add(m);
            Console.WriteLine($"    {m.Step}: {m.Elapsed.TotalSeconds:0.00} s, {m.Items} {m.ItemUnit}, {m.PerSecond:0} {m.ItemUnit}/s");
        }
    }
    // How much of the run was the runtime still compiling (tiered compilation recompiles hot methods) and collecting.
    Console.WriteLine($"  runtime during the run: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods compiled " +
                      $"({(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:0} ms), {GC.CollectionCount(2) - gcs} gen-2 collections");
    size = await world.SizeAsync(cts.Token);
    Console.WriteLine($"  stored: {size}");
}

Console.WriteLine();
Console.WriteLine($"Median of {options.Runs} run(s) — {options.Provider}, {dbVersion}:");
Console.WriteLine("| scenario | step | wall time (s) | items | items/s | runs (s) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var g in all.GroupBy(m => (m.Scenario, m.Step)))
{
    var times = g.Select(m => m.Elapsed.TotalSeconds).Order().ToList();
    var median = times[times.Count / 2];
    if (times.Count % 2 == 0) median = (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    var items = g.First().Items;
    Console.WriteLine($"| {g.Key.Scenario} | {g.Key.Step} | {median:0.00} | {items} {g.First().ItemUnit} | {items / median:0} | {string.Join(" / ", g.Select(m => m.Elapsed.TotalSeconds.ToString("0.00")))} |");
}
Console.WriteLine($"stored after a run: {size}");
return 0;

// Waits until the runtime has compiled no method for half a second (at most 20 s).
static async Task<TimeSpan> SettleAsync(CancellationToken ct)
{
    var sw = Stopwatch.StartNew();
    var count = System.Runtime.JitInfo.GetCompiledMethodCount();
    while (sw.Elapsed < TimeSpan.FromSeconds(20))
    {
        await Task.Delay(500, ct);
        var now = System.Runtime.JitInfo.GetCompiledMethodCount();
        if (now == count) break;
        count = now;
    }
    return sw.Elapsed;
}

static BenchOptions Parse(string[] args)
{
    var o = new BenchOptions { PostgresAdmin = Environment.GetEnvironmentVariable("ETOWN_TEST_PG") is { Length: > 0 } pg ? pg : null };
    var scenarios = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        int Int() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive number");
        o = args[i] switch
        {
            "--provider" => o with { Provider = Next() switch { var p when p.Equals("postgres", StringComparison.OrdinalIgnoreCase) => "Postgres", var p when p.Equals("sqlite", StringComparison.OrdinalIgnoreCase) => "Sqlite", var p => throw new ArgumentException($"unknown provider {p}") } },
            "--pg" => o with { PostgresAdmin = Next() },
            "--db" => o with { SqlitePath = Path.GetFullPath(Next()) },
            "--runs" => o with { Runs = Int() },
            "--towns" => o with { Towns = Int() },
            "--counties" => o with { Counties = Int() },
            "--indicators" => o with { Indicators = Int() },
            "--year" => o with { Year = Int() },
            "--history-years" => o with { HistoryYears = Int() },
            "--files" => o with { Files = Next() is "month" or "county" ? args[i] : throw new ArgumentException("--files month|county") },
            "--keep" => o with { Keep = true },
            "--reuse" => o with { Reuse = true, Keep = true },
            "--no-warmup" => o with { Warmup = false },
            "--sql" => o with { LogSql = true },
            "--demo" => o with { Demo = true },
            "--app-data" => o with { AppData = Path.GetFullPath(Next()) },
            "--pg-db" => o with { PostgresDatabase = Next() },
            var a when a.StartsWith("--", StringComparison.Ordinal) => throw new ArgumentException($"unknown option {a}"),
            var a => AddScenario(o, scenarios, a),
        };
    }
    if (o.Provider == "Postgres" && o.PostgresAdmin is null) throw new ArgumentException("--provider postgres needs --pg CONNSTR or ETOWN_TEST_PG");
    if (o.Reuse && (o.SqlitePath is null || o.Provider != "Sqlite")) throw new ArgumentException("--reuse needs --db PATH (SQLite)");
    if (o.PostgresDatabase is not null && o.Runs > 1) throw new ArgumentException("--pg-db is for one run (--runs 1)");
    if (o.SqlitePath is not null && o.Runs > 1) throw new ArgumentException("--db is for one run (--runs 1): each run starts from a fresh database");
    return scenarios.Count > 0 ? o with { Scenarios = scenarios } : o;

    static BenchOptions AddScenario(BenchOptions o, List<string> list, string name)
    {
        Catalogue.Find(name);
        list.Add(name);
        return o;
    }
}

static string Machine()
{
    string? cpu = null;
    long memKb = 0;
    try
    {
        cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var mem = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
        if (mem is not null) memKb = long.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException) { }
    return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memKb / 1024.0 / 1024.0:0.0} GB RAM";
}
