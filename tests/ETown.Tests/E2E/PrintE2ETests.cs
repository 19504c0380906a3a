using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 item 6: the public column and an acceptance application print as documents — in print media the navigation,
/// buttons and forms are gone and the content stays; the print button calls the browser's print dialog.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class PrintE2ETests(BrowserAppFixture app)
{
    [Fact]
    public async Task PublicColumn_And_AcceptanceApplication_PrintWithoutNavigation()
    {
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/public/etowns");
        await visitor.Locator("[data-testid=public-etowns] a", new() { HasText = "长治市潞城区乡村e镇" }).ClickAsync();
        await LoginPage.WaitForUrlAsync(visitor, u => u.Contains("/public/etowns/", StringComparison.Ordinal));
        await Assertions.Expect(visitor.Locator("[data-testid=print]")).ToBeVisibleAsync();
        // The button opens the print dialog (window.print is replaced to observe the call).
        await visitor.EvaluateAsync("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");
        await visitor.ClickAsync("[data-testid=print]");
        Assert.Equal(1, await visitor.EvaluateAsync<int>("() => window.__printed"));

        await visitor.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(visitor.Locator(".etown-public-header")).ToBeHiddenAsync();
        await Assertions.Expect(visitor.Locator("[data-testid=print]")).ToBeHiddenAsync();
        await Assertions.Expect(visitor.Locator("[data-testid=public-column]")).ToBeVisibleAsync();

        var county = await app.NewPageAsync();
        await new LoginPage(county).SignInAsync("lucheng", "Etown@2026");
        await county.GotoAsync("/acceptance");
        await LoginPage.WaitInteractiveAsync(county);
        var link = county.Locator("a[href^='/acceptance/applications/']").First;
        await link.ClickAsync();
        await LoginPage.WaitForUrlAsync(county, u => u.Contains("/acceptance/applications/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(county);
        await Assertions.Expect(county.Locator("[data-testid=print]")).ToBeVisibleAsync();
        await Assertions.Expect(county.Locator(".layout-side").First).ToBeVisibleAsync();
        await county.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(county.Locator(".layout-side").First).ToBeHiddenAsync();
        await Assertions.Expect(county.Locator("[data-testid=print]")).ToBeHiddenAsync();
        await Assertions.Expect(county.Locator("[data-testid=etown-name]")).ToBeVisibleAsync();
    }
}
