using ETown.Tests.E2E;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.Features.Acceptance;

/// <summary>
/// EVAL-01 in a browser: the province derives a draft of the evaluation indicator sheet, a draft whose weights do not
/// add up to 100 is refused with the reason, and the corrected draft is saved; the sheet in force stays as it was.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class EvaluationSheetE2ETests(BrowserAppFixture app)
{
    [Fact]
    [Trait("Rule", "EVAL-01")]
    public async Task Province_DerivesADraft_WeightsMustAddUpTo100()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("province", "Etown@2026");
        await page.GotoAsync("/acceptance/evaluations/2024");
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=ranking] tr.ranking-row")).ToHaveCountAsync(7); // the demo's 2024 ranking
        await page.ClickAsync("[data-testid=sheets-link]");
        await LoginPage.WaitForUrlAsync(page, u => u.EndsWith("/acceptance/evaluation-sheets", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);

        var inForce = page.Locator("[data-testid=sheet-row]").Filter(new() { HasText = "在用" }).First;
        var code = await inForce.GetAttributeAsync("data-code");
        await page.ClickAsync($"[data-testid=select-{code}]");
        var draft = "E2E-EVAL-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await page.FillAsync("[data-testid=derive-code]", draft);
        await page.FillAsync("[data-testid=derive-name]", "浏览器测试指标表");
        await page.ClickAsync("[data-testid=derive-sheet]");
        await Assertions.Expect(page.Locator($"[data-testid=sheet-row][data-code={draft}]")).ToContainTextAsync("草稿");
        await Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("已派生新草稿");
        await Assertions.Expect(page.Locator("[data-testid=weight-total]")).ToHaveTextAsync("100");

        // One point off: refused with the reason, nothing saved.
        var weight = page.Locator("[data-testid=ind-weight-0]");
        var w = decimal.Parse(await weight.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await weight.FillAsync((w - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await weight.DispatchEventAsync("change");
        await page.ClickAsync("[data-testid=save-sheet]");
        await Assertions.Expect(page.Locator(".alert-danger").First).ToContainTextAsync("权重之和应为 100");

        // Moved to another indicator: saved.
        var other = page.Locator("[data-testid=ind-weight-1]");
        var o = decimal.Parse(await other.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await other.FillAsync((o + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await other.DispatchEventAsync("change");
        await page.ClickAsync("[data-testid=save-sheet]");
        await Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("已保存");
        await Assertions.Expect(page.Locator($"[data-testid=sheet-row][data-code={code}]")).ToContainTextAsync("在用");
    }
}
