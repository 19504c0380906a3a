using System.Globalization;

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

/// <summary>
/// Reads one sheet of an .xlsx workbook; implemented on <see cref="Spreadsheets.Read"/>: zip guard, DTD check, then our own
/// single-pass OpenXML reader (<see cref="OpenXmlSheetReader"/>, ZipArchive + XmlReader, no DOM, no per-row objects) —
/// issue #16 target 3, where reading through MiniExcel was a quarter of a statistics import.
/// </summary>
public static class XlsxReader
{
    /// <summary>Reads the sheet called <paramref name="sheetName"/>, or the first sheet when null or not found.</summary>
    /// <exception cref="InvalidDataException">The stream is not an .xlsx workbook, or an XML part declares a DTD.</exception>
    /// <exception cref="DomainException">ETOWN-FILE-0007: it would inflate past the spreadsheet limit.</exception>
    public static XlsxSheet Read(Stream stream, string? sheetName = null) => Spreadsheets.Read(stream, sheetName);

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
