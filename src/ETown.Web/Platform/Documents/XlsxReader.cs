using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ETown.Web.Platform.Documents;

/// <summary>One cell read from a sheet: its text as shown, and its number when it is a numeric cell.</summary>
/// <param name="Row">1-based row.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Text">The cell's text (a number's invariant text for numeric cells); never null.</param>
/// <param name="IsNumeric">True for a numeric cell (no type or t="n").</param>
public sealed record XlsxCell(int Row, int Column, string Text, bool IsNumeric)
{
    public string Reference => XlsxReader.ColumnName(Column) + Row.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A sheet read into memory: cells by (row, column), 1-based.</summary>
public sealed class XlsxSheet(string name, IReadOnlyDictionary<(int Row, int Column), XlsxCell> cells)
{
    public string Name { get; } = name;
    public IReadOnlyDictionary<(int Row, int Column), XlsxCell> Cells { get; } = cells;
    public XlsxCell? this[int row, int column] => Cells.TryGetValue((row, column), out var c) ? c : null;
    /// <summary>Trimmed text, null when the cell is missing or blank.</summary>
    public string? Text(int row, int column) => this[row, column]?.Text is { } t && !string.IsNullOrWhiteSpace(t) ? t : null;
    public int MaxRow => Cells.Count == 0 ? 0 : Cells.Keys.Max(k => k.Row);
}

/// <summary>Minimal .xlsx reader (OpenXML SDK): cell values of one sheet, shared and inline strings, numbers, booleans.</summary>
public static class XlsxReader
{
    /// <summary>Reads the sheet called <paramref name="sheetName"/>, or the first sheet when null or not found.</summary>
    /// <exception cref="InvalidDataException">The stream is not an .xlsx workbook.</exception>
    /// <exception cref="DomainException">ETOWN-FILE-0007: it would inflate past the spreadsheet limit.</exception>
    public static XlsxSheet Read(Stream stream, string? sheetName = null)
    {
        try { return ReadGuarded(stream, sheetName); }
        catch (System.Xml.XmlException e)
        {
            // Issue #17 finding 10: a DOCTYPE / entity expansion (billion laughs) in any part is refused, never parsed.
            throw new InvalidDataException("工作簿含有不允许的 XML 内容（如 DTD 声明），已拒绝。", e);
        }
    }

    static XlsxSheet ReadGuarded(Stream stream, string? sheetName)
    {
        if (!stream.CanSeek)
        {
            // The zip-bomb guard needs to read the workbook twice: buffer it (bounded by the upload size limit).
            var copy = new MemoryStream();
            var limit = Attachments.AttachmentPolicy.Spreadsheets.MaxBytes;
            var buffer = new byte[81920];
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                copy.Write(buffer, 0, n);
                if (copy.Length > limit) throw new InvalidDataException($"工作簿超过 {limit / 1024 / 1024} MB。");
            }
            copy.Position = 0;
            stream = copy;
        }
        {
            // An imported workbook is loaded into memory: refuse a zip bomb first (ETOWN-FILE-0007), as uploads are.
            var start = stream.Position;
            var limits = Attachments.AttachmentPolicy.Spreadsheets;
            Attachments.ZipGuard.Check(stream, limits.MaxInflatedBytes, limits.MaxZipEntries, requiredPart: null);
            stream.Position = start;
        }
        SpreadsheetDocument doc;
        try { doc = SpreadsheetDocument.Open(stream, false); }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException)
        {
            throw new InvalidDataException("不是有效的 .xlsx 工作簿。", e);
        }
        using (doc)
        {
            var wb = doc.WorkbookPart ?? throw new InvalidDataException("工作簿中没有工作表。");
            var sheets = wb.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheets.FirstOrDefault(s => s.Name?.Value == sheetName) ?? sheets.FirstOrDefault()
                ?? throw new InvalidDataException("工作簿中没有工作表。");
            var ws = (WorksheetPart)wb.GetPartById(sheet.Id!.Value!);
            var shared = wb.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(ItemText).ToList() ?? [];
            var cells = new Dictionary<(int, int), XlsxCell>();
            var data = ws.Worksheet?.GetFirstChild<SheetData>();
            if (data is null) return new XlsxSheet(sheet.Name?.Value ?? "", cells);
            var rowNo = 0;
            foreach (var row in data.Elements<Row>())
            {
                rowNo = row.RowIndex?.Value is { } ri ? (int)ri : rowNo + 1;
                var colNo = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    colNo = cell.CellReference?.Value is { } cr ? ParseReference(cr).Column : colNo + 1;
                    var type = cell.DataType?.Value;
                    string? text;
                    var numeric = false;
                    if (type == CellValues.SharedString)
                        text = int.TryParse(cell.CellValue?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
                    else if (type == CellValues.InlineString)
                        text = cell.InlineString is { } inl ? RichText(inl.Elements<Text>().Select(t => t.Text), inl.Elements<Run>()) : null;
                    else if (type == CellValues.Boolean)
                        text = cell.CellValue?.Text == "1" ? "TRUE" : "FALSE";
                    else if (type is null || type == CellValues.Number)
                    {
                        text = cell.CellValue?.Text;
                        numeric = text is not null;
                    }
                    else text = cell.CellValue?.Text; // str (formula text), e (error), d (date)
                    if (text is null) continue;
                    cells[(rowNo, colNo)] = new XlsxCell(rowNo, colNo, text, numeric);
                }
            }
            return new XlsxSheet(sheet.Name?.Value ?? "", cells);
        }
    }

    static string ItemText(SharedStringItem item) => RichText(item.Elements<Text>().Select(t => t.Text), item.Elements<Run>());

    static string RichText(IEnumerable<string> plain, IEnumerable<Run> runs)
    {
        var sb = new StringBuilder();
        foreach (var t in plain) sb.Append(t);
        foreach (var r in runs) foreach (var t in r.Elements<Text>()) sb.Append(t.Text);
        return sb.ToString();
    }

    /// <summary>"B12" → (12, 2).</summary>
    public static (int Row, int Column) ParseReference(string reference)
    {
        var col = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++) col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        var row = int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        return (row, col);
    }

    /// <summary>1 → "A", 27 → "AA".</summary>
    public static string ColumnName(int column)
    {
        var s = "";
        for (var c = column; c > 0; c = (c - 1) / 26) s = (char)('A' + (c - 1) % 26) + s;
        return s;
    }
}
