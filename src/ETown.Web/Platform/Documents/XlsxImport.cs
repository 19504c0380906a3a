using System.Globalization;

namespace ETown.Web.Platform.Documents;

/// <summary>One problem in an imported workbook: sheet, row, column letter and a Chinese message.</summary>
public sealed record XlsxIssue(string Sheet, int Row, string Column, string Message)
{
    public string Cell => Column + Row.ToString(CultureInfo.InvariantCulture);
    public override string ToString() => $"{Sheet}!{Cell}：{Message}";
}

/// <summary>
/// The pieces every Excel import with a dry run needs (the statistics and ledger imports' pattern): read the upload
/// within a size limit, open one sheet through <see cref="XlsxReader"/> (its zip guard), find columns by their header
/// wherever they are, list the non-empty data rows, parse 万元 amounts, and order/cap the errors by row and column.
/// </summary>
public static class XlsxImport
{
    /// <summary>Reads the upload into memory, refusing it with <paramref name="tooLarge"/> past <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadLimitedAsync(Stream file, long maxBytes, Func<Exception> tooLarge, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(tooLarge);
        if (file.CanSeek && file.Length - file.Position > maxBytes) throw tooLarge();
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await file.ReadAsync(buffer, ct)) > 0)
        {
            if (ms.Length + n > maxBytes) throw tooLarge();
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    /// <summary>Opens the sheet (or the first); a file that is not a workbook, or not the named sheet, is <paramref name="notXlsx"/>.</summary>
    public static XlsxSheet ReadSheet(byte[] bytes, string? sheetName, Func<Exception> notXlsx)
    {
        ArgumentNullException.ThrowIfNull(notXlsx);
        try { return XlsxReader.Read(new MemoryStream(bytes), sheetName); }
        catch (InvalidDataException) { throw notXlsx(); }
    }

    /// <summary>Header row 1: the column of each header (first match within 60 columns); reports each missing header at A1.</summary>
    public static Dictionary<string, int> Columns(XlsxSheet sheet, IReadOnlyList<string> headers, Action<int, int, string> error)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(error);
        var cols = new Dictionary<string, int>();
        for (var c = 1; c <= 60; c++)
            if (sheet.Text(1, c)?.Trim() is { } h && headers.Contains(h)) cols.TryAdd(h, c);
        foreach (var h in headers.Where(h => !cols.ContainsKey(h)))
            error(1, 1, $"第 1 行缺少“{h}”列，请使用平台下载的导入模板。");
        return cols;
    }

    /// <summary>Rows 2… with at least one non-empty cell under a known header.</summary>
    public static List<int> DataRows(XlsxSheet sheet, IReadOnlyDictionary<string, int> cols)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(cols);
        return Enumerable.Range(2, Math.Max(0, sheet.MaxRow - 1)).Where(r => cols.Values.Any(c => sheet.Text(r, c) is not null)).ToList();
    }

    /// <summary>A decimal from a cell's text (thousands separators allowed), invariant culture; never a float.</summary>
    public static bool TryDecimal(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>Errors by row, then column (A before AA), at most <paramref name="max"/>.</summary>
    public static List<XlsxIssue> Ordered(IEnumerable<XlsxIssue> issues, int max) =>
        [.. issues.OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).Take(max)];
}
