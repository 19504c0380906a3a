using System.Globalization;
using System.Text.RegularExpressions;
using ETown.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace ETown.Tests.E2E;

/// <summary>Its own app, so the completeness counts do not depend on what other browser tests change.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StatisticsBrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser-statistics";
}

/// <summary>
/// Issue #4 “done when”, in a browser: the operator reports a month of its e-town, the county approves (the data lock),
/// the city accepts and downloads its monthly report (SUP-07), the province accepts (STAT-02, STAT-05) and sees the completeness on /statistics —
/// with a year-on-year figure the test recomputes by hand from the entered value and the demo's same month last year.
/// </summary>
[Collection(StatisticsBrowserCollection.Name)]
public sealed class StatisticsWorkflowE2ETests(BrowserAppFixture app)
{
    const string Password = "Etown@2026";
    const string Lucheng = "长治市潞城区乡村e镇";
    const string Retail = "网络零售额（当月）";

    [Fact]
    [Trait("Rule", "STAT-02")]
    [Trait("Rule", "STAT-05")]
    public async Task OperatorReports_CountyApprovesAndLocks_CityAndProvinceAccept_ProvinceSeesCompleteness()
    {
        // The operator opens /statistics: the month it lands on (last month) is open, since the demo history ends in
        // 2025-12; on a clock still inside the demo history, 2026-01 is taken instead.
        var op = await app.NewPageAsync();
        await new LoginPage(op).SignInAsync("operator", Password);
        var list = new StatisticsListPage(op);
        await list.OpenAsync();
        var period = await list.PeriodAsync();
        if (string.CompareOrdinal(period, "2026-01") < 0)
        {
            period = "2026-01";
            await list.ChoosePeriodAsync(period);
        }
        await Assertions.Expect(list.Rows).ToHaveCountAsync(1); // its own e-town only
        await Assertions.Expect(list.Row(Lucheng)).ToContainTextAsync("未填报");
        await list.OpenReportAsync(Lucheng);
        var report = new StatisticsReportPage(op);
        await report.ExpectHeadingAsync(Lucheng, period);
        var reportUrl = op.Url;

        // Enters the month beside the same month last year (demo history), saves, submits.
        var lastYear = StatisticsReportPage.Number(await report.CellAsync(Retail, "上年同月"));
        var retail = lastYear is { } ly ? Math.Round(ly * 1.12m, 1) : 300m;
        await report.EnterAsync("市场主体总数", 112);
        await report.EnterAsync("新增市场主体", 3);
        await report.EnterAsync("其中：新增从事电商的市场主体", 2);
        await report.EnterAsync("电商企业数", 56);
        await report.EnterAsync(Retail, retail);
        await report.EnterAsync("吸纳就业人数", 360);
        await report.ClickAsync("保存", "已保存");
        Assert.Equal(retail, StatisticsReportPage.Number(await report.CellAsync(Retail, "本月")));
        if (lastYear is { } before)
        {
            // Year on year, by hand: (entered − same month last year) / same month last year.
            var yoy = Math.Round((retail - before) / before * 100m, 1);
            Assert.Equal(yoy.ToString("0.0", CultureInfo.InvariantCulture) + "%", await report.CellAsync(Retail, "同比"));
        }
        await report.ClickAsync("报送", "已报送");
        await report.ExpectStatusAsync("已报送");

        // The county approves: the data lock.
        var county = await app.NewPageAsync();
        await new LoginPage(county).SignInAsync("lucheng", Password);
        var countyReport = new StatisticsReportPage(county);
        await countyReport.OpenAsync(reportUrl, Lucheng, period);
        await countyReport.ClickAsync("县级审核（锁定）", "已审核");
        await countyReport.ExpectStatusAsync("县级已审核");
        await Assertions.Expect(countyReport.NumberFields).ToHaveCountAsync(0);
        await Assertions.Expect(countyReport.Button("保存")).ToHaveCountAsync(0);

        // Locked for the operator too: the values are shown, no field, no button to change them.
        await report.OpenAsync(reportUrl, Lucheng, period);
        await report.ExpectStatusAsync("县级已审核");
        await Assertions.Expect(report.NumberFields).ToHaveCountAsync(0);
        await Assertions.Expect(report.Button("保存")).ToHaveCountAsync(0);
        await Assertions.Expect(report.Button("报送")).ToHaveCountAsync(0);
        Assert.Equal(retail, StatisticsReportPage.Number(await report.CellAsync(Retail, "本月")));

        // The city accepts, then the province (bottom-up).
        var city = await app.NewPageAsync();
        await new LoginPage(city).SignInAsync("changzhi", Password);
        var cityReport = new StatisticsReportPage(city);
        await cityReport.OpenAsync(reportUrl, Lucheng, period);
        await Assertions.Expect(cityReport.Button("省级接收")).ToHaveCountAsync(0);
        await cityReport.ClickAsync("市级接收", "市级已接收");
        await cityReport.ExpectStatusAsync("市级已接收");

        // …and downloads its monthly progress report (SUP-07), built from approved data: 潞城 is in it with this month.
        await city.GotoAsync("/statistics/city-report");
        await city.Locator("[data-testid=period]").FillAsync(period);
        await city.Locator("[data-testid=period]").PressAsync("Tab");
        await Assertions.Expect(city.Locator("[data-testid=summary]")).ToContainTextAsync("网络零售额");
        var download = await city.RunAndWaitForDownloadAsync(() => city.ClickAsync("[data-testid=download-docx]"));
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var docx = Path.Combine(Path.GetTempPath(), "etown-e2e-" + Guid.NewGuid().ToString("N") + ".docx");
        await download.SaveAsAsync(docx);
        try
        {
            using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(docx, false);
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("长治市乡村e镇建设工作进展情况报告", text);
            Assert.Contains(Lucheng, text);
        }
        finally { File.Delete(docx); }

        var province = await app.NewPageAsync();
        await new LoginPage(province).SignInAsync("province", Password);
        var provinceReport = new StatisticsReportPage(province);
        await provinceReport.OpenAsync(reportUrl, Lucheng, period);
        await provinceReport.ClickAsync("省级接收", "省级已接收");
        await provinceReport.ExpectStatusAsync("省级已接收");

        // The province sees the completeness of the month: 7 e-towns expected, 1 received, on time if before the due date.
        var overview = new StatisticsListPage(province);
        await overview.OpenAsync();
        if (await overview.PeriodAsync() != period) await overview.ChoosePeriodAsync(period);
        await Assertions.Expect(overview.Rows).ToHaveCountAsync(7);
        await Assertions.Expect(overview.Row(Lucheng)).ToContainTextAsync("省级已接收");
        await Assertions.Expect(overview.Rows.Filter(new() { HasText = "未填报" })).ToHaveCountAsync(6);
        var body = province.Locator("body");
        await Assertions.Expect(body).ToContainTextAsync(new Regex(@"应报\s*7\s*已报\s*1\s*按时\s*[01]"));
        var due = DateOnly.ParseExact(Regex.Match(await body.InnerTextAsync(), @"截止日期\s*(\d{4}-\d{2}-\d{2})").Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var onTime = today <= due;
        await Assertions.Expect(body).ToContainTextAsync(new Regex(@"按时\s*" + (onTime ? 1 : 0)));
        await Assertions.Expect(overview.Row(Lucheng)).ToContainTextAsync(onTime ? "按时" : "逾期");
    }
}
