using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Declarations.Documents;
using ETown.Web.Features.Regions;

namespace ETown.Tests.Features.Declarations;

public class DocumentTests
{
    static RegionDirectory Regions()
    {
        var d = new RegionDirectory();
        d.Load(
        [
            new Region { Code = "140000", Name = "山西省", Level = RegionLevel.Province },
            new Region { Code = "140400", Name = "长治市", Level = RegionLevel.City, ParentCode = "140000" },
            new Region { Code = "140403", Name = "潞州区", Level = RegionLevel.County, ParentCode = "140400" },
            new Region { Code = "140406", Name = "潞城区", Level = RegionLevel.County, ParentCode = "140400" },
            new Region { Code = "140300", Name = "阳泉市", Level = RegionLevel.City, ParentCode = "140000" },
            new Region { Code = "140302", Name = "城区", Level = RegionLevel.County, ParentCode = "140300" },
            new Region { Code = "140600", Name = "朔州市", Level = RegionLevel.City, ParentCode = "140000" },
            new Region { Code = "140621", Name = "山阴县", Level = RegionLevel.County, ParentCode = "140600" },
            new Region { Code = "140900", Name = "忻州市", Level = RegionLevel.City, ParentCode = "140000" },
            new Region { Code = "140902", Name = "城区", Level = RegionLevel.County, ParentCode = "140900" }, // a second 城区 for the ambiguity case
            new Region { Code = "140929", Name = "岢岚县", Level = RegionLevel.County, ParentCode = "140900" },
        ]);
        return d;
    }

    /// <summary>Every field set; decimals; some targets null (2022 of 新增投资, all of 纳税 2023, 品牌 2025).</summary>
    static DeclarationForm FullForm()
    {
        var f = new DeclarationForm
        {
            CountyCode = "140406",
            IsNationalDemoCounty = true,
            CountyClass = CountyClass.Advancing,
            ProjectName = "潞城区店上镇乡村e镇",
            PersonInCharge = "张三",
            PersonInChargePhone = "0355-1234567",
            Contact = "李四",
            ContactPhone = "13800001111",
            Email = "etown@example.cn",
            Address = "长治市潞城区店上镇文化路 1 号",
            PlannedAreaKm2 = 2.35m,
            FloorAreaM2 = 512000.75m,
            Infrastructure = "物流：县乡村三级物流站点 12 个\n仓储：冷库 3000 立方米\n宽带：千兆光纤全覆盖",
            MarketEntities = 86,
            EcommerceEnterprises = 23,
            OnlineRetailWan = 1530.5m,
            EnterprisesOver100Wan = 4,
            LeadingIndustries = "中药材、小杂粮",
            FeaturedProducts = "连翘、小米",
            Brands = "潞城小米、上党连翘",
            OutputWan = 15300.25m,
            BoundaryGeoJson = """{"type":"Polygon","coordinates":[[[113.2,36.33],[113.215,36.33],[113.215,36.345],[113.2,36.345],[113.2,36.33]]]}""",
            BoundaryText = "东至浊漳河，西至长邯高速，南至店上村南，北至 309 国道",
            CountyOpinion = "同意申报。\n县政府将在资金、用地等方面给予支持。",
        };
        var k = 0;
        foreach (var i in Enum.GetValues<TargetIndicator>())
            foreach (var y in TargetIndicators.Years)
            {
                k++;
                decimal? v = TargetIndicators.Describe(i).Unit is "个" or "人" ? k * 3 : 1000m + k * 111.5m + (y - 2022) * 0.25m;
                if ((i, y) is (TargetIndicator.NewInvestment, 2022) or (TargetIndicator.Tax, 2023) or (TargetIndicator.Brands, 2025)) v = null;
                f.SetTarget(i, y, v);
            }
        f.SetTarget(TargetIndicator.OnlineRetail, 2025, 3100m);
        f.SetTarget(TargetIndicator.TotalOutput, 2025, 15300m);
        return f;
    }

    /// <summary>JSON of the form with targets as all 48 indicator × year entries in order: equality of every field.</summary>
    static string Canonical(DeclarationForm f)
    {
        var copy = JsonSerializer.Deserialize<DeclarationForm>(JsonSerializer.Serialize(f))!;
        copy.Targets = Enum.GetValues<TargetIndicator>()
            .SelectMany(i => TargetIndicators.Years.Select(y => new TargetValue { Indicator = i, Year = y, Value = f.Target(i, y) }))
            .ToList();
        foreach (var t in copy.Targets) t.Value = t.Value is { } x ? decimal.Parse(x.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) : null;
        return JsonSerializer.Serialize(copy, new JsonSerializerOptions { WriteIndented = true });
    }

