using ETown.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ETown.Tests.E2E.Pages;

/// <summary>Page object for /account/login and the two-factor step.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string userName, string password, string? totpKey = null)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        if (totpKey is not null)
        {
            await WaitForUrlAsync(page, u => u.Contains("/account/login-2fa", StringComparison.Ordinal));
            await page.FillAsync("#code", await FreshCodeAsync(page, totpKey));
            await page.ClickAsync("[data-testid=code-submit]");
        }
        await WaitForUrlAsync(page, url => !url.Contains("/account/", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
    }

    static readonly Dictionary<string, long> LastTotpStep = [];

    /// <summary>
    /// A TOTP code the app behind this page has not accepted yet for the key: codes are single-use (issue #17 finding 6),
    /// so a second sign-in of the same account in the same 30 s step (two tests of one collection) needs the next step —
    /// the current step or the next one (the server accepts ±2), waiting when both are spent. Like
    /// <c>EtownAppFactory.NextCodeAsync</c>, per app (host and port).
    /// </summary>
    public static async Task<string> FreshCodeAsync(IPage page, string totpKey)
    {
        var scope = new Uri(page.Url).Authority + "|" + totpKey;
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            lock (LastTotpStep)
            {
                var step = Math.Max(now, LastTotpStep.GetValueOrDefault(scope, long.MinValue) + 1);
                if (step <= now + 1) { LastTotpStep[scope] = step; return TotpCode.Compute(totpKey, DateTimeOffset.FromUnixTimeSeconds(step * 30)); }
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>
    /// Runs a wait; when it times out, fails with what the page shows (an error alert, Blazor's reconnect or error UI)
    /// so a CI failure says why instead of only "Timeout exceeded".
    /// </summary>
    public static async Task ExplainTimeoutAsync(IPage page, Func<Task> wait)
    {
        try { await wait(); }
        catch (TimeoutException e)
        {
            string shown;
            try
            {
                shown = await page.EvaluateAsync<string>(
                    "() => [...document.querySelectorAll('.alert, #blazor-error-ui, #components-reconnect-modal, .components-reconnect-show')]" +
                    ".map(x => (x.id || x.className) + ': ' + (x.innerText || '').trim()).join(' | ') + ' || body: ' + (document.body?.innerText || '').slice(0, 1500)");
            }
            catch (PlaywrightException pe) { shown = "(page not readable: " + pe.Message + ")"; }
            throw new TimeoutException($"{e.Message}\nURL: {page.Url}\nThe page shows: {shown}", e);
        }
    }

    /// <summary>
    /// Waits until the page's URL matches, by polling it. Playwright's WaitForURLAsync waits for a navigation event and
    /// misses one that Blazor's client-side NavigateTo (pushState) fires between its URL check and its subscription:
    /// CI saw the page already at the new URL while the wait timed out.
    /// </summary>
    public static Task WaitForUrlAsync(IPage page, Func<string, bool> matches, int timeoutMs = 30_000) =>
        ExplainTimeoutAsync(page, async () =>
        {
            var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (!matches(page.Url))
            {
                if (DateTime.UtcNow > until) throw new TimeoutException($"Timeout {timeoutMs} ms exceeded waiting for the URL to change from {page.Url}.");
                await Task.Delay(100);
            }
        });

    /// <summary>Clicks before the Blazor circuit connects do nothing (stack.md): wait for the marker.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=interactive-ready-yes]", new() { State = WaitForSelectorState.Attached });
}
