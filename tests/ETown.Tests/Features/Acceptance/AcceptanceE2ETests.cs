using ETown.Tests.E2E;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.Features.Acceptance;

/// <summary>
/// The acceptance in a real browser: the operator applies and uploads its materials (ACC-01/04), the county checks and
/// fixes the team (ACC-02), accepts with the checklist (ACC-03/06) and publishes the result (ACC-07).
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class AcceptanceE2ETests(BrowserAppFixture app)
{
    static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    [Trait("Rule", "ACC-01")]
    [Trait("Rule", "ACC-02")]
    [Trait("Rule", "ACC-07")]
    public async Task Operator_Applies_County_ChecksAcceptsAndPublishes()
    {
        var title = "E2E 第二阶段验收 " + Guid.NewGuid().ToString("N")[..4];
        var op = await app.NewPageAsync();
        await new LoginPage(op).SignInAsync("operator", "Etown@2026");
        await op.GotoAsync("/acceptance");
        await op.ClickAsync("[data-testid=acceptance-list] a:has-text('长治市潞城区乡村e镇') >> nth=0");
        await Assertions.Expect(op.Locator("[data-testid=apply-form]")).ToBeVisibleAsync();
        await LoginPage.WaitInteractiveAsync(op);
        await op.FillAsync("[data-testid=apply-title]", title);
        await op.SelectOptionAsync("[data-testid=apply-scope]", "Stage");
        // ACC-05: the application names its contract (the demo contract whose first stage was accepted at 60 %).
        var contract = await op.Locator("[data-testid=apply-contract] option:has-text('已验收 60%')").First.GetAttributeAsync("value");
        await op.SelectOptionAsync("[data-testid=apply-contract]", contract!);
        await op.FillAsync("[data-testid=apply-progress]", "70");
        await op.Locator("[data-testid=apply-progress]").BlurAsync();
        await op.ClickAsync("[data-testid=apply-submit]");
        await Assertions.Expect(op.Locator("[data-testid=status]")).ToHaveTextAsync("已申请，待初审");
        await Assertions.Expect(op.Locator("[data-testid=deadline]")).ToContainTextAsync("剩 15 个工作日");
        var url = op.Url;
        await LoginPage.WaitInteractiveAsync(op);
        foreach (var kind in new[] { "Accounting", "Schedule", "Evidence", "Results" })
        {
            await op.SelectOptionAsync("[data-testid=material-kind]", kind);
            await op.Locator("input[type=file][data-testid=material-file]").SetInputFilesAsync(new FilePayload { Name = kind + ".pdf", MimeType = "application/pdf", Buffer = Pdf });
            await Assertions.Expect(op.Locator("[data-testid=materials] a:has-text('" + kind + ".pdf')")).ToBeVisibleAsync();
        }

        var county = await app.NewPageAsync();
        await new LoginPage(county).SignInAsync("lucheng", "Etown@2026");
        await county.GotoAsync(url);
        await LoginPage.WaitInteractiveAsync(county);
        await Assertions.Expect(county.Locator("[data-testid=conditions]")).ToContainTextAsync("✔ 验收材料齐全");
        await county.FillAsync("[data-testid=team-members]", "区商务局、区财政局、区乡村振兴局");
        await county.FillAsync("[data-testid=team-place]", "潞城区乡村e镇公共服务中心");
        await county.Locator("[data-testid=team-place]").BlurAsync();
        await county.ClickAsync("[data-testid=precheck-submit]");
        await Assertions.Expect(county.Locator("[data-testid=status]")).ToHaveTextAsync("验收中");
        await Assertions.Expect(county.Locator("[data-testid=team]")).ToContainTextAsync("区财政局");

        var results = county.Locator("[data-testid=line-result]");
        await Assertions.Expect(results.First).ToBeVisibleAsync();
        for (var i = 0; i < await results.CountAsync(); i++) await results.Nth(i).SelectOptionAsync("Met");
        await county.FillAsync("[data-testid=review-progress]", "70");
        await county.Locator("[data-testid=review-progress]").BlurAsync();
        await county.ClickAsync("[data-testid=review-submit]");
        await Assertions.Expect(county.Locator("[data-testid=status]")).ToHaveTextAsync("验收合格");
        await Assertions.Expect(county.Locator("[data-testid=conclusion]")).ToContainTextAsync("验收结论：合格。确认累计完成合同进度 70%");

        await county.ClickAsync("[data-testid=notice-submit]");
        await Assertions.Expect(county.Locator("[data-testid=notice]")).ToContainTextAsync("（5 个工作日）");
        await Assertions.Expect(county.Locator("[data-testid=notice]")).ToContainTextAsync("公示中");
    }
}
