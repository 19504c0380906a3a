using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>Issue #4 item 5 in the browser: the city accepts a whole month only when every county has approved.</summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class PeriodAcceptanceE2ETests(BrowserAppFixture app)
{
    static async Task OpenMonthAsync(IPage page, string user, string period)
    {
        await new LoginPage(page).SignInAsync(user, "Etown@2026");
        await page.GotoAsync("/statistics");
        await LoginPage.WaitInteractiveAsync(page);
        await page.FillAsync("[data-testid=period]", period);
        await page.Locator("[data-testid=period]").BlurAsync(); // @bind fires on change
        await Assertions.Expect(page.Locator("[data-testid=completeness]")).ToContainTextAsync("截止日期 2025-12-");
    }

    [Fact]
    [Trait("Rule", "STAT-05")]
    public async Task Shuozhou_WaitsForItsCounties_Changzhi_AcceptsTheMonthInOneClick_ThenTheProvinceForChangzhi()
    {
        // Demo 2025-11 in 朔州: 山阴 submitted, 应县 approved, 怀仁 draft, 右玉 not reported — the button stays off.
        var shuozhou = await app.NewPageAsync();
        await OpenMonthAsync(shuozhou, "shuozhou", "2025-11");
        var card = shuozhou.Locator("[data-testid=period-acceptance]");
        await Assertions.Expect(card).ToContainTextAsync("尚缺");
        await Assertions.Expect(card).ToContainTextAsync("右玉县西口e镇");
        await Assertions.Expect(shuozhou.Locator("[data-testid=accept-period]")).ToBeDisabledAsync();

        // 长治 2025-11: 潞城 is county-approved, so the whole month can be accepted.
        var changzhi = await app.NewPageAsync();
        await OpenMonthAsync(changzhi, "changzhi", "2025-11");
        await Assertions.Expect(changzhi.Locator("[data-testid=accept-period]")).ToHaveTextAsync("接收全部 1 份");
        await changzhi.ClickAsync("[data-testid=accept-period]");
        await Assertions.Expect(changzhi.Locator("[data-testid=success]")).ToContainTextAsync("市级已接收 1 份报表");
        await Assertions.Expect(changzhi.Locator("[data-testid=accept-period]")).ToHaveTextAsync("本期已全部接收");
        await Assertions.Expect(changzhi.Locator("[data-testid=reports]")).ToContainTextAsync("市级已接收");

        // The province: the whole province is not complete, 长治 alone is — it accepts 长治's month.
        var province = await app.NewPageAsync();
        await OpenMonthAsync(province, "province", "2025-11");
        await Assertions.Expect(province.Locator("[data-testid=accept-period]")).ToBeDisabledAsync();
        await province.SelectOptionAsync("[data-testid=accept-city]", "140400");
        await Assertions.Expect(province.Locator("[data-testid=accept-period]")).ToHaveTextAsync("接收全部 1 份");
        await province.ClickAsync("[data-testid=accept-period]");
        await Assertions.Expect(province.Locator("[data-testid=success]")).ToContainTextAsync("省级已接收 1 份报表");
    }
}
