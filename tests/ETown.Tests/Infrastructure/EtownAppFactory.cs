using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Data.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ETown.Tests.Infrastructure;

/// <summary>
/// The whole application (migrations, reference data, demo data) on its own fresh database:
/// a temp SQLite file, or a new PostgreSQL database <c>etown_test_&lt;guid&gt;</c> dropped afterwards.
/// </summary>
public sealed class EtownAppFactory : WebApplicationFactory<Program>
{
    readonly string _cleanup;
    readonly string _keysDir;
    readonly bool _demo;

    /// <summary>Storage:Path of this app: uploaded materials go to a temp folder of their own, deleted on dispose.</summary>
    public string StoragePath { get; }

    public string Provider { get; }
    /// <summary>Provider connection string (SQLite: "Data Source=…").</summary>
    public static string ConnectionStringOf(string provider, string configValue) =>
        provider == Databases.Sqlite ? $"Data Source={configValue};Foreign Keys=True;Pooling=False" : configValue;

    public string ConnectionString { get; }
    readonly string _configValue; // SQLite: the file path; PostgreSQL: the connection string

    readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Extra configuration, applied last (e.g. <c>Scheduling:Enabled=true</c>).</param>
    public EtownAppFactory(string provider, bool demo = true, IReadOnlyDictionary<string, string?>? settings = null)
        : this(provider, demo, null, null, settings) { }

    /// <summary>On a database prepared by the test (see <see cref="Databases.CreateDatabase"/>); it is dropped on dispose.</summary>
    public static EtownAppFactory OnExisting(string provider, string configValue, string cleanupToken, bool demo,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        new(provider, demo, configValue, cleanupToken, settings);

    EtownAppFactory(string provider, bool demo, string? configValue, string? cleanup, IReadOnlyDictionary<string, string?>? settings)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        Provider = provider;
        _demo = demo;
        if (configValue is null) _configValue = Databases.CreateDatabase(provider, out _cleanup);
        else { _configValue = configValue; _cleanup = cleanup!; }
        ConnectionString = ConnectionStringOf(provider, _configValue);
        _keysDir = Path.Combine(Path.GetTempPath(), "etown-tests", "keys-" + Guid.NewGuid().ToString("N"));
        StoragePath = Path.Combine(Path.GetTempPath(), "etown-tests", "files-" + Guid.NewGuid().ToString("N"));
        AuditPath = Path.Combine(Path.GetTempPath(), "etown-tests", "audit-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Audit:Path of this app: its audit key and checkpoint file (issue #17), deleted on dispose.</summary>
    public string AuditPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        if (Provider == Databases.Sqlite) builder.UseSetting("Database:SqlitePath", _configValue);
        else builder.UseSetting("ConnectionStrings:Postgres", _configValue);
        builder.UseSetting("Demo:Enabled", _demo ? "true" : "false");
        builder.UseSetting("Demo:PrintAccounts", "false");
        builder.UseSetting("DataProtection:KeysPath", _keysDir);
        builder.UseSetting("Storage:Path", StoragePath);
        builder.UseSetting("Audit:Path", AuditPath);
        builder.UseSetting("Scheduling:Enabled", "false"); // tests run jobs with a fixed date (StatisticsWorkflowTests); SchedulingTests switch it on
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        LiveApps.Joined(this, () => host.Services);
        return host;
    }

    /// <summary>Starts the app (migrate + seed) if not yet started.</summary>
    public EtownAppFactory Start()
    {
        _ = Server;
        return this;
    }

    /// <summary>A client whose cookies flow (https base address: cookies are Secure + SameSite=Strict).</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
    });

    /// <summary>Signs in a demo account (computing the TOTP code for admins) and returns its client.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoData.Password)
    {
        var client = Anonymous();
        var r = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password, code = await NextCodeAsync(userName) });
        if (r.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"sign-in of {userName} on {Provider} failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return client;
    }

    readonly Dictionary<string, long> _lastTotpStep = [];

    /// <summary>
    /// A TOTP code this app has not accepted yet for the account (codes are single-use, issue #17 finding 6):
    /// the current step or a later one within the ±2 steps the server accepts, waiting when all are spent.
    /// </summary>
    public async Task<string?> NextCodeAsync(string userName)
    {
        if (DemoData.Accounts.FirstOrDefault(a => a.UserName == userName)?.TotpKey is not { } key) return null;
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            long step;
            lock (_lastTotpStep)
            {
                step = Math.Max(now, _lastTotpStep.GetValueOrDefault(userName, long.MinValue) + 1);
                if (step <= now + 1) { _lastTotpStep[userName] = step; return TotpCode.Compute(key, DateTimeOffset.FromUnixTimeSeconds(step * 30)); }
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    public static string? CodeFor(string userName) =>
        DemoData.Accounts.FirstOrDefault(a => a.UserName == userName)?.TotpKey is { } key ? TotpCode.Compute(key) : null;

    /// <summary>A context that sees everything (system caller), for arranging and asserting.</summary>
    public EtownDbContext SystemContext() => Services.GetRequiredService<EtownDb>().CreateSystem();

    /// <summary>A raw connection, outside the application's code paths.</summary>
    public async Task<DbConnection> OpenRawAsync()
    {
        DbConnection c = Provider == Databases.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async Task<int> ExecAsync(string sql)
    {
        await using var c = await OpenRawAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var c = await OpenRawAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        LiveApps.Leaving(this);
        try { await base.DisposeAsync(); }
        finally
        {
            Databases.DropDatabase(Provider, _cleanup);
            foreach (var dir in new[] { _keysDir, StoragePath, AuditPath })
                try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>
/// Class fixture: at most one started app per provider per test class (app start, migration and
/// demo seed are the slow part), created on first use and disposed when the class is done.
/// </summary>
public sealed class DemoApps : IAsyncLifetime
{
    readonly ConcurrentDictionary<string, Lazy<EtownAppFactory>> _apps = new();

    public EtownAppFactory this[string provider] =>
        _apps.GetOrAdd(provider, p => new Lazy<EtownAppFactory>(() => new EtownAppFactory(p).Start())).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var lazy in _apps.Values)
            if (lazy.IsValueCreated) await lazy.Value.DisposeAsync();
    }
}

public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The stable error code of a ProblemDetails body.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null; }
        catch (JsonException) { return null; }
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient c, HttpMethod method, string url, object? body = null) =>
        c.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) });
}

