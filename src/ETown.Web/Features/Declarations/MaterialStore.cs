using System.Security.Cryptography;
using ETown.Web.Platform;
using ETown.Web.Platform.Files;

namespace ETown.Web.Features.Declarations;

public sealed record StoredFile(string FileName, string ContentType, long Size, string Sha256, string RelativePath);

/// <summary>
/// Uploaded materials (DECL-08) live outside the web root (Storage:Path, default data/files), named
/// by their SHA-256 so the same content is stored once and any change on disk is detected on read.
/// Only PDF, images and Office documents are accepted, checked by their first bytes, not the name.
/// </summary>
public sealed class MaterialStore(IConfiguration config, IWebHostEnvironment env)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    string Root => Path.GetFullPath(config["Storage:Path"] is { Length: > 0 } p ? p : Path.Combine(env.ContentRootPath, "data", "files"));

    static readonly (string Ext, string Type, byte[] Magic)[] Allowed =
    [
        (".pdf", "application/pdf", "%PDF"u8.ToArray()),
        (".png", "image/png", [0x89, 0x50, 0x4E, 0x47]),
        (".jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".jpeg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04]),
        (".ofd", "application/ofd", [0x50, 0x4B, 0x03, 0x04]),
    ];

    public async Task<StoredFile> SaveAsync(string fileName, string contentType, Stream content, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length is 0 or > 200) throw Error(FileErrors.NameInvalid, "文件名不能为空且不超过 200 字。");
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var kind = Allowed.FirstOrDefault(a => a.Ext == ext);
        if (kind.Ext is null) throw Error(FileErrors.TypeNotAllowed, "只接受 PDF、PNG、JPG、DOCX、XLSX、OFD 文件。");

        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, "upload-" + Guid.NewGuid().ToString("N"));
        long size = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[8];
        var headLen = 0;
        try
        {
            await using (var file = File.Create(temp))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    if (size > MaxBytes) throw Error(FileErrors.TooLarge, $"文件不能超过 {MaxBytes / 1024 / 1024} MB。");
                    if (headLen < head.Length) { var c = Math.Min(head.Length - headLen, n); Array.Copy(buffer, 0, head, headLen, c); headLen += c; }
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            if (size == 0) throw Error(FileErrors.Empty, "文件为空。");
            if (!head.AsSpan(0, headLen).StartsWith(kind.Magic))
                throw Error(FileErrors.ContentMismatch, $"文件内容与扩展名 {ext} 不符，请上传真实的 {ext.TrimStart('.').ToUpperInvariant()} 文件。");
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var relative = Path.Combine(hash[..2], hash + ext);
            var target = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(temp);
            else File.Move(temp, target);
            return new StoredFile(name, kind.Type, size, hash, relative);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Opens a stored file after checking its hash, so a file altered on disk is never served as the original.</summary>
    public Stream Open(string relativePath, string expectedSha256)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root, StringComparison.Ordinal) || !File.Exists(full)) throw new NotFoundException("文件");
        var bytes = File.ReadAllBytes(full);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != expectedSha256)
            throw new DomainException(FileErrors.Tampered, "文件已被篡改或损坏（哈希不符），请联系管理员。", 500);
        return new MemoryStream(bytes, writable: false);
    }

    static DomainException Error(string code, string message) => new(code, message, 400);
}
