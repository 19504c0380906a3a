using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 item 1 in a browser: the operator's 工作台 lists what it owes with deadlines, the menu carries the count, an item
/// is done from the desk (the oldest owed monthly report is filled and submitted) and moves from 待办 to 已办.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class WorkDeskE2ETests(BrowserAppFixture app)
{
    const string Lucheng = "长治市潞城区乡村e镇";

    [Fact]
    [Trait("Rule", "STAT-02")]
    public async Task OperatorCompletesAReportFromTheDesk_ItMovesToDone_AndTheMenuCountsIt()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("operator", "Etown@2026");
        await page.GotoAsync("/");
        await LoginPage.WaitInteractiveAsync(page);

        var todo = page.Locator("[data-testid=todo-list] tr.list-row");
        await Assertions.Expect(todo.First).ToBeVisibleAsync();
        var count = int.Parse(await page.Locator("[data-testid=todo-count]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(count, await todo.CountAsync());
        // 首页 on the menu shows the same number; the statistics entries carry theirs.
        await Assertions.Expect(page.Locator(".menu [data-testid=menu-badge]").First).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The oldest owed monthly report of 潞城 (overdue first, then by deadline; not the annual one): it has a deadline on the desk.
        var row = todo.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"填报并报送\d{4}年\d{1,2}月统计报表") })
            .Filter(new() { HasText = Lucheng }).First;
        await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync("年");
        var link = await row.Locator("a").GetAttributeAsync("href");
        Assert.NotNull(link);
        await row.Locator("a").ClickAsync();
        await LoginPage.WaitForUrlAsync(page, u => u.EndsWith(link!, StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);

        var report = new StatisticsReportPage(page);
        await report.EnterAsync("市场主体总数", 112);
        await report.EnterAsync("新增市场主体", 3);
        await report.EnterAsync("其中：新增从事电商的市场主体", 2);
        await report.EnterAsync("电商企业数", 56);
        await report.EnterAsync("网络零售额（当月）", 300);
        await report.EnterAsync("吸纳就业人数", 360);
        await report.ClickAsync("保存", "已保存");
        await report.ClickAsync("报送", "已报送");

        // Back on the desk: no longer owed, listed under 已办.
        await page.GotoAsync("/");
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator($"[data-testid=todo-list] a[href='{link}']")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=tab-done]");
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("tab=done", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator($"[data-testid=done-list] a[href='{link}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=done-list] tr.list-row").Filter(new() { Has = page.Locator($"a[href='{link}']") }))
            .ToContainTextAsync("填报并报送");
    }
}
