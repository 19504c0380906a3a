using System.Text.Encodings.Web;
using System.Text.Unicode;
using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Organisations;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Http;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Scheduling;
using ETown.Web.Platform.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETown.Web.Platform;

public static class PlatformServices
{
    public const string SmartScheme = "Smart";

    public static IServiceCollection AddEtownPlatform(this IServiceCollection services, IConfiguration config, DatabaseSettings dbSettings, ModuleCatalog modules)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(dbSettings);
        // Issue #17 finding 9: the audit chain's key lives outside the database (created on first start).
        services.AddSingleton(sp => Audit.AuditKeyRing.Load(config, sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Audit.AuditCheckpoints>();
        services.AddHostedService<Audit.AuditCheckpointService>();
        services.AddSingleton<EtownDb>();
        services.AddScoped<Caller>();
        services.AddResourceAuthorization();
        services.AddScoped<EtownDbContext>(sp => sp.GetRequiredService<EtownDb>().Create(sp.GetRequiredService<Caller>()));
        services.AddSingleton<WorkingCalendar>();
        services.AddSingleton<RegionDirectory>();
        services.AddSingleton<SiteSettings>();
        services.AddSingleton(sp => new Documents.SpreadsheetTemplates(config[Documents.SpreadsheetTemplates.ConfigurationKey],
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<Documents.SpreadsheetTemplates>()));
        services.AddHttpContextAccessor();
        services.AddHostedService<StartupWork>();

        // Identity: 等保 password, lock-out and two-factor rules (issue #2 §6).
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false; o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false; o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Security:LockoutMinutes", 10));
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.Tokens.AuthenticatorTokenProvider = SingleUseTotpProvider.Name; // issue #17 finding 6: a code works once
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<EtownDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseTotpProvider>(SingleUseTotpProvider.Name)
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<ThreeOfFourClassesPasswordValidator>();

        var idleMinutes = Math.Clamp(config.GetValue("Security:IdleTimeoutMinutes", 30), 1, 30);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "cookie or API key", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "etown.auth";
            o.Cookie.HttpOnly = true;
            // The sign-in cookie is always Secure; browsers accept Secure cookies from http://localhost and 127.0.0.1 only.
            o.Cookie.SecurePolicy = config.GetValue("Security:CookieSecure", CookieSecurePolicy.Always);
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(idleMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, 403);
        });
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.SecurePolicy = config.GetValue("Security:CookieSecure", CookieSecurePolicy.Always);
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // The antiforgery cookie is not a credential: it follows the request scheme, so the app also
        // runs on plain http://127.0.0.1 for local use. Behind TLS (production) it is Secure too.
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<CallerResolver>();
        services.AddScoped<CircuitHandler, CallerCircuitHandler>();
        services.AddScoped<SignInService>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<MyAccountService>();

        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddProblemDetails();
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        // Building blocks the modules share.
        services.AddSingleton<Attachments.AttachmentStore>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<WorkDesk.WorkDesk>();
        // Menu badges are counted at most once a minute per user (MainLayout), not on every page and every render.
        services.AddMemoryCache();

        // Each module registers its own services (one per feature, used by pages and API alike).
        services.AddSingleton(modules);
        foreach (var module in modules.Modules) module.AddServices(services, config);
        services.AddRecurringJob<PlannerStatisticsJob>(PlannerStatisticsJob.Name, PlannerStatisticsJob.Schedule); // issue #16
        services.AddEtownScheduling(config, dbSettings); // after the modules: runs the recurring jobs they declared
        return services;
    }

    static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) { ctx.Response.StatusCode = status; return Task.CompletedTask; }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Runs migrations and seeding before any hosted service (including the web server) starts.</summary>
    sealed class StartupWork(IServiceProvider services, IConfiguration config) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken ct) =>
            DatabaseInitializer.InitialiseAsync(services, config.GetValue("Demo:Enabled", true), ct);
        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
