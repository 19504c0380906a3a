using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 item 7 "keyboard navigation works": signing in and filling the monthly statistics with the keyboard only — Tab to
/// move, typing, Enter to submit — with a visible focus on every stop used, and the "跳到主要内容" link as the first Tab
/// stop of the main layout.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardE2ETests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";

    /// <summary>Presses Tab until the focused element matches the selector (at most <paramref name="max"/> times).</summary>
    static async Task TabToAsync(IPage page, string selector, int max = 150)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement?.matches(s)", selector)) return;
        }
        var at = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? ''");
        Assert.Fail($"{selector} not reached with {max} Tabs; the focus is on {at}");
    }

    /// <summary>The focused element shows its focus: an outline or a box shadow (Bootstrap's focus ring).</summary>
    static async Task AssertFocusVisibleAsync(IPage page)
    {
        await Task.Delay(300); // past Bootstrap's focus transition (.15 s)
        var style = await page.EvaluateAsync<string[]>(
            "() => { const e = document.activeElement, s = getComputedStyle(e); return [e.outerHTML.slice(0, 120), s.outlineStyle, s.outlineWidth, s.boxShadow]; }");
        var visible = (style[1] != "none" && style[2] != "0px") || style[3] != "none";
        Assert.True(visible, $"no visible focus on {style[0]} (outline {style[1]} {style[2]}, box-shadow {style[3]})");
    }

    [Fact]
    public async Task SignIn_AndStatisticsEntry_WithTheKeyboardOnly()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await TabToAsync(page, "#username", 10);
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.TypeAsync("operator");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.id === 'password'"), "Tab from the user name goes to the password");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await LoginPage.WaitForUrlAsync(page, u => !u.Contains("/account/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);

        // The skip link is the first Tab stop of the page (Blazor puts the focus on the page's h1 after a navigation, so it is
        // reached here with Shift+Tab) and Enter on it moves the focus to the main content.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].find(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0)?.matches('[data-testid=skip-link]') === true"),
            "the skip link is the first Tab stop");
        for (var i = 0; i < 100 && !await page.EvaluateAsync<bool>("() => document.activeElement?.matches('[data-testid=skip-link]') === true"); i++)
            await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.Locator("[data-testid=skip-link]")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-testid=skip-link]")).ToBeInViewportAsync();
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.id === 'main-content'"), "Enter on the skip link moves the focus to the main content");
        Assert.EndsWith("/", new Uri(page.Url).AbsolutePath); // it stays on the page

        // The monthly report: Tab to the first value, type it, Tab on to 保存 and press Enter.
        var list = new StatisticsListPage(page);
        await list.OpenAsync();
        await list.OpenReportAsync("长治市潞城区乡村e镇");
        await TabToAsync(page, "[data-testid=values] input[type=number]");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("121");
        await TabToAsync(page, "[data-testid=save]");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("已保存").First).ToBeVisibleAsync();

        await page.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=values] input[type=number]").First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^121(\.0+)?$"));
    }
}
