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
    /// A filled template carries its used range as Excel writes it (issue #16 target 3: without it MiniExcel scans the sheet once
    /// more before reading it), in the spreadsheet namespace, after sheetPr and before sheetViews; it reads back cell for cell.
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
