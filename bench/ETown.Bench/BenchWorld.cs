using System.Globalization;
using System.Security.Claims;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Import;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;

namespace ETown.Bench;

public sealed record BenchTown(int Index, Guid Id, string Name, string CountyCode);

/// <summary>Command-line options (see <see cref="Program"/> for the syntax).</summary>
public sealed record BenchOptions
{
    public string Provider { get; init; } = "Sqlite";
    /// <summary>SQLite file; default a new file under /tmp.</summary>
    public string? SqlitePath { get; init; }
    /// <summary>PostgreSQL admin connection string (a throw-away server); the bench creates and drops its own database.</summary>
    public string? PostgresAdmin { get; init; }
    public int Towns { get; init; } = 100;
    public int Counties { get; init; } = 20;
    public int Indicators { get; init; } = 20;
    public int Year { get; init; } = 2025;
    public int HistoryYears { get; init; } = 5;
    /// <summary>"month": one province-wide file per month (100 rows); "county": one file per county per month (county liaison).</summary>
    public string Files { get; init; } = "month";
    public int Runs { get; init; } = 3;
    public bool Keep { get; init; }
    /// <summary>--sql: print every SQL command with its duration (<see cref="SqlLog"/>).</summary>
    public bool LogSql { get; init; }
    /// <summary>Open the SQLite file of <see cref="SqlitePath"/> as an earlier run left it (with --keep) instead of a fresh one: iterate on
    /// read scenarios without generating the history again (the bench's e-towns and indicators are read back from it).</summary>
    public bool Reuse { get; init; }
    /// <summary>One unmeasured pass on a small world first (JIT, EF model and query compilation).</summary>
    public bool Warmup { get; init; } = true;
    /// <summary>--demo: seed the platform's demo data (organisations, demo accounts, the seven e-towns) before the bench's own, so the
    /// app can be started on the database and signed into with the demo accounts (scripts/bench-load.sh --province).</summary>
    public bool Demo { get; init; }
    /// <summary>--app-data DIR: the audit key folder (DIR/audit) and file store (DIR/files) the app will be started with later, so the
    /// audit chain and the demo files the bench writes stay valid for it. Default: a throw-away folder.</summary>
    public string? AppData { get; init; }
    /// <summary>--pg-db NAME: the PostgreSQL database to (re)create, instead of a random name (with --keep, for the app to open).</summary>
    public string? PostgresDatabase { get; init; }
    public IReadOnlyList<string> Scenarios { get; init; } = ["import-year"];
}

