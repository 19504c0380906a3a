using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ETown.Web.Platform.Documents;

/// <summary>Minimal .xlsx writer (OpenXML SDK): one or more sheets, each with a bold header row, text and number cells.</summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One worksheet: name (cut to Excel's 31 characters), bold header row, rows of text and number cells.</summary>
    public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write([new XlsxSheet(sheetName, headers, rows)]);

    /// <summary>A workbook of several sheets, in the order given.</summary>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
            var list = new Sheets();
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var ws = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, sheet.Headers.Cast<object?>().ToList(), bold: true));
                uint r = 2;
                foreach (var row in sheet.Rows) data.Append(Row(r++, row, bold: false));
                ws.Worksheet = new Worksheet(data);
                var name = sheet.Name.Length > 31 ? sheet.Name[..31] : sheet.Name;
                list.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = id++, Name = name });
            }
            wb.Workbook.AppendChild(list);
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    static Row Row(uint index, IReadOnlyList<object?> values, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = Column(i) + index.ToString(CultureInfo.InvariantCulture);
            var cell = values[i] switch
            {
                null => new Cell { CellReference = reference },
                decimal or int or long or double => new Cell
                {
                    CellReference = reference, DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(values[i], CultureInfo.InvariantCulture)!),
                },
                var v => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v.ToString()!)) },
            };
            if (bold) cell.StyleIndex = 1;
            row.Append(cell);
        }
        return row;
    }

    static string Column(int i) => i < 26 ? ((char)('A' + i)).ToString() : Column(i / 26 - 1) + (char)('A' + i % 26);
}
