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
    [Trait("Rule", "SVC-STAT")]
    public async Task Province_SeesCharts_TogglesToTheTable_AndDownloadsTheXlsx()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("province", Password);
        await page.GotoAsync("/statistics/dashboard?period=2025-11");
        await LoginPage.WaitInteractiveAsync(page);

        // Drawn by ECharts (SVG renderer), not only a placeholder.
        foreach (var key in new[] { "ranking", "target", "standards", "trend", "completeness", "completeness-trend" })
            await Assertions.Expect(page.Locator($"[data-testid=chart-{key}]")).ToHaveAttributeAsync("data-rendered", "true");
        var chart = page.Locator("[data-testid=chart-ranking]");
        await Assertions.Expect(chart.Locator("svg").First).ToBeVisibleAsync();
        Assert.True(await chart.Locator("svg path").CountAsync() > 7);
        await Assertions.Expect(chart).ToContainTextAsync("岢岚县乡村e镇"); // the category axis names the e-towns

        // 图表 → 表格: the ranking table names the e-towns.
        var table = page.Locator("[data-testid=table-ranking]");
        await Assertions.Expect(table).ToBeHiddenAsync();
        await page.ClickAsync("[data-testid=view-table-ranking]");
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToBeHiddenAsync();
        foreach (var town in new[] { "长治市潞城区乡村e镇", "岢岚县乡村e镇", "右玉县西口e镇" })
            await Assertions.Expect(table).ToContainTextAsync(town);
        var tableRows = await table.Locator("tbody tr").CountAsync();

        // The export is a real .xlsx with the table's rows.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-ranking]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "etown-e2e-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(path);
        try
        {
            await using var file = File.OpenRead(path);
            var sheet = XlsxReader.Read(file);
            Assert.Equal("e镇", sheet.Text(1, 1));
            var names = Enumerable.Range(2, tableRows).Select(r => sheet.Text(r, 1)).ToList();
            Assert.Equal(7, names.Count);
            Assert.Contains("岢岚县乡村e镇", names);
            Assert.Null(sheet.Text(tableRows + 2, 1)); // then the notes, after an empty row
        }
        finally { File.Delete(path); }

        // A filter redraws: the measure switches to year-on-year growth.
        await page.ClickAsync("[data-testid=view-chart-ranking]");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await page.SelectOptionAsync("[data-testid=measure]", "yoy");
        await Assertions.Expect(page.Locator("[data-testid=panel-ranking] h2")).ToContainTextAsync("累计同比增速");

        // Leaving the page disposes every chart (no ECharts instance outlives its component).
        Assert.Equal(6, await LiveChartsAsync(page));
        await page.ClickAsync("[data-testid=to-reports]");
        await LoginPage.WaitForUrlAsync(page, u => u.EndsWith("/statistics", StringComparison.Ordinal));
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
        var chart = page.Locator("[data-testid=chart-ranking]");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-rendered", "true");
        var box = await chart.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"chart at {box.X}+{box.Width}");
        var svg = await chart.Locator("svg").First.BoundingBoxAsync();
        Assert.True(svg!.Width <= box.Width + 1, $"svg {svg.Width} wider than its container {box.Width}");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
    }
}
