using ETown.Tests.E2E;
using ETown.Tests.E2E.Pages;
using ETown.Web.Features.Statistics.Import;
using ETown.Web.Platform.Documents;
using Microsoft.Playwright;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// The county liaison on /statistics/import in a real browser (issue #4 item 9): a bad file shows its errors with
/// sheet, row and column and offers no confirmation; the corrected file is checked (dry run), then imported.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class ImportPageE2ETests(BrowserAppFixture app)
{
    const string Lucheng = "长治市潞城区乡村e镇";
    const string Period = "2032-01";

    [Fact]
    [Trait("Rule", "STAT-05")]
    public async Task CountyLiaison_UploadsATemplate_SeesTheDryRun_ThenConfirms()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("lucheng", "Etown@2026");
        // The template as the page's download link serves it (same cookies).
        var download = await page.APIRequest.GetAsync($"/api/v1/statistics/template?period={Period}");
        Assert.True(download.Ok, download.StatusText);
        var wb = new ImportWorkbook(await download.BodyAsync());
        var row = wb.RowOf(Lucheng);
        wb.Set(row, C.MarketEntities, "约300").Set(row, C.NewMarketEntities, 8m).Set(row, C.NewEcommerceEntities, 3m);

        await page.GotoAsync("/statistics/import");
        await LoginPage.WaitInteractiveAsync(page);
        await page.FillAsync("[data-testid=period]", Period);
        await page.PressAsync("[data-testid=period]", "Tab");
        await Assertions.Expect(page.Locator("[data-testid=download-template]")).ToHaveAttributeAsync("href", $"/api/v1/statistics/template?period={Period}");

        var input = page.Locator("input[type=file][data-testid=file]");
        await input.SetInputFilesAsync(new FilePayload { Name = "月报-错误.xlsx", MimeType = XlsxWriter.ContentType, Buffer = wb.Bytes });
        await Assertions.Expect(page.Locator("[data-testid=has-errors]")).ToBeVisibleAsync();
        var errors = page.Locator("[data-testid=errors]");
        await Assertions.Expect(errors).ToContainTextAsync("应为数字");
        await Assertions.Expect(errors).ToContainTextAsync(StatTemplate.SheetName);
        await Assertions.Expect(errors.Locator("tbody tr").First).ToContainTextAsync(wb.Col(C.MarketEntities));
        await Assertions.Expect(page.Locator("[data-testid=confirm-import]")).ToHaveCountAsync(0);

        wb.Set(row, C.MarketEntities, 300m);
        await input.SetInputFilesAsync(new FilePayload { Name = "月报.xlsx", MimeType = XlsxWriter.ContentType, Buffer = wb.Bytes });
        await Assertions.Expect(page.Locator("[data-testid=sum-created]")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("[data-testid=summary]")).ToContainTextAsync("试导入结果");
        await page.ClickAsync("[data-testid=confirm-import]");
        await Assertions.Expect(page.Locator("[data-testid=written]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=towns]")).ToContainTextAsync(Lucheng);

        // The entry form shows the imported draft.
        await page.ClickAsync($"[data-testid=towns] a:has-text('{Lucheng}')");
        await Assertions.Expect(page.Locator("[data-testid=report-status]")).ToHaveTextAsync("填报中");
        await Assertions.Expect(page.Locator("[data-testid=values] input[type=number]").First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^300(\.0*)?$"));
    }
}
