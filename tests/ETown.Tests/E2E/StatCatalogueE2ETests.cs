using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>STAT-01 catalogue in the browser: the province adds an indicator and a rule; the county's entry form shows it.</summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class StatCatalogueE2ETests(BrowserAppFixture app)
{
    [Fact]
    [Trait("Rule", "STAT-01")]
    public async Task Province_AddsAnIndicatorAndARule_TheCountyFormShowsTheNewLine()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("province", "Etown@2026");
        await page.GotoAsync("/statistics/catalogue");
        await LoginPage.WaitInteractiveAsync(page);

        // A bad code first: the message says what is wrong and the form stays open.
        await page.ClickAsync("[data-testid=new-indicator]");
        await page.FillAsync("[data-testid=i-code]", "Bad Code");
        await page.FillAsync("[data-testid=i-name]", "电商直播场次（当月）");
        await page.FillAsync("[data-testid=i-unit]", "场");
        await page.FillAsync("[data-testid=i-source]", "承办企业按月填报，县级e镇办审核");
        await page.ClickAsync("[data-testid=save-indicator]");
        await Assertions.Expect(page.Locator("[data-testid=error]")).ToContainTextAsync("指标代码应为");
        await page.FillAsync("[data-testid=i-code]", "e2e_live_streams");
        await page.ClickAsync("[data-testid=save-indicator]");
        await Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("e2e_live_streams");
        await Assertions.Expect(page.Locator("[data-testid=indicators] tr.indicator-row", new() { HasText = "e2e_live_streams" })).ToContainTextAsync("电商直播场次（当月）");

        await page.ClickAsync("[data-testid=new-rule]");
        await page.FillAsync("[data-testid=r-code]", "E2E-LIVE-LE-300");
        await page.SelectOptionAsync("[data-testid=r-left]", "e2e_live_streams");
        await page.SelectOptionAsync("[data-testid=r-op]", "<=");
        await page.FillAsync("[data-testid=r-right]", "300");
        await page.SelectOptionAsync("[data-testid=r-imp]", "Warning");
        await page.FillAsync("[data-testid=r-msg]", "直播场次超过每月 300 场，请在备注中说明。");
        await page.ClickAsync("[data-testid=save-rule]");
        await Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("E2E-LIVE-LE-300");
        await Assertions.Expect(page.Locator("[data-testid=rules] tr.rule-row", new() { HasText = "E2E-LIVE-LE-300" })).ToContainTextAsync("电商直播场次（当月） <= 300");

        // The county's entry form for a month has the new line.
        var county = await app.NewPageAsync();
        await new LoginPage(county).SignInAsync("lucheng", "Etown@2026");
        await county.GotoAsync("/statistics");
        await LoginPage.WaitInteractiveAsync(county);
        await county.Locator("[data-testid=reports] tr.list-row a").First.ClickAsync();
        await LoginPage.WaitForUrlAsync(county, u => System.Text.RegularExpressions.Regex.IsMatch(u, "/statistics/[^/]+/[^/]+$"));
        await LoginPage.WaitInteractiveAsync(county);
        await Assertions.Expect(county.Locator("[data-testid=values]")).ToContainTextAsync("电商直播场次（当月）");
    }
}
