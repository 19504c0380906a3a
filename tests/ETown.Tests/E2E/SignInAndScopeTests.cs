using ETown.Tests.Infrastructure;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>Issue #2 §11: browser tests in Debian Chromium against the running app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInAndScopeTests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";

    [Fact]
    public async Task CountyUser_SignsIn_AndSeesOnlyItsOwnEtown()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("lucheng", Password);

        await page.GotoAsync("/etowns");
        await LoginPage.WaitInteractiveAsync(page);
        var rows = page.Locator("[data-testid=etown-table] tr.etown-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("长治市潞城区乡村e镇");
        await Assertions.Expect(page.Locator("[data-testid=etown-table]")).Not.ToContainTextAsync("岢岚");

        // A sibling county's e-town is not found, even by its id (scope, issue #2 §5).
        var kelanId = await AnonymousIdOfAsync(page, "岢岚县乡村e镇");
        var response = await page.GotoAsync($"/etowns/{kelanId}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("岚漪大道");
    }

    [Fact]
    public async Task CountyUser_CreatesEtown_ThroughTheForm_AndFindsItInTheList()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("kelan", Password);
        await page.GotoAsync("/etowns/new");
        await LoginPage.WaitInteractiveAsync(page);
        await page.FillAsync("#name", "岢岚县测试e镇");
        await page.FillAsync("#area", "0.4");
        await page.Locator("#boundary").FillAsync("东至甲，南至乙，西至丙，北至丁");
        // Below 0.5 km² the DECL-06 warning shows while typing; saving is still allowed (registry, not eligibility).
        await page.Locator("#products").FillAsync("沙棘");
        await Assertions.Expect(page.Locator(".alert-warning")).ToContainTextAsync("DECL-06");
        await page.ClickAsync("[data-testid=save]");
        await Assertions.Expect(page.Locator("[data-testid=etown-name]")).ToHaveTextAsync("岢岚县测试e镇");

        await page.GotoAsync("/etowns");
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=etown-table] tr.etown-row")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Admin_CompletesTwoFactor_AndLandsOnTheWorkbench()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "sysadmin");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("/account/login-2fa", StringComparison.Ordinal));

        // A wrong code is refused with a message.
        await page.FillAsync("#code", "000000" == TotpCode.Compute(ETown.Web.Platform.Data.Seeding.DemoData.SysAdminKey) ? "111111" : "000000");
        await page.ClickAsync("[data-testid=code-submit]");
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("动态口令错误");

        await page.FillAsync("#code", await LoginPage.FreshCodeAsync(page, ETown.Web.Platform.Data.Seeding.DemoData.SysAdminKey));
        await page.ClickAsync("[data-testid=code-submit]");
        await LoginPage.WaitForUrlAsync(page, url => !url.Contains("/account/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToContainTextAsync("平台系统管理员");
        // 三权分立: the system administrator has no audit log menu.
        await Assertions.Expect(page.Locator("a[href='/audit/log']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AuditAdmin_VerifiesTheChain_InThePage()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("auditadmin", Password, ETown.Web.Platform.Data.Seeding.DemoData.AuditAdminKey);
        await page.GotoAsync("/audit/log");
        await LoginPage.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-testid=verify]");
        await Assertions.Expect(page.Locator("[data-testid=verification]")).ToContainTextAsync("审计链完整");
    }

    [Fact]
    public async Task AtPhoneWidth_TheListFitsTheScreen()
    {
        var page = await app.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync("changzhi", Password);
        await page.GotoAsync("/etowns");
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=etown-table] tr.etown-row")).ToHaveCountAsync(1); // 长治: only 潞城
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "page scrolls sideways at phone width");
    }

    [Fact]
    public async Task Anonymous_SeesOnlyPublishedEtowns_OnThePublicColumn()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/public/etowns");
        var table = page.Locator("[data-testid=public-etowns]");
        await Assertions.Expect(table).ToContainTextAsync("长治市潞城区乡村e镇");
        await Assertions.Expect(table).Not.ToContainTextAsync("山阴县古城乡村e镇"); // not published in the demo data
        var response = await page.GotoAsync("/etowns");
        Assert.Contains("/account/login", page.Url);
        Assert.NotNull(response);
    }

    async Task<string> AnonymousIdOfAsync(IPage page, string name)
    {
        var response = await page.APIRequest.GetAsync("/api/v1/etowns?pageSize=200", new() { Headers = new Dictionary<string, string> { ["Cookie"] = "" } });
        var json = await response.JsonAsync();
        foreach (var item in json!.Value.GetProperty("items").EnumerateArray())
            if (item.GetProperty("name").GetString() == name) return item.GetProperty("id").GetString()!;
        throw new InvalidOperationException($"{name} not found in the public list");
    }
}
