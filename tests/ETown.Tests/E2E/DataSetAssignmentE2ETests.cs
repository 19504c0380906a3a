using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>STAT-02 data set assignment in the browser: the province takes an e-town off the annual report and back.</summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class DataSetAssignmentE2ETests(BrowserAppFixture app)
{
    [Fact]
    [Trait("Rule", "STAT-02")]
    public async Task Province_UnassignsAndReassignsTheAnnualReport_TheLastOneCannotBeRemoved()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("province", "Etown@2026");
        await page.GotoAsync("/statistics");
        await LoginPage.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-testid=assignments-link]");
        await LoginPage.WaitForUrlAsync(page, u => u.EndsWith("/statistics/data-sets", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);

        await page.FillAsync("[data-testid=search]", "怀仁");
        var row = page.Locator("[data-testid=assignments] tr.assignment-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=assign-annual]")).ToBeCheckedAsync();

        await row.Locator("[data-testid=assign-annual]").UncheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("已取消分配“乡村e镇年度统计报表”");
        await Assertions.Expect(row.Locator("[data-testid=assign-annual]")).Not.ToBeCheckedAsync();

        // Removing the last data set is refused with the reason, and the box shows the stored state again.
        await row.Locator("[data-testid=assign-monthly]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=error]")).ToContainTextAsync("至少应分配一个数据集");
        await Assertions.Expect(row.Locator("[data-testid=assign-monthly]")).ToBeCheckedAsync();

        await row.Locator("[data-testid=assign-annual]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("已分配“乡村e镇年度统计报表”");
        await page.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await page.FillAsync("[data-testid=search]", "怀仁");
        // Wait for the filter before a single-element assertion (a strict locator does not retry past 8 matches).
        await Assertions.Expect(page.Locator("[data-testid=assignments] tr.assignment-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=assignments] tr.assignment-row [data-testid=assign-annual]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-testid=assignments] tr.assignment-row [data-testid=assign-monthly]")).ToBeCheckedAsync();
    }

    [Fact]
    [Trait("Rule", "STAT-02")]
    public async Task County_SeesItsAssignments_ReadOnly()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("youyu", "Etown@2026");
        await page.GotoAsync("/statistics/data-sets");
        await LoginPage.WaitInteractiveAsync(page);
        var rows = page.Locator("[data-testid=assignments] tr.assignment-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("右玉县西口e镇");
        await Assertions.Expect(rows.First.Locator("[data-testid=assign-annual]")).ToBeDisabledAsync();
    }
}
