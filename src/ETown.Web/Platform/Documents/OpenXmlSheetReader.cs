using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ETown.Web.Platform.Documents;

/// <summary>
/// Our own single-pass OpenXML (SpreadsheetML) reader behind <see cref="Spreadsheets.Read"/> (issue #16 target 3: reading
/// the workbook was a quarter of a statistics import through MiniExcel, which built an ExpandoObject per row and scanned the
/// sheet twice for its dimension). It resolves the sheet through the workbook and its relationships, loads the shared
/// strings once, then streams the sheet part with an <see cref="XmlReader"/> straight into the cell dictionary: no DOM, no
/// per-row objects. Elements are matched by local name, so transitional and strict namespaces both read.
/// The caller has already run the zip guard and the DTD check; every reader here prohibits DTDs and resolves nothing anyway.
/// </summary>
internal static class OpenXmlSheetReader
{
    internal const string NotXlsx = "不是有效的 .xlsx 工作簿。";
    internal const string NoSheets = "工作簿中没有工作表。";

    const int MaxRows = 1_048_576, MaxColumns = 16_384;

    static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false, // spaces inside <t> are the cell's text
        CloseInput = true,
    };

    /// <summary>One sheet of the workbook: its name and the zip path of its part (null when the relationship is missing).</summary>
    internal readonly record struct SheetEntry(string Name, string? Path);

    /// <summary>The workbook's sheets in workbook order, and the path of its shared strings part (null when it has none).</summary>
    internal static (List<SheetEntry> Sheets, string? SharedStrings) Workbook(ZipArchive zip)
    {
        var workbookPath = "xl/workbook.xml";
        foreach (var rel in Relationships(zip, "_rels/.rels", ""))
            if (rel.Type.EndsWith("/officeDocument", StringComparison.Ordinal)) { workbookPath = rel.Path; break; }
        var workbook = Entry(zip, workbookPath) ?? throw new InvalidDataException(NotXlsx);

        var slash = workbookPath.LastIndexOf('/');
        var folder = workbookPath[..(slash + 1)];
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        string? sharedStrings = null;
        foreach (var rel in Relationships(zip, folder + "_rels/" + workbookPath[(slash + 1)..] + ".rels", folder))
        {
            targets.TryAdd(rel.Id, rel.Path);
            if (sharedStrings is null && rel.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)) sharedStrings = rel.Path;
        }
        if (sharedStrings is null && Entry(zip, folder + "sharedStrings.xml") is not null) sharedStrings = folder + "sharedStrings.xml";

        var sheets = new List<SheetEntry>();
        using var r = XmlReader.Create(workbook.Open(), Settings);
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "sheet") continue;
            string? name = null, id = null;
            while (r.MoveToNextAttribute())
            {
                if (r.NamespaceURI.Length == 0 && r.LocalName == "name") name = r.Value;
                else if (r.LocalName == "id" && r.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal)) id = r.Value;
            }
            if (name is null) continue;
            sheets.Add(new SheetEntry(name, id is not null && targets.TryGetValue(id, out var path) ? path : null));
        }
        return (sheets, sharedStrings);
    }

    /// <summary>Reads the sheet part into cells keyed by (row, column), 1-based; cells without text are left out.</summary>
    internal static Dictionary<(int Row, int Column), XlsxCell> Cells(ZipArchive zip, string sheetPath, string? sharedStringsPath)
    {
        var sheet = Entry(zip, sheetPath) ?? throw new InvalidDataException(NotXlsx);
        var shared = sharedStringsPath is not null && Entry(zip, sharedStringsPath) is { } sst ? SharedStrings(sst) : [];
        var cells = new Dictionary<(int Row, int Column), XlsxCell>();
        using var r = XmlReader.Create(sheet.Open(), Settings);
        while (true)
        {
            if (!r.Read()) return cells;
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "sheetData") break;
        }
        if (r.IsEmptyElement) return cells;

        int row = 0, column = 0;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.EndElement)
            {
                if (r.LocalName == "sheetData") break; // nothing after the data matters (merged cells, page setup …)
                continue;
            }
            if (r.NodeType != XmlNodeType.Element) continue;
            if (r.LocalName == "row")
            {
                row = PositiveInt(r.GetAttribute("r")) ?? row + 1;
                column = 0;
                if (row > MaxRows) throw new InvalidDataException(NotXlsx);
                continue; // its cells follow as the next elements
            }
            if (r.LocalName != "c") continue;

            // <c r="B12" t="s"> — a missing r means the cell after the previous one in this row.
            string? reference = null, type = null;
            while (r.MoveToNextAttribute())
            {
                if (r.NamespaceURI.Length != 0) continue;
                if (r.LocalName == "r") reference = r.Value;
                else if (r.LocalName == "t") type = r.Value;
            }
            r.MoveToElement();
            var (refRow, refColumn) = reference is null ? (0, 0) : XlsxReader.ParseReference(reference);
            column = refColumn > 0 ? refColumn : column + 1;
            if (refRow > 0) row = refRow;
            if (row is < 1 or > MaxRows || column > MaxColumns) throw new InvalidDataException(NotXlsx);

            string? value = null, inline = null;
            if (r.IsEmptyElement) continue;
            var depth = r.Depth;
            r.Read();
            while (r.NodeType != XmlNodeType.EndElement || r.Depth != depth)
            {
                if (r.NodeType == XmlNodeType.Element)
                {
                    if (r.LocalName == "v") { value = r.ReadElementContentAsString(); continue; }
                    if (r.LocalName == "is") { inline = RichText(r); continue; }
                    r.Skip(); // <f> (the cached <v> is the value), extensions
                    continue;
                }
                if (!r.Read()) throw new InvalidDataException(NotXlsx);
            }
            // The reader stands on </c>; the loop's next Read moves past it.

            var (text, numeric) = Text(type, value, inline, shared);
            if (text.Length == 0) continue;
            cells[(row, column)] = new XlsxCell(row, column, text, numeric);
        }
        return cells;
    }

    /// <summary>
    /// A cell as the importers saw it before (the raw OpenXML text): numbers in invariant text without an exponent
    /// (<see cref="Number"/>), date-styled numbers as their serial number, booleans TRUE/FALSE, error values (#DIV/0!) and
    /// ISO dates (t="d") as their text; formulas give their cached value.
    /// </summary>
    static (string Text, bool Numeric) Text(string? type, string? value, string? inline, List<string> shared)
    {
        switch (type)
        {
            case "s":
                if (string.IsNullOrWhiteSpace(value)) return ("", false);
                if (!int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var index)
                    || index < 0 || index >= shared.Count) throw new InvalidDataException(NotXlsx);
                return (shared[index], false);
            case "inlineStr":
                return (inline ?? value ?? "", false);
            case "b":
                if (string.IsNullOrWhiteSpace(value)) return ("", false);
                return (value.Trim() == "1" ? "TRUE" : "FALSE", false);
            case "str": // a formula's text result; MiniExcel also writes plain text this way
                return (value is null ? "" : Unescape(value), false);
            case "e" or "d":
                return (value ?? "", false);
            default: // "n" or none
                if (string.IsNullOrEmpty(value)) return ("", false);
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? (Number(d), true)
                    : (value, false);
        }
    }

    /// <summary>A double in invariant text without an exponent where a decimal can hold it ("1E-05" → "0.00001").</summary>
    internal static string Number(double d)
    {
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        return decimal.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m.ToString(CultureInfo.InvariantCulture) : r;
    }

    /// <summary>The shared strings table, in order.</summary>
    static List<string> SharedStrings(ZipArchiveEntry entry)
    {
        var list = new List<string>();
        using var r = XmlReader.Create(entry.Open(), Settings);
        var positioned = false;
        while (positioned || r.Read())
        {
            positioned = false;
            if (r.NodeType != XmlNodeType.Element) continue;
            if (r.LocalName == "sst")
            {
                if (PositiveInt(r.GetAttribute("uniqueCount")) is { } count) list.Capacity = Math.Min(count, 1 << 16);
                continue;
            }
            if (r.LocalName != "si") continue;
            list.Add(RichText(r));
            positioned = true;
        }
        return list;
    }

    /// <summary>
    /// The text of an &lt;si&gt; or &lt;is&gt; element, the reader on its start: its &lt;t&gt;, or the &lt;t&gt; of its runs
    /// concatenated; phonetic runs (&lt;rPh&gt;, the furigana of East Asian text) are not part of the text. Leaves the reader
    /// on the node after the element's end.
    /// </summary>
    static string RichText(XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            r.Read();
            return "";
        }
        var depth = r.Depth;
        string? first = null;
        StringBuilder? more = null;
        r.Read();
        while (r.NodeType != XmlNodeType.EndElement || r.Depth != depth)
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                if (r.LocalName == "t")
                {
                    var t = Unescape(r.ReadElementContentAsString());
                    if (first is null) first = t;
                    else (more ??= new StringBuilder(first)).Append(t);
                    continue;
                }
                if (r.LocalName is "rPh" or "rPr" or "phoneticPr")
                {
                    r.Skip();
                    continue;
                }
            }
            if (!r.Read()) throw new InvalidDataException(NotXlsx);
        }
        r.Read();
        return more?.ToString() ?? first ?? "";
    }

    /// <summary>
    /// Undoes the OOXML escape of characters XML cannot carry (ST_Xstring: "_x000D_" is a carriage return, "_x005F_" the
    /// underscore that keeps a literal "_x000D_" from being read as one), as MiniExcel did for string cells.
    /// </summary>
    internal static string Unescape(string s)
    {
        var i = s.IndexOf("_x", StringComparison.Ordinal);
        if (i < 0) return s;
        StringBuilder? sb = null;
        var done = 0;
        while (i >= 0)
        {
            if (i + 6 < s.Length && s[i + 6] == '_'
                && ushort.TryParse(s.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                (sb ??= new StringBuilder(s.Length)).Append(s, done, i - done).Append((char)code);
                done = i + 7;
                i = s.IndexOf("_x", done, StringComparison.Ordinal);
            }
            else i = s.IndexOf("_x", i + 1, StringComparison.Ordinal);
        }
        return sb is null ? s : sb.Append(s, done, s.Length - done).ToString();
    }

    readonly record struct Relationship(string Id, string Type, string Path);

    /// <summary>The internal relationships of a .rels part, targets resolved against <paramref name="folder"/>; none when the part is missing.</summary>
    static List<Relationship> Relationships(ZipArchive zip, string relsPath, string folder)
    {
        var list = new List<Relationship>();
        if (Entry(zip, relsPath) is not { } entry) return list;
        using var r = XmlReader.Create(entry.Open(), Settings);
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "Relationship") continue;
            string? id = null, type = null, target = null, mode = null;
            while (r.MoveToNextAttribute())
            {
                switch (r.LocalName)
                {
                    case "Id": id = r.Value; break;
                    case "Type": type = r.Value; break;
                    case "Target": target = r.Value; break;
                    case "TargetMode": mode = r.Value; break;
                }
            }
            if (id is null || type is null || string.IsNullOrEmpty(target) || string.Equals(mode, "External", StringComparison.OrdinalIgnoreCase)) continue;
            list.Add(new Relationship(id, type, Resolve(folder, target)));
        }
        return list;
    }

    /// <summary>A relationship target as a zip path: "worksheets/sheet1.xml" against "xl/", or "/xl/worksheets/sheet1.xml".</summary>
    static string Resolve(string folder, string target)
    {
        if (target.Contains('%', StringComparison.Ordinal)) target = Uri.UnescapeDataString(target);
        target = target.Replace('\\', '/');
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        if (!path.Contains("./", StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal)) return path;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    /// <summary>A part by its path; part names are case-insensitive (OPC), so a differently cased entry will do.</summary>
    static ZipArchiveEntry? Entry(ZipArchive zip, string path)
    {
        if (zip.GetEntry(path) is { } entry) return entry;
        foreach (var e in zip.Entries)
        {
            var name = e.FullName.Replace('\\', '/').TrimStart('/');
            if (string.Equals(name, path, StringComparison.OrdinalIgnoreCase)) return e;
        }
        return null;
    }

    static int? PositiveInt(string? s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
