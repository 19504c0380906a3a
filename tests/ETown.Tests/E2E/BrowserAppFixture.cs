using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// The real app on Kestrel (random loopback port, a fresh SQLite file with demo data) and a real
/// Debian Chromium driven by Playwright. No browser is downloaded: the system Chromium is used.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "etown-e2e-" + Guid.NewGuid().ToString("N"));
    WebApplicationFactory<Program>? _factory;
    IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:SqlitePath", Path.Combine(_dir, "etown.db"));
            b.UseSetting("DataProtection:KeysPath", Path.Combine(_dir, "keys"));
            b.UseSetting("Audit:Path", Path.Combine(_dir, "audit")); // its own audit key and checkpoints, not another app's
            b.UseSetting("Demo:Enabled", "true");
            b.UseSetting("Demo:PrintAccounts", "false");
            b.UseSetting("Scheduling:Enabled", "false"); // reminders are sent from the page in the tests
            // Quiet logs so a failing test stays visible in CI's output.
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var factory = _factory;
        Infrastructure.LiveApps.Joined(this, () => factory.Services);
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1");

        var chromium = Environment.GetEnvironmentVariable("ETOWN_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}. Install it with: apt-get install -y chromium fonts-noto-cjk (scripts/test.sh does this).");
        // The suite runs test classes in parallel on 2 cores: give page assertions more than the 5 s default.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Infrastructure.LiveApps.Leaving(this);
        if (_factory is not null) await _factory.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

// Browser collections run one after another, after the parallel ones (DisableParallelization): three apps with a
// Chromium each, next to the database tests, starved the 2-core CI machine and Blazor circuits missed the 20 s wait.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}

/// <summary>A second app for tests that change much state (the declaration workflow), so the scope tests keep their demo data.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkflowBrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser-workflow";
}
