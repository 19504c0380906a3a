using ETown.Web.Platform.Auth;

namespace ETown.Web.Platform.Http;

/// <summary>
/// Request-level defences of issue #17 (等保 2.0 8.1.4.4 入侵防范, 8.1.3.? 通信传输):
/// <list type="bullet">
/// <item>Same-origin check (finding 4): an unsafe API call (POST/PUT/PATCH/DELETE under /api) that a browser
/// marks cross-site — <c>Sec-Fetch-Site</c> other than same-origin/none, or an <c>Origin</c> other than this
/// host — is refused with 403 before authentication matters. Browsers always send <c>Origin</c> on
/// cross-origin POST/PUT/DELETE (and Sec-Fetch-Site since 2020–2023), so a forged request from another
/// site, port or subdomain never passes; scripts and the tests' HttpClient send neither and pass. Requests
/// carrying <c>X-Api-Key</c> are token-only (the cookie is ignored for them) and are not checked.</item>
/// <item>Response headers (finding 8): a full CSP, nosniff, Referrer-Policy, frame denial, HSTS when the
/// request arrived over HTTPS (directly or as <c>X-Forwarded-Proto: https</c> from the proxy).</item>
/// </list>
/// </summary>
public sealed class SecurityMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var req = http.Request;
        AddHeaders(http);
        if (IsUnsafe(req.Method) && req.Path.StartsWithSegments("/api") && !req.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)
            && CrossSite(req) is { } why)
        {
            http.Response.StatusCode = 403;
            await Results.Problem(statusCode: 403, title: "跨站请求被拒绝",
                detail: $"该请求来自其他站点（{why}），为防止跨站请求伪造已拒绝。请在本平台页面内操作，机器客户端请使用接口密钥。",
                extensions: new Dictionary<string, object?> { ["code"] = AuthErrors.CrossSiteRequest }).ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Why the request is cross-site, or null when it is same-origin or carries no browser marker.</summary>
    public static string? CrossSite(HttpRequest req)
    {
        var site = req.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return "Sec-Fetch-Site: " + site;
        var origin = req.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        var own = $"{req.Scheme}://{req.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : "Origin: " + origin;
    }

    static void AddHeaders(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            var host = http.Request.Host.Value;
            h["X-Content-Type-Options"] = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["X-Frame-Options"] = "DENY";
            // No inline script anywhere (App.razor loads files only); inline style attributes are used by the component library.
            // The API reference page (issue #15 item 4) has one inline start-up script, allowed by its per-request nonce only.
            var scripts = ApiReference.NonceFor(http) is { } nonce ? $"'self' 'nonce-{nonce}'" : "'self'";
            h.ContentSecurityPolicy = $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                + $"font-src 'self' data:; connect-src 'self' wss://{host} ws://{host}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            if (http.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000";
            h.Remove("Server");
            return Task.CompletedTask;
        });
    }
}
