using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// Issue #10 in the browser: the operator of 潞城 requests a payment, sees an over-limit request refused with its
/// reason, the county e镇办 reviews with its opinion, county finance (another person) approves, and the payment is recorded.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class FundsPaymentE2ETests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";

    static byte[] Pdf(string text) => System.Text.Encoding.UTF8.GetBytes("%PDF-1.4\n% " + text + "\n%%EOF\n");

    /// <summary>A second 潞城 county user (finance), created by the system administrator through the API (in the browser's session).</summary>
    async Task EnsureFinanceUserAsync()
    {
        var page = await app.NewPageAsync();
        var key = ETown.Web.Platform.Data.Seeding.DemoData.Accounts.Single(a => a.UserName == "sysadmin").TotpKey;
        await new LoginPage(page).SignInAsync("sysadmin", Password, key);
        var api = page.Context.APIRequest;
        var list = await api.GetAsync("/api/v1/users");
        Assert.True(list.Ok, $"{list.Status} {await list.TextAsync()}");
        var users = System.Text.Json.JsonDocument.Parse(await list.TextAsync()).RootElement;
        if (users.EnumerateArray().Any(u => u.GetProperty("userName").GetString() == "luchengcz")) return;
        var org = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "lucheng").GetProperty("organisationId").GetGuid();
        var created = await api.PostAsync("/api/v1/users", new() { DataObject = new { userName = "luchengcz", displayName = "潞城区财政局 审批人", organisationId = org, password = Password, isActive = true } });
        Assert.True(created.Ok, $"{created.Status} {await created.TextAsync()}");
        var id = System.Text.Json.JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("id").GetGuid();
        var roles = await api.PutAsync($"/api/v1/users/{id}/roles", new() { DataObject = new { roles = new[] { "县级业务管理员" } } });
        Assert.True(roles.Ok, $"{roles.Status} {await roles.TextAsync()}");
        await page.Context.CloseAsync();
    }

    static async Task<IPage> OpenLuchengFundsAsync(IPage page, string user)
    {
        await new LoginPage(page).SignInAsync(user, Password);
        await page.GotoAsync("/funds");
        await LoginPage.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=funds-rollup] a", new() { HasText = "长治市潞城区乡村e镇" }).ClickAsync();
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("/funds/etowns/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);
        if (await page.Locator("[data-testid=etown-name]").CountAsync() == 0)
        {
            await Task.Delay(3000);
            var text = await page.Locator("body").InnerTextAsync();
            Assert.True(await page.Locator("[data-testid=etown-name]").CountAsync() > 0, $"{page.Url}: {text[..Math.Min(text.Length, 1500)]}");
        }
        await Assertions.Expect(page.Locator("[data-testid=etown-name]")).ToHaveTextAsync("长治市潞城区乡村e镇");
        return page;
    }

    [Fact]
    [Trait("Rule", "FUND-04")]
    [Trait("Rule", "FUND-07")]
    public async Task Operator_Requests_County_Reviews_Finance_Approves_Payment_Recorded_AndOverLimitIsRefused()
    {
        await EnsureFinanceUserAsync();

        // The operator asks for start-up funds on LC-2022-002 (300 万元): 90.01 is above 30 %, refused with the reason.
        var op = await OpenLuchengFundsAsync(await app.NewPageAsync(), "operator");
        var form = op.Locator("[data-testid=request-form]");
        await form.Locator("[data-testid=rq-contract]").SelectOptionAsync(new SelectOptionValue { Label = "LC-2022-002 潞城区农产品品牌建设与网络营销" });
        await form.Locator("[data-testid=rq-kind]").SelectOptionAsync("StartUp");
        // FUND-07: the materials are real files; a file that is not what its name says is refused.
        await op.Locator("[data-testid=material-Invoice]").SetInputFilesAsync(new FilePayload { Name = "发票.pdf", MimeType = "application/pdf", Buffer = "not a pdf"u8.ToArray() });
        await Assertions.Expect(op.Locator("[data-testid=error]")).ToContainTextAsync("ETOWN-FILE-0005");
        await Assertions.Expect(op.Locator("[data-testid=uploaded-Invoice]")).ToHaveCountAsync(0);
        foreach (var (kind, name) in new[] { ("ApplicationForm", "资金申请表.pdf"), ("Contract", "合同.pdf") })
        {
            await op.Locator($"[data-testid=material-{kind}]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Pdf(name) });
            await Assertions.Expect(op.Locator($"[data-testid=uploaded-{kind}]")).ToContainTextAsync(name);
        }
        await op.FillAsync("[data-testid=rq-amount]", "90.01");
        await op.Locator("[data-testid=rq-amount]").BlurAsync();
        await op.ClickAsync("[data-testid=rq-submit]");
        var error = op.Locator("[data-testid=error]");
        await Assertions.Expect(error).ToContainTextAsync("首笔启动资金不得超过合同金额的 30%，即 90.00 万元");
        await Assertions.Expect(error).ToContainTextAsync("ETOWN-FUND-0301");

        // Within the limit it is accepted (the uploaded files are kept after a refusal).
        await op.FillAsync("[data-testid=rq-amount]", "90");
        await op.Locator("[data-testid=rq-amount]").BlurAsync();
        await op.ClickAsync("[data-testid=rq-submit]");
        await Assertions.Expect(op.Locator("[data-testid=success]")).ToContainTextAsync("拨付申请已提交");
        var row = op.Locator("tr.payment-row", new() { HasText = "LC-2022-002" });
        await Assertions.Expect(row.Locator("[data-testid=payment-status]")).ToHaveTextAsync("待审核");
        await Assertions.Expect(row.Locator("[data-testid=material-file]")).ToHaveCountAsync(2);
        // The demo's refused progress request shows the reason too.
        await Assertions.Expect(op.Locator("[data-testid=payments]")).ToContainTextAsync("ETOWN-FUND-0303");

        // The county e镇办 reviews with its opinion.
        var county = await OpenLuchengFundsAsync(await app.NewPageAsync(), "lucheng");
        var crow = county.Locator("tr.payment-row", new() { HasText = "LC-2022-002" });
        // The reviewer opens the uploaded contract: the same bytes come back.
        var href = await crow.Locator("[data-testid=material-file]", new() { HasText = "合同" }).GetAttributeAsync("href");
        var download = await county.Context.APIRequest.GetAsync(href!);
        Assert.True(download.Ok, $"{download.Status}");
        Assert.Equal(Pdf("合同.pdf"), await download.BodyAsync());
        await crow.Locator("[data-testid=review-opinion]").FillAsync("合同已签订，材料齐全，同意按 30% 拨付启动资金。");
        await crow.Locator("[data-testid=review-opinion]").BlurAsync();
        await crow.Locator("[data-testid=review-agree]").ClickAsync();
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync("已出具同意拨付的意见");
        await Assertions.Expect(crow.Locator("[data-testid=payment-status]")).ToHaveTextAsync("待财政审批");
        // The reviewer is not offered the approval (and the service would refuse it).
        await Assertions.Expect(crow.Locator("[data-testid=approve]")).ToHaveCountAsync(1);
        await crow.Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(county.Locator("[data-testid=error]")).ToContainTextAsync("审核与财政审批须由不同人员办理");

        // County finance approves and records the payment.
        var finance = await OpenLuchengFundsAsync(await app.NewPageAsync(), "luchengcz");
        var frow = finance.Locator("tr.payment-row", new() { HasText = "LC-2022-002" });
        await frow.Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(frow.Locator("[data-testid=payment-status]")).ToHaveTextAsync("待拨付");
        await frow.Locator("[data-testid=voucher]").FillAsync("LC-PZ-E2E-0001");
        await frow.Locator("[data-testid=voucher]").BlurAsync();
        await frow.Locator("[data-testid=record]").ClickAsync();
        await Assertions.Expect(finance.Locator("[data-testid=success]")).ToContainTextAsync("拨付已登记");
        await Assertions.Expect(frow.Locator("[data-testid=payment-status]")).ToHaveTextAsync("已拨付");
        await Assertions.Expect(frow).ToContainTextAsync("凭证 LC-PZ-E2E-0001");
        // 潞城: 180 start-up + 180 progress on the 60 % stage (demo) + 90 paid.
        await Assertions.Expect(finance.Locator("[data-testid=sum-paid]")).ToHaveTextAsync("450.00");
    }
}
