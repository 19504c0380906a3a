using ETown.Tests.E2E.Pages;
using ETown.Web.Platform.Documents;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// Issue #4 item 7 in the browser: the province opens the dashboard, sees drawn charts (SVG from the vendored
/// ECharts), switches a chart to its table, downloads the .xlsx; on a 390 px phone the chart fits the screen;
/// leaving the page disposes the charts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatisticsDashboardE2ETests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";

    static Task<int> LiveChartsAsync(IPage page) => page.EvaluateAsync<int>("async () => (await import('/js/charts.js')).count()");

    [Fact]
    public async Task Province_SeesCharts_TogglesToTheTable_AndDownloadsTheXlsx()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("province", Password);
        await page.GotoAsync("/statistics/dashboard?period=2025-11");
        await LoginPage.WaitInteractiveAsync(page);

        // Drawn by ECharts (SVG renderer), not only a placeholder.
        var chart = page.Locator("[data-testid=chart-completeness]");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-rendered", "true");
        await Assertions.Expect(chart.Locator("svg").First).ToBeVisibleAsync();
        Assert.True(await chart.Locator("svg path, svg rect").CountAsync() > 3);

        // 图表 → 表格.
        var table = page.Locator("[data-testid=table-completeness]");
        await Assertions.Expect(table).ToBeHiddenAsync();
        await page.ClickAsync("[data-testid=view-table-completeness]");
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToBeHiddenAsync();
        await Assertions.Expect(table).ToContainTextAsync("朔州市");

        // The export is a real .xlsx with the table's rows.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-completeness]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "etown-e2e-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(path);
        try
        {
            await using var file = File.OpenRead(path);
            var sheet = XlsxReader.Read(file);
            Assert.Equal("市", sheet.Text(1, 1));
            Assert.Contains(Enumerable.Range(2, sheet.MaxRow).Select(r => sheet.Text(r, 1)), t => t == "朔州市");
        }
        finally { File.Delete(path); }

        // Back to the chart; leaving the page disposes every chart (no ECharts instance outlives its component).
        await page.ClickAsync("[data-testid=view-chart-completeness]");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.True(await LiveChartsAsync(page) >= 2);
        await page.ClickAsync("[data-testid=to-reports]");
        await page.WaitForURLAsync(u => u.EndsWith("/statistics", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=reports]")).ToBeVisibleAsync();
        Assert.Equal(0, await LiveChartsAsync(page));
    }

    [Fact]
    public async Task OnA390pxPhone_TheChartFitsTheScreen()
    {
        var page = await app.NewPageAsync(390, 844);
        await new LoginPage(page).SignInAsync("shuozhou", Password);
        await page.GotoAsync("/statistics/dashboard?period=2025-11");
        await LoginPage.WaitInteractiveAsync(page);
        var chart = page.Locator("[data-testid=chart-completeness]");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-rendered", "true");
        var box = await chart.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"chart at {box.X}+{box.Width}");
        var svg = await chart.Locator("svg").First.BoundingBoxAsync();
        Assert.True(svg!.Width <= box.Width + 1, $"svg {svg.Width} wider than its container {box.Width}");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
    }
}
