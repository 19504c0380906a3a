using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// Issue #10 forms in the browser: the county of 潞城 registers an operator (FUND-10) and a 购买服务 contract (FUND-02) —
/// a direct award is refused with the reason, a tendered one is saved — and files a delay request (FUND-09) that the
/// city sees and approves. Uses its own operator company and a 1 万元 contract, so the other funds tests' figures hold.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class FundsContractFormsE2ETests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";
    const string Town = "长治市潞城区乡村e镇";

    /// <summary>A new operator company of 潞城, created by the system administrator through the API (the county cannot create organisations).</summary>
    async Task<string> NewOperatorCompanyAsync(string suffix)
    {
        var page = await app.NewPageAsync();
        var key = ETown.Web.Platform.Data.Seeding.DemoData.Accounts.Single(a => a.UserName == "sysadmin").TotpKey;
        await new LoginPage(page).SignInAsync("sysadmin", Password, key);
        var name = $"潞城区电商服务测试公司{suffix}（演示）";
        var created = await page.Context.APIRequest.PostAsync("/api/v1/organisations", new() { DataObject = new { name, kind = "Operator", regionCode = "140406", isActive = true } });
        Assert.True(created.Ok, $"{created.Status} {await created.TextAsync()}");
        await page.Context.CloseAsync();
        return name;
    }

    static async Task FillAsync(IPage page, string testId, string value)
    {
        var box = page.Locator($"[data-testid={testId}]");
        await box.FillAsync(value);
        await box.BlurAsync();
    }

    static async Task SelectByTextAsync(ILocator select, string text)
    {
        var value = await select.Locator("option", new() { HasText = text }).First.GetAttributeAsync("value");
        await select.SelectOptionAsync(value!);
    }

    static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=etown-name]")).ToHaveTextAsync(Town);
    }

    [Fact]
    [Trait("Rule", "FUND-02")]
    [Trait("Rule", "FUND-09")]
    [Trait("Rule", "FUND-10")]
    public async Task County_RegistersOperator_And_ServicePurchaseContract_DirectRefused_TenderSaved_ChangeGoesToCity()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = await NewOperatorCompanyAsync(suffix);

        // The county opens its e-town's funds page and registers the operator with its five conditions.
        var county = await app.NewPageAsync();
        await new LoginPage(county).SignInAsync("lucheng", Password);
        await county.GotoAsync("/funds");
        await LoginPage.WaitInteractiveAsync(county);
        await county.Locator("[data-testid=funds-rollup] a", new() { HasText = Town }).ClickAsync();
        await LoginPage.WaitForUrlAsync(county, u => u.Contains("/funds/etowns/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(county);
        var fundsUrl = new Uri(county.Url).AbsolutePath;
        await county.Locator("[data-testid=operator-new]").ClickAsync();
        await LoginPage.WaitForUrlAsync(county, u => u.Contains("/operators/new", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(county);
        await Assertions.Expect(county.Locator("[data-testid=etown-name]")).ToHaveTextAsync(Town);
        await SelectByTextAsync(county.Locator("[data-testid=op-org]"), company);
        foreach (var box in new[] { "op-clear-ownership", "op-financial-system", "op-no-penalty", "op-licences", "op-commits" })
            await county.Locator($"[data-testid={box}]").CheckAsync();
        await FillAsync(county, "op-note", "营业执照、财务制度、信用查询记录及承诺书已核验");
        await county.Locator("[data-testid=op-selection]").SelectOptionAsync("Direct");
        await FillAsync(county, "op-docs", "直接委托书");
        await county.ClickAsync("[data-testid=op-submit]");
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync($"已登记承办主体“{company}”，资格条件齐备");

        // A 购买服务 contract: the direct award is refused with the reason and the code, nothing is saved.
        await OpenAsync(county, fundsUrl.TrimEnd('/') + "/contracts/new");
        var number = "E2E-SP-" + suffix;
        await FillAsync(county, "ct-number", number);
        await FillAsync(county, "ct-title", "农产品网络营销推广服务");
        await SelectByTextAsync(county.Locator("[data-testid=ct-operator]"), company);
        await county.Locator("[data-testid=ct-mode]").SelectOptionAsync("ServicePurchase");
        await county.Locator("[data-testid=ct-selection]").SelectOptionAsync("Direct");
        await FillAsync(county, "ct-amount", "1.00");
        await FillAsync(county, "scope-item", "12");
        await FillAsync(county, "scope-content", "网络营销推广");
        await FillAsync(county, "scope-amount", "1.00");
        await county.ClickAsync("[data-testid=milestone-add]");
        await FillAsync(county, "milestone-name", "阶段验收");
        await county.ClickAsync("[data-testid=ct-submit]");
        var error = county.Locator("[data-testid=error]");
        await Assertions.Expect(error).ToContainTextAsync("采取购买服务方式实施的项目，应通过政府采购的规范程序");
        await Assertions.Expect(error).ToContainTextAsync("ETOWN-FUND-0206");

        // Let by public tender (reviewed by a lawyer, FUND-16): saved.
        await county.Locator("[data-testid=ct-selection]").SelectOptionAsync("Tender");
        await county.Locator("[data-testid=ct-lawyer]").CheckAsync();
        await county.ClickAsync("[data-testid=ct-submit]");
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync($"合同 {number} 已登记（购买服务，公开招标，1.00 万元）");

        // The e-town's funds page shows the contract with its support mode.
        await OpenAsync(county, fundsUrl);
        var row = county.Locator("tr.contract-row", new() { HasText = number });
        await Assertions.Expect(row.Locator("[data-testid=contract-mode]")).ToHaveTextAsync("支持方式：购买服务 · 公开招标");

        // FUND-09: a written delay request, pending approval by the level above.
        await county.Locator("[data-testid=changes-link]").ClickAsync();
        await LoginPage.WaitForUrlAsync(county, u => u.Contains("/changes", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(county);
        await SelectByTextAsync(county.Locator("[data-testid=ch-contract]"), number);
        await county.Locator("[data-testid=ch-kind]").SelectOptionAsync("Delay");
        await FillAsync(county, "ch-reason", "平台供应商交付推迟，申请延期三个月。");
        await FillAsync(county, "ch-ends", "2030-12-31");
        await county.ClickAsync("[data-testid=ch-submit]");
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync("变更申请已提交");
        var pending = county.Locator("[data-testid=changes] tr.change-row", new() { HasText = number });
        await Assertions.Expect(pending.Locator("[data-testid=change-status]")).ToHaveTextAsync("待批准");
        await Assertions.Expect(pending.Locator("[data-testid=decision-approve]")).ToHaveCountAsync(0); // the county does not approve its own request

        // The city (长治) sees it for approval and approves it.
        var city = await app.NewPageAsync();
        await new LoginPage(city).SignInAsync("changzhi", Password);
        await OpenAsync(city, fundsUrl.TrimEnd('/') + "/changes");
        var toDecide = city.Locator("[data-testid=changes] tr.change-row", new() { HasText = number });
        await Assertions.Expect(toDecide.Locator("[data-testid=change-status]")).ToHaveTextAsync("待批准");
        await toDecide.Locator("[data-testid=decision-approve]").ClickAsync();
        await Assertions.Expect(city.Locator("[data-testid=success]")).ToContainTextAsync("已批准");
        await Assertions.Expect(toDecide.Locator("[data-testid=change-status]")).ToHaveTextAsync("已批准");
    }
}
