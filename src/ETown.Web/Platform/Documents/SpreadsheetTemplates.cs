using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace ETown.Web.Platform.Documents;

/// <summary>
/// The .xlsx templates officials restyle in Excel or WPS without a code change (issue #15 item 3). The built-in copies
/// live in the repository under src/ETown.Web/Templates/xlsx/ (embedded in the assembly); a restyled copy with the same
/// file name in the configured directory (<c>Spreadsheets:TemplateDirectory</c>) is used instead — read on every fill, so
/// no restart is needed — as long as it keeps every <c>{{placeholder}}</c> of the built-in copy (otherwise the built-in
/// copy is used and a warning is logged: a template that lost a placeholder would silently drop data).
/// Filling is MiniExcel's SaveAsByTemplate: <c>{{Name}}</c> for a value, <c>{{rows.Field}}</c> for a row repeated per item.
/// </summary>
public sealed partial class SpreadsheetTemplates(string? directory, ILogger? logger = null)
{
    public const string ConfigurationKey = "Spreadsheets:TemplateDirectory";
    const string ResourcePrefix = "ETown.Templates.xlsx.";

    /// <summary>The built-in templates only (no override directory).</summary>
    public static SpreadsheetTemplates BuiltIn { get; } = new(null);

    static readonly ConcurrentDictionary<string, byte[]> Embedded = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<string, IReadOnlySet<string>> EmbeddedPlaceholders = new(StringComparer.Ordinal);

    /// <summary>The override directory, or null.</summary>
    public string? Directory { get; } = string.IsNullOrWhiteSpace(directory) ? null : directory;

    /// <summary>Names of the built-in templates (file names such as "stat-monthly.xlsx").</summary>
    public static IReadOnlyList<string> Names =>
        [.. typeof(SpreadsheetTemplates).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>The built-in copy of a template.</summary>
    public static byte[] BuiltInBytes(string fileName) => Embedded.GetOrAdd(fileName, static name =>
    {
        using var s = typeof(SpreadsheetTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new FileNotFoundException($"没有名为 {name} 的表格模板。", name);
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    });

    /// <summary>
    /// The template to fill: the restyled copy in <see cref="Directory"/> when present and complete, else the built-in one.
    /// Complete means every placeholder of the built-in copy and every text in <paramref name="requiredTexts"/> (labels an
    /// importer finds cells by: a restyled copy that renamed one would give downloads that cannot be imported back).
    /// </summary>
    public byte[] Load(string fileName, IReadOnlyCollection<string>? requiredTexts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException("模板名不能含路径。", nameof(fileName));
        var builtIn = BuiltInBytes(fileName);
        if (Directory is null) return builtIn;
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path)) return builtIn;
        byte[] custom;
        try { custom = File.ReadAllBytes(path); }
        catch (IOException e)
        {
            logger?.LogWarning(e, "表格模板 {Path} 无法读取，使用内置模板。", path);
            return builtIn;
        }
        IReadOnlySet<string> have, texts;
        try { (have, texts) = Scan(custom); }
        catch (Exception e) when (e is InvalidDataException or DomainException)
        {
            logger?.LogWarning(e, "表格模板 {Path} 不是有效的 .xlsx，使用内置模板。", path);
            return builtIn;
        }
        var missing = EmbeddedPlaceholders.GetOrAdd(fileName, _ => Placeholders(builtIn)).Where(p => !have.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            logger?.LogWarning("表格模板 {Path} 缺少占位符 {Missing}，使用内置模板。", path, string.Join("、", missing));
            return builtIn;
        }
        var lost = (requiredTexts ?? []).Where(t => !texts.Contains(t.Trim())).ToList();
        if (lost.Count > 0)
        {
            logger?.LogWarning("表格模板 {Path} 改动了导入所需的标签 {Missing}，使用内置模板。", path, string.Join("、", lost));
            return builtIn;
        }
        return custom;
    }

    /// <summary>Fills the template with <paramref name="values"/> (scalars, and lists of dictionaries or objects for repeated rows).</summary>
    /// <param name="requiredTexts">Label texts a restyled copy must keep (see <see cref="Load"/>).</param>
    public byte[] Fill(string fileName, IReadOnlyDictionary<string, object?> values, IReadOnlyCollection<string>? requiredTexts = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var template = Load(fileName, requiredTexts);
        using var ms = new MemoryStream();
        // Missing keys leave their cell empty: templates with a fixed number of columns (MiniExcel fills rows, not columns)
        // name more column placeholders than a given workbook uses.
        ms.SaveAsByTemplate(template, values.ToDictionary(kv => kv.Key, kv => Escape(kv.Value)), new OpenXmlConfiguration { IgnoreTemplateParameterMissing = true });
        return Cleaned(ms.ToArray());
    }

