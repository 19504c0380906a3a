using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace ETown.Web.Platform.Http;

/// <summary>
/// The interactive API reference for machine clients (issue #15 item 4) at <see cref="Path"/>, over the generated
/// <c>/openapi/v1.json</c>. Everything is served by the app itself (no CDN, no web fonts, no telemetry): the platform
/// runs on government networks. Its one inline script carries a per-request nonce, so the strict CSP stays.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/reference";
    const string NonceKey = "etown.csp-nonce";

    /// <summary>The nonce of this request's page, when it is the reference page (see <see cref="SecurityMiddleware"/>).</summary>
    public static string? NonceFor(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments(Path)) return null;
        if (http.Items[NonceKey] is string existing) return existing;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, (options, http) => options
            .WithTitle("乡村e镇培育管理平台 · 接口参考")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithNonce(NonceFor(http) ?? "")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            // Machine clients sign with an organisation API key (X-Api-Key); people use the site's own sign-in.
            .AddApiKeyAuthentication("ApiKey", key => key.Name = "X-Api-Key")
            .AddPreferredSecuritySchemes("ApiKey"))
        .AllowAnonymous();
}
