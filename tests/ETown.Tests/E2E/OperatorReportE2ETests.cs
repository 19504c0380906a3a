using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// SUP-06 in the browser at phone width: 潞城's operator files the monthly report it owes on
/// /supervision/etowns/{id}/operator, the county acknowledges it. The month is read from the page (the first month
/// still 缺报/待报), so the test does not depend on what other tests did to 潞城's contracts.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class OperatorReportE2ETests(BrowserAppFixture app)
{
    [Fact]
    [Trait("Rule", "SUP-06")]
    public async Task Operator_FilesTheMonthItOwes_CountyAcknowledges()
    {
        var county = await app.NewPageAsync(390, 844);
        await new LoginPage(county).SignInAsync("lucheng", "Etown@2026");
        await county.GotoAsync("/supervision");
        await LoginPage.WaitInteractiveAsync(county);
        await county.Locator("[data-testid=board] a", new() { HasText = "长治市潞城区乡村e镇" }).ClickAsync();
        await LoginPage.WaitForUrlAsync(county, u => u.Contains("/supervision/etowns/", StringComparison.Ordinal));
        var operatorUrl = new Uri(county.Url).AbsolutePath.TrimEnd('/') + "/operator";

        var op = await app.NewPageAsync(390, 844);
        await new LoginPage(op).SignInAsync("operator", "Etown@2026");
        await op.GotoAsync(operatorUrl);
        await LoginPage.WaitInteractiveAsync(op);
        await Assertions.Expect(op.Locator("[data-testid=etown-name]")).ToHaveTextAsync("长治市潞城区乡村e镇");
        var owed = op.Locator("tr.report-row", new() { HasText = "缺报" });
        if (await owed.CountAsync() == 0) owed = op.Locator("tr.report-row", new() { HasText = "待报" });
        var month = (await owed.First.Locator("td").First.InnerTextAsync()).Trim();
        Assert.Matches(@"^\d{4}-\d{2}$", month);

        await op.FillAsync("[data-testid=report-month]", month);
        await op.FillAsync("[data-testid=report-progress]", $"E2E {month} 直播基地完成装修，开展培训 2 场");
        await op.FillAsync("[data-testid=report-next]", "E2E 下月启动网货供应中心");
        await op.ClickAsync("[data-testid=submit-report]");
        var row = op.Locator("tr.report-row", new() { Has = op.Locator("td:first-child", new() { HasTextRegex = MonthCell(month) }) });
        await Assertions.Expect(row).ToContainTextAsync($"E2E {month} 直播基地完成装修");
        await Assertions.Expect(row).ToContainTextAsync("报送");
        await Assertions.Expect(row).Not.ToContainTextAsync("缺报");

        await county.GotoAsync(operatorUrl);
        await LoginPage.WaitInteractiveAsync(county);
        var toAck = county.Locator("tr.report-row", new() { Has = county.Locator("td:first-child", new() { HasTextRegex = MonthCell(month) }) });
        await toAck.Locator("[data-testid=acknowledge]").ClickAsync();
        await Assertions.Expect(toAck).ToContainTextAsync("已确认");
        await Assertions.Expect(toAck.Locator("[data-testid=acknowledge]")).ToHaveCountAsync(0);
    }

    /// <summary>The month column's cell (its text is inside the list table's cell wrapper, so match the cell's whole text).</summary>
    static System.Text.RegularExpressions.Regex MonthCell(string month) => new($@"^\s*{month}\s*$");
}
