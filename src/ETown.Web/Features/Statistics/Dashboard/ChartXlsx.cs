using ETown.Web.Platform.Documents;

namespace ETown.Web.Features.Statistics.Dashboard;

/// <summary>
/// The .xlsx export of a chart: row 1 the table headers, then exactly the table rows (numbers as numbers), then an
/// empty row and the notes (basis, unapproved marking) — the same <see cref="ChartData"/> the chart and table show.
/// </summary>
public static class ChartXlsx
{
    public const string ContentType = XlsxWriter.ContentType;

    public static byte[] Write(ChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        IEnumerable<IReadOnlyList<object?>> rows = data.Rows();
        if (data.Notes.Count > 0)
            rows = rows.Append([]).Concat(data.Notes.Select(n => (IReadOnlyList<object?>)["注：" + n]));
        return XlsxWriter.Write(SheetName(data.Title), data.Headers(), rows);
    }

    public static string FileName(ChartData data) => Clean(data.Title, 80) + ".xlsx";

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    public static string SheetName(string title) => Clean(title, 31);

    static string Clean(string text, int max)
    {
        var s = new string(text.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' or '"' or '<' or '>' or '|' ? '_' : c).ToArray()).Trim();
        if (s.Length == 0) s = "图表";
        return s.Length <= max ? s : s[..max];
    }
}
