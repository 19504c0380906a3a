namespace ETown.Web.Platform.Documents;

/// <summary>
/// A plain table export: one or more sheets, each with a header row and text and number cells. Kept as the entry point
/// many pages call; implemented on <see cref="Spreadsheets"/> (MiniExcel, streamed row by row).
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = Spreadsheets.ContentType;

    /// <summary>One worksheet: name (cut to Excel's 31 characters), header row, rows of text and number cells
    /// (enumerated once, lazily, while the workbook is written).</summary>
    public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write([new XlsxSheet(sheetName, headers, rows)]);

    /// <summary>A workbook of several sheets, in the order given.</summary>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets) => Spreadsheets.Write(sheets);

    /// <summary>Streams the workbook to <paramref name="output"/> (large exports: nothing but the current row is held).</summary>
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Spreadsheets.Write(output, [new XlsxSheet(sheetName, headers, rows)]);
}