/// <summary>
/// A fresh database with the real schema (migrations), reference data, the seeded indicator catalogue and rules, plus the
/// bench's own data: <see cref="BenchOptions.Towns"/> e-towns under construction spread over <see cref="BenchOptions.Counties"/>
/// real Shanxi counties, a county e-town office with one liaison per county, and extra monthly indicators (as data, like an
/// administrator adds them) until there are <see cref="BenchOptions.Indicators"/> monthly ones. Values are deterministic
/// and keep every blocking rule, so every import is accepted. Everything runs through the application's own services.
/// </summary>
public sealed class BenchWorld : IAsyncDisposable
{
    public required BenchOptions Options { get; init; }
    public required ServiceProvider Services { get; init; }
    public required EtownDb Db { get; init; }
    public required string DatabaseDescription { get; init; }
    public IReadOnlyList<BenchTown> Towns { get; private set; } = [];
    public IReadOnlyDictionary<string, Caller> CountyCallers { get; private set; } = new Dictionary<string, Caller>();
    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];
    public int AddedIndicators { get; private set; }
    string? _sqliteDir;
    string? _pgDatabase;

    public RegionDirectory Regions => Services.GetRequiredService<RegionDirectory>();
    public WorkingCalendar Calendar => Services.GetRequiredService<WorkingCalendar>();
    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    public static async Task<BenchWorld> CreateAsync(BenchOptions o, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = o.Provider };
        string? sqliteDir = null, pgDb = null;
        if (o.Provider == "Sqlite")
        {
            var path = o.SqlitePath ?? Path.Combine(sqliteDir = Path.Combine(Path.GetTempPath(), "etown-bench-" + Guid.NewGuid().ToString("N")), "etown.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!o.Reuse) foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
            else if (!File.Exists(path)) throw new ArgumentException($"--reuse: no database at {path}");
            settings["Database:SqlitePath"] = path;
        }
        else
        {
            var admin = o.PostgresAdmin ?? throw new ArgumentException("PostgreSQL needs --pg CONNSTR or ETOWN_TEST_PG");
            pgDb = o.PostgresDatabase ?? "etown_bench_" + Guid.NewGuid().ToString("N");
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync(ct);
                if (o.PostgresDatabase is not null)
                    await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDb}\" WITH (FORCE)", conn).ExecuteNonQueryAsync(ct);
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{pgDb}\"", conn);
                await cmd.ExecuteNonQueryAsync(ct);
            }
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(admin) { Database = pgDb, Pooling = true }.ConnectionString;
        }
        // The audit chain's key and checkpoints live outside the database (issue #17): a throw-away folder per run.
        var auditDir = o.AppData is { } appData ? Path.Combine(appData, "audit") : Path.Combine(Path.GetTempPath(), "etown-bench-audit-" + Guid.NewGuid().ToString("N"));
        settings["Audit:Path"] = auditDir;
        if (o.AppData is not null) settings["Storage:Path"] = Path.Combine(o.AppData, "files");
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var dbSettings = DatabaseSettings.From(config, AppContext.BaseDirectory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(new BenchHostEnvironment(auditDir));
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(sp => sp.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>());
        services.AddEtownPlatform(config, dbSettings, ETown.Web.Platform.Modules.ModuleCatalog.BuiltIn);
        var sp = services.BuildServiceProvider();
        if (o.LogSql) SqlLog.Start();
        await DatabaseInitializer.InitialiseAsync(sp, seedDemo: o.Demo, ct);

        var world = new BenchWorld
        {
            Options = o, Services = sp, Db = sp.GetRequiredService<EtownDb>(), DatabaseDescription = dbSettings.Describe(),
            _sqliteDir = sqliteDir, _pgDatabase = pgDb,
        };
        if (o.Reuse) await world.LoadAsync(ct); else await world.SetUpAsync(ct);
        return world;
    }

    /// <summary>--reuse: the bench's e-towns (by their numbered names) and the indicators of an earlier run's database.</summary>
    async Task LoadAsync(CancellationToken ct)
    {
        await using var ctx = Db.CreateSystem();
        var towns = await ctx.Etowns.AsNoTracking().Where(e => e.Name.Contains("基准测试e镇")).Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync(ct);
        Towns = towns.OrderBy(t => t.Name[^3..], StringComparer.Ordinal)
            .Select((t, i) => new BenchTown(i, t.Id, t.Name, t.CountyCode)).ToList();
        Indicators = await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
    }

    async Task SetUpAsync(CancellationToken ct)
    {
        await using var ctx = Db.CreateSystem();

        // Extra monthly indicators, as an administrator would add them (issue #4 item 1: indicators are data).
        var monthly = await ctx.StatIndicators.CountAsync(i => i.PeriodType == StatPeriodType.Monthly, ct);
        for (var n = 1; monthly < Options.Indicators; n++, monthly++)
            ctx.StatIndicators.Add(new Indicator
            {
                Code = $"bench_extra_{n}", Name = $"基准测试补充指标{n}", Unit = "个", Aggregation = StatAggregation.Sum,
                SourceRule = "基准测试数据（非真实统计）", SortOrder = 900 + n,
            });
        AddedIndicators = Options.Indicators - await ctx.StatIndicators.CountAsync(i => i.PeriodType == StatPeriodType.Monthly, ct);

        // E-towns spread over real counties of every city.
        var all = Regions.AllCounties.ToList();
        var step = Math.Max(1, all.Count / Options.Counties);
        var counties = all.Where((_, i) => i % step == 0).Take(Options.Counties).Select(c => c.Code).ToList();
        var towns = new List<BenchTown>();
        for (var i = 0; i < Options.Towns; i++)
        {
            var county = counties[i % counties.Count];
            var e = new Etown { Name = $"{Regions.NameOf(county)}基准测试e镇{i + 1:D3}", CountyCode = county, PlannedAreaKm2 = 1.5m, BatchYear = 2022 };
            e.ChangeStatus(EtownStatus.Listed);
            e.ChangeStatus(EtownStatus.UnderConstruction);
            ctx.Etowns.Add(e);
            towns.Add(new BenchTown(i, e.Id, e.Name, county));
        }

        // One county e-town office and its information liaison per county (STAT-02), signed in through the real CallerResolver.
        var role = await ctx.Roles.SingleAsync(r => r.Name == BuiltInRoles.CountyOfficer, ct);
        var users = new Dictionary<string, (Guid Id, string Stamp)>();
        foreach (var county in counties)
        {
            var org = new Organisation { Name = $"{Regions.NameOf(county)}乡村e镇工作领导小组办公室（基准测试）", Kind = OrganisationKind.CountyEtownOffice, RegionCode = county };
            ctx.Organisations.Add(org);
            var user = new AppUser
            {
                Id = Guid.NewGuid(), UserName = "bench" + county, NormalizedUserName = "BENCH" + county, DisplayName = $"{Regions.NameOf(county)}信息联络员（基准测试）",
                OrganisationId = org.Id, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = Clock.GetUtcNow(),
            };
            ctx.Users.Add(user);
            ctx.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
            users[county] = (user.Id, user.SecurityStamp);
        }
        await ctx.SaveChangesAsync(ct);
        await StatDataSets.EnsureDefaultAssignmentsAsync(ctx, ct); // as start-up does: every listed e-town owes both reports
        Towns = towns;
        Indicators = await ctx.StatIndicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);

        var resolver = new CallerResolver(Db, Clock);
        var callers = new Dictionary<string, Caller>();
        foreach (var (county, (id, stamp)) in users)
        {
            var caller = new Caller();
            // As a sign-in cookie carries it: the resolver refuses a principal whose security stamp is not the user's (#17).
            await resolver.ResolveAsync(caller, new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(CallerResolver.SecurityStampClaim, stamp)], "bench")), ct);
            if (!caller.Has(Permissions.Statistics.Enter)) throw new InvalidOperationException("bench liaison lacks Statistics.Enter");
            callers[county] = caller;
        }
        CountyCallers = callers;
    }

    /// <summary>The resource authorizer for a caller, as DI builds it per request.</summary>
    public ETown.Web.Platform.Auth.Authorizer Authorizer(Caller caller) => new(caller, Services);

    /// <summary>The import service for a caller, wired like the DI container wires it for a request.</summary>
    public StatImportService ImportService(Caller caller) =>
        new(Db, caller, new StatisticsService(Db, caller, Regions, Calendar, Clock, Authorizer(caller)), Regions, ETown.Web.Platform.Documents.SpreadsheetTemplates.BuiltIn);

    /// <summary>A filled template: what a liaison uploads after typing the month's figures into the downloaded workbook.</summary>
    public byte[] FilledWorkbook(StatPeriod p, IEnumerable<BenchTown> towns, string unit)
    {
        var indicators = Indicators.Where(i => i.AppliesTo(p))
            .Select(i => new TemplateIndicator(i.Code, i.Name, i.Unit, i.PeriodType, i.Aggregation, i.Cumulative, i.SourceRule)).ToList();
        var rows = towns.Select(t => new TemplateTown(t.Id, t.Name, Regions.NameOf(t.CountyCode), "未填报", false,
            indicators.ToDictionary(i => i.Code, i => (Value(t, p, i.Code), (string?)null)))).ToList();
        return StatTemplate.Build(p, unit, indicators, rows, []);
    }

    /// <summary>
    /// Deterministic DEMO VALUES (not real statistics): stocks and running totals grow month by month (CUM-* rules),
    /// new e-commerce entities ≤ new entities, e-commerce enterprises ≤ entities; flows grow ~12 % a year with a seasonal swing
    /// (online retail stays inside the ±50 % warning band).
    /// </summary>
    public static decimal Value(BenchTown t, StatPeriod p, string code)
    {
        var m = (p.Year - 2015) * 12 + p.Month;                 // months since 2015: always > 0
        var k = 1m + t.Index % 17 * 0.2m;                       // size of the e-town
        var growth = (decimal)Math.Pow(1.12, m / 12.0);
        var season = 1m + 0.2m * (decimal)Math.Sin(p.Month / 12.0 * 2 * Math.PI);
        decimal Flow(decimal b) => Math.Round(b * k * growth * season, 1);
        return code switch
        {
            C.MarketEntities => Math.Round(150 * k) + 3 * m,
            C.NewMarketEntities => 5 + (t.Index + m) % 5,
            C.NewEcommerceEntities => 2 + (t.Index + m) % 3,
            C.NewLegalEntities => 1 + (t.Index + m) % 4,           // legal persons among the new entities (STD-37): ≤ new entities
            C.EcommerceEnterprises => Math.Round(40 * k) + m,
            C.OnlineRetail => Flow(200),
            C.SocialRetail => Flow(800),
            C.TotalOutput => Flow(1_100),
            C.TotalInvestment => Math.Round(8_000 * k) + 250 * m,
            C.NewInvestment => 200 + (t.Index * 7 + m) % 100,
            C.LeadingIndustryInvestment => Math.Round(4_000 * k) + 150 * m,
            C.Employment => Math.Round(200 * k) + m,
            C.Tax => Flow(600),
            C.Brands => 2 + m / 6,
            C.OnlineProducts => Math.Round(50 * k) + 4 * m,
            C.TrainingPersonTimes => Math.Round(700 * k) + 50 * m,
            C.Influencers => 3 + m / 8,
            _ => 10 + (t.Index * 7 + m * 3 + code.Length) % 90,
        };
    }

    /// <summary>Rows and size of what is stored, for the report.</summary>
    public async Task<string> SizeAsync(CancellationToken ct)
    {
        await using var ctx = Db.CreateSystem();
        var reports = await ctx.StatReports.CountAsync(ct);
        var values = await ctx.StatValues.CountAsync(ct);
        var audit = await ctx.AuditRecords.CountAsync(ct);
        string size;
        if (Db.Settings.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(Db.Settings.ConnectionString).DataSource;
            size = $"{new FileInfo(path).Length / 1024.0 / 1024.0:0.0} MB (+WAL {(File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length / 1024.0 / 1024.0 : 0):0.0} MB)";
        }
        else
        {
            var bytes = await ctx.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
            size = $"{bytes / 1024.0 / 1024.0:0.0} MB";
        }
        return string.Create(CultureInfo.InvariantCulture, $"{reports} reports, {values} values, {audit} audit records, database {size}");
    }

    public async Task<string> DatabaseVersionAsync(CancellationToken ct)
    {
        await using var ctx = Db.CreateSystem();
        return Db.Settings.Provider == DatabaseProvider.Sqlite
            ? "SQLite " + await ctx.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS \"Value\"").SingleAsync(ct)
            : "PostgreSQL " + await ctx.Database.SqlQueryRaw<string>("SELECT current_setting('server_version') AS \"Value\"").SingleAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Options.Keep) { Console.WriteLine($"   kept: {DatabaseDescription}"); return; }
        if (_sqliteDir is not null)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDir, recursive: true); } catch (IOException) { }
        }
        if (_pgDatabase is not null && Options.PostgresAdmin is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>The host environment the platform's services ask for (content root for files kept outside the database).</summary>
sealed class BenchHostEnvironment(string contentRoot) : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
{
    public string ApplicationName { get; set; } = "ETown.Bench";
    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    public string ContentRootPath { get; set; } = contentRoot;
    public string EnvironmentName { get; set; } = "Production";
    public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    public string WebRootPath { get; set; } = contentRoot;
}
