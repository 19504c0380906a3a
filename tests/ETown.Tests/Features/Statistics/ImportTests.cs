using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Import;
using ETown.Web.Platform.Documents;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Excel in and out (issue #4 item 9; STAT-02 the county liaison fills many e-towns at once, STAT-05 locks, STAT-01 rules):
/// template → fill → import round trip, dry run, “any error writes nothing” for each kind of bad row, scope, idempotent re-import.
/// Every test runs on SQLite and PostgreSQL.
/// </summary>
public class ImportTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Kelan = "岢岚县乡村e镇";
    // Two more e-towns in 潞城区, so the county liaison fills several rows at once.
    const string TownA = "潞城区导入测试甲e镇", TownB = "潞城区导入测试乙e镇";
    const string Sheet = StatTemplate.SheetName;

    static async Task EnsureExtraTownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        foreach (var name in new[] { TownA, TownB })
        {
            if (await ctx.Etowns.AnyAsync(e => e.Name == name)) continue;
            var e = new Etown { Name = name, CountyCode = "140406", PlannedAreaKm2 = 1.5m };
            e.SetStatusForSeed(EtownStatus.UnderConstruction);
            ctx.Etowns.Add(e);
            await StatDataSets.AssignDefaultsAsync(ctx, e); // as listing does: owes both reports
        }
        await ctx.SaveChangesAsync();
    }

    static async Task<ImportWorkbook> TemplateAsync(HttpClient client, string period, Guid? etown = null)
    {
        var r = await client.GetAsync($"/api/v1/statistics/template?period={period}" + (etown is null ? "" : $"&etownId={etown}"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, r.Content.Headers.ContentType?.MediaType);
        return new ImportWorkbook(await r.Content.ReadAsByteArrayAsync());
    }

    static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string period, byte[] file, bool dryRun, string fileName = "月报.xlsx")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(XlsxWriter.ContentType);
        content.Add(part, "file", fileName);
        return await client.PostAsync($"/api/v1/statistics/import?period={period}&dryRun={(dryRun ? "true" : "false")}", content);
    }

    static List<(string Sheet, int Row, string Column, string Message)> Issues(JsonElement result, string kind = "errors") =>
        result.GetProperty(kind).EnumerateArray().Select(e => (e.GetProperty("sheet").GetString()!, e.GetProperty("row").GetInt32(),
            e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    static int N(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>Rows of the statistics tables and of the audit log: an import that fails must leave all of them as they were.</summary>
    static async Task<(int Reports, int Values, long AuditMax, int Audit)> CountsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return (await ctx.StatReports.CountAsync(), await ctx.StatValues.CountAsync(),
            await ctx.AuditRecords.MaxAsync(a => a.Sequence), await ctx.AuditRecords.CountAsync());
    }

    static async Task<Dictionary<string, decimal>> StoredAsync(EtownAppFactory app, string etown, string period)
    {
        await using var ctx = app.SystemContext();
        var id = await ctx.Etowns.Where(e => e.Name == etown).Select(e => e.Id).SingleAsync();
        return await ctx.StatValues.Join(ctx.StatReports, v => v.ReportId, r => r.Id, (v, r) => new { r.EtownId, r.Period, v.IndicatorCode, v.Value })
            .Where(x => x.EtownId == id && x.Period == period).ToDictionaryAsync(x => x.IndicatorCode, x => x.Value);
    }

    static async Task<Guid> TownIdAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    /// <summary>Five indicators for one row, valid under every rule.</summary>
    static void FillGood(ImportWorkbook wb, int row, int n)
    {
        wb.Set(row, C.MarketEntities, 200m + n)
          .Set(row, C.NewMarketEntities, 10m)
          .Set(row, C.NewEcommerceEntities, 4m)
          .Set(row, C.OnlineRetail, 300.5m + n)
          .Set(row, C.Brands, 5m);
    }

    /// <summary>Issue #4 item 9: a city liaison fills the whole city in one file; the counties still approve (STAT-05).</summary>
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task CityLiaison_FillsTheCitysEtownsInOneFile_TheCountyStillApproves(string provider)
    {
        var app = apps[provider];
        var liaison = await app.SignInAsync("shuozhoutj");
        const string P = "2031-07";
        string[] towns = ["山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇"];

        var wb = await TemplateAsync(liaison, P);
        Assert.Equal(towns.Order(), wb.EtownNames().Order()); // every e-town of 朔州, none of another city
        for (var i = 0; i < towns.Length; i++) FillGood(wb, wb.RowOf(towns[i]), i);
        var w = await (await ImportAsync(liaison, P, wb.Bytes, dryRun: false)).JsonAsync();
        Assert.True(w.GetProperty("written").GetBoolean(), w.ToString());
        Assert.Equal((20, 4), (N(w, "created"), N(w, "reportsCreated")));
        Assert.Equal(203m, (await StoredAsync(app, "右玉县西口e镇", P))[C.MarketEntities]);
        await using (var ctx = app.SystemContext())
            Assert.Equal(20, await ctx.AuditRecords.CountAsync(x => x.EntityType == nameof(StatValue) && x.Action == "Create" && x.UserName == "shuozhoutj"));

        // The liaison enters and submits, but approving stays with the county.
        var youyu = await TownIdAsync(app, "右玉县西口e镇");
        Assert.Equal(HttpStatusCode.OK, (await liaison.PostAsync($"/api/v1/statistics/etowns/{youyu}/{P}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await liaison.PostAsync($"/api/v1/statistics/etowns/{youyu}/{P}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("youyu")).PostAsync($"/api/v1/statistics/etowns/{youyu}/{P}/approve", null)).StatusCode);

        // Another city's e-town is out of reach, and the province does not enter at all.
        var lucheng = await TownIdAsync(app, Lucheng);
        var outside = await liaison.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{lucheng}/{P}", new { values = new[] { new { indicator = C.Brands, value = 1m } } });
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var province = await app.SignInAsync("province");
        Assert.Equal(HttpStatusCode.Forbidden, (await province.GetAsync($"/api/v1/statistics/template?period={P}")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    [Trait("Rule", "STAT-05")]
    public async Task RoundTrip_CountyLiaisonFillsSeveralEtowns_DryRunWritesNothing_ReimportIsIdempotent(string provider)
    {
        var app = apps[provider];
        await EnsureExtraTownsAsync(app);
        var county = await app.SignInAsync("lucheng");
        const string P = "2031-03";

        // The template: the county's three e-towns, the catalogue sheet, valid OpenXML.
        var wb = await TemplateAsync(county, P);
        Assert.Equal(new[] { Lucheng, TownA, TownB }.Order(), wb.EtownNames().Order());
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(wb.Bytes), false))
        {
            var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.Equal([StatTemplate.SheetName, StatTemplate.CatalogueSheetName], doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!));
        }
        var catalogue = XlsxReader.Read(new MemoryStream(wb.Bytes), StatTemplate.CatalogueSheetName);
        Assert.Contains(catalogue.Cells.Values, c => c.Text == C.NewEcommerceEntities);
        Assert.Contains(catalogue.Cells.Values, c => c.Text.Contains("阻断", StringComparison.Ordinal));
        Assert.Equal(P, wb.Sheet.Text(StatTemplate.PeriodRow, 2));
        Assert.Equal("未填报", wb.Text(wb.RowOf(TownA), StatTemplate.StatusCode));
        Assert.Throws<InvalidOperationException>(() => wb.Col(C.Tax)); // annual: only in December's template

        var names = new[] { Lucheng, TownA, TownB };
        for (var i = 0; i < names.Length; i++) FillGood(wb, wb.RowOf(names[i]), i);
        wb.Set(wb.RowOf(TownA), StatTemplate.CommentCode(C.OnlineRetail), "含县域直播基地销售额");
        var before = await CountsAsync(app);

        // Dry run: the full summary, nothing written (not even an audit record).
        var dry = await ImportAsync(county, P, wb.Bytes, dryRun: true);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var d = await dry.JsonAsync();
        Assert.True(d.GetProperty("dryRun").GetBoolean());
        Assert.False(d.GetProperty("written").GetBoolean());
        Assert.Equal((3, 15, 0, 0, 3), (N(d, "rows"), N(d, "created"), N(d, "updated"), N(d, "unchanged"), N(d, "reportsCreated")));
        var monthly = (await (await county.GetAsync("/api/v1/statistics/indicators")).JsonAsync()).EnumerateArray().Count(i => i.GetProperty("periodType").GetString() == "Monthly");
        Assert.Equal(3 * (monthly - 5), N(d, "ignored"));
        Assert.Empty(Issues(d));
        Assert.Equal(before, await CountsAsync(app));

        // The import: three draft reports, every value, the comment; audited as the liaison, one SaveChanges.
        var real = await ImportAsync(county, P, wb.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        var w = await real.JsonAsync();
        Assert.True(w.GetProperty("written").GetBoolean());
        Assert.Equal((15, 0, 0), (N(w, "created"), N(w, "updated"), N(w, "unchanged")));
        var a = await StoredAsync(app, TownA, P);
        Assert.Equal(201m, a[C.MarketEntities]);
        Assert.Equal(301.5m, a[C.OnlineRetail]);
        Assert.Equal(5, a.Count);
        await using (var ctx = app.SystemContext())
        {
            var reports = await ctx.StatReports.Where(r => r.Period == P).ToListAsync();
            Assert.Equal(3, reports.Count);
            Assert.All(reports, r => Assert.Equal(StatReportStatus.Draft, r.Status)); // import saves drafts, it does not submit
            var townA = await TownIdAsync(app, TownA);
            Assert.Equal("含县域直播基地销售额", (await ctx.StatValues.SingleAsync(v => v.EtownId == townA && v.IndicatorCode == C.OnlineRetail && reports.Select(r => r.Id).Contains(v.ReportId))).Comment);
            var fresh = await ctx.AuditRecords.Where(x => x.Sequence > before.AuditMax).ToListAsync();
            Assert.Equal(15, fresh.Count(x => x.EntityType == nameof(StatValue) && x.Action == "Create" && x.UserName == "lucheng"));
            Assert.Equal(3, fresh.Count(x => x.EntityType == nameof(StatReport) && x.Action == "Create"));
            Assert.Single(fresh, x => x.Action == "StatImport" && x.EntityId == P);
            Assert.Single(fresh.Select(x => x.TimeUtc).Distinct()); // one SaveChanges
        }

        // The same file again: nothing to do, nothing written.
        var mid = await CountsAsync(app);
        var again = await (await ImportAsync(county, P, wb.Bytes, dryRun: false)).JsonAsync();
        Assert.Equal((0, 0, 15), (N(again, "created"), N(again, "updated"), N(again, "unchanged")));
        Assert.False(again.GetProperty("written").GetBoolean());
        Assert.Equal(mid, await CountsAsync(app));

        // A fresh template carries the stored values: imported as it is, it changes nothing (round trip).
        var second = await TemplateAsync(county, P);
        Assert.Equal("301.5", second.Text(second.RowOf(TownA), C.OnlineRetail));
        Assert.Equal("含县域直播基地销售额", second.Text(second.RowOf(TownA), StatTemplate.CommentCode(C.OnlineRetail)));
        Assert.Equal("填报中", second.Text(second.RowOf(TownA), StatTemplate.StatusCode));
        var same = await (await ImportAsync(county, P, second.Bytes, dryRun: false)).JsonAsync();
        Assert.Equal((0, 0, 15), (N(same, "created"), N(same, "updated"), N(same, "unchanged")));
        Assert.Equal(mid, await CountsAsync(app));

        // One value and one comment changed: two updates; a blank cell does not clear a stored value.
        second.Set(second.RowOf(TownB), C.MarketEntities, 230m)
              .Set(second.RowOf(TownA), StatTemplate.CommentCode(C.OnlineRetail), "含直播基地")
              .Set(second.RowOf(Lucheng), C.Brands, null);
        var upd = await (await ImportAsync(county, P, second.Bytes, dryRun: false)).JsonAsync();
        Assert.Equal((0, 2, 12), (N(upd, "created"), N(upd, "updated"), N(upd, "unchanged")));
        Assert.Equal(230m, (await StoredAsync(app, TownB, P))[C.MarketEntities]);
        Assert.Equal(5m, (await StoredAsync(app, Lucheng, P))[C.Brands]);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task TextInANumberCell_IsReportedWithSheetRowColumn_AndNothingIsWritten(string provider)
    {
        var app = apps[provider];
        await EnsureExtraTownsAsync(app);
        var county = await app.SignInAsync("lucheng");
        const string P = "2031-04";
        var wb = await TemplateAsync(county, P);
        foreach (var (name, i) in new[] { Lucheng, TownA, TownB }.Select((n, i) => (n, i))) FillGood(wb, wb.RowOf(name), i);
        var bad = wb.RowOf(TownB);
        wb.Set(bad, C.MarketEntities, "约200");
        var before = await CountsAsync(app);

        var r = await ImportAsync(county, P, wb.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var result = await r.JsonAsync();
        var error = Assert.Single(Issues(result));
        Assert.Equal((Sheet, bad, wb.Col(C.MarketEntities)), (error.Sheet, error.Row, error.Column));
        Assert.Contains("应为数字", error.Message);
        Assert.Contains("约200", error.Message);
        Assert.False(result.GetProperty("written").GetBoolean());
        Assert.Equal(before, await CountsAsync(app)); // the two good rows were not written either
        Assert.Empty(await StoredAsync(app, Lucheng, P));

        // Corrected, the same file goes in.
        wb.Set(bad, C.MarketEntities, 200m);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(county, P, wb.Bytes, dryRun: false)).StatusCode);
        Assert.Equal(3 * 5, (await CountsAsync(app)).Values - before.Values);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task LockedReport_RefusesAChangedRow_AndNothingIsWritten_ButAnUnchangedLockedRowDoesNotBlock(string provider)
    {
        var app = apps[provider];
        await EnsureExtraTownsAsync(app);
        var county = await app.SignInAsync("lucheng");
        const string P = "2025-11"; // demo: 潞城 2025-11 is county-approved (locked)
        var wb = await TemplateAsync(county, P);
        var locked = wb.RowOf(Lucheng);
        Assert.Equal("县级已审核（已锁定）", wb.Text(locked, StatTemplate.StatusCode));
        var storedMarket = decimal.Parse(wb.Text(locked, C.MarketEntities)!, System.Globalization.CultureInfo.InvariantCulture);
        FillGood(wb, wb.RowOf(TownA), 0);
        wb.Set(locked, C.MarketEntities, storedMarket + 50m);
        var before = await CountsAsync(app);

        var r = await ImportAsync(county, P, wb.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var error = Assert.Single(Issues(await r.JsonAsync()));
        Assert.Equal((Sheet, locked, wb.Col(C.MarketEntities)), (error.Sheet, error.Row, error.Column));
        Assert.Contains("ETOWN-STAT-0002", error.Message);
        Assert.Contains("锁定", error.Message);
        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal(storedMarket, (await StoredAsync(app, Lucheng, P))[C.MarketEntities]);

        // The locked row as downloaded (unchanged) is no obstacle: only the other e-town is written.
        wb.Set(locked, C.MarketEntities, storedMarket);
        var ok = await ImportAsync(county, P, wb.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var result = await ok.JsonAsync();
        Assert.Equal(5, N(result, "created"));
        Assert.True(N(result, "unchanged") >= 15);
        Assert.Equal(5, (await StoredAsync(app, TownA, P)).Count);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task BlockingRules_UseTheRowAndLastMonthFromTheDatabase_AndWriteNothing_WarningsDoNotBlock(string provider)
    {
        var app = apps[provider];
        await EnsureExtraTownsAsync(app);
        var county = await app.SignInAsync("lucheng");

        // NEW-EC-LE-NEW: new e-commerce entities (6) > new entities (5) in one row.
        var wb = await TemplateAsync(county, "2031-05");
        FillGood(wb, wb.RowOf(TownA), 0);
        var bad = wb.RowOf(TownB);
        FillGood(wb, bad, 1);
        wb.Set(bad, C.NewMarketEntities, 5m).Set(bad, C.NewEcommerceEntities, 6m);
        var before = await CountsAsync(app);
        var r = await ImportAsync(county, "2031-05", wb.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var error = Assert.Single(Issues(await r.JsonAsync()));
        Assert.Equal((Sheet, bad, wb.Col(C.NewEcommerceEntities)), (error.Sheet, error.Row, error.Column));
        Assert.Contains("NEW-EC-LE-NEW", error.Message);
        Assert.Contains("新增从事电商的市场主体不能多于新增市场主体", error.Message);
        Assert.Equal(before, await CountsAsync(app));

        // At the boundary (equal) it passes.
        wb.Set(bad, C.NewEcommerceEntities, 5m);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(county, "2031-05", wb.Bytes, dryRun: false)).StatusCode);

        // CUM-brands against LAST MONTH IN THE DATABASE: 2031-05 holds 5 brands; 4 in 2031-06 blocks.
        var june = await TemplateAsync(county, "2031-06");
        FillGood(june, june.RowOf(TownA), 0);
        june.Set(june.RowOf(TownA), C.Brands, 4m);
        before = await CountsAsync(app);
        var cum = await ImportAsync(county, "2031-06", june.Bytes, dryRun: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cum.StatusCode);
        var cumError = Assert.Single(Issues(await cum.JsonAsync()));
        Assert.Equal((june.RowOf(TownA), june.Col(C.Brands)), (cumError.Row, cumError.Column));
        Assert.Contains("CUM-" + C.Brands, cumError.Message);
        Assert.Equal(before, await CountsAsync(app));

        // RETAIL-YOY-UP is a warning: listed, but the import goes through (the value is a draft; submission asks for the comment).
        var lastYear = await TemplateAsync(county, "2030-06");
        FillGood(lastYear, lastYear.RowOf(TownA), 0);
        lastYear.Set(lastYear.RowOf(TownA), C.OnlineRetail, 100m);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(county, "2030-06", lastYear.Bytes, dryRun: false)).StatusCode);
        june.Set(june.RowOf(TownA), C.Brands, 6m).Set(june.RowOf(TownA), C.OnlineRetail, 180m);
        var warned = await ImportAsync(county, "2031-06", june.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var w = await warned.JsonAsync();
        var warning = Assert.Single(Issues(w, "warnings"));
        Assert.Equal((june.RowOf(TownA), june.Col(C.OnlineRetail)), (warning.Row, warning.Column));
        Assert.Contains("RETAIL-YOY-UP", warning.Message);
        Assert.Contains("备注", warning.Message);
        Assert.True(w.GetProperty("written").GetBoolean());
        Assert.Equal(180m, (await StoredAsync(app, TownA, "2031-06"))[C.OnlineRetail]);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task EveryKindOfBadCell_IsListedWithItsPlace_AndNothingIsWritten(string provider)
    {
        var app = apps[provider];
        await EnsureExtraTownsAsync(app);
        var county = await app.SignInAsync("lucheng");
        const string P = "2031-07";
        var wb = await TemplateAsync(county, P);
        FillGood(wb, wb.RowOf(Lucheng), 0);
        FillGood(wb, wb.RowOf(TownA), 1);
        var b = wb.RowOf(TownB);
        FillGood(wb, b, 2);
        wb.Set(b, C.OnlineRetail, -3m);                                         // negative
        var extraCol = XlsxReader.ColumnName(wb.Sheet.Cells.Keys.Max(k => k.Column) + 1);
        wb.SetCell(extraCol + wb.CodeRow, "fake_indicator").SetCell(extraCol + wb.RowOf(TownA), 12m); // unknown indicator column
        var dup = wb.NextFreeRow;
        wb.Set(dup, StatTemplate.NameCode, TownA).Set(dup, C.Brands, 5m);       // duplicate row, added by name
        var unknown = dup + 1;
        wb.Set(unknown, StatTemplate.NameCode, "不存在的e镇").Set(unknown, C.Brands, 1m);
        var foreign = dup + 2;
        wb.Set(foreign, StatTemplate.NameCode, Kelan).Set(foreign, C.Brands, 1m); // another county's e-town
        var before = await CountsAsync(app);

        var r = await ImportAsync(county, P, wb.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var errors = Issues(await r.JsonAsync());
        void Has(int row, string col, string text) =>
            Assert.True(errors.Any(e => e.Sheet == Sheet && e.Row == row && e.Column == col && e.Message.Contains(text, StringComparison.Ordinal)),
                $"expected {Sheet}!{col}{row} “{text}” in:\n" + string.Join("\n", errors));
        var nameCol = wb.Col(StatTemplate.NameCode);
        Has(b, wb.Col(C.OnlineRetail), "不能为负数");
        Has(wb.CodeRow, extraCol, "未知的指标列“fake_indicator”");
        Has(dup, nameCol, "重复出现");
        Has(unknown, nameCol, "未知的e镇“不存在的e镇”");
        Has(foreign, nameCol, "不在您的数据范围内");
        Assert.Equal(5, errors.Count);
        Assert.Equal(before, await CountsAsync(app));

        // The file of another month is refused as a whole.
        var other = await ImportAsync(county, "2031-08", (await TemplateAsync(county, P)).Bytes, dryRun: true);
        var periodError = Assert.Single(Issues(await other.JsonAsync()));
        Assert.Equal((StatTemplate.PeriodRow, "B"), (periodError.Row, periodError.Column));
        Assert.Contains("2031-07", periodError.Message);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-02")]
    public async Task Operator_GetsOnlyItsAssignedEtown_AndCannotImportForAnother(string provider)
    {
        var app = apps[provider];
        await EnsureExtraTownsAsync(app);
        var op = await app.SignInAsync("operator");
        const string P = "2031-08";
        var wb = await TemplateAsync(op, P);
        Assert.Equal([Lucheng], wb.EtownNames());

        // A town of the same county that the operator is not assigned to (by its id, as if copied from the county's template), and another county's by name.
        var townA = await TownIdAsync(app, TownA);
        var row = wb.NextFreeRow;
        wb.Set(row, StatTemplate.IdCode, townA.ToString()).Set(row, C.Brands, 3m);
        wb.Set(row + 1, StatTemplate.NameCode, Kelan).Set(row + 1, C.Brands, 3m);
        FillGood(wb, wb.RowOf(Lucheng), 0);
        var before = await CountsAsync(app);
        var r = await ImportAsync(op, P, wb.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var errors = Issues(await r.JsonAsync());
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Row == row && e.Column == wb.Col(StatTemplate.IdCode) && e.Message.Contains("不在您的数据范围内"));
        Assert.Contains(errors, e => e.Row == row + 1 && e.Message.Contains("不在您的数据范围内"));
        Assert.Equal(before, await CountsAsync(app));

        // A single-town template for a town outside its assignment is not found; its own town imports.
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/statistics/template?period={P}&etownId={townA}")).StatusCode);
        var own = await TemplateAsync(op, P, await TownIdAsync(app, Lucheng));
        FillGood(own, own.RowOf(Lucheng), 0);
        var ok = await ImportAsync(op, P, own.Bytes, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(5, N(await ok.JsonAsync(), "created"));
        Assert.Empty(await StoredAsync(app, TownA, P));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task NotAnXlsx_TooLarge_NoFile_AreRefusedWithClearMessages_AndCitiesDoNotImport(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var csv = await ImportAsync(county, "2031-09", "名称,数值\n潞城,1\n"u8.ToArray(), dryRun: true, fileName: "月报.csv");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("ETOWN-STAT-0111", await csv.ProblemCodeAsync());
        Assert.Contains(".xlsx", (await csv.JsonAsync()).GetProperty("detail").GetString());
        var fake = await ImportAsync(county, "2031-09", "not a zip at all"u8.ToArray(), dryRun: true);
        Assert.Equal("ETOWN-STAT-0111", await fake.ProblemCodeAsync());
        var huge = await ImportAsync(county, "2031-09", new byte[StatImportService.MaxFileBytes + 1], dryRun: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("ETOWN-STAT-0110", await huge.ProblemCodeAsync());
        Assert.Contains("10 MB", (await huge.JsonAsync()).GetProperty("detail").GetString());
        var none = await county.PostAsync("/api/v1/statistics/import?period=2031-09", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);

        // A sheet that is not the template: told so, nothing else.
        var plain = XlsxWriter.Write("Sheet1", ["e镇", "市场主体总数"], [[Lucheng, 5m]]);
        var notTemplate = await ImportAsync(county, "2031-09", plain, dryRun: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notTemplate.StatusCode);
        Assert.Contains("指标代码行", Assert.Single(Issues(await notTemplate.JsonAsync())).Message);

        // The city reads and exports, but neither downloads the entry template nor imports (STAT-02/05: county and operator enter).
        var city = await app.SignInAsync("changzhi");
        Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync("/api/v1/statistics/template?period=2025-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(city, "2025-11", plain, dryRun: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/api/v1/statistics/export?period=2025-11")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task Export_HasEveryEtownInScope_WithValuesAndReviewStatus(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var r = await province.GetAsync("/api/v1/statistics/export?period=2025-11");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var sheet = XlsxReader.Read(new MemoryStream(await r.Content.ReadAsByteArrayAsync()));
        var header = Enumerable.Range(1, 40).Select(c => sheet.Text(1, c)).ToList();
        var town = header.IndexOf("e镇") + 1;
        var status = header.IndexOf("审核状态") + 1;
        var market = header.IndexOf("市场主体总数（户）") + 1;
        Assert.True(town > 0 && status > 0 && market > 0, string.Join("|", header));
        var rows = Enumerable.Range(2, sheet.MaxRow - 1).ToDictionary(row => sheet.Text(row, town)!);
        Assert.All(new[] { Lucheng, Kelan, "临猗新城涑水e镇", "山阴县古城乡村e镇", "应县木塔鲜生乡村e镇", "怀仁市陶瓷e镇", "右玉县西口e镇" }, t => Assert.Contains(t, rows.Keys));
        Assert.Equal("县级已审核", sheet.Text(rows[Lucheng], status));
        Assert.Equal("市级已接收", sheet.Text(rows[Kelan], status));
        Assert.Equal("未填报", sheet.Text(rows["右玉县西口e镇"], status));
        Assert.Equal("填报中（未审核）", sheet.Text(rows["怀仁市陶瓷e镇"], status));
        var stored = await StoredAsync(app, Lucheng, "2025-11");
        Assert.Equal(stored[C.MarketEntities], decimal.Parse(sheet.Text(rows[Lucheng], market)!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
