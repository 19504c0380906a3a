using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>STAT-02 reminders in the browser: a county sends them from the statistics page, reads them under "消息".</summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class StatisticsRemindersE2ETests(BrowserAppFixture app)
{
    [Fact]
    public async Task County_SendsReminders_SeesTheUnreadCountInTheTopBar_AndMarksThemRead()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("youyu", "Etown@2026");
        await page.GotoAsync("/statistics");
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=data-sets]")).ToContainTextAsync("乡村e镇年度统计报表");

        // The demo has no reports after 2025: the month before last is overdue on any day, so the run sends something.
        await page.ClickAsync("[data-testid=run-reminders]");
        await Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("逾期提醒");

        await page.ClickAsync("[data-testid=notification-bell]");
        await LoginPage.WaitForUrlAsync(page, u => u.EndsWith("/me/notifications", StringComparison.Ordinal));
        var badge = page.Locator("[data-testid=unread-count]");
        await Assertions.Expect(badge).ToBeVisibleAsync();
        var unread = int.Parse(await badge.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(unread > 0);
        await Assertions.Expect(page.Locator("[data-testid=unread]")).ToHaveTextAsync($"未读 {unread} 条");
        await Assertions.Expect(page.Locator("[data-testid=notification]").First).ToContainTextAsync("右玉县西口e镇");

        await page.Locator("[data-testid=mark-read]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=unread]")).ToHaveTextAsync($"未读 {unread - 1} 条");
        if (unread > 1)
        {
            await page.ClickAsync("[data-testid=mark-all]");
            await Assertions.Expect(page.Locator("[data-testid=unread]")).ToHaveTextAsync("未读 0 条");
        }

        // Back on another page the top bar has no unread badge any more; the link leads to the report.
        await page.Locator("[data-testid=notification] a").First.ClickAsync();
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("/statistics/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=etown-name]")).ToHaveTextAsync("右玉县西口e镇");
        await Assertions.Expect(page.Locator("[data-testid=unread-count]")).ToHaveCountAsync(0);
    }
}
