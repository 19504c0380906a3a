using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ETown.Tests.Infrastructure;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// SUP-07 (issue #4 item 8): the city monthly report 《XX市乡村e镇建设工作进展情况报告》 (.docx) and its .xlsx annex,
/// from county-approved data only (STAT-05), on both databases: hand-computed sums, exclusion of unapproved months,
/// lagging and missing reports called out by name, valid OpenXML, and scope (own city only; counties refused).
/// </summary>
public class CityReportTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇";
    static readonly string[] ShuozhouTowns = ["山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇"];

    static string Report(string ext, string city, string period) => $"/api/v1/statistics/city-report.{ext}?cityCode={city}&period={period}";

    static async Task ReportAsync(HttpClient op, HttpClient county, Guid id, string period, bool approve, params (string, decimal)[] values)
    {
        var put = await op.SendJsonAsync(HttpMethod.Put, Url(id, period), Values(values));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var submit = await op.PostAsync(Url(id, period, "submit"), null);
        Assert.True(submit.StatusCode == HttpStatusCode.OK, await submit.Content.ReadAsStringAsync());
        if (approve) Assert.Equal(HttpStatusCode.OK, (await county.PostAsync(Url(id, period, "approve"), null)).StatusCode);
    }

    static async Task<string> DocxTextAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        using var doc = WordprocessingDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return doc.MainDocumentPart!.Document!.Body!.InnerText;
    }

    static async Task<byte[]> XlsxAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var bytes = await r.Content.ReadAsByteArrayAsync();
        using var book = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(book).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        // Issue #11 item 6: the supervision figures of the month come as a fourth sheet (the .docx states them in 四（三）).
        Assert.Equal(["各e镇指标", "报送情况", "全市汇总", "日常监管"], book.WorkbookPart!.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>()
            .Select(s => s.Name!.Value!.StartsWith("各e镇指标", StringComparison.Ordinal) ? "各e镇指标" : s.Name!.Value!));
        return bytes;
    }

    /// <summary>The row whose first cell is <paramref name="first"/>, as header → text.</summary>
    static Dictionary<string, string?> RowOf(XlsxSheet sheet, string first)
    {
        var row = Enumerable.Range(2, sheet.MaxRow - 1).Single(r => sheet.Text(r, 1) == first);
        var cols = sheet.Cells.Keys.Where(k => k.Row == 1).Select(k => k.Column).ToList();
        return cols.ToDictionary(c => sheet.Text(1, c)!, c => sheet.Text(row, c));
    }

    static decimal D(string? text) => decimal.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-07")]
    [Trait("Rule", "STAT-05")]
    public async Task CityReport_MatchesTheHandComputation_UsesApprovedDataOnly_AndCallsOutProblems(string provider)
    {
        var app = apps[provider];
        Guid id;
        await using (var ctx = app.SystemContext()) id = await ctx.Etowns.Where(e => e.Name == Lucheng).Select(e => e.Id).SingleAsync();
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var city = await app.SignInAsync("changzhi");

        // 2034 (last year): retail 100/100, output 250/250. 2035: retail 100/150, output 300/200, new entities 5/3
        // (e-commerce 4/2), new investment 50/30; 2035-03 only submitted (not approved).
        await ReportAsync(op, county, id, "2034-01", true, (C.OnlineRetail, 100m), (C.TotalOutput, 250m));
        await ReportAsync(op, county, id, "2034-02", true, (C.OnlineRetail, 100m), (C.TotalOutput, 250m));
        await ReportAsync(op, county, id, "2035-01", true, (C.OnlineRetail, 100m), (C.TotalOutput, 300m), (C.NewMarketEntities, 5m), (C.NewEcommerceEntities, 4m), (C.NewInvestment, 50m));
        await ReportAsync(op, county, id, "2035-02", true, (C.OnlineRetail, 150m), (C.TotalOutput, 200m), (C.NewMarketEntities, 3m), (C.NewEcommerceEntities, 2m), (C.NewInvestment, 30m));
        await ReportAsync(op, county, id, "2035-03", false, (C.OnlineRetail, 130m), (C.TotalOutput, 100m), (C.NewMarketEntities, 1m), (C.NewEcommerceEntities, 1m), (C.NewInvestment, 10m));
        var target = await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{id}/targets?year=2035",
            new { targets = new[] { new { indicator = C.OnlineRetail, value = (decimal?)5000m, note = "测试目标" } } });
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);

        // ---- 2035-02, by hand:
        // retail: month 150, YTD 100 + 150 = 250, last year 200 → +25.0 %; target 5000 → 5.0 % < 2/12 = 16.7 % − 10 → lagging.
        // output: month 200, YTD 500, last year 500 → 0.0 %; city growth (潞城 is 长治's only e-town) 0.0 % → no city average: STD-33 not judged (issue #14 item 2).
        // new entities: 3, YTD 8, no last year → no YoY; e-commerce 6 / 8 = 75 % → STD-60 met. New investment: 30, YTD 80.
        var text = await DocxTextAsync(await city.GetAsync(Report("docx", "140400", "2035-02")));
        Assert.Contains("（三）日常监管与督导", text); // issue #11 item 6, read through ICitySupervisionFigures
        Assert.Contains("长治市乡村e镇建设工作进展情况报告", text);
        Assert.Contains("（2035年2月）", text);
        Assert.Contains("长治市商务局", text);
        Assert.Contains(Lucheng, text);
        foreach (var other in ShuozhouTowns) Assert.DoesNotContain(other, text);
        Assert.Contains("全市共有乡村e镇 1 个", text);
        Assert.Contains("应报 1 个，已报送 1 个，其中按时报送 1 个；经县级审核（含市、省已接收）的 1 个", text);
        Assert.Contains("网络零售额：2035年2月全市合计 150 万元（1 个e镇），2035年1–2月累计 250 万元（1 个e镇），同比增长 25.0%（按两年1–2月数据均完整的 1 个e镇计算：250 ÷ 200），完成年度目标 5,000 万元 的 5.0%", text);
        Assert.Contains("总产值：2035年2月全市合计 200 万元（1 个e镇），2035年1–2月累计 500 万元（1 个e镇），同比增长 0.0%（按两年1–2月数据均完整的 1 个e镇计算：500 ÷ 500），暂无年度目标", text);
        Assert.Contains("新增市场主体：2035年2月全市合计 3 户（1 个e镇），2035年1–2月累计 8 户（1 个e镇），上年同期数据不完整，暂不计算同比", text);
        Assert.Contains("新增投资：2035年2月全市合计 30 万元（1 个e镇），2035年1–2月累计 80 万元", text);
        Assert.Contains("时间进度 16.7%", text);
        Assert.Contains("STD-60（新增市场主体中开展电商业务的比例 ≥ 60%）：达标 " + Lucheng + "；未达标 无", text);
        Assert.Contains("STD-36（网络零售额同比增长 ≥ 10%）：达标 " + Lucheng, text);
        // STD-33: 长治 has one e-town and no official growth for 2035: no city average, not judged (issue #14 item 2) —
        // before, 潞城 was compared with itself and always failed.
        Assert.DoesNotContain($"{Lucheng}（潞城区）建设标准未达标：STD-33", text);
        Assert.Contains($"{Lucheng}（潞城区）目标进度滞后：网络零售额本年累计 250 万元，完成年度目标 5,000 万元 的 5.0%", text);
        Assert.Contains("各e镇均已按时报送并经县级审核", text);

        // The annex carries the same numbers, and the city sums are recomputable from sheet 1.
        var xlsx = await XlsxAsync(await city.GetAsync(Report("xlsx", "140400", "2035-02")));
        var sheet1 = XlsxReader.Read(new MemoryStream(xlsx), "各e镇指标2035-02");
        var town = RowOf(sheet1, Lucheng);
        Assert.Equal(150m, D(town["网络零售额（当月）（万元）本月"]));
        Assert.Equal(250m, D(town["网络零售额（当月） 本年累计"]));
        Assert.Equal(200m, D(town["网络零售额（当月） 上年同期累计"]));
        Assert.Equal(25.0m, D(town["网络零售额（当月） 累计同比%"]));
        Assert.Equal(5000m, D(town["网络零售额（当月） 年度目标"]));
        Assert.Equal(5.0m, D(town["网络零售额（当月） 目标完成%"]));
        Assert.Equal(500m, D(town["总产值（当月） 本年累计"]));
        Assert.Equal(80m, D(town["新增投资（当月） 本年累计"]));
        Assert.Equal("待定", town["STD-33 结论"]); // no city average for a single-town city (issue #14 item 2)
        var sums = RowOf(XlsxReader.Read(new MemoryStream(xlsx), "全市汇总"), "网络零售额");
        Assert.Equal(150m, D(sums["本月合计"]));
        Assert.Equal(250m, D(sums["本年累计合计"]));
        Assert.Equal(200m, D(sums["同比口径上年同期累计合计"]));
        Assert.Equal(25.0m, D(sums["累计同比%"]));
        Assert.Equal(5000m, D(sums["年度目标合计"]));
        Assert.Equal(5.0m, D(sums["目标完成%"]));
        var ytdColumn = Enumerable.Range(1, 200).First(c => sheet1.Text(1, c) == "网络零售额（当月） 本年累计");
        Assert.Equal(D(sums["本年累计合计"]), Enumerable.Range(2, sheet1.MaxRow - 1).Sum(r => sheet1.Text(r, ytdColumn) is { } v ? D(v) : 0m));
        var reporting = RowOf(XlsxReader.Read(new MemoryStream(xlsx), "报送情况"), Lucheng);
        Assert.Equal("是", reporting["是否计入本报告"]);

        // ---- 2035-03 is only submitted: its values (130, 100, …) are left out, the YTD stays at the approved 250,
        // and 潞城 is called out as not approved and as having an incomplete year-to-date.
        var march = await DocxTextAsync(await city.GetAsync(Report("docx", "140400", "2035-03")));
        Assert.Contains("网络零售额：2035年3月全市合计 — 万元（0 个e镇），2035年1–3月累计 250 万元（1 个e镇）", march);
        Assert.Contains("总产值：2035年3月全市合计 — 万元（0 个e镇），2035年1–3月累计 500 万元", march);
        Assert.DoesNotContain("380", march);
        Assert.Contains("经县级审核（含市、省已接收）的 0 个", march);
        Assert.Contains($"{Lucheng}（潞城区）未经县级审核：本月报表已报送但尚未经县级审核，数据未计入本报告", march);
        Assert.Contains($"{Lucheng}（潞城区）累计数据不完整：1–3月中仅 2 个月有经县级审核的数据", march);
        Assert.Contains("已报送（未计入）", march);
        var marchSheet = XlsxReader.Read(new MemoryStream(await XlsxAsync(await city.GetAsync(Report("xlsx", "140400", "2035-03")))), "报送情况");
        Assert.Equal("否", RowOf(marchSheet, Lucheng)["是否计入本报告"]);

        // Once the county approves March, it counts: YTD 380.
        Assert.Equal(HttpStatusCode.OK, (await county.PostAsync(Url(id, "2035-03", "approve"), null)).StatusCode);
        march = await DocxTextAsync(await city.GetAsync(Report("docx", "140400", "2035-03")));
        Assert.Contains("网络零售额：2035年3月全市合计 130 万元（1 个e镇），2035年1–3月累计 380 万元（1 个e镇）", march);
        Assert.DoesNotContain("未经县级审核：", march);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "SUP-07")]
    public async Task CityReport_OwnCityOnly_ProvinceAnyCity_CountiesAndOperatorsRefused(string provider)
    {
        var app = apps[provider];
        var shuozhou = await app.SignInAsync("shuozhou");
        var province = await app.SignInAsync("province");

        // A city user: its own city only; another city is refused (403) for both documents.
        Assert.Equal(HttpStatusCode.Forbidden, (await shuozhou.GetAsync(Report("docx", "140400", "2025-11"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shuozhou.GetAsync(Report("xlsx", "140400", "2025-11"))).StatusCode);
        var own = await DocxTextAsync(await shuozhou.GetAsync(Report("docx", "140600", "2025-11")));
        Assert.Contains("朔州市乡村e镇建设工作进展情况报告", own);
        Assert.Contains("（2025年11月）", own);
        foreach (var t in ShuozhouTowns) Assert.Contains(t, own);
        Assert.DoesNotContain(Lucheng, own);

        // The province: any city.
        var cz = await DocxTextAsync(await province.GetAsync(Report("docx", "140400", "2025-11")));
        Assert.Contains("长治市乡村e镇建设工作进展情况报告", cz);
        Assert.Contains(Lucheng, cz);
        foreach (var t in ShuozhouTowns) Assert.DoesNotContain(t, cz);
        await XlsxAsync(await province.GetAsync(Report("xlsx", "140600", "2025-11")));

        // Not a city code → 400.
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync(Report("docx", "140406", "2025-11"))).StatusCode);

        // Counties and operators: the report is the city's document.
        foreach (var user in new[] { "lucheng", "shanyin", "operator" })
        {
            var c = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync(Report("docx", "140400", "2025-11"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync(Report("xlsx", "140400", "2025-11"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Report("docx", "140400", "2025-11"))).StatusCode);
    }
}
