using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ETown.Web.Platform;
using ETown.Web.Platform.Attachments;

namespace ETown.Tests.Platform;

/// <summary>
/// The one attachment store (issue #9): type decided by content, size and inflated-size limits, SHA-256
/// recorded on write and checked on read, file names never used as paths. Declaration materials (DECL-08)
/// and standard evidence go through it (DeclarationWorkflowTests, StandardEndpointTests cover the API).
/// </summary>
public sealed class AttachmentStoreTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "etown-attach-" + Guid.NewGuid().ToString("N"));
    readonly AttachmentStore store;

    public AttachmentStoreTests() => store = new AttachmentStore(root);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    static byte[] Pdf(string label) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {label} {Guid.NewGuid():N}\ntrailer << >>\n%%EOF\n");

    static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    /// <summary>A zip with the given entries (name → bytes), deflated.</summary>
    static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(bytes);
            }
        return ms.ToArray();
    }

    static byte[] Docx(byte[]? body = null) => Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes(
            "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")),
        ("word/document.xml", body ?? "<w:document/>"u8.ToArray()));

    Task<StoredFile> Save(byte[] bytes, string name, string? type = null, AttachmentPolicy? policy = null) =>
        store.SaveAsync(new MemoryStream(bytes), name, type, policy ?? AttachmentPolicy.Materials);

    static async Task<string> CodeOf(Func<Task> act) => (await Assert.ThrowsAnyAsync<DomainException>(act)).Code;

    [Fact]
    public async Task A_real_file_is_stored_under_the_root_with_its_SHA256_and_reads_back_unchanged()
    {
        var bytes = Pdf("ok");
        var f = await Save(bytes, "佐证材料.pdf", "application/pdf");
        Assert.Equal("佐证材料.pdf", f.FileName);
        Assert.Equal("application/pdf", f.ContentType);
        Assert.Equal(bytes.Length, f.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), f.Sha256);
        var full = Path.GetFullPath(Path.Combine(root, f.StoragePath));
        Assert.StartsWith(root + Path.DirectorySeparatorChar, full);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(full));
        await using var s = await store.OpenAsync(f);
        var back = new MemoryStream();
        await s.CopyToAsync(back);
        Assert.Equal(bytes, back.ToArray());
        Assert.Empty(Directory.GetFiles(root, "*.tmp")); // no upload leftovers
    }

    [Fact]
    public async Task The_served_type_is_the_content_kind_never_the_client_type()
    {
        var f = await Save(Png(), "photo.PNG", "text/html");
        Assert.Equal("image/png", f.ContentType);
        Assert.Equal("image/jpeg", (await Save([0xFF, 0xD8, 0xFF, 0xE0, 0, 1], "scan.jpeg", "image/pjpeg")).ContentType);
    }

    [Fact]
    public async Task Type_mismatch_is_rejected_by_content_and_by_the_declared_type()
    {
        // Name says PDF, bytes are not.
        Assert.Equal(AttachmentErrors.ContentMismatch, await CodeOf(() => Save("hello"u8.ToArray(), "x.pdf")));
        // Bytes are PNG, name says PDF.
        Assert.Equal(AttachmentErrors.ContentMismatch, await CodeOf(() => Save(Png(), "x.pdf", "application/pdf")));
        // A real PDF declared as a PNG by the client.
        var e = await Assert.ThrowsAsync<DomainException>(() => Save(Pdf("declared"), "x.pdf", "image/png"));
        Assert.Equal(AttachmentErrors.ContentMismatch, e.Code);
        Assert.Contains("image/png", e.Message);
        // A renamed zip is not a .docx (no [Content_Types].xml), nor is a macro document, and broken zip bytes are no .xlsx.
        Assert.Equal(AttachmentErrors.ContentMismatch, await CodeOf(() => Save(Zip(("a.txt", "a"u8.ToArray())), "x.docx")));
        Assert.Equal(AttachmentErrors.ContentMismatch, await CodeOf(() => Save(Zip(("[Content_Types].xml",
            "<Types><Override ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>"u8.ToArray()), ("word/document.xml", "x"u8.ToArray())), "macro.docx")));
        Assert.Equal(AttachmentErrors.ContentMismatch, await CodeOf(() => Save([0x50, 0x4B, 0x03, 0x04, 9, 9, 9, 9], "x.xlsx")));
        // Not in the policy at all (checked before reading).
        var notAllowed = await Assert.ThrowsAsync<DomainException>(() => Save(Pdf("exe"), "setup.exe", "application/octet-stream"));
        Assert.Equal(AttachmentErrors.TypeNotAllowed, notAllowed.Code);
        Assert.Equal("只接受 PDF、PNG、JPG、DOCX、XLSX、OFD 文件。", notAllowed.Message);
        Assert.Equal(AttachmentErrors.TypeNotAllowed, await CodeOf(() => Save(Png(), "photo.png", policy: AttachmentPolicy.Documents)));
        Assert.Equal(AttachmentErrors.TypeNotAllowed, await CodeOf(() => Save(Pdf("p"), "a.pdf", policy: AttachmentPolicy.Spreadsheets)));
        // Unknown client types (application/zip from old browsers) do not decide: the content does.
        Assert.Equal(AttachmentKind.Docx.ContentType, (await Save(Docx(), "方案.docx", "application/zip")).ContentType);
        Assert.Empty(Directory.GetFiles(root, "*.tmp"));
    }

    [Fact]
    public async Task Real_Office_files_pass_and_a_workbook_renamed_to_docx_does_not()
    {
        var xlsx = ETown.Web.Platform.Documents.XlsxWriter.Write("表", ["指标", "数值"], [["产值", 1m]]);
        Assert.Equal(AttachmentKind.Xlsx.ContentType, (await Save(xlsx, "统计.xlsx", AttachmentKind.Xlsx.ContentType, AttachmentPolicy.Spreadsheets)).ContentType);
        var docx = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(docx, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("承诺书")))));
        }
        Assert.Equal(AttachmentKind.Docx.ContentType, (await Save(docx.ToArray(), "承诺书.docx", AttachmentKind.Docx.ContentType, AttachmentPolicy.Documents)).ContentType);
        Assert.Equal(AttachmentErrors.ContentMismatch, await CodeOf(() => Save(xlsx, "改名.docx")));
    }

    [Fact]
    public async Task Oversize_and_empty_files_are_rejected()
    {
        var small = AttachmentPolicy.Materials with { MaxBytes = 1024 };
        var big = new byte[2048];
        "%PDF"u8.CopyTo(big);
        var e = await Assert.ThrowsAsync<DomainException>(() => Save(big, "big.pdf", policy: small));
        Assert.Equal(AttachmentErrors.TooLarge, e.Code);
        Assert.Equal(400, e.Status);
        Assert.Equal(AttachmentErrors.Empty, await CodeOf(() => Save([], "empty.pdf")));
        Assert.Equal(AttachmentErrors.BadName, await CodeOf(() => Save(Pdf("n"), "  ")));
        Assert.Equal(AttachmentErrors.BadName, await CodeOf(() => Save(Pdf("n"), new string('长', 197) + ".pdf")));
        Assert.Equal(20 * 1024 * 1024, AttachmentPolicy.Materials.MaxBytes);
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_small_docx_that_inflates_past_the_limit_is_rejected_as_a_zip_bomb()
    {
        // 64 MB of zeros deflates to ~64 KB: within 20 MB on disk, far past a 16 MB inflate limit.
        var policy = AttachmentPolicy.Materials with { MaxInflatedBytes = 16 * 1024 * 1024 };
        var bomb = Docx(new byte[64 * 1024 * 1024]);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");
        var e = await Assert.ThrowsAsync<DomainException>(() => Save(bomb, "炸弹.docx", policy: policy));
        Assert.Equal(AttachmentErrors.InflatesTooLarge, e.Code);
        Assert.Equal(400, e.Status);
        // The same bomb with a lying directory (declared sizes 1 byte): still refused, whether the counter
        // or the zip reader's own size check stops it first.
        Assert.Contains(await CodeOf(() => Save(LieAboutSizes(bomb), "炸弹2.docx", policy: policy)),
            new[] { AttachmentErrors.InflatesTooLarge, AttachmentErrors.ContentMismatch });
        // Too many entries.
        var many = Zip([.. Enumerable.Range(0, 30).Select(i => ($"word/p{i}.xml", "x"u8.ToArray())), ("[Content_Types].xml", "x"u8.ToArray())]);
        Assert.Equal(AttachmentErrors.InflatesTooLarge, await CodeOf(() => Save(many, "many.docx", policy: AttachmentPolicy.Materials with { MaxZipEntries = 20 })));
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        // A normal .docx passes the default policy.
        Assert.Equal(AttachmentKind.Docx.ContentType, (await Save(Docx(), "ok.docx")).ContentType);
    }

    [Fact]
    public void An_imported_workbook_is_guarded_too()
    {
        // XlsxReader (statistics and declaration imports) runs the same zip checks before loading a workbook.
        var many = Zip([.. Enumerable.Range(0, AttachmentPolicy.DefaultMaxZipEntries + 1).Select(i => ($"xl/p{i}.xml", Array.Empty<byte>()))]);
        var e = Assert.Throws<DomainException>(() => ETown.Web.Platform.Documents.XlsxReader.Read(new MemoryStream(many)));
        Assert.Equal(AttachmentErrors.InflatesTooLarge, e.Code);
        Assert.Throws<InvalidDataException>(() => ETown.Web.Platform.Documents.XlsxReader.Read(new MemoryStream("not a workbook"u8.ToArray())));
        var ok = ETown.Web.Platform.Documents.XlsxWriter.Write("表", ["指标"], [["产值"]]);
        Assert.Equal("产值", ETown.Web.Platform.Documents.XlsxReader.Read(new MemoryStream(ok)).Text(2, 1));
    }

    /// <summary>Rewrites every uncompressed-size field of the zip (local headers and central directory) to 1 byte.</summary>
    static byte[] LieAboutSizes(byte[] zip)
    {
        var b = (byte[])zip.Clone();
        for (var i = 0; i + 46 <= b.Length; i++)
        {
            if (b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x03 && b[i + 3] == 0x04) BitConverter.TryWriteBytes(b.AsSpan(i + 22, 4), 1u);
            else if (b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x01 && b[i + 3] == 0x02) BitConverter.TryWriteBytes(b.AsSpan(i + 24, 4), 1u);
        }
        return b;
    }

    [Fact]
    public async Task A_file_changed_on_disk_is_refused_on_read_with_a_clear_Chinese_error()
    {
        var bytes = Pdf("tamper");
        var f = await Save(bytes, "合同.pdf");
        var full = Path.Combine(root, f.StoragePath);
        var tampered = (byte[])bytes.Clone();
        tampered[^3] ^= 0x20;
        await File.WriteAllBytesAsync(full, tampered);
        var e = await Assert.ThrowsAsync<DomainException>(() => store.OpenAsync(f));
        Assert.Equal(AttachmentErrors.Tampered, e.Code);
        Assert.Equal("ETOWN-FILE-0006", e.Code);
        Assert.Contains("合同.pdf", e.Message);
        Assert.Contains("篡改", e.Message);
        Assert.Contains("SHA-256", e.Message);
        // Gone from disk: not found, not a crash.
        File.Delete(full);
        Assert.Equal("ETOWN-COMMON-0404", await CodeOf(() => store.OpenAsync(f)));
    }

    [Theory]
    [InlineData("../../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("..\\..\\windows\\win.pdf", "win.pdf")]
    [InlineData("/abs/path/a.pdf", "a.pdf")]
    [InlineData("C:\\Users\\x\\申报.pdf", "申报.pdf")]
    public async Task Path_traversal_in_the_file_name_is_harmless(string name, string kept)
    {
        var f = await Save(Pdf("trav"), name);
        Assert.Equal(kept, f.FileName);
        Assert.DoesNotContain("..", f.StoragePath);
        Assert.StartsWith(root + Path.DirectorySeparatorChar, Path.GetFullPath(Path.Combine(root, f.StoragePath)));
        Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        // A record whose stored path points outside the root is never opened or deleted.
        var escaped = f with { StoragePath = "../" + Path.GetFileName(root) + "-outside.pdf" };
        Assert.Equal("ETOWN-COMMON-0404", await CodeOf(() => store.OpenAsync(escaped)));
        await store.DeleteAsync(escaped);
    }

    [Fact]
    public async Task Identical_uploads_get_their_own_files_so_deleting_one_keeps_the_other()
    {
        var bytes = Pdf("same");
        var a = await Save(bytes, "a.pdf");
        var b = await Save(bytes, "b.pdf");
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.NotEqual(a.StoragePath, b.StoragePath);
        await store.DeleteAsync(a);
        Assert.False(File.Exists(Path.Combine(root, a.StoragePath)));
        await using var s = await store.OpenAsync(b);
        Assert.Equal(bytes.Length, s.Length);
    }
}
