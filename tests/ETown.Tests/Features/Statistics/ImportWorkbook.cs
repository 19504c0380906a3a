using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ETown.Web.Features.Statistics.Import;
using ETown.Web.Platform.Documents;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// A downloaded statistics template edited the way an official edits it in Excel: values typed into cells, a row added
/// by hand, a column added. Cells are located through the template's code row, never by hard-coded letters.
/// </summary>
public sealed class ImportWorkbook(byte[] bytes)
{
    public byte[] Bytes { get; private set; } = bytes;

    public XlsxSheet Sheet => XlsxReader.Read(new MemoryStream(Bytes), StatTemplate.SheetName);

    /// <summary>Column letter of a code in the code row (an indicator, "&lt;code&gt;.comment", etown_name …).</summary>
    public string Col(string code)
    {
        var sheet = Sheet;
        var layout = StatTemplate.ReadLayout(sheet) ?? throw new InvalidOperationException("not a template");
        return XlsxReader.ColumnName(layout.Columns.Single(c => c.Code == code).Column);
    }

    public int CodeRow => StatTemplate.ReadLayout(Sheet)!.CodeRow;

    /// <summary>Row of an e-town by its name (column etown_name).</summary>
    public int RowOf(string etownName)
    {
        var sheet = Sheet;
        var col = XlsxReader.ParseReference(Col(StatTemplate.NameCode) + "1").Column;
        return sheet.Cells.Values.Single(c => c.Column == col && c.Text == etownName).Row;
    }

    public IReadOnlyList<string> EtownNames()
    {
        var sheet = Sheet;
        var col = XlsxReader.ParseReference(Col(StatTemplate.NameCode) + "1").Column;
        return sheet.Cells.Values.Where(c => c.Column == col && c.Row > CodeRow).OrderBy(c => c.Row).Select(c => c.Text).ToList();
    }

    public string? Text(int row, string code) => Sheet.Text(row, XlsxReader.ParseReference(Col(code) + "1").Column);

    public int NextFreeRow => Sheet.MaxRow + 1;

    public ImportWorkbook Set(int row, string code, object? value) => SetCell(Col(code) + row.ToString(CultureInfo.InvariantCulture), value);

    /// <summary>Writes a number (decimal/int), text (string) or clears the cell (null), creating row and cell where needed.</summary>
    public ImportWorkbook SetCell(string reference, object? value)
    {
        var (rowNo, colNo) = XlsxReader.ParseReference(reference);
        using var ms = new MemoryStream();
        ms.Write(Bytes);
        ms.Position = 0;
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var wb = doc.WorkbookPart!;
            var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == StatTemplate.SheetName);
            var ws = (WorksheetPart)wb.GetPartById(sheet.Id!.Value!);
            var data = ws.Worksheet.GetFirstChild<SheetData>()!;
            var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == (uint)rowNo);
            if (row is null)
            {
                row = new Row { RowIndex = (uint)rowNo };
                var after = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value > (uint)rowNo);
                if (after is null) data.Append(row); else data.InsertBefore(row, after);
            }
            var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
            if (cell is null)
            {
                cell = new Cell { CellReference = reference };
                var after = row.Elements<Cell>().FirstOrDefault(c => XlsxReader.ParseReference(c.CellReference!.Value!).Column > colNo);
                if (after is null) row.Append(cell); else row.InsertBefore(cell, after);
            }
            cell.RemoveAllChildren();
            cell.DataType = null;
            switch (value)
            {
                case null: break;
                case decimal or int or double:
                    cell.DataType = CellValues.Number;
                    cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                    break;
                default:
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text(value.ToString()!));
                    break;
            }
            ws.Worksheet.Save();
        }
        Bytes = ms.ToArray();
        return this;
    }
}
