using BootstrapBlazor.Components;
using ETown.Web.Components;
using ETown.Web.Platform;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Data.Seeding;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Notifications;
using ETown.Web.Platform.WorkDesk;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddFilter("BootstrapBlazor.Localization.Json.JsonStringLocalizer", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
// Start-up failures are reported below in plain words; the host's own stack-trace log would bury them.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Warning);
builder.Logging.AddFilter("Quartz", LogLevel.Warning); // the scheduler's start-up chatter; its warnings and errors still show

DatabaseSettings dbSettings;
try { dbSettings = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath); }
catch (StartupException ex) { System.Console.Error.WriteLine("启动失败：" + ex.Message); return 2; }

ModuleCatalog modules;
try { modules = ModuleCatalog.From(builder.Configuration); }
catch (StartupException ex) { System.Console.Error.WriteLine("启动失败：" + ex.Message); return 2; }

builder.Services.AddEtownPlatform(builder.Configuration, dbSettings, modules);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddBootstrapBlazor();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "山西省乡村e镇培育管理平台 API";
    doc.Info.Description = "错误以 ProblemDetails 返回，code 字段为稳定的错误码（ETOWN-…）。机器客户端在请求头 X-Api-Key 中携带本单位接口密钥。";
    return Task.CompletedTask;
}));
// An unreadable body (e.g. an unknown enum value) reaches the exception handler: a Chinese ProblemDetails naming the field, not an empty 400.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false))); // issue #17 finding 12: "countyClass": 77 is a 400
// Keys that protect cookies and antiforgery tokens live in the database: sign-ins survive a restart and every instance
// on the same database reads the cookies of the others (issue #16).
builder.Services.AddEtownDataProtection(builder.Configuration, builder.Environment.ContentRootPath);
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false); // issue #17 finding 8: no "Server: Kestrel"
builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();

app.UseForwardedHeaders();
app.UseMiddleware<ETown.Web.Platform.Http.SecurityMiddleware>(); // headers on every response, same-origin check (issue #17)
app.UseExceptionHandler();
app.UseStatusCodePages(async ctx =>
{
    // API errors without a body still get a ProblemDetails with a stable code.
    var http = ctx.HttpContext;
    if (http.Request.Path.StartsWithSegments("/api") && http.Response.ContentLength is null && !http.Response.HasStarted)
    {
        var code = ETown.Web.Platform.Http.CommonErrors.ForStatus(http.Response.StatusCode);
        await Results.Problem(statusCode: http.Response.StatusCode, extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(http);
    }
});
app.UseRequestLocalization("zh-CN");
app.UseStaticFiles();
app.UseAuthentication();
app.Use(async (http, next) =>
{
    // Resolve who is calling (organisation, permissions, data scope) once per request.
    var caller = http.RequestServices.GetRequiredService<Caller>();
    caller.Ip = http.Connection.RemoteIpAddress?.ToString();
    await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(caller, http.User, http.RequestAborted);
    if (http.User.Identity?.IsAuthenticated == true && !caller.IsAuthenticated)
    {
        // A stale cookie (signed out, stamp changed, account or organisation deactivated) counts as none.
        http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        http.Response.Cookies.Delete("etown.auth");
    }
    await next();
});
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
ETown.Web.Platform.Http.ApiReference.MapApiReference(app); // issue #15 item 4: the interactive reference over /openapi/v1.json at /api/reference
app.MapPlatformEndpoints();
app.MapAccountEndpoints();
app.MapNotificationEndpoints();
app.MapWorkDeskEndpoints();
foreach (var module in modules.Modules) module.MapEndpoints(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null) // the full CSP comes from SecurityMiddleware
    .AddAdditionalAssemblies([.. modules.Assemblies.Where(a => a != typeof(Program).Assembly)]);

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    if (app.Configuration.GetValue("Demo:PrintAccounts", true)) PrintBanner(addresses, dbSettings, app.Configuration.GetValue("Demo:Enabled", true));
});

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is StartupException || ex.InnerException is StartupException)
{
    System.Console.Error.WriteLine("启动失败：" + (ex as StartupException ?? (StartupException)ex.InnerException!).Message);
    return 3;
}
catch (Exception ex)
{
    System.Console.Error.WriteLine("启动失败：" + ex);
    return 4;
}

static void PrintBanner(ICollection<string> addresses, DatabaseSettings db, bool demo)
{
    System.Console.WriteLine();
    System.Console.WriteLine("================ 山西省乡村e镇培育管理平台 ================");
    foreach (var a in addresses) System.Console.WriteLine($"  访问地址: {a}");
    System.Console.WriteLine($"  数据库:   {db.Describe()}");
    if (demo)
    {
        System.Console.WriteLine($"  演示账户（密码均为 {DemoData.Password}）:");
        foreach (var a in DemoData.Accounts)
            System.Console.WriteLine($"    {a.UserName,-12} {a.Role,-10} {a.DisplayName}" + (a.TotpKey is null ? "" : $"  [双因素密钥 {a.TotpKey}]"));
        System.Console.WriteLine("  管理员账户须输入动态口令：把上面的双因素密钥加入任一身份验证器（TOTP, 30 秒, 6 位）。");
    }
    System.Console.WriteLine("============================================================");
}

public partial class Program;
