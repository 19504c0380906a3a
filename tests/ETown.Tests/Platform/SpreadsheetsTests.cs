using System.IO.Compression;
using System.Text;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Declarations.Documents;
using ETown.Web.Features.Statistics;
using ETown.Web.Features.Statistics.Import;
using ETown.Web.Platform;
using ETown.Web.Platform.Documents;

namespace ETown.Tests.Platform;

/// <summary>
/// The one spreadsheet layer (issue #15 item 3): templates officials restyle are used without a code change, plain
/// exports stream (rows consumed lazily, bytes leave before the last row is produced), and every read is guarded.
/// </summary>
public class SpreadsheetsTests
{
    const string HeaderFill = "FFD9E1F2", Restyled = "FFC00000";

    static byte[] Rewrite(byte[] xlsx, string part, Func<string, string> change)
    {
        using var input = new ZipArchive(new MemoryStream(xlsx));
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var e in input.Entries)
            {
                using var reader = new StreamReader(e.Open());
                var text = reader.ReadToEnd();
                using var w = new StreamWriter(zip.CreateEntry(e.FullName).Open(), new UTF8Encoding(false));
                w.Write(e.FullName == part ? change(text) : text);
            }
        return output.ToArray();
    }

    static string Part(byte[] xlsx, string part)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var reader = new StreamReader(zip.GetEntry(part)!.Open());
        return reader.ReadToEnd();
    }

    static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "etown-tests", "xlsx-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void TheTemplateFiles_AreRealWorkbooks_WithTheirPlaceholders()
    {
        Assert.Contains(StatTemplate.TemplateFile, SpreadsheetTemplates.Names);
        var placeholders = SpreadsheetTemplates.Placeholders(SpreadsheetTemplates.BuiltInBytes(StatTemplate.TemplateFile));
        Assert.Contains("Period", placeholders);
        Assert.Contains("k.c1", placeholders);
        Assert.Contains("t.c" + (4 + StatTemplate.MaxIndicators * 2), placeholders);
        Assert.Contains(HeaderFill, Part(SpreadsheetTemplates.BuiltInBytes(StatTemplate.TemplateFile), "xl/styles.xml"));
    }

    [Theory, SqliteData]
    public async Task ARestyledTemplate_InTheConfiguredDirectory_IsUsed_WithoutACodeChange(string provider)
    {
        // An official recolours the header cells (fill and font) of the monthly template in Excel and drops the file into
        // the configured directory: the next download carries the new style and still imports.
        var dir = TempDir();
        var restyled = Rewrite(SpreadsheetTemplates.BuiltInBytes(StatTemplate.TemplateFile), "xl/styles.xml",
            s => s.Replace(HeaderFill, Restyled, StringComparison.Ordinal).Replace("<x:b />", "<x:b /><x:i />", StringComparison.Ordinal)
                  .Replace("<b />", "<b /><i />", StringComparison.Ordinal).Replace("<b/>", "<b/><i/>", StringComparison.Ordinal).Replace("<x:b/>", "<x:b/><x:i/>", StringComparison.Ordinal));
        Assert.Contains(Restyled, Part(restyled, "xl/styles.xml"));
        await File.WriteAllBytesAsync(Path.Combine(dir, StatTemplate.TemplateFile), restyled);

        await using var app = new EtownAppFactory(provider, settings: new Dictionary<string, string?> { [SpreadsheetTemplates.ConfigurationKey] = dir }).Start();
        var lucheng = await app.SignInAsync("lucheng");
        var bytes = await (await lucheng.GetAsync("/api/v1/statistics/template?period=2031-03")).Content.ReadAsByteArrayAsync();
        var styles = Part(bytes, "xl/styles.xml");
        Assert.Contains(Restyled, styles);
        Assert.DoesNotContain(HeaderFill, styles);
        Assert.Contains("<i />", styles, StringComparison.Ordinal); // the header font too
        var sheet = XlsxReader.Read(new MemoryStream(bytes), StatTemplate.SheetName);
        Assert.Equal("e镇名称", sheet.Text(StatTemplate.HeaderRow, 2));
        Assert.Equal(StatTemplate.NameCode, sheet.Text(StatTemplate.CodeRow, 2));
        Assert.NotNull(StatTemplate.ReadLayout(sheet));

        // The restyled download goes back in as it came out: the dry run finds nothing to complain about.
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(XlsxWriter.ContentType);
        form.Add(file, "file", "月报.xlsx");
        var dry = await lucheng.PostAsync("/api/v1/statistics/import?period=2031-03&dryRun=true", form);
        Assert.True(dry.IsSuccessStatusCode, await dry.Content.ReadAsStringAsync());
        Assert.DoesNotContain("\"errors\":[{", await dry.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Without the override the built-in style is back.
        var plain = StatTemplate.Build(SpreadsheetTemplates.BuiltIn, StatPeriod.Parse("2031-03"), "单位", [], [], []);
        Assert.Contains(HeaderFill, Part(plain, "xl/styles.xml"));
    }

    [Fact]
    public void ARestyledTemplate_ThatLostAPlaceholder_IsNotUsed()
    {
        var dir = TempDir();
        var broken = Rewrite(SpreadsheetTemplates.BuiltInBytes(StatTemplate.TemplateFile), "xl/worksheets/sheet1.xml",
            s => s.Replace("{{Unit}}", "", StringComparison.Ordinal).Replace(HeaderFill, Restyled, StringComparison.Ordinal));
        File.WriteAllBytes(Path.Combine(dir, StatTemplate.TemplateFile), Rewrite(broken, "xl/styles.xml", s => s.Replace(HeaderFill, Restyled, StringComparison.Ordinal)));
        var templates = new SpreadsheetTemplates(dir);
        var bytes = StatTemplate.Build(templates, StatPeriod.Parse("2031-03"), "潞城区商务局", [], [], []);
        Assert.Contains(HeaderFill, Part(bytes, "xl/styles.xml")); // the built-in copy was used
        Assert.Equal("潞城区商务局", XlsxReader.Read(new MemoryStream(bytes), StatTemplate.SheetName).Text(StatTemplate.UnitRow, 2));
    }

    const string DeclLabelFill = "FFD9D9D9";

    [Fact]
    public void TheDeclarationTemplateFile_HasItsPlaceholders_AndEveryLabelTheImporterNeeds()
    {
        Assert.Contains(DeclarationXlsx.TemplateFile, SpreadsheetTemplates.Names);
        var bytes = SpreadsheetTemplates.BuiltInBytes(DeclarationXlsx.TemplateFile);
        var placeholders = SpreadsheetTemplates.Placeholders(bytes);
        Assert.Contains("CountyCode", placeholders);
        Assert.Contains("Boundary8", placeholders);
        Assert.Contains("T_Tax_2025", placeholders);
        Assert.Contains("notes.Text", placeholders);
        var texts = XlsxReader.Read(new MemoryStream(bytes), DeclarationXlsx.SheetName).Cells.Values.Select(c => c.Text.Trim()).ToHashSet();
        Assert.All(DeclarationXlsx.RequiredTexts, t => Assert.Contains(t, texts));
        var sheet = Part(bytes, "xl/worksheets/sheet1.xml");
        Assert.Contains("orientation=\"landscape\"", sheet, StringComparison.Ordinal); // A4 landscape
        Assert.Contains("paperSize=\"9\"", sheet, StringComparison.Ordinal);
        Assert.Contains("<dataValidation", sheet, StringComparison.Ordinal);
    }

    [Theory, SqliteData]
    public async Task ARestyledDeclarationTemplate_InTheConfiguredDirectory_IsUsed_AndImportsBack(string provider)
    {
        // An official recolours the grey label cells of the 申报表 in Excel and drops the file into the configured directory.
        var dir = TempDir();
        var restyled = Rewrite(SpreadsheetTemplates.BuiltInBytes(DeclarationXlsx.TemplateFile), "xl/styles.xml",
            s => s.Replace(DeclLabelFill, Restyled, StringComparison.Ordinal));
        await File.WriteAllBytesAsync(Path.Combine(dir, DeclarationXlsx.TemplateFile), restyled);

        await using var app = new EtownAppFactory(provider, settings: new Dictionary<string, string?> { [SpreadsheetTemplates.ConfigurationKey] = dir }).Start();
        var lucheng = await app.SignInAsync("lucheng");
        var response = await lucheng.GetAsync("/api/v1/declarations/template.xlsx");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var styles = Part(bytes, "xl/styles.xml");
        Assert.Contains(Restyled, styles);
        Assert.DoesNotContain(DeclLabelFill, styles);

        // The restyled download reads back as the county's blank form; a bad cell gets its row, column and a Chinese message.
        var (form, errors) = DeclarationXlsx.Import(new MemoryStream(bytes));
        Assert.Empty(errors);
        Assert.Equal("140406", form.CountyCode);
        var bad = Rewrite(bytes, "xl/worksheets/sheet1.xml", s => SetCell(s, "D11", "<c r=\"D11\" t=\"inlineStr\"><is><t>二十三</t></is></c>"));
        var (badForm, badErrors) = DeclarationXlsx.Import(new MemoryStream(bad));
        var error = Assert.Single(badErrors);
        Assert.Equal((DeclarationXlsx.SheetName, 11, "D"), (error.Sheet, error.Row, error.Column));
        Assert.Contains("电商企业（个）", error.Message, StringComparison.Ordinal);
        Assert.Contains("应填写数字", error.Message, StringComparison.Ordinal);
        Assert.Null(badForm.EcommerceEnterprises);

        // Without the override the built-in style is back.
        Assert.Contains(DeclLabelFill, Part(DeclarationXlsx.Template(new DeclarationForm { CountyCode = "140406" }), "xl/styles.xml"));
    }

    [Fact]
    public void ARestyledDeclarationTemplate_ThatRenamedALabel_IsNotUsed()
    {
        // Renaming 电商企业（个） would make every download unimportable: the built-in copy is used instead.
        var dir = TempDir();
        var renamed = Rewrite(SpreadsheetTemplates.BuiltInBytes(DeclarationXlsx.TemplateFile), "xl/worksheets/sheet1.xml",
            s => s.Replace("电商企业（个）", "电商企业数", StringComparison.Ordinal));
        File.WriteAllBytes(Path.Combine(dir, DeclarationXlsx.TemplateFile), Rewrite(renamed, "xl/styles.xml", s => s.Replace(DeclLabelFill, Restyled, StringComparison.Ordinal)));
        var form = new DeclarationForm { CountyCode = "140406", EcommerceEnterprises = 23 };
        var bytes = DeclarationXlsx.Template(new SpreadsheetTemplates(dir), form);
        Assert.Contains(DeclLabelFill, Part(bytes, "xl/styles.xml"));
        var (back, errors) = DeclarationXlsx.Import(new MemoryStream(bytes));
        Assert.Empty(errors);
        Assert.Equal(23, back.EcommerceEnterprises);
    }

    /// <summary>
    /// A filled template carries its used range as Excel writes it (issue #16 target 3: readers that size the sheet from it
    /// need not scan it once more), in the spreadsheet namespace, after sheetPr and before sheetViews; it reads back cell for cell.
    /// </summary>
    [Fact]
    public void AFilledTemplate_CarriesItsDimension_AndReadsBackTheSame()
    {
        TemplateIndicator[] indicators = [new("I1", "指标一", "万元", StatPeriodType.Monthly, StatAggregation.Sum, false, "来源"),
            new("I2", "指标二", "个", StatPeriodType.Monthly, StatAggregation.Last, false, "来源")];
        TemplateTown[] towns = [.. Enumerable.Range(1, 3).Select(i => new TemplateTown(Guid.NewGuid(), $"镇{i}", "县", "未填报", false,
            new Dictionary<string, (decimal, string?)> { ["I1"] = (i * 1.5m, i == 2 ? "备注" : null) }))];
        var bytes = StatTemplate.Build(new StatPeriod(2025, 3), "单位", indicators, towns, []);
        var sheet = Part(bytes, "xl/worksheets/sheet1.xml");
        var dimension = System.Text.RegularExpressions.Regex.Match(sheet, "<dimension ref=\"A1:([A-Z]+[0-9]+)\" />");
        Assert.True(dimension.Success, "no dimension");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(sheet, "<dimension"));
        Assert.True(dimension.Index < sheet.IndexOf("<sheetData", StringComparison.Ordinal));
        var read = XlsxReader.Read(new MemoryStream(bytes), StatTemplate.SheetName);
        var withoutDimension = XlsxReader.Read(new MemoryStream(Rewrite(bytes, "xl/worksheets/sheet1.xml", x => x.Replace(dimension.Value, ""))), StatTemplate.SheetName);
        Assert.Equal(withoutDimension.Cells.OrderBy(c => c.Key), read.Cells.OrderBy(c => c.Key));
        var (row, column) = XlsxReader.ParseReference(dimension.Groups[1].Value);
        Assert.True(row >= read.MaxRow && column >= read.Cells.Keys.Max(k => k.Column));
        Assert.Equal(sheet, SpreadsheetTemplates.WithDimension(sheet)); // never a second one
    }

    [Fact]
    public void TextThatLooksLikeAFormula_StaysText()
    {
        // MiniExcel makes "$=…" cells formulas: what a user typed must stay text (formula injection).
        var form = new DeclarationForm { CountyCode = "140406", ProjectName = "$=HYPERLINK(\"http://evil.example\",\"点此\")", Address = "$ 100", Brands = "=1+1" };
        var bytes = DeclarationXlsx.Template(form);
        var sheet = Part(bytes, "xl/worksheets/sheet1.xml");
        Assert.DoesNotContain("evil.example\",\"点此\")</f>", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("\uE000", sheet, StringComparison.Ordinal);
        var (back, errors) = DeclarationXlsx.Import(new MemoryStream(bytes));
        Assert.Empty(errors);
        Assert.Equal(form.ProjectName, back.ProjectName);
        Assert.Equal("$ 100", back.Address);
        Assert.Equal("=1+1", back.Brands);
    }

    /// <summary>Replaces the cell element <paramref name="reference"/> in a sheet part (default namespace, as the templates are).</summary>
    static string SetCell(string sheetXml, string reference, string cell)
    {
        var start = sheetXml.IndexOf($"<c r=\"{reference}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, reference);
        var selfClosing = sheetXml.IndexOf("/>", start, StringComparison.Ordinal);
        var open = sheetXml.IndexOf('>', start);
        var end = open == selfClosing + 1 ? selfClosing + 2 : sheetXml.IndexOf("</c>", start, StringComparison.Ordinal) + 4;
        return sheetXml[..start] + cell + sheetXml[end..];
    }

    [Fact]
    public void ALargeExport_Streams_RowsConsumedLazily_BytesOutBeforeTheLastRow()
    {
        const int rows = 100_000;
        var output = new CountingStream();
        long writtenAtHalf = -1;
        var enumerations = 0;
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            enumerations++;
            for (var i = 0; i < rows; i++)
            {
                if (i == rows / 2) writtenAtHalf = output.Written;
                yield return [i, "乡村e镇" + i, 1.25m * i];
            }
        }
        XlsxWriter.Write(output, "大表", ["序号", "名称", "金额（万元）"], Rows());
        Assert.Equal(1, enumerations);
        // Half the rows produced: a good part of the workbook has already left (no workbook model held until the end).
        Assert.True(writtenAtHalf > output.Written / 4, $"{writtenAtHalf} of {output.Written} bytes written at half");
        Assert.True(output.Written > 1_000_000);
    }

    [Fact]
    public void ALargeExport_ReadsBack_HeaderAndLastRow()
    {
        var ms = new MemoryStream();
        XlsxWriter.Write(ms, "大表", ["序号", "名称", "序号"], Enumerable.Range(0, 20_000).Select(i => (IReadOnlyList<object?>)[i, "镇" + i, null]));
        var sheet = XlsxReader.Read(new MemoryStream(ms.ToArray()), "大表");
        Assert.Equal("序号", sheet.Text(1, 1));
        Assert.Equal("序号", sheet.Text(1, 3)?.Trim()); // duplicate headers stay (made unique by trailing blanks)
        Assert.Equal(20_001, sheet.MaxRow);
        Assert.Equal("19999", sheet.Text(20_001, 1));
        Assert.True(sheet[20_001, 1]!.IsNumeric);
        Assert.Equal("镇19999", sheet.Text(20_001, 2));
    }

    [Fact]
    public void TheReader_RefusesADoctype_AndABomb_BeforeParsing()
    {
        var ok = XlsxWriter.Write("表", ["指标"], [["产值"]]);
        var dtd = Rewrite(ok, "xl/worksheets/sheet1.xml", s => s.Replace("?>", "?><!DOCTYPE x SYSTEM \"http://evil.example/x.dtd\">", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => XlsxReader.Read(new MemoryStream(dtd)));
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var input = new ZipArchive(new MemoryStream(ok)))
                foreach (var entry in input.Entries)
                {
                    using var from = entry.Open();
                    using var to = zip.CreateEntry(entry.FullName).Open();
                    from.CopyTo(to);
                }
            using var pad = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var block = new byte[1024 * 1024];
            for (var i = 0; i < 70; i++) pad.Write(block);
        }
        var bomb = Assert.Throws<DomainException>(() => XlsxReader.Read(new MemoryStream(output.ToArray())));
        Assert.Equal("ETOWN-FILE-0007", bomb.Code);
    }

    // ------------------------------------------------------------------ the OpenXML reader (issue #16 target 3)

    const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>
    /// A minimal workbook as Excel and other writers lay it out: one part per sheet (sheetN.xml in the order given), the
    /// workbook relationships with relative targets ("worksheets/sheet1.xml") or absolute ones ("/xl/worksheets/sheet1.xml"),
    /// the relationship ids listed in reverse so that only the relationships can map a sheet to its part.
    /// </summary>
    internal static byte[] Workbook(IReadOnlyList<(string Name, string SheetData)> sheets, string? sharedStrings = null, bool absoluteTargets = false, string? styles = null)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml);
            }
            var types = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
            var rels = new StringBuilder("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            var book = new StringBuilder($"<workbook xmlns=\"{MainNs}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
            var prefix = absoluteTargets ? "/xl/" : "";
            for (var i = 0; i < sheets.Count; i++)
            {
                var id = $"rId{sheets.Count - i}";
                book.Append($"<sheet name=\"{sheets[i].Name}\" sheetId=\"{i + 1}\" r:id=\"{id}\"/>");
                rels.Append($"<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"{prefix}worksheets/sheet{i + 1}.xml\"/>");
                types.Append($"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                Add($"xl/worksheets/sheet{i + 1}.xml", $"<worksheet xmlns=\"{MainNs}\"><sheetData>{sheets[i].SheetData}</sheetData></worksheet>");
            }
            if (sharedStrings is not null)
            {
                rels.Append($"<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"{prefix}sharedStrings.xml\"/>");
                types.Append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
                Add("xl/sharedStrings.xml", $"<sst xmlns=\"{MainNs}\">{sharedStrings}</sst>");
            }
            if (styles is not null)
            {
                rels.Append($"<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"{prefix}styles.xml\"/>");
                types.Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
                Add("xl/styles.xml", $"<styleSheet xmlns=\"{MainNs}\">{styles}</styleSheet>");
            }
            Add("[Content_Types].xml", types + "</Types>");
            Add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add("xl/workbook.xml", book + "</sheets></workbook>");
            Add("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
        }
        return output.ToArray();
    }

    static XlsxSheet ReadOne(string sheetData, string? sharedStrings = null, string? styles = null) =>
        XlsxReader.Read(new MemoryStream(Workbook([("表", sheetData)], sharedStrings, styles: styles)));

    [Fact]
    public void ARichTextSharedString_IsItsRuns_WithoutThePhoneticRun()
    {
        var sheet = ReadOne("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>",
            "<si><t>镇名</t></si>"
            + "<si><r><rPr><b/><sz val=\"11\"/><rFont val=\"宋体\"/></rPr><t>乡村</t></r><r><t xml:space=\"preserve\">e镇 </t></r>"
            + "<rPh sb=\"0\" eb=\"2\"><t>xiangcun</t></rPh><phoneticPr fontId=\"1\" type=\"noConversion\"/></si>"
            + "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>");
        Assert.Equal("乡村e镇 ", sheet[1, 1]!.Text);
        Assert.False(sheet[1, 1]!.IsNumeric);
        Assert.Equal("镇名", sheet[1, 2]!.Text);
        Assert.Equal("東京", sheet[1, 3]!.Text);
    }

    [Fact]
    public void EachCellType_ReadsAsTheImportersExpect()
    {
        var sheet = ReadOne("<row r=\"1\">"
            + "<c r=\"A1\" t=\"inlineStr\"><is><r><t>内联</t></r><r><rPr><i/></rPr><t xml:space=\"preserve\"> 文本</t></r></is></c>"
            + "<c r=\"B1\" t=\"b\"><v>1</v></c><c r=\"C1\" t=\"b\"><v>0</v></c>"
            + "<c r=\"D1\" t=\"str\"><f>CONCATENATE(\"a\",\"b\")</f><v>ab</v></c>"
            + "<c r=\"E1\"><f>1+2</f><v>3</v></c>"
            + "<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
            + "<c r=\"G1\" t=\"d\"><v>2025-03-01</v></c>"
            + "<c r=\"H1\"><v>1E-05</v></c><c r=\"I1\" t=\"n\"><v>0.30000000000000004</v></c><c r=\"J1\"><v>-12.5</v></c>"
            + "<c r=\"K1\" s=\"1\"><v>45292</v></c>"
            + "<c r=\"L1\" t=\"inlineStr\"><is><t></t></is></c><c r=\"M1\" t=\"str\"><f>\"\"</f><v></v></c><c r=\"N1\" s=\"1\"/><c r=\"O1\"><v></v></c>"
            + "</row>",
            styles: "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs>");
        Assert.Equal(("内联 文本", false), (sheet[1, 1]!.Text, sheet[1, 1]!.IsNumeric));
        Assert.Equal(("TRUE", false), (sheet[1, 2]!.Text, sheet[1, 2]!.IsNumeric));
        Assert.Equal(("FALSE", false), (sheet[1, 3]!.Text, sheet[1, 3]!.IsNumeric));
        Assert.Equal(("ab", false), (sheet[1, 4]!.Text, sheet[1, 4]!.IsNumeric)); // a formula's cached value
        Assert.Equal(("3", true), (sheet[1, 5]!.Text, sheet[1, 5]!.IsNumeric));
        Assert.Equal(("#DIV/0!", false), (sheet[1, 6]!.Text, sheet[1, 6]!.IsNumeric));
        Assert.Equal(("2025-03-01", false), (sheet[1, 7]!.Text, sheet[1, 7]!.IsNumeric));
        Assert.Equal(("0.00001", true), (sheet[1, 8]!.Text, sheet[1, 8]!.IsNumeric)); // no exponent
        Assert.Equal(("0.30000000000000004", true), (sheet[1, 9]!.Text, sheet[1, 9]!.IsNumeric)); // the binary fraction, as before
        Assert.Equal(("-12.5", true), (sheet[1, 10]!.Text, sheet[1, 10]!.IsNumeric));
        Assert.Equal(("45292", true), (sheet[1, 11]!.Text, sheet[1, 11]!.IsNumeric)); // a date-styled number stays its serial
        Assert.Equal(11, sheet.Cells.Count); // empty texts are left out
    }

    [Fact]
    public void EscapedCharacters_AreUnescaped_AndALiteralEscapeReadsBackAsWritten()
    {
        // ST_Xstring: "_x000D_" is a carriage return, "_x005F_" the underscore that keeps a typed "_x000D_" literal.
        var sheet = ReadOne("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>行一_x000D_行二</t></is></c>"
            + "<c r=\"C1\" t=\"str\"><v>x_x005F_x000D_y</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>_x00_</t></is></c></row>", "<si><t>a_x0009_b</t></si>");
        Assert.Equal("a\tb", sheet.Text(1, 1));
        Assert.Equal("行一\r行二", sheet.Text(1, 2));
        Assert.Equal("x_x000D_y", sheet.Text(1, 3));
        Assert.Equal("_x00_", sheet.Text(1, 4));
        var export = XlsxWriter.Write("表", ["文本"], [["x_x000D_y"]]); // exports write text as t="str"
        Assert.Equal("x_x000D_y", XlsxReader.Read(new MemoryStream(export)).Text(2, 1));
    }

    [Fact]
    public void CellsWithoutReferences_FollowThePreviousCell_AndRowsThePreviousRow()
    {
        var sheet = ReadOne("<row><c t=\"inlineStr\"><is><t>甲</t></is></c><c><v>2</v></c></row>"
            + "<row r=\"5\"><c><v>3</v></c><c r=\"D5\"><v>4</v></c><c><v>5</v></c></row>"
            + "<row><c><v>6</v></c></row>");
        Assert.Equal(["A1 甲", "B1 2", "A5 3", "D5 4", "E5 5", "A6 6"],
            sheet.Cells.Values.OrderBy(c => c.Row).ThenBy(c => c.Column).Select(c => $"{c.Reference} {c.Text}"));
        Assert.Equal((6, 1), (sheet[6, 1]!.Row, sheet[6, 1]!.Column));
    }

    [Fact]
    public void ASheetStartingAtRow3_KeepsTheSheetsRowNumbers()
    {
        // Nothing in rows 1–2 (not even empty row elements), a gap between rows 4 and 7.
        var sheet = ReadOne("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>标题</t></is></c></row>"
            + "<row r=\"4\"><c r=\"C4\"><v>1</v></c></row><row r=\"7\"><c r=\"A7\"><v>2</v></c></row>");
        Assert.Equal("标题", sheet.Text(3, 2));
        Assert.Equal(3, sheet[3, 2]!.Row);
        Assert.Equal("1", sheet.Text(4, 3));
        Assert.Equal("2", sheet.Text(7, 1));
        Assert.Equal(7, sheet.MaxRow);
        Assert.Equal(3, sheet.Cells.Count);
    }

    [Fact]
    public void ASheetIsChosenByName_InAMultiSheetWorkbook_WithAbsoluteTargets()
    {
        var bytes = Workbook([("说明", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
            ("数据", "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\"><v>42</v></c></row>")],
            "<si><t>第一张</t></si><si><t>第二张</t></si>", absoluteTargets: true);
        Assert.Equal(["说明", "数据"], Spreadsheets.SheetNames(new MemoryStream(bytes)));
        var data = XlsxReader.Read(new MemoryStream(bytes), "数据");
        Assert.Equal("数据", data.Name);
        Assert.Equal("第二张", data.Text(2, 2));
        Assert.Equal("42", data.Text(2, 3));
        Assert.Equal(2, data.Cells.Count);
        var first = XlsxReader.Read(new MemoryStream(bytes), "没有这张");
        Assert.Equal(("说明", "第一张"), (first.Name, first.Text(1, 1)));
        Assert.Equal("说明", XlsxReader.Read(new MemoryStream(bytes)).Name);

        // The statistics template: two sheets, absolute targets, inline strings.
        var template = SpreadsheetTemplates.BuiltInBytes(StatTemplate.TemplateFile);
        var names = Spreadsheets.SheetNames(new MemoryStream(template));
        Assert.Equal(StatTemplate.SheetName, names[0]);
        Assert.Equal(2, names.Count);
        var second = XlsxReader.Read(new MemoryStream(template), names[1]);
        Assert.Equal(names[1], second.Name);
        Assert.NotEmpty(second.Cells);
        Assert.DoesNotContain(second.Cells.Values, c => c.Text.Contains("{{k.c1}}", StringComparison.Ordinal));
    }

    [Fact]
    public void ABrokenWorkbook_IsNotAWorkbook_AndOneWithoutSheets_SaysSo()
    {
        var broken = Rewrite(Workbook([("表", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")]), "xl/worksheets/sheet1.xml",
            s => s.Replace("</sheetData>", "", StringComparison.Ordinal));
        Assert.Equal("不是有效的 .xlsx 工作簿。", Assert.Throws<InvalidDataException>(() => XlsxReader.Read(new MemoryStream(broken))).Message);
        var unknownString = Workbook([("表", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>")], "<si><t>仅一条</t></si>");
        Assert.Equal("不是有效的 .xlsx 工作簿。", Assert.Throws<InvalidDataException>(() => XlsxReader.Read(new MemoryStream(unknownString))).Message);
        Assert.Throws<InvalidDataException>(() => XlsxReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("不是 zip")))); // the zip guard's refusal
        var none = Workbook([]);
        Assert.Equal("工作簿中没有工作表。", Assert.Throws<InvalidDataException>(() => XlsxReader.Read(new MemoryStream(none))).Message);
        Assert.Empty(Spreadsheets.SheetNames(new MemoryStream(none)));
    }

    sealed class CountingStream : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Written += count;
    }
}
