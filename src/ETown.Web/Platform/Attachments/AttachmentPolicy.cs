namespace ETown.Web.Platform.Attachments;

/// <summary>
/// One file type the store accepts: its extensions, the content type it is served with (never the
/// client's), other names browsers send for it, its first bytes, and for zip-based formats the part
/// that must be inside and the text it must contain (a renamed .zip or workbook is not a .docx).
/// </summary>
public sealed record AttachmentKind(string Label, IReadOnlyList<string> Extensions, string ContentType, IReadOnlyList<string> Aliases,
    byte[] Magic, string? ZipPart = null, string? ZipMarker = null)
{
    public bool IsZip => ZipPart is not null;

    /// <summary>True when <paramref name="declared"/> names this kind (canonical type or a browser alias).</summary>
    public bool Names(string declared) =>
        string.Equals(declared, ContentType, StringComparison.OrdinalIgnoreCase) || Aliases.Contains(declared, StringComparer.OrdinalIgnoreCase);

    static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    public static readonly AttachmentKind Pdf = new("PDF", [".pdf"], "application/pdf", ["application/x-pdf"], "%PDF"u8.ToArray());
    public static readonly AttachmentKind Png = new("PNG", [".png"], "image/png", [], [0x89, 0x50, 0x4E, 0x47]);
    public static readonly AttachmentKind Jpeg = new("JPG", [".jpg", ".jpeg"], "image/jpeg", ["image/jpg", "image/pjpeg"], [0xFF, 0xD8, 0xFF]);
    public static readonly AttachmentKind Docx = new("DOCX", [".docx"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [], Zip,
        "[Content_Types].xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    public static readonly AttachmentKind Xlsx = new("XLSX", [".xlsx"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [], Zip,
        "[Content_Types].xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
    /// <summary>GB/T 33190 版式文档 (the format of many government documents).</summary>
    public static readonly AttachmentKind Ofd = new("OFD", [".ofd"], "application/ofd", [], Zip, "OFD.xml");

    public static IReadOnlyList<AttachmentKind> All { get; } = [Pdf, Png, Jpeg, Docx, Xlsx, Ofd];
}

/// <summary>
/// What one use of the store accepts: the kinds, the size on disk and, for zip-based formats, the
/// size once inflated (a few-KB .docx that inflates to gigabytes is refused before anyone opens it).
/// </summary>
public sealed record AttachmentPolicy(string Name, IReadOnlyList<AttachmentKind> Kinds, long MaxBytes, long MaxInflatedBytes = AttachmentPolicy.DefaultMaxInflatedBytes,
    int MaxZipEntries = AttachmentPolicy.DefaultMaxZipEntries)
{
    public const long DefaultMaxBytes = 20 * 1024 * 1024;
    public const long DefaultMaxInflatedBytes = 200 * 1024 * 1024;
    public const int DefaultMaxZipEntries = 10_000;

    /// <summary>Official papers: PDF, OFD, Word, Excel.</summary>
    public static AttachmentPolicy Documents { get; } = new("documents", [AttachmentKind.Pdf, AttachmentKind.Docx, AttachmentKind.Xlsx, AttachmentKind.Ofd], DefaultMaxBytes);

    /// <summary>Photos and scans.</summary>
    public static AttachmentPolicy Images { get; } = new("images", [AttachmentKind.Png, AttachmentKind.Jpeg], DefaultMaxBytes);

    /// <summary>Workbooks only (imports, annexes).</summary>
    // Issue #17 finding 11: an imported workbook is parsed in memory, so its inflated size is capped lower than other documents.
    public static AttachmentPolicy Spreadsheets { get; } = new("spreadsheets", [AttachmentKind.Xlsx], DefaultMaxBytes, MaxInflatedBytes: 64 * 1024 * 1024);

    /// <summary>
    /// Supporting materials: documents or images, ≤ 20 MB — declaration materials (DECL-08) and standard
    /// evidence files; the order gives the message "只接受 PDF、PNG、JPG、DOCX、XLSX、OFD 文件。".
    /// </summary>
    public static AttachmentPolicy Materials { get; } = new("materials", AttachmentKind.All, DefaultMaxBytes);

    public AttachmentKind? ForExtension(string extension) =>
        Kinds.FirstOrDefault(k => k.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));

    public string Describe() => string.Join("、", Kinds.Select(k => k.Label));
}
