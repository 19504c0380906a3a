using ETown.Tests.E2E;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.Features.Disclosure;

/// <summary>
/// Issue #13 "Done when", on a phone-width screen: an anonymous visitor opens 潞城's public column, files a report and keeps
/// the code; the discipline user of 长治 — and not the county — reads it and answers it; the reporter reads the answer.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class DisclosureE2ETests(BrowserAppFixture app)
{
    static async Task SolveAsync(IPage page)
    {
        var q = (await page.Locator("[data-testid=challenge-question]").InnerTextAsync()).Split(' ');
        await page.FillAsync("[data-testid=challenge-answer]", (int.Parse(q[0]) + int.Parse(q[2])).ToString());
    }

    [Fact]
    [Trait("Rule", "DISC-01")]
    public async Task AnonymousReport_DisciplineAnswers_ReporterReadsWithTheCode_AtPhoneWidth()
    {
        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync("/public/etowns");
        await visitor.Locator("[data-testid=public-etowns] a", new() { HasText = "长治市潞城区乡村e镇" }).ClickAsync();
        await LoginPage.WaitForUrlAsync(visitor, u => u.Contains("/public/etowns/", StringComparison.Ordinal));
        await Assertions.Expect(visitor.Locator("[data-testid=public-column]")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("[data-testid=column-contracts]")).ToBeVisibleAsync();

        await visitor.ClickAsync("[data-testid=link-report]");
        await LoginPage.WaitForUrlAsync(visitor, u => u.EndsWith("/report", StringComparison.Ordinal));
        var subject = "E2E 举报 " + Guid.NewGuid().ToString("N")[..6];
        await visitor.FillAsync("[data-testid=report-subject]", subject);
        await visitor.FillAsync("[data-testid=report-text]", "E2E 反映直播基地设备采购价格明显偏高，请核查。");
        await SolveAsync(visitor);
        await visitor.ClickAsync("[data-testid=report-submit]");
        var code = (await visitor.Locator("[data-testid=tracking-code]").InnerTextAsync()).Trim();
        Assert.Equal(32, code.Count(char.IsAsciiHexDigit));

        // The county e镇办 has no way in.
        var county = await app.NewPageAsync(390, 844);
        await new LoginPage(county).SignInAsync("lucheng", "Etown@2026");
        await county.GotoAsync("/disclosure/reports");
        await Assertions.Expect(county.Locator("[data-testid=reports]")).ToHaveCountAsync(0);

        var discipline = await app.NewPageAsync(390, 844);
        await new LoginPage(discipline).SignInAsync("discipline", "Etown@2026");
        await discipline.GotoAsync("/disclosure/reports");
        await LoginPage.WaitInteractiveAsync(discipline);
        await discipline.Locator("tr.report-row a", new() { HasText = subject }).ClickAsync();
        await LoginPage.WaitForUrlAsync(discipline, u => u.Contains("/disclosure/reports/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(discipline);
        foreach (var (label, status) in new[] { ("受理", "已受理"), ("调查", "调查中") })
        {
            await discipline.ClickAsync("[data-testid=step]");
            await Assertions.Expect(discipline.Locator("[data-testid=case-status]")).ToHaveTextAsync(status);
        }
        await discipline.FillAsync("[data-testid=step-answer]", "E2E 经核查，采购价格符合市场行情，已答复。");
        await discipline.ClickAsync("[data-testid=step]");
        await Assertions.Expect(discipline.Locator("[data-testid=case-status]")).ToHaveTextAsync("已办结");

        await visitor.GotoAsync("/public/reports/track");
        await visitor.FillAsync("[data-testid=track-code]", code);
        await visitor.ClickAsync("[data-testid=track-submit]");
        await Assertions.Expect(visitor.Locator("[data-testid=track-status]")).ToHaveTextAsync("已办结");
        await Assertions.Expect(visitor.Locator("[data-testid=track-answer]")).ToContainTextAsync("E2E 经核查");
    }
}