    static List<string> ValidateDocx(byte[] bytes)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return Describe(new OpenXmlValidator().Validate(doc));
    }

    static List<string> ValidateXlsx(byte[] bytes)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        return Describe(new OpenXmlValidator().Validate(doc));
    }

    static List<string> Describe(IEnumerable<ValidationErrorInfo> errors) =>
        errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

    static string Describe(List<string> errors) => string.Join("\n", errors);

    static string DocxText(byte[] bytes)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return doc.MainDocumentPart!.Document!.Body!.InnerText;
    }

    // ---- .docx --------------------------------------------------------------------------------------------------

    [Fact]
    [Trait("Rule", "DECL-09")]
    public void Declaration_docx_validates_and_shows_the_form()
    {
        var form = FullForm();
        var bytes = DeclarationDocx.Render(form, Regions());
        var errors = ValidateDocx(bytes);
        Assert.True(errors.Count == 0, Describe(errors));

        var text = DocxText(bytes);
        foreach (var s in new[]
                 {
                     "山西省乡村e镇申报表", "潞城区店上镇乡村e镇", "长治市 潞城区", "整体推进县", "1530.5", "培育规划目标", "目前基础条件",
                     "同比增长率", "县(市、区)政府意见", "年　　月　　日（盖章）", "填表说明", "吸纳就业、纳税属于参考指标", "（边界测算 2.",
                 })
            Assert.Contains(s, text);
        // growth computed by DeclarationForm.Growth, e.g. online retail 2025 vs 2024
        Assert.Contains(form.Growth(TargetIndicator.OnlineRetail, 2025)!.Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", text);

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var table = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Single();
        Assert.NotNull(table.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.TableGrid>());
        var page = body.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.SectionProperties>()!.GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!;
        Assert.Equal(11906u, page.Width!.Value); // A4
        var fonts = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!;
        Assert.Equal("宋体", fonts.EastAsia!.Value);
    }

    [Fact]
    public void Empty_declaration_docx_validates()
    {
        var bytes = DeclarationDocx.Render(new DeclarationForm(), Regions());
        var errors = ValidateDocx(bytes);
        Assert.True(errors.Count == 0, Describe(errors));
        Assert.Contains("□是　■否", DocxText(bytes));
    }

    [Fact]
    [Trait("Rule", "DECL-07")]
    public void Notice_list_docx_validates_and_lists_rows()
    {
        var rows = new List<NoticeListRow>
        {
            new(1, "长治市", "潞城区", "潞城区店上镇乡村e镇", 91.333m),
            new(2, "忻州市", "岢岚县", "岢岚县岚漪镇乡村e镇", 88.5m),
        };
        var bytes = NoticeListDocx.Render("2022年山西省乡村e镇拟认定名单公示", rows, new DateOnly(2022, 9, 1), new DateOnly(2022, 9, 7), "省商务厅电子商务处（电话 0351-0000000）");
        var errors = ValidateDocx(bytes);
        Assert.True(errors.Count == 0, Describe(errors));
        var text = DocxText(bytes);
        Assert.Contains("岢岚县岚漪镇乡村e镇", text);
        Assert.Contains("91.33", text);
        Assert.Contains("2022年9月1日至2022年9月7日", text);
        Assert.Contains("省商务厅电子商务处", text);

        var empty = NoticeListDocx.Render("公示", [], new DateOnly(2022, 9, 1), new DateOnly(2022, 9, 7), "省商务厅");
        Assert.Empty(ValidateDocx(empty));
    }

    // ---- .xlsx --------------------------------------------------------------------------------------------------

    [Fact]
    public void Xlsx_template_validates_blank_and_filled()
    {
        var blank = DeclarationXlsx.Template();
        Assert.True(ValidateXlsx(blank).Count == 0, Describe(ValidateXlsx(blank)));
        var filled = DeclarationXlsx.Template(FullForm(), Regions());
        Assert.True(ValidateXlsx(filled).Count == 0, Describe(ValidateXlsx(filled)));

        var (form, errors) = DeclarationXlsx.Import(new MemoryStream(blank), Regions());
        Assert.Empty(errors);
        Assert.Equal("", form.CountyCode);
        Assert.Equal("", form.ProjectName);
        Assert.Equal(48, form.Targets.Count);
        Assert.All(form.Targets, t => Assert.Null(t.Value));
    }

    [Fact]
    [Trait("Rule", "DECL-09")]
    public void Xlsx_round_trip_keeps_every_value()
    {
        var regions = Regions();
        var form = FullForm();
        var bytes = DeclarationXlsx.Template(form, regions);
        var (back, errors) = DeclarationXlsx.Import(new MemoryStream(bytes), regions);
        Assert.Empty(errors);
        Assert.Equal(Canonical(form), Canonical(back));
        Assert.Equal(1530.5m, back.OnlineRetailWan);
        Assert.Null(back.Target(TargetIndicator.NewInvestment, 2022));
        Assert.Equal(3100m, back.Target(TargetIndicator.OnlineRetail, 2025));
        Assert.Equal(48, back.Targets.Count);

        // also without a region directory (the code cell carries the county)
        var (noRegions, errors2) = DeclarationXlsx.Import(new MemoryStream(DeclarationXlsx.Template(form)));
        Assert.Empty(errors2);
        Assert.Equal(Canonical(form), Canonical(noRegions));
    }

    [Fact]
    public void Xlsx_round_trip_of_a_sparse_form_keeps_nulls()
    {
        var form = new DeclarationForm { CountyCode = "140621", ProjectName = "山阴县e镇", IsNationalDemoCounty = false, MarketEntities = 0, OnlineRetailWan = 0.001m };
        form.SetTarget(TargetIndicator.Employment, 2024, 12m);
        var (back, errors) = DeclarationXlsx.Import(new MemoryStream(DeclarationXlsx.Template(form, Regions())), Regions());
        Assert.Empty(errors);
        Assert.Equal(Canonical(form), Canonical(back));
        Assert.Null(back.CountyClass);
        Assert.Null(back.Email);
        Assert.Null(back.BoundaryGeoJson);
    }

    [Fact]
    public void Xlsx_round_trip_splits_a_boundary_longer_than_an_excel_cell()
    {
        var ring = string.Join(",", Enumerable.Range(0, 3000).Select(i => $"[{112.5 + i * 1e-6:0.000000},{37.8 + (i % 7) * 1e-6:0.000000}]"));
        var form = new DeclarationForm { CountyCode = "140621", BoundaryGeoJson = $$"""{"type":"Polygon","coordinates":[[{{ring}}]]}""" };
        Assert.True(form.BoundaryGeoJson.Length > 40_000);
        var bytes = DeclarationXlsx.Template(form);
        Assert.Empty(ValidateXlsx(bytes));
        var (back, errors) = DeclarationXlsx.Import(new MemoryStream(bytes));
        Assert.Empty(errors);
        Assert.Equal(form.BoundaryGeoJson, back.BoundaryGeoJson);
    }

    [Fact]
    public void Xlsx_saved_with_shared_strings_reads_the_same()
    {
        var form = FullForm();
        var bytes = ToSharedStrings(DeclarationXlsx.Template(form, Regions()));
        var (back, errors) = DeclarationXlsx.Import(new MemoryStream(bytes), Regions());
        Assert.Empty(errors);
        Assert.Equal(Canonical(form), Canonical(back));
    }

    [Fact]
    [Trait("Rule", "DECL-09")]
    public void Import_reports_negative_and_text_cells_with_row_and_column()
    {
        var bytes = DeclarationXlsx.Template(FullForm(), Regions());
        bytes = Edit(bytes, "D11", c => { c.DataType = CellValues.Number; c.CellValue = new CellValue("-3"); });            // 电商企业（个）
        bytes = Edit(bytes, "C19", c => Text(c, "约1000"));                                                                    // 总投资规模 2022
        bytes = Edit(bytes, "B12", c => Text(c, "1,600.5"));                                                                   // number typed as text: accepted
        bytes = Edit(bytes, "F26", c => { c.DataType = CellValues.Number; c.CellValue = new CellValue("12.5"); });            // 网络零售额 2025 fine
        bytes = Edit(bytes, "B11", c => { c.DataType = CellValues.Number; c.CellValue = new CellValue("20.5"); });            // 市场主体: not an integer
        var (form, errors) = DeclarationXlsx.Import(new MemoryStream(bytes), Regions());

        Assert.Equal(3, errors.Count);
        var negative = Assert.Single(errors, e => e.Cell == "D11");
        Assert.Equal(DeclarationXlsx.SheetName, negative.Sheet);
        Assert.Equal(11, negative.Row);
        Assert.Equal("D", negative.Column);
        Assert.Contains("电商企业", negative.Message);
        Assert.Contains("负数", negative.Message);
        var text = Assert.Single(errors, e => e.Cell == "C19");
        Assert.Equal(19, text.Row);
        Assert.Contains("总投资规模（2022年）", text.Message);
        Assert.Contains("数字", text.Message);
        Assert.Contains("整数", Assert.Single(errors, e => e.Cell == "B11").Message);

        Assert.Null(form.EcommerceEnterprises);
        Assert.Null(form.Target(TargetIndicator.TotalInvestment, 2022));
        Assert.Null(form.MarketEntities);
        Assert.Equal(1600.5m, form.OnlineRetailWan);
        Assert.Equal(12.5m, form.Target(TargetIndicator.OnlineRetail, 2025));
        Assert.Equal("潞城区店上镇乡村e镇", form.ProjectName); // the rest is read
    }

    [Fact]
    public void Import_resolves_county_by_name_and_reports_unknown_or_ambiguous_names()
    {
        var regions = Regions();
        var blank = DeclarationXlsx.Template();

        var (ok, e1) = DeclarationXlsx.Import(new MemoryStream(Edit(blank, "B3", c => Text(c, "山阴县"))), regions);
        Assert.Empty(e1);
        Assert.Equal("140621", ok.CountyCode);

        var (full, e2) = DeclarationXlsx.Import(new MemoryStream(Edit(blank, "B3", c => Text(c, "忻州市 城区"))), regions);
        Assert.Empty(e2);
        Assert.Equal("140902", full.CountyCode);

        var (_, e3) = DeclarationXlsx.Import(new MemoryStream(Edit(blank, "B3", c => Text(c, "火星县"))), regions);
        var unknown = Assert.Single(e3);
        Assert.Equal((3, "B"), (unknown.Row, unknown.Column));
        Assert.Contains("未知的申报县", unknown.Message);

        var (_, e4) = DeclarationXlsx.Import(new MemoryStream(Edit(blank, "B3", c => Text(c, "城区"))), regions);
        Assert.Contains("重名", Assert.Single(e4).Message);

        var (bad, e5) = DeclarationXlsx.Import(new MemoryStream(Edit(blank, "D3", c => Text(c, "140999"))), regions);
        Assert.Equal((3, "D"), (Assert.Single(e5).Row, e5[0].Column));
        Assert.Equal("", bad.CountyCode);

        var (_, e6) = DeclarationXlsx.Import(new MemoryStream(Edit(blank, "B4", c => Text(c, "可能"))), regions);
        Assert.Equal("B4", Assert.Single(e6).Cell);
    }

    [Fact]
    public void Import_of_a_non_xlsx_file_is_an_error_not_an_exception()
    {
        var (_, errors) = DeclarationXlsx.Import(new MemoryStream("not a workbook"u8.ToArray()));
        Assert.Contains("xlsx", Assert.Single(errors).Message);
    }

    // ---- helpers that stand in for a county editing the sheet in Excel ----------------------------------------

    static void Text(Cell c, string s)
    {
        c.CellValue = null;
        c.DataType = CellValues.InlineString;
        c.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(s));
    }

    static byte[] Edit(byte[] xlsx, string reference, Action<Cell> edit)
    {
        var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var ws = doc.WorkbookPart!.WorksheetParts.Single().Worksheet!;
            var cell = ws.Descendants<Cell>().Single(c => c.CellReference == reference);
            cell.RemoveAllChildren();
            edit(cell);
            ws.Save();
        }
        return ms.ToArray();
    }

    /// <summary>Rewrites every inline string as a shared string, as Excel does on save.</summary>
    static byte[] ToSharedStrings(byte[] xlsx)
    {
        var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var wb = doc.WorkbookPart!;
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();
            var ws = wb.WorksheetParts.Single().Worksheet!;
            foreach (var cell in ws.Descendants<Cell>().Where(c => c.DataType?.Value == CellValues.InlineString).ToList())
            {
                var s = cell.InlineString!.InnerText;
                if (!index.TryGetValue(s, out var i))
                {
                    i = index.Count;
                    index[s] = i;
                    sst.SharedStringTable.Append(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(s) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                }
                cell.RemoveAllChildren();
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            sst.SharedStringTable.Save();
            ws.Save();
        }
        return ms.ToArray();
    }
}
