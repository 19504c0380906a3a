using System.Security.Cryptography;

namespace ETown.Web.Platform.Attachments;

/// <summary>
/// What a feature keeps about a stored file (its own entity implements this: DeclarationMaterial,
/// EvidenceFile, …); the store needs the path to find it and the SHA-256 to prove it unchanged.
/// </summary>
public interface IStoredFile
{
    string FileName { get; }
    string ContentType { get; }
    long Size { get; }
    string Sha256 { get; }
    /// <summary>Relative to Storage:Path; never derived from the uploaded file name.</summary>
    string StoragePath { get; }
}

/// <summary>The record of one saved upload; the caller copies it onto its own entity.</summary>
public sealed record StoredFile(string FileName, string ContentType, long Size, string Sha256, string StoragePath) : IStoredFile;

/// <summary>
/// The one file store of the platform (issue #9): declaration materials (DECL-08), standard evidence,
/// and next payment requests, inspections, acceptance and archives. Files live outside the web root
/// under Storage:Path (default data/files). On write the type is decided by the content (first bytes;
/// for .docx/.xlsx/.ofd the zip's required part and its inflated size), never by the client's name or
/// MIME type, and the SHA-256 is recorded; on read the hash is checked again, so a file changed on
/// disk is never served as the original.
/// </summary>
public sealed class AttachmentStore
{
    readonly string root;

    public AttachmentStore(IConfiguration config, IHostEnvironment env)
        : this(config["Storage:Path"] is { Length: > 0 } p ? p : Path.Combine(env.ContentRootPath, "data", "files")) { }

    /// <summary>A store rooted at <paramref name="rootPath"/> (tests, tools).</summary>
    public AttachmentStore(string rootPath) => root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));

    public string Root => root;

    /// <summary>
    /// Checks and stores an upload. <paramref name="fileName"/> is kept only as metadata (its folder
    /// part is dropped, so "../../x.pdf" stores as "x.pdf" under a generated path); <paramref name="declaredType"/>
    /// is the client's MIME type, refused when it names a different accepted type than the content.
    /// </summary>
    public async Task<StoredFile> SaveAsync(Stream content, string? fileName, string? declaredType, AttachmentPolicy policy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(policy);
        var name = CleanName(fileName);
        if (name.Length is 0 or > 200) throw AttachmentErrors.Rejected(AttachmentErrors.BadName, "文件名不能为空且不超过 200 字。");
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var kind = policy.ForExtension(ext) ?? throw AttachmentErrors.Rejected(AttachmentErrors.TypeNotAllowed, $"只接受 {policy.Describe()} 文件。");
        var declared = (declaredType ?? "").Split(';')[0].Trim();
        if (declared.Length > 0 && !kind.Names(declared) && AttachmentKind.All.Any(k => k.Names(declared)))
            throw Mismatch(ext, $"声明的文件类型 {declared} 与扩展名 {ext} 不符");

        Directory.CreateDirectory(root);
        var temp = Path.Combine(root, "upload-" + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            long size = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new byte[8];
            var headLen = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    if (size > policy.MaxBytes)
                        throw AttachmentErrors.Rejected(AttachmentErrors.TooLarge, $"文件不能超过 {policy.MaxBytes / 1024 / 1024} MB。");
                    if (headLen < head.Length) { var c = Math.Min(head.Length - headLen, n); Array.Copy(buffer, 0, head, headLen, c); headLen += c; }
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            if (size == 0) throw AttachmentErrors.Rejected(AttachmentErrors.Empty, "文件为空。");
            if (!head.AsSpan(0, headLen).StartsWith(kind.Magic)) throw Mismatch(ext, null);
            if (kind.IsZip) await CheckZipAsync(temp, kind, policy, ext, ct);

            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            // One file per upload (hash first for the operator's eye, then a unique suffix), so deleting
            // one record's file never removes another record's identical content.
            var relative = Path.Combine(hash[..2], $"{hash}-{Guid.NewGuid():N}{ext}");
            var target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target);
            return new StoredFile(name, kind.ContentType, size, hash, relative);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Opens a stored file for reading after checking its SHA-256 against the recorded one
    /// (ETOWN-FILE-0006 when it differs); a missing file is "not found".
    /// </summary>
    public async Task<Stream> OpenAsync(IStoredFile file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var full = FullPath(file.StoragePath);
        if (full is null || !File.Exists(full)) throw new NotFoundException("文件");
        var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        try
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new DomainException(AttachmentErrors.Tampered,
                    $"文件“{file.FileName}”已被篡改或损坏（SHA-256 与上传时记录的不符），已拒绝提供；请联系管理员从备份恢复。", 500);
            stream.Position = 0;
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Removes a record's file once the record is gone. Files of the earlier content-addressed layout
    /// (name = the bare hash) may be shared by several records and are left in place.
    /// </summary>
    public Task DeleteAsync(IStoredFile file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ct.ThrowIfCancellationRequested();
        var full = FullPath(file.StoragePath);
        if (full is not null && Path.GetFileNameWithoutExtension(full).Length > 64 && File.Exists(full)) File.Delete(full);
        return Task.CompletedTask;
    }

    /// <summary>The absolute path inside the root, or null for a path that would leave it.</summary>
    string? FullPath(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath)) return null;
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The last segment of the name (either slash), without control characters.</summary>
    static string CleanName(string? fileName)
    {
        var name = fileName ?? "";
        var cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0) name = name[(cut + 1)..];
        return new string(name.Where(ch => !char.IsControl(ch)).ToArray()).Trim();
    }

    /// <summary>The zip checks of <see cref="ZipGuard"/> on the stored upload; a broken zip or missing part is a content mismatch.</summary>
    static async Task CheckZipAsync(string path, AttachmentKind kind, AttachmentPolicy policy, string ext, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false);
        try { ZipGuard.Check(file, policy.MaxInflatedBytes, policy.MaxZipEntries, kind.ZipPart, kind.ZipMarker, ct); }
        catch (InvalidDataException e) { throw Mismatch(ext, ZipGuard.Reason(e) ?? "不是有效的压缩文档"); }
    }

    static DomainException Mismatch(string ext, string? detail) => AttachmentErrors.Rejected(AttachmentErrors.ContentMismatch,
        $"文件内容与扩展名 {ext} 不符{(detail is null ? "" : "（" + detail + "）")}，请上传真实的 {ext.TrimStart('.').ToUpperInvariant()} 文件。");
}