    // MiniExcel turns a filled cell whose text starts with "$=" into a formula. Text users typed must never become one
    // (formula injection): a leading "$" is swapped for a private-use sentinel before filling and put back afterwards.
    const char Dollar = '\uE000';

    static object? Escape(object? value) => value switch
    {
        string s => s.StartsWith('$') ? Dollar + s[1..] : s,
        IEnumerable<IDictionary<string, object?>> rows => rows.Select(r => r.ToDictionary(kv => kv.Key, kv => Escape(kv.Value))).ToList(),
        _ => value,
    };

    /// <summary>
    /// MiniExcel 1.47 writes the filled sheet's <c>&lt;dimension&gt;</c> in no namespace (<c>xmlns=""</c>), ahead of a possible
    /// <c>&lt;sheetPr&gt;</c>: Excel may offer to "repair" such a file. That element is dropped and a proper one written in its
    /// place (<see cref="WithDimension"/>). The "$" sentinel (<see cref="Escape"/>) is put back in every part.
    /// </summary>
    static byte[] Cleaned(byte[] xlsx)
    {
        using var input = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in input.Entries)
            {
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                using var from = entry.Open();
                using var to = copy.Open();
                if (!IsXmlPart(entry.FullName)) { from.CopyTo(to); continue; }
                using var reader = new StreamReader(from, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var text = reader.ReadToEnd().Replace(Dollar, '$');
                if (IsSheet(entry.FullName)) text = WithDimension(StrayDimension().Replace(text, ""));
                using var writer = new StreamWriter(to, new UTF8Encoding(false));
                writer.Write(text);
            }
        return output.ToArray();
    }

    static bool IsXmlPart(string name) => name.StartsWith("xl/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The sheet's used range as Excel writes it (<c>&lt;dimension ref="A1:CF107"/&gt;</c>, after <c>&lt;sheetPr&gt;</c> as the
    /// schema orders it). A reader that finds it need not scan the whole sheet once more to learn its size first — MiniExcel
    /// does without it, so a filled province template came back to the importer read twice (issue #16 target 3).
    /// </summary>
    internal static string WithDimension(string sheet)
    {
        if (sheet.Contains("<dimension", StringComparison.Ordinal) || !sheet.Contains("<sheetData", StringComparison.Ordinal)) return sheet;
        int maxRow = 0, maxColumn = 0;
        foreach (Match m in CellReference().Matches(sheet))
        {
            var (row, column) = XlsxReader.ParseReference(m.Groups[1].Value);
            maxRow = Math.Max(maxRow, row);
            maxColumn = Math.Max(maxColumn, column);
        }
        if (maxRow == 0) return sheet;
        var at = SheetPr().Match(sheet) is { Success: true } pr ? pr.Index + pr.Length
            : WorksheetStart().Match(sheet) is { Success: true } ws ? ws.Index + ws.Length : -1;
        if (at < 0) return sheet;
        return sheet.Insert(at, "<dimension ref=\"A1:" + XlsxReader.ColumnName(maxColumn) + maxRow.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\" />");
    }

    [GeneratedRegex(@"<c\b[^>]*?\sr=""([A-Z]{1,3}[0-9]+)""")]
    private static partial Regex CellReference();

    [GeneratedRegex("""<sheetPr\b[^>]*/>|<sheetPr\b.*?</sheetPr>""", RegexOptions.Singleline)]
    private static partial Regex SheetPr();

    [GeneratedRegex("""<worksheet\b[^>]*>""")]
    private static partial Regex WorksheetStart();

    static bool IsSheet(string name) => name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("""<dimension\b[^>]*\sxmlns=""\s*/>""")]
    private static partial Regex StrayDimension();

    /// <summary>Every <c>{{placeholder}}</c> in the workbook's cells, across its sheets.</summary>
    public static IReadOnlySet<string> Placeholders(byte[] workbook) => Scan(workbook).Placeholders;

    /// <summary>The placeholders and the trimmed cell texts of every sheet.</summary>
    static (IReadOnlySet<string> Placeholders, IReadOnlySet<string> Texts) Scan(byte[] workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sheet in Spreadsheets.SheetNames(new MemoryStream(workbook)))
            foreach (var cell in Spreadsheets.Read(new MemoryStream(workbook), sheet).Cells.Values)
            {
                texts.Add(cell.Text.Trim());
                foreach (Match m in PlaceholderPattern().Matches(cell.Text)) found.Add(m.Groups[1].Value.Trim());
            }
        return (found, texts);
    }

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex PlaceholderPattern();
}
