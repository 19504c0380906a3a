using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>
/// Issue #3: county drafts → submits → city recommends → province assigns an expert who scores →
/// province lists → notice ends → the e-town is listed (DECL-07), all through the pages.
/// </summary>
[Collection(WorkflowBrowserCollection.Name)]
public sealed class DeclarationWorkflowE2ETests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";
    const string Project = "潞城区葱香e镇（浏览器测试）";

    [Fact]
    [Trait("Rule", "DECL-07")]
    [Trait("Rule", "DECL-08")]
    [Trait("Rule", "DECL-09")]
    [Trait("Rule", "PLAN-03")]
    public async Task Declaration_GoesFromCountyDraft_ToListedEtown()
    {
        // County drafts with the eligibility shown live.
        var county = await app.NewPageAsync();
        await new LoginPage(county).SignInAsync("lucheng", Password);
        await county.GotoAsync("/declarations/new");
        await LoginPage.WaitInteractiveAsync(county);
        await county.FillAsync("#f-name", Project);
        await county.FillAsync("#f-pic", "张主任");
        await county.FillAsync("#f-cphone", "13803511234");
        await Fill(county, "#f-area", "2.4");
        await Fill(county, "#f-entities", "45");
        await Fill(county, "#f-ecom", "9"); // below DECL-04's 10: not eligible yet
        await Fill(county, "#f-retail", "1200");
        await Fill(county, "#f-over100", "3");
        await Fill(county, "#f-output", "8000");
        await county.FillAsync("#f-prod", "大葱");
        await county.FillAsync("#f-boundary", "东至中村，南至山底村，西至南凹村，北至熬脑村");
        await county.FillAsync("#f-opinion", "同意申报。");
        await Fill(county, "#t-TotalInvestment-2025", "21000");
        await Fill(county, "#t-TotalOutput-2025", "15500");
        await Fill(county, "#t-OnlineRetail-2024", "2800");
        await Fill(county, "#t-OnlineRetail-2025", "3200");
        await Fill(county, "#t-NewMarketEntities-2025", "12");
        await Assertions.Expect(county.Locator("[data-testid=rule-DECL-04]")).ToContainTextAsync("不符合");
        await Fill(county, "#f-ecom", "12");
        await Assertions.Expect(county.Locator("[data-testid=eligibility-verdict]")).ToHaveTextAsync("符合申报条件");
        await county.ClickAsync("[data-testid=save-draft]");
        // The first save creates the declaration and runs the eligibility engine: allow it more than the default 20 s on a busy CI machine.
        await LoginPage.WaitForUrlAsync(county,
            u => u.Contains("/declarations/", StringComparison.Ordinal) && !u.EndsWith("/new", StringComparison.Ordinal), 60_000);
        await LoginPage.WaitInteractiveAsync(county);
        var declarationUrl = county.Url;

        // DECL-08 materials: the four the county provides.
        foreach (var kind in new[] { "DeclarationForm", "CultivationPlan", "SupportingEvidence", "CommitmentLetter" })
        {
            await county.SelectOptionAsync("[data-testid=materials] ~ div select", kind);
            await county.Locator("input[type=file][data-testid=upload]").SetInputFilesAsync(new FilePayload
            {
                Name = kind + ".pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% " + kind + "\n%%EOF\n"),
            });
            await Assertions.Expect(county.Locator("[data-testid=materials]")).ToContainTextAsync(kind + ".pdf");
        }
        await county.ClickAsync("[data-testid=submit]");
        await Assertions.Expect(county.Locator("[data-testid=declaration-status]")).ToHaveTextAsync("待市级推荐");

        // City recommends.
        var city = await app.NewPageAsync();
        await new LoginPage(city).SignInAsync("changzhi", Password);
        await city.GotoAsync(declarationUrl);
        await LoginPage.WaitInteractiveAsync(city);
        await city.FillAsync("[data-testid=city-text]", "经市商务局、财政局、乡村振兴局审核，同意推荐。");
        await city.ClickAsync("[data-testid=recommend]");
        await Assertions.Expect(city.Locator("[data-testid=declaration-status]")).ToHaveTextAsync("待省级评审");

        // Province assigns an expert.
        var province = await app.NewPageAsync();
        await new LoginPage(province).SignInAsync("province", Password);
        await province.GotoAsync(declarationUrl);
        await LoginPage.WaitInteractiveAsync(province);
        await province.CheckAsync("[data-testid='expert-评审专家 高教授']");
        await province.ClickAsync("[data-testid=assign-experts]");
        await Assertions.Expect(province.Locator("[data-testid=declaration-status]")).ToHaveTextAsync("专家评审中");

        // The expert scores on the weighted sheet.
        var expert = await app.NewPageAsync();
        await new LoginPage(expert).SignInAsync("expert1", Password);
        await expert.GotoAsync(declarationUrl);
        await LoginPage.WaitInteractiveAsync(expert);
        foreach (var (code, score) in new[] { ("industry", "90"), ("ecommerce", "80"), ("space", "70"), ("targets", "85"), ("support", "100") })
            await Fill(expert, $"#score-{code}", score);
        await expert.ClickAsync("[data-testid=submit-score]");
        await Assertions.Expect(expert.Locator("[data-testid=success]")).ToContainTextAsync("评分已提交");

        // Province lists, publishes the notice (started three weeks ago) and, the notice being over, confirms.
        await province.ReloadAsync();
        await LoginPage.WaitInteractiveAsync(province);
        // 90×30% + 80×25% + 70×15% + 85×20% + 100×10% = 84.50
        await Assertions.Expect(province.Locator("body")).ToContainTextAsync("84.50");
        await province.ClickAsync("[data-testid=decide-list]");
        await Assertions.Expect(province.Locator("[data-testid=declaration-status]")).ToHaveTextAsync("拟入选");
        var year = DateTime.UtcNow.AddHours(8).Year;
        await province.GotoAsync($"/declarations/review/{year}");
        await LoginPage.WaitInteractiveAsync(province);
        var start = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-21);
        await province.FillAsync("#n-start", start.ToString("yyyy-MM-dd"));
        await province.ClickAsync("[data-testid=start-notice]");
        await Assertions.Expect(province.Locator("[data-testid=notice-period]")).ToContainTextAsync(start.ToString("yyyy-MM-dd"));
        await province.ClickAsync("[data-testid=finalise]");
        await Assertions.Expect(province.Locator("[data-testid=success]")).ToContainTextAsync("已确认 1 个乡村e镇入选");

        // The county now has the listed e-town in its registry.
        await county.GotoAsync("/etowns");
        await LoginPage.WaitInteractiveAsync(county);
        await Assertions.Expect(county.Locator("[data-testid=etown-table]")).ToContainTextAsync(Project);
        await county.GotoAsync(declarationUrl);
        await Assertions.Expect(county.Locator("[data-testid=declaration-status]")).ToHaveTextAsync("已入选");
    }

    /// <summary>Number inputs bind on change: fill, then leave the field.</summary>
    static async Task Fill(IPage page, string selector, string value)
    {
        await page.FillAsync(selector, value);
        await page.Locator(selector).DispatchEventAsync("change");
    }
}
