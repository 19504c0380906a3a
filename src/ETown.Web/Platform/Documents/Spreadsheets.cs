using System.Globalization;
using System.IO.Compression;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace ETown.Web.Platform.Documents;

/// <summary>
/// The platform's one spreadsheet layer (issue #15 item 3). Writing is on MiniExcel: plain exports are streamed row by row
/// (<see cref="Write(Stream, IReadOnlyList{XlsxWriter.XlsxSheet})"/>: the rows are an <see cref="IEnumerable{T}"/> consumed
/// lazily, no workbook model is built) and documents officials restyle are filled from .xlsx template files
/// (<see cref="SpreadsheetTemplates"/>). Reading is our own single-pass OpenXML reader (<see cref="OpenXmlSheetReader"/>:
/// <see cref="ZipArchive"/> + <see cref="XmlReader"/> straight into the cells) — issue #16 target 3: MiniExcel's reading
/// (an ExpandoObject per row, the sheet scanned twice for its dimension) was a quarter of a statistics import; every
/// workbook read passes the zip guard and a DTD check first (<see cref="Read"/>; issue #17 findings 10/11).
/// The OpenXML SDK stays for .docx only (<see cref="WordKit"/>).
/// </summary>
public static class Spreadsheets
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit for a sheet name.</summary>
    public const int MaxSheetName = 31;

    // ------------------------------------------------------------------ plain exports (streaming)

    /// <summary>
    /// Writes the sheets to <paramref name="output"/> as the rows are enumerated: header row first (frozen, with a filter),
    /// then one row per item. Numbers (decimal, int, long, double) are numeric cells, everything else text.
    /// The output stream need not be seekable (an HTTP response body will do).
    /// </summary>
    public static void Write(Stream output, IReadOnlyList<XlsxWriter.XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0) throw new ArgumentException("至少需要一个工作表。", nameof(sheets));
        var book = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            var name = SheetName(sheet.Name);
            while (book.ContainsKey(name)) name = SheetName(name[..Math.Min(name.Length, MaxSheetName - 1)] + "_");
            book[name] = Rows(sheet);
        }
        output.SaveAs(book, printHeader: true, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration
        {
            FastMode = false,
            AutoFilter = true,
            FreezeRowCount = 1,
            EnableWriteNullValueCell = true,
            Culture = CultureInfo.InvariantCulture,
        });
    }

    /// <summary>The workbook as bytes (small exports; large ones should stream with <see cref="Write(Stream, IReadOnlyList{XlsxWriter.XlsxSheet})"/>).</summary>
    public static byte[] Write(IReadOnlyList<XlsxWriter.XlsxSheet> sheets)
    {
        using var ms = new MemoryStream();
        Write(ms, sheets);
        return ms.ToArray();
    }

    static string SheetName(string name) => string.IsNullOrEmpty(name) ? "Sheet1" : name.Length > MaxSheetName ? name[..MaxSheetName] : name;

    // MiniExcel names the columns by the row dictionary's keys: the headers, made unique with trailing spaces
    // (invisible in Excel; importers trim header texts).
    static IEnumerable<IDictionary<string, object?>> Rows(XlsxWriter.XlsxSheet sheet)
    {
        var keys = new List<string>(sheet.Headers.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in sheet.Headers)
        {
            var k = h ?? "";
            while (!seen.Add(k)) k += " ";
            keys.Add(k);
        }
        var any = false;
        foreach (var row in sheet.Rows)
        {
            any = true;
            var d = new Dictionary<string, object?>(keys.Count, StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i++) d[keys[i]] = i < row.Count ? Cell(row[i]) : null;
            yield return d;
        }
        if (!any)
        {
            // A sheet without rows still shows its header row: one empty row keeps MiniExcel writing the header.
            var empty = new Dictionary<string, object?>(keys.Count, StringComparer.Ordinal);
            foreach (var k in keys) empty[k] = null;
            yield return empty;
        }
    }

    /// <summary>Numbers stay numbers; everything else is written as its text (dates already formatted by the caller).</summary>
    internal static object? Cell(object? value) => value switch
    {
        null => null,
        decimal or int or long or double => value,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // ------------------------------------------------------------------ reading (guarded)

    /// <summary>
    /// Reads the sheet called <paramref name="sheetName"/>, or the first sheet when null or not found, after the zip guard
    /// (ETOWN-FILE-0007: inflates past the spreadsheet limit or too many entries) and a DTD check of every XML part, with our
    /// own single-pass OpenXML reader (<see cref="OpenXmlSheetReader"/>; issue #16 target 3).
    /// </summary>
    /// <exception cref="InvalidDataException">Not an .xlsx workbook, or a part declares a DTD.</exception>
    /// <exception cref="DomainException">ETOWN-FILE-0007.</exception>
    public static XlsxSheet Read(Stream stream, string? sheetName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream = Guard(stream);
        return Parse(stream, zip =>
        {
            var (sheets, sharedStrings) = OpenXmlSheetReader.Workbook(zip);
            if (sheets.Count == 0) throw new InvalidDataException(OpenXmlSheetReader.NoSheets);
            var sheet = sheets.Find(s => s.Name == sheetName);
            if (sheet.Name is null) sheet = sheets[0];
            var path = sheet.Path ?? throw new InvalidDataException(OpenXmlSheetReader.NotXlsx);
            return new XlsxSheet(sheet.Name, OpenXmlSheetReader.Cells(zip, path, sharedStrings));
        });
    }

    /// <summary>Sheet names in workbook order, after the same guard as <see cref="Read"/>.</summary>
    public static IReadOnlyList<string> SheetNames(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream = Guard(stream);
        return Parse(stream, zip => OpenXmlSheetReader.Workbook(zip).Sheets.ConvertAll(s => s.Name));
    }

    const string DtdRefused = "工作簿含有不允许的 XML 内容（如 DTD 声明），已拒绝。";

    /// <summary>Opens the guarded workbook and maps whatever a damaged one throws to <see cref="InvalidDataException"/>.</summary>
    static T Parse<T>(Stream stream, Func<ZipArchive, T> read)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return read(zip);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(DtdRefused, e);
        }
        catch (InvalidDataException e) when (e.Message is not (OpenXmlSheetReader.NotXlsx or OpenXmlSheetReader.NoSheets or DtdRefused))
        {
            throw new InvalidDataException(OpenXmlSheetReader.NotXlsx, e); // a damaged zip entry (deflate data)
        }
        catch (Exception e) when (e is not InvalidDataException and not DomainException and not OperationCanceledException
                                      and not OutOfMemoryException)
        {
            throw new InvalidDataException(OpenXmlSheetReader.NotXlsx, e); // malformed XML, unreadable zip
        }
    }

    /// <summary>Buffers a non-seekable upload (bounded), runs the zip guard and the DTD check, and rewinds.</summary>
    static Stream Guard(Stream stream)
    {
        var limits = Attachments.AttachmentPolicy.Spreadsheets;
        if (!stream.CanSeek)
        {
            // The guard reads the workbook before the reader does: buffer it (bounded by the upload size limit).
            var copy = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                copy.Write(buffer, 0, n);
                if (copy.Length > limits.MaxBytes) throw new InvalidDataException($"工作簿超过 {limits.MaxBytes / 1024 / 1024} MB。");
            }
            copy.Position = 0;
            stream = copy;
        }
        if (stream.Position != 0)
        {
            var rest = new MemoryStream();
            stream.CopyTo(rest);
            rest.Position = 0;
            stream = rest;
        }
        // An imported workbook is parsed into memory: refuse a zip bomb first (ETOWN-FILE-0007), as uploads are.
        Attachments.ZipGuard.Check(stream, limits.MaxInflatedBytes, limits.MaxZipEntries, requiredPart: null);
        stream.Position = 0;
        RefuseDtd(stream);
        stream.Position = 0;
        return stream;
    }

    /// <summary>
    /// Issue #17 finding 10: a DOCTYPE (external DTD, entity expansion — billion laughs) in any XML part is refused before
    /// any parser that might honour it sees the file. Only each part's prolog is read: a DTD must precede the root element.
    /// </summary>
    static void RefuseDtd(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) &&
                    !entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)) continue;
                using var s = entry.Open();
                using var reader = XmlReader.Create(s, settings);
                try { reader.MoveToContent(); }
                catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException(DtdRefused, e);
                }
                catch (XmlException e)
                {
                    throw new InvalidDataException("不是有效的 .xlsx 工作簿。", e);
                }
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            throw new InvalidDataException("不是有效的 .xlsx 工作簿。", e);
        }
    }
}
