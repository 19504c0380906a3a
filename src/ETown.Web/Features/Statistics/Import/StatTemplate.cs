using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ETown.Web.Platform.Documents;

namespace ETown.Web.Features.Statistics.Import;

/// <summary>One indicator column of the template (only the indicators reported in the template's period).</summary>
public sealed record TemplateIndicator(string Code, string Name, string Unit, StatPeriodType PeriodType, StatAggregation Aggregation, bool Cumulative, string SourceRule);

/// <summary>One e-town row of the template, pre-filled with what is stored.</summary>
public sealed record TemplateTown(Guid Id, string Name, string CountyName, string StatusLabel, bool Locked,
    IReadOnlyDictionary<string, (decimal Value, string? Comment)> Values);

/// <summary>Where the importer found things on the sheet.</summary>
public sealed record TemplateLayout(int CodeRow, string? PeriodText, int PeriodRow, int PeriodColumn,
    IReadOnlyList<(int Column, string Code)> Columns);

/// <summary>
/// The monthly statistics workbook (issue #4 item 9) as officials exchange it: sheet 「月报」 with a header block
/// (统计期, 填报单位, 说明), a header row of Chinese indicator names with units, a second header row of stable
/// indicator codes (the importer reads columns by these codes, so columns may be reordered or deleted), then one row
/// per e-town: hidden e-town id, name, county, review status, and per indicator a value column and a 备注 column
/// (comments belong to a value: warnings are explained per value, STAT-01). Sheet 「指标说明」 lists the catalogue and
/// the validation rules. Round trip: <c>Import(Build(x))</c> changes nothing (every value “unchanged”).
/// </summary>
public static class StatTemplate
{
    public const string SheetName = "月报";
    public const string CatalogueSheetName = "指标说明";
    public const string Title = "山西省乡村e镇月度统计报表";

    // Codes of the non-indicator columns in the code row; an indicator's comment column is "<code>.comment".
    public const string IdCode = "etown_id";
    public const string NameCode = "etown_name";
    public const string CountyCode = "county";
    public const string StatusCode = "status";
    public const string CommentSuffix = ".comment";
    public static readonly string[] MetaCodes = [IdCode, NameCode, CountyCode, StatusCode];

    public const int TitleRow = 1, PeriodRow = 2, UnitRow = 3, NoteRow = 4, HeaderRow = 6, CodeRow = 7, FirstDataRow = 8;
    const int MetaColumns = 4;

    public const string Note =
        "每个e镇一行，每个指标一列“数值”和一列“备注”（网络零售额等同比变化超过提示范围时请在备注中说明原因）。" +
        "请勿修改第 7 行的指标代码和隐藏的 A 列（e镇编号）；可以删除不填的指标列。空白单元格视为不导入（不会清除已有数据）。" +
        "已经县级审核的报表已锁定，不能通过导入修改。导入先做“试导入”校验，全部通过后才会保存为草稿，报送仍在填报页面进行。";

    public static string FileName(StatPeriod p, string unit) => $"{p} 乡村e镇月报模板-{Safe(unit)}.xlsx";

