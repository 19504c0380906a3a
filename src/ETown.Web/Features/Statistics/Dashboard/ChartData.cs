using System.Globalization;

namespace ETown.Web.Features.Statistics.Dashboard;

public enum ChartKind { Bar, Line }

/// <summary>
/// One series of a chart. <c>Axis</c> 1 puts it on a second value axis on the right (another unit, e.g. a rate in %).
/// <c>InChart</c> false: a figure the table and the export carry beside the drawn ones (e.g. the target behind a completion rate).
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, ChartKind Kind = ChartKind.Bar, string? Unit = null, int Axis = 0,
    bool InChart = true);

/// <summary>
/// A column shown only in the table and the .xlsx (rank, county, city, target source …), one value (text or number) per
/// category; before the series, or after them with <c>AfterSeries</c>.
/// </summary>
public sealed record ChartColumn(string Name, IReadOnlyList<object?> Values, bool AfterSeries = false);

/// <summary>
/// The one shape every dashboard chart has (issue #4 item 7). The same object is drawn as an ECharts option
/// (<see cref="ChartOption"/>), shown as a table (<see cref="Headers"/>/<see cref="Rows"/>) and exported as .xlsx
/// (<see cref="ChartXlsx"/>) — so the table view and the export always hold exactly what the chart shows.
/// </summary>
/// <param name="Title">Chart title; also the sheet and file name of the export.</param>
/// <param name="CategoryName">Header of the category column (e.g. "e镇", "统计期", "市").</param>
/// <param name="Categories">The x axis (or y axis when <see cref="Horizontal"/>), in display order.</param>
/// <param name="Unit">Unit of the value axis; a series may carry its own.</param>
/// <param name="Notes">Basis of the figures, shown under the chart and appended to the export.</param>
public sealed record ChartData(string Title, string CategoryName, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    string Unit, IReadOnlyList<string> Notes)
{
    public const string UnapprovedLabel = "未审核";
    public const string ApprovedLabel = "已审核";

    /// <summary>Per category: false = built on data not yet county-approved, drawn lighter and hatched and marked “未审核”; null = not applicable.</summary>
    public IReadOnlyList<bool>? Approved { get; init; }
    /// <summary>Bars run left to right with the categories down the side (long Chinese names, narrow phones).</summary>
    public bool Horizontal { get; init; }
    /// <summary>Long category names wrap onto several lines instead of being cut (horizontal charts with few categories).</summary>
    public bool WrapLabels { get; init; }
    /// <summary>The main value axis counts whole things (reports, e-towns): no 0.5 ticks.</summary>
    public bool WholeNumbers { get; init; }
    public IReadOnlyList<ChartColumn> Extra { get; init; } = [];

    public string SeriesHeader(ChartSeries s) => (s.Unit ?? Unit) is { Length: > 0 } u ? $"{s.Name}（{u}）" : s.Name;

    /// <summary>Table and export header: category, columns, one column per series, columns after, then the approval mark.</summary>
    public IReadOnlyList<string> Headers() =>
    [
        CategoryName, .. Extra.Where(c => !c.AfterSeries).Select(c => c.Name), .. Series.Select(SeriesHeader),
        .. Extra.Where(c => c.AfterSeries).Select(c => c.Name), .. Approved is null ? Array.Empty<string>() : ["审核状态"],
    ];

    /// <summary>Table and export rows: text and numbers (null = no value), one per category, in the order of <see cref="Headers"/>.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows() =>
        Categories.Select((c, i) => (IReadOnlyList<object?>)
        [
            c,
            .. Extra.Where(x => !x.AfterSeries).Select(x => x.Values.ElementAtOrDefault(i)),
            .. Series.Select(s => (object?)s.Values.ElementAtOrDefault(i)),
            .. Extra.Where(x => x.AfterSeries).Select(x => x.Values.ElementAtOrDefault(i)),
            .. Approved is null ? Array.Empty<object?>() : [Approved.ElementAtOrDefault(i) ? ApprovedLabel : UnapprovedLabel],
        ]).ToList();

    public bool IsUnapproved(int category) => Approved is not null && !Approved.ElementAtOrDefault(category);

    /// <summary>How a cell is written in the table view: numbers with thousands separators and their own decimals, “—” for none.</summary>
    public static string FormatCell(object? value) => value switch
    {
        null => "—",
        decimal d => d.ToString("#,##0.####", CultureInfo.InvariantCulture),
        int n => n.ToString("#,##0", CultureInfo.InvariantCulture),
        string s when s.Length == 0 => "—",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "—",
    };
}
