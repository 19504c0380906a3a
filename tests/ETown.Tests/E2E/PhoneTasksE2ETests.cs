using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ETown.Tests.E2E;

/// <summary>
/// #15 item 7 "operator and inspector tasks … work at 390 px": on a 390×844 screen the operator enters and saves a
/// statistics value, the county inspector records an inspection and attaches a photo, the operator answers the
/// rectification notice, and the operator requests a payment — each completes, and no page is wider than the screen.
/// The forms are audited with axe on the way (<see cref="AccessibilityE2ETests"/>). The records are the test's own
/// (its inspection, its finding, its request on 潞城 in this collection's app).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneTasksE2ETests(BrowserAppFixture app, ITestOutputHelper output)
{
    const string Password = "Etown@2026";
    const int Width = 390;
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    static byte[] Pdf(string text) => System.Text.Encoding.UTF8.GetBytes("%PDF-1.4\n% " + text + "\n%%EOF\n");

    /// <summary>The page scrolls vertically only: wide tables scroll inside their own box.</summary>
    static async Task AssertFitsAsync(IPage page, string what)
    {
        if (await page.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth <= {Width} + 1")) return;
        // Name what sticks out, so a failure says where to look.
        var wide = await page.EvaluateAsync<string>($"() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {Width} + 1)" +
            ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.Fail($"{what} is wider than a {Width} px screen: {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px; {wide}");
    }

    [Fact]
    public async Task Operator_EntersAndSavesAStatisticsValue_AtPhoneWidth()
    {
        var page = await app.NewPageAsync(Width, 844);
        await new LoginPage(page).SignInAsync("operator", Password);
        await AccessibilityE2ETests.OpenAsync(page, "statistics-entry");
        var report = new StatisticsReportPage(page);
        var field = report.NumberFields.First;
        await field.FillAsync("118");
        await field.DispatchEventAsync("change");
        await report.ClickAsync("保存", "已保存");
        await AssertFitsAsync(page, "the statistics entry");

        await page.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(report.NumberFields.First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^118(\.0+)?$"));
    }

    [Fact]
    [Trait("Rule", "SUP-05")]
    public async Task Inspector_RecordsAnInspectionWithAPhoto_OperatorAnswersTheNotice_AtPhoneWidth()
    {
        var finding = "无障碍 E2E 展示牌缺失 " + Guid.NewGuid().ToString("N")[..6];
        var county = await app.NewPageAsync(Width, 844);
        await new LoginPage(county).SignInAsync("lucheng", Password);
        await AccessibilityE2ETests.OpenSupervisionAsync(county);
        await county.FillAsync("[data-testid=team]", "潞城区e镇办 无障碍检查组");
        await county.FillAsync("[data-testid=checked]", "手机现场检查：服务中心展示牌");
        await county.ClickAsync("[data-testid=add-finding]");
        await county.FillAsync("[data-testid=finding-text]", finding);
        await county.ClickAsync("[data-testid=save-inspection]");
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync("检查记录已保存");

        // The draft shows its photo upload: audited with the form, then a photo is attached from the phone.
        var draft = county.Locator("[data-testid=inspection]", new() { HasText = "无障碍检查组" });
        await AccessibilityE2ETests.AssertAccessibleAsync(county, "inspection-draft", output);
        await draft.Locator("[data-testid=photo]").SetInputFilesAsync(new FilePayload { Name = "site.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync("已上传");
        await Assertions.Expect(draft.Locator("a", new() { HasText = "site.png" })).ToBeVisibleAsync();
        await draft.Locator("[data-testid=sign]").ClickAsync();
        await Assertions.Expect(draft.Locator("[data-testid=inspection-status]")).ToHaveTextAsync("已签认");
        var problem = county.Locator("[data-testid=problem]", new() { HasText = finding });
        await problem.Locator("[data-testid=issue-notice]").ClickAsync();
        await Assertions.Expect(problem.Locator("[data-testid=problem-status]")).ToHaveTextAsync("整改中（首次通知）");
        await AssertFitsAsync(county, "the inspection page");

        var op = await app.NewPageAsync(Width, 844);
        await new LoginPage(op).SignInAsync("operator", Password);
        await op.GotoAsync(county.Url);
        await LoginPage.WaitInteractiveAsync(op);
        var answer = op.Locator("[data-testid=problem]", new() { HasText = finding });
        await Assertions.Expect(answer.Locator("[data-testid=response-text]")).ToBeVisibleAsync();
        await AccessibilityE2ETests.AssertAccessibleAsync(op, "rectification-answer", output);
        await answer.Locator("[data-testid=response-text]").FillAsync("已制作并悬挂展示牌");
        await answer.Locator("[data-testid=respond]").ClickAsync();
        await Assertions.Expect(answer.Locator("[data-testid=problem-status]")).ToHaveTextAsync("已答复待核查");
        await AssertFitsAsync(op, "the rectification answer");

        // The county verifies and closes it: an open rectification would hold back 潞城's payments (FUND-06), which
        // Operator_RequestsAPayment_AtPhoneWidth requests in the same app.
        await county.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(county);
        problem = county.Locator("[data-testid=problem]", new() { HasText = finding });
        await problem.Locator("[data-testid=verify-note]").FillAsync("现场核查已悬挂");
        await problem.Locator("[data-testid=verify-pass]").ClickAsync();
        await Assertions.Expect(problem.Locator("[data-testid=problem-status]")).ToHaveTextAsync("已销号");
    }

    [Fact]
    [Trait("Rule", "FUND-04")]
    public async Task Operator_RequestsAPayment_AtPhoneWidth()
    {
        var op = await app.NewPageAsync(Width, 844);
        await new LoginPage(op).SignInAsync("operator", Password);
        await AccessibilityE2ETests.OpenFundsAsync(op);
        var form = op.Locator("[data-testid=request-form]");
        await form.Locator("[data-testid=rq-contract]").SelectOptionAsync(new SelectOptionValue { Label = "LC-2022-002 潞城区农产品品牌建设与网络营销" });
        await form.Locator("[data-testid=rq-kind]").SelectOptionAsync("StartUp");
        foreach (var (kind, name) in new[] { ("ApplicationForm", "资金申请表.pdf"), ("Contract", "合同.pdf") })
        {
            await op.Locator($"[data-testid=material-{kind}]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Pdf(name) });
            await Assertions.Expect(op.Locator($"[data-testid=uploaded-{kind}]")).ToContainTextAsync(name);
        }
        await op.FillAsync("[data-testid=rq-amount]", "60");
        await op.Locator("[data-testid=rq-amount]").BlurAsync();
        await AssertFitsAsync(op, "the payment request form");
        await op.ClickAsync("[data-testid=rq-submit]");
        await Assertions.Expect(op.Locator("[data-testid=success]")).ToContainTextAsync("拨付申请已提交");
        var row = op.Locator("tr.payment-row", new() { HasText = "LC-2022-002" }).Filter(new() { HasText = "60.00" });
        await Assertions.Expect(row.Locator("[data-testid=payment-status]").First).ToHaveTextAsync("待审核");
        await AssertFitsAsync(op, "the funds page after the request");
    }
}