    static string Safe(string s) => string.Concat(s.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '/' or '\\' ? '_' : c));

    public static string CommentCode(string indicator) => indicator + CommentSuffix;

    // ------------------------------------------------------------------ writing

    public static byte[] Build(StatPeriod period, string unitName, IReadOnlyList<TemplateIndicator> indicators,
        IReadOnlyList<TemplateTown> towns, IReadOnlyList<StatRuleRow> rules)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = new Sheets();
            wb.Workbook.AppendChild(sheets);
            AddSheet(wb, sheets, 1, SheetName, MonthlySheet(period, unitName, indicators, towns));
            AddSheet(wb, sheets, 2, CatalogueSheetName, CatalogueSheet(indicators, rules));
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    static void AddSheet(WorkbookPart wb, Sheets sheets, uint id, string name, Worksheet worksheet)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id, Name = name });
    }

    // Style indexes (see Styles()).
    const uint SNormal = 0, SBold = 1, STitle = 2, SHeader = 3, SCode = 4, SWrap = 5, SInfo = 6, SInput = 7;

    static Stylesheet Styles()
    {
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
        return new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 11 }),
                new Font(new Bold(), new FontSize { Val = 11 }),
                new Font(new Bold(), new FontSize { Val = 14 }),
                new Font(new FontSize { Val = 9 }, new Color { Rgb = "FF808080" })) { Count = 4 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFD9E1F2"),  // header
                Solid("FFF2F2F2")) { Count = 4 }, // read-only information
            new Borders(new Border(), thin) { Count = 2 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { FontId = 2, ApplyFont = true },
                new CellFormat(new Alignment { WrapText = true, Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
                    { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat { FontId = 3, BorderId = 1, ApplyFont = true, ApplyBorder = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
                new CellFormat { FillId = 3, BorderId = 1, ApplyFill = true, ApplyBorder = true },
                new CellFormat { BorderId = 1, ApplyBorder = true }) { Count = 8 });
    }

    static Worksheet MonthlySheet(StatPeriod period, string unitName, IReadOnlyList<TemplateIndicator> indicators, IReadOnlyList<TemplateTown> towns)
    {
        var lastColumn = MetaColumns + indicators.Count * 2;
        var data = new SheetData();
        var when = period.Month is >= 1 and <= 12 ? $"{period.Year}年{period.Month}月" : $"{period.Year}年年报";
        data.Append(Row(TitleRow, (1, $"{Title}（{when}）", STitle)));
        data.Append(Row(PeriodRow, (1, "统计期", SBold), (2, period.ToString(), SNormal)));
        data.Append(Row(UnitRow, (1, "填报单位", SBold), (2, unitName, SNormal)));
        var note = Row(NoteRow, (1, "说明", SBold), (2, Note, SWrap));
        note.Height = 48; note.CustomHeight = true;
        data.Append(note);

        var header = new List<(int, object?, uint)>
        {
            (1, "e镇编号（勿改）", SHeader), (2, "e镇名称", SHeader), (3, "县（市、区）", SHeader), (4, "审核状态", SHeader),
        };
        var codes = new List<(int, object?, uint)> { (1, IdCode, SCode), (2, NameCode, SCode), (3, CountyCode, SCode), (4, StatusCode, SCode) };
        for (var i = 0; i < indicators.Count; i++)
        {
            var ind = indicators[i];
            var c = MetaColumns + 1 + i * 2;
            header.Add((c, $"{ind.Name}（{ind.Unit}）", SHeader));
            header.Add((c + 1, $"{ind.Name} 备注", SHeader));
            codes.Add((c, ind.Code, SCode));
            codes.Add((c + 1, CommentCode(ind.Code), SCode));
        }
        var headerRow = Row(HeaderRow, [.. header]);
        headerRow.Height = 45; headerRow.CustomHeight = true;
        data.Append(headerRow);
        data.Append(Row(CodeRow, [.. codes]));

        var r = FirstDataRow;
        foreach (var t in towns)
        {
            var cells = new List<(int, object?, uint)>
            {
                (1, t.Id.ToString(), SInfo), (2, t.Name, SInfo), (3, t.CountyName, SInfo), (4, t.Locked ? t.StatusLabel + "（已锁定）" : t.StatusLabel, SInfo),
            };
            for (var i = 0; i < indicators.Count; i++)
            {
                var c = MetaColumns + 1 + i * 2;
                var has = t.Values.TryGetValue(indicators[i].Code, out var v);
                cells.Add((c, has ? Normalise(v.Value) : null, t.Locked ? SInfo : SInput));
                cells.Add((c + 1, has ? v.Comment : null, t.Locked ? SInfo : SInput));
            }
            data.Append(Row(r++, [.. cells]));
        }

        var columns = new Columns(
            new Column { Min = 1, Max = 1, Width = 38, CustomWidth = true, Hidden = true },
            new Column { Min = 2, Max = 2, Width = 26, CustomWidth = true },
            new Column { Min = 3, Max = 3, Width = 12, CustomWidth = true },
            new Column { Min = 4, Max = 4, Width = 14, CustomWidth = true });
        for (var i = 0; i < indicators.Count; i++)
        {
            var c = (uint)(MetaColumns + 1 + i * 2);
            columns.Append(new Column { Min = c, Max = c, Width = 14, CustomWidth = true });
            columns.Append(new Column { Min = c + 1, Max = c + 1, Width = 12, CustomWidth = true });
        }

        var views = new SheetViews(new SheetView(
            new Pane { HorizontalSplit = 4, VerticalSplit = CodeRow, TopLeftCell = "E" + FirstDataRow.ToString(CultureInfo.InvariantCulture), ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomRight, ActiveCell = "E" + FirstDataRow.ToString(CultureInfo.InvariantCulture), SequenceOfReferences = new ListValue<StringValue> { InnerText = "E" + FirstDataRow.ToString(CultureInfo.InvariantCulture) } })
        { WorkbookViewId = 0 });

        var ws = new Worksheet(views, columns, data);
        if (lastColumn > 2)
            ws.Append(new MergeCells(new MergeCell { Reference = $"B{NoteRow}:{XlsxReader.ColumnName(Math.Max(lastColumn, 12))}{NoteRow}" }) { Count = 1 });
        if (indicators.Count > 0)
        {
            // Excel refuses text and negative numbers in the value columns (the importer checks again: files also come from other tools).
            var lastRow = FirstDataRow + Math.Max(towns.Count, 1) + 200;
            var refs = string.Join(' ', Enumerable.Range(0, indicators.Count).Select(i =>
            {
                var col = XlsxReader.ColumnName(MetaColumns + 1 + i * 2);
                return $"{col}{FirstDataRow}:{col}{lastRow}";
            }));
            ws.Append(new DataValidations(new DataValidation(new Formula1("0"))
            {
                Type = DataValidationValues.Decimal, Operator = DataValidationOperatorValues.GreaterThanOrEqual, AllowBlank = true,
                ShowErrorMessage = true, ErrorTitle = "数值有误", Error = "请填写不小于 0 的数字。",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = refs },
            }) { Count = 1 });
        }
        return ws;
    }

    static Worksheet CatalogueSheet(IReadOnlyList<TemplateIndicator> indicators, IReadOnlyList<StatRuleRow> rules)
    {
        var data = new SheetData();
        data.Append(Row(1, (1, "指标代码", SHeader), (2, "指标名称", SHeader), (3, "单位", SHeader), (4, "报送周期", SHeader),
            (5, "汇总方式", SHeader), (6, "是否累计", SHeader), (7, "数据来源与口径", SHeader)));
        var r = 2;
        foreach (var i in indicators)
            data.Append(Row(r++, (1, i.Code, SInput), (2, i.Name, SInput), (3, i.Unit, SInput),
                (4, i.PeriodType == StatPeriodType.Monthly ? "月报" : "年报（12月填报）", SInput),
                (5, i.Aggregation == StatAggregation.Sum ? "求和" : "取期末值", SInput), (6, i.Cumulative ? "是（不得小于上月）" : "否", SInput), (7, i.SourceRule, SInput)));
        r++;
        data.Append(Row(r++, (1, "校验规则", SBold)));
        data.Append(Row(r++, (1, "规则代码", SHeader), (2, "规则", SHeader), (3, "类型", SHeader), (4, "说明", SHeader)));
        var names = indicators.ToDictionary(i => i.Code, i => i.Name);
        foreach (var rule in rules)
            data.Append(Row(r++, (1, rule.Code, SInput), (2, Describe(rule, names), SInput),
                (3, rule.Importance == RuleImportance.Blocking ? "阻断（导入不通过）" : "提示（须在备注中说明）", SInput), (4, rule.Message, SInput)));
        var columns = new Columns(
            new Column { Min = 1, Max = 1, Width = 30, CustomWidth = true },
            new Column { Min = 2, Max = 2, Width = 40, CustomWidth = true },
            new Column { Min = 3, Max = 3, Width = 20, CustomWidth = true },
            new Column { Min = 4, Max = 6, Width = 16, CustomWidth = true },
            new Column { Min = 7, Max = 7, Width = 60, CustomWidth = true });
        return new Worksheet(columns, data);
    }

    /// <summary>"新增从事电商的市场主体 ≤ 新增市场主体", "网络零售额 ≤ 1.5 × 上年同月".</summary>
    public static string Describe(StatRuleRow r, IReadOnlyDictionary<string, string> names)
    {
        string Name(string code) => code switch
        {
            StatRule.PreviousMonth => "上月" + names.GetValueOrDefault(r.Left, r.Left),
            StatRule.SameMonthLastYear => "上年同月" + names.GetValueOrDefault(r.Left, r.Left),
            _ => names.GetValueOrDefault(code, code),
        };
        var op = r.Operator switch { "<=" => "≤", ">=" => "≥", "==" => "=", var o => o };
        var factor = r.Factor == 1m ? "" : Normalise(r.Factor).ToString(CultureInfo.InvariantCulture) + " × ";
        return $"{Name(r.Left)} {op} {factor}{Name(r.Right)}";
    }

    /// <summary>1.5000 → 1.5 (PostgreSQL returns the column's scale).</summary>
    public static decimal Normalise(decimal d) => d / 1.0000000000000000000000000000m;

    static Row Row(int index, params (int Column, object? Value, uint Style)[] cells)
    {
        var row = new Row { RowIndex = (uint)index };
        foreach (var (col, value, style) in cells.OrderBy(c => c.Column))
        {
            var reference = XlsxReader.ColumnName(col) + index.ToString(CultureInfo.InvariantCulture);
            var cell = value switch
            {
                null => new Cell { CellReference = reference },
                decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Normalise(d).ToString(CultureInfo.InvariantCulture)) },
                var v => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v.ToString()!) { Space = SpaceProcessingModeValues.Preserve }) },
            };
            if (style != SNormal) cell.StyleIndex = style;
            row.Append(cell);
        }
        return row;
    }

    // ------------------------------------------------------------------ reading the layout

    /// <summary>
    /// Finds the code row (the row whose cells include <see cref="IdCode"/> or <see cref="NameCode"/>, within the first 30 rows)
    /// and the 统计期 cell above it. Returns null when the sheet is not a template.
    /// </summary>
    public static TemplateLayout? ReadLayout(XlsxSheet sheet)
    {
        var top = sheet.Cells.Values.Where(c => c.Row <= 30).ToList();
        var codeRow = top.Where(c => c.Text.Trim() is IdCode or NameCode).Select(c => c.Row).DefaultIfEmpty(0).Min();
        if (codeRow == 0) return null;
        var columns = sheet.Cells.Values.Where(c => c.Row == codeRow && !string.IsNullOrWhiteSpace(c.Text))
            .OrderBy(c => c.Column).Select(c => (c.Column, c.Text.Trim())).ToList();
        var label = top.FirstOrDefault(c => c.Row < codeRow && c.Text.Trim() == "统计期");
        var value = label is null ? null : sheet[label.Row, label.Column + 1];
        return new TemplateLayout(codeRow, value?.Text.Trim(), label?.Row ?? PeriodRow, (label?.Column ?? 1) + 1, columns);
    }
}
