using System.IO.Compression;
using System.Text.RegularExpressions;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// ARCH-01 in the browser, on a phone-width screen (390 px): the county sees 潞城's archive completeness, files a missing
/// required document under a stage, sees that stage's count go up by one, and downloads the bundle (index .xlsx plus the file).
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed partial class ArchivesE2ETests(BrowserAppFixture app)
{
    const int PhoneWidth = 390;

    [Fact]
    [Trait("Rule", "ARCH-01")]
    public async Task County_FilesMissingDocument_StageCountRises_BundleHasIndexAndFile_AtPhoneWidth()
    {
        var page = await app.NewPageAsync(PhoneWidth, 844);
        await new LoginPage(page).SignInAsync("lucheng", "Etown@2026");

        await page.GotoAsync("/archives");
        await LoginPage.WaitInteractiveAsync(page);
        var row = page.Locator("[data-testid=archive-overview] tr.archive-row", new() { HasText = "长治市潞城区乡村e镇" }); // the declaration E2E lists a second 潞城 e-town
        await LoginPage.ExplainTimeoutAsync(page, () => Assertions.Expect(row).ToHaveCountAsync(1));
        await Assertions.Expect(row.Locator("[data-testid=row-total]")).ToHaveTextAsync(Count());
        var overviewTotal = (await row.Locator("[data-testid=row-total]").InnerTextAsync()).Trim();
        await AssertNoHorizontalScrollAsync(page);

        await row.Locator("a").First.ClickAsync();
        await LoginPage.WaitForUrlAsync(page, u => u.Contains("/archives/etowns/", StringComparison.Ordinal));
        await LoginPage.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=etown-name]")).ToContainTextAsync("潞城");
        // The overview and the e-town page count the same required documents.
        await Assertions.Expect(page.Locator("[data-testid=archive-total]")).ToContainTextAsync(overviewTotal);
        await AssertNoHorizontalScrollAsync(page);

        // A stage the county can file into (the signage has its own form) that still lacks a required document.
        var stage = page.Locator("[data-testid=stage]:not([data-stage='标识'])", new() { Has = page.Locator("[data-testid=missing]") }).First;
        await LoginPage.ExplainTimeoutAsync(page, () => Assertions.Expect(stage).ToBeVisibleAsync());
        var label = await stage.GetAttributeAsync("data-stage");
        var counted = CountRegex().Match(await stage.Locator("[data-testid=stage-count]").InnerTextAsync());
        Assert.True(counted.Success);
        var (present, required) = (int.Parse(counted.Groups[1].Value), int.Parse(counted.Groups[2].Value));
        var missingKey = await stage.Locator("[data-testid=archive-item][data-missing=yes]").First.GetAttributeAsync("data-key");

        await page.Locator("[data-testid=item]").SelectOptionAsync(new SelectOptionValue { Value = missingKey });
        await page.FillAsync("[data-testid=title]", "E2E 补归档材料");
        await page.Locator("[data-testid=title]").BlurAsync(); // @bind takes the value on change, as when a user clicks the upload button
        await page.Locator("[data-testid=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "e2e-archive.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% e2e archive\n%%EOF\n"),
        });
        await LoginPage.ExplainTimeoutAsync(page, () => Assertions.Expect(page.Locator("[data-testid=success]")).ToContainTextAsync("已归档：e2e-archive.pdf"));
        var after = page.Locator($"[data-testid=stage][data-stage='{label}']");
        await Assertions.Expect(after.Locator("[data-testid=stage-count]")).ToHaveTextAsync($"{present + 1}/{required}");
        await Assertions.Expect(after).ToContainTextAsync("E2E 补归档材料");
        await AssertNoHorizontalScrollAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=bundle]").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), "etown-e2e-bundle-" + Guid.NewGuid().ToString("N") + ".zip");
        await download.SaveAsAsync(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains(names, n => n.EndsWith(".xlsx", StringComparison.Ordinal) && !n.Contains('/'));
            var filed = Assert.Single(zip.Entries, e => Folder(label!).IsMatch(e.FullName) && e.FullName.EndsWith("e2e-archive.pdf", StringComparison.Ordinal));
            using var content = new MemoryStream();
            await using (var s = filed.Open()) await s.CopyToAsync(content);
            Assert.StartsWith("%PDF-1.4\n% e2e archive", System.Text.Encoding.ASCII.GetString(content.ToArray()));
        }
        finally { File.Delete(path); }
    }

    /// <summary>Bundle folders are "NN-阶段/".</summary>
    static Regex Folder(string label) => new($"^\\d\\d-{Regex.Escape(label)}/");

    static Regex Count() => CountRegex();

    static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PhoneWidth + 1, $"{page.Url} scrolls sideways at {PhoneWidth} px: scrollWidth {width}");
    }

    [GeneratedRegex(@"^\s*(\d+)/(\d+)\s*$")]
    private static partial Regex CountRegex();
}
