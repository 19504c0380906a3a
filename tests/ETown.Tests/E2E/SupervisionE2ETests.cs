using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// Issue #11 "Done when", on a phone-width screen (390 px): the county records an inspection with a photo and a
/// finding, signs it, issues the rectification notice; the operator answers; the county verifies and closes it.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class SupervisionE2ETests(BrowserAppFixture app)
{
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Fact]
    [Trait("Rule", "SUP-05")]
    public async Task Inspection_Notice_Response_Verification_AtPhoneWidth()
    {
        var county = await app.NewPageAsync(390, 844);
        await new LoginPage(county).SignInAsync("lucheng", "Etown@2026");
        await county.GotoAsync("/supervision");
        await LoginPage.WaitInteractiveAsync(county);
        // The board's chart (#11 item 7) with its table view holding the same e-towns as the board.
        await Assertions.Expect(county.Locator("[data-testid=chart-supervision]")).ToBeVisibleAsync();
        await county.ClickAsync("[data-testid=view-table-supervision]");
        await Assertions.Expect(county.Locator("[data-testid=table-supervision]")).ToContainTextAsync("长治市潞城区乡村e镇");
        await county.Locator("[data-testid=board] a", new() { HasText = "长治市潞城区乡村e镇" }).ClickAsync();
        await LoginPage.WaitForUrlAsync(county, u => u.Contains("/supervision/etowns/", StringComparison.Ordinal));
        var url = county.Url;
        await LoginPage.WaitInteractiveAsync(county);

        await county.FillAsync("[data-testid=team]", "潞城区e镇办 E2E 检查组");
        await county.FillAsync("[data-testid=checked]", "E2E 对照培育方案查看直播基地");
        await county.ClickAsync("[data-testid=add-finding]");
        await county.FillAsync("[data-testid=finding-text]", "E2E 直播基地未挂牌");
        await county.ClickAsync("[data-testid=save-inspection]");
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync("检查记录已保存");
        var draft = county.Locator("[data-testid=inspection]", new() { HasText = "E2E 检查组" });
        await draft.Locator("[data-testid=photo]").SetInputFilesAsync(new FilePayload { Name = "site.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(county.Locator("[data-testid=success]")).ToContainTextAsync("已上传");
        await draft.Locator("[data-testid=sign]").ClickAsync();
        await Assertions.Expect(draft.Locator("[data-testid=inspection-status]")).ToHaveTextAsync("已签认");

        var problem = county.Locator("[data-testid=problem]", new() { HasText = "E2E 直播基地未挂牌" });
        await problem.Locator("[data-testid=issue-notice]").ClickAsync();
        await Assertions.Expect(problem.Locator("[data-testid=problem-status]")).ToHaveTextAsync("整改中（首次通知）");
        await Assertions.Expect(problem.Locator("[data-testid=notice-docx]")).ToBeVisibleAsync();

        var op = await app.NewPageAsync(390, 844);
        await new LoginPage(op).SignInAsync("operator", "Etown@2026");
        await op.GotoAsync(url);
        await LoginPage.WaitInteractiveAsync(op);
        var answer = op.Locator("[data-testid=problem]", new() { HasText = "E2E 直播基地未挂牌" });
        await answer.Locator("[data-testid=response-text]").FillAsync("已挂牌，附照片");
        await answer.Locator("[data-testid=respond]").ClickAsync();
        await Assertions.Expect(answer.Locator("[data-testid=problem-status]")).ToHaveTextAsync("已答复待核查");

        await county.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(county);
        problem = county.Locator("[data-testid=problem]", new() { HasText = "E2E 直播基地未挂牌" });
        await problem.Locator("[data-testid=verify-note]").FillAsync("现场核查已挂牌");
        await problem.Locator("[data-testid=verify-pass]").ClickAsync();
        await Assertions.Expect(problem.Locator("[data-testid=problem-status]")).ToHaveTextAsync("已销号");
    }
}
