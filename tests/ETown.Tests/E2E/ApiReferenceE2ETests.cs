using System.Net;
using ETown.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// Issue #15 item 4: the interactive API reference at /api/reference is served by the app itself (no CDN: the
/// platform runs on government networks) and keeps the strict CSP — its one inline script runs by nonce only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceE2ETests(BrowserAppFixture app)
{
    [Fact]
    public async Task Reference_RendersTheOperations_InAStrictCsp_WithoutLeavingTheSite()
    {
        var page = await app.NewPageAsync();
        var violations = new List<string>();
        var outside = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text); };
        page.Request += (_, r) => { if (!r.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) outside.Add(r.Url); };
        var response = await page.GotoAsync("/api/reference/v1");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.Contains("'nonce-", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        // The statistics API's group, rendered by the script from /openapi/v1.json.
        try { await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "统计监测" }).First).ToBeAttachedAsync(new() { Timeout = 30_000 }); }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"{e.Message}\nCSP violations: {string.Join(" | ", violations)}\nOutside requests: {string.Join(" | ", outside)}\nHTML: {(await page.ContentAsync())[..Math.Min(3000, (await page.ContentAsync()).Length)]}", e);
        }
        await Assertions.Expect(page.GetByText("Deploy .NET")).ToHaveCountAsync(0); // no vendor tools or promotion
        Assert.Empty(violations);
        Assert.Empty(outside);
    }

    [Fact]
    public async Task OtherPages_KeepScriptSrcSelf_WithoutANonce()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var r = await http.GetAsync("/account/login");
        var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("nonce", csp);
    }
}