/// <summary>
/// The apps alive in this test process. BootstrapBlazor keeps ONE process-wide CacheManager (a static, the last one
/// constructed wins) holding its app's root service provider. In production there is one app; here many run in
/// parallel, and when the app owning that static is disposed, every other app's pages fail with "Cannot access a
/// disposed object: IServiceProvider" (rendered by BootstrapBlazor's error logger inside a 200 page). So before an app
/// is disposed, the static is handed to a live app.
/// </summary>
public static class LiveApps
{
    static readonly List<(object Owner, Func<IServiceProvider> Services)> Apps = [];
    static readonly Lock Gate = new();

    public static void Joined(object owner, Func<IServiceProvider> services)
    {
        lock (Gate)
        {
            Apps.Add((owner, services));
            // The static may still hold an app disposed while no other app was live: the newest app takes it.
            Instance()?.SetValue(null, services().GetRequiredService<BootstrapBlazor.Components.ICacheManager>());
        }
    }

    static System.Reflection.PropertyInfo? Instance() =>
        typeof(BootstrapBlazor.Components.ICacheManager).Assembly.GetType("BootstrapBlazor.Components.CacheManager")
            ?.GetProperty("Instance", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);

    public static void Leaving(object owner)
    {
        lock (Gate)
        {
            // Hand over even when the owner never joined (an app whose host was built elsewhere may own the static).
            Apps.RemoveAll(a => ReferenceEquals(a.Owner, owner));
            var instance = Instance();
            if (instance is null || Apps.Count == 0) return;
            instance.SetValue(null, Apps[^1].Services().GetRequiredService<BootstrapBlazor.Components.ICacheManager>());
        }
    }
}
