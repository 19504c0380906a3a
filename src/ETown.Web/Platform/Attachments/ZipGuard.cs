using System.IO.Compression;

namespace ETown.Web.Platform.Attachments;

/// <summary>
/// Checks a zip-based document (.docx, .xlsx, .ofd) before anything parses it: a readable zip, within
/// the entry count, with honest entry sizes, holding its main part, and inflating to no more than the
/// limit — counted while actually inflating. Used by the <see cref="AttachmentStore"/> on upload and by
/// <see cref="Documents.Spreadsheets.Read"/> before an imported workbook is loaded into memory.
/// </summary>
public static class ZipGuard
{
    const string ReasonKey = "ETown.ZipGuard.Reason";

    /// <summary>Why the guard refused a readable zip (Chinese), or null for a zip that does not open at all.</summary>
    public static string? Reason(InvalidDataException e) => e.Data[ReasonKey] as string;

    static InvalidDataException Rejected(string reason)
    {
        var e = new InvalidDataException(reason);
        e.Data[ReasonKey] = reason;
        return e;
    }

    /// <exception cref="DomainException">ETOWN-FILE-0007 when it inflates too far or has too many entries.</exception>
    /// <exception cref="InvalidDataException">Not a readable zip, or (with a Chinese <see cref="Reason"/>) dishonest sizes,
    /// <paramref name="requiredPart"/> missing or, with <paramref name="marker"/>, not containing it.</exception>
    public static void Check(Stream zipStream, long maxInflatedBytes, int maxEntries, string? requiredPart, string? marker = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zipStream);
        var tooBig = AttachmentErrors.Rejected(AttachmentErrors.InflatesTooLarge,
            $"压缩文档解压后超过 {maxInflatedBytes / 1024 / 1024} MB 或条目过多，疑似压缩炸弹，已拒绝。");
        try
        {
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > maxEntries) throw tooBig;
            var part = requiredPart is null ? null : zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, requiredPart, StringComparison.OrdinalIgnoreCase));
            if (requiredPart is not null && part is null) throw Rejected($"缺少 {requiredPart}");
            if (zip.Entries.Sum(e => e.Length) > maxInflatedBytes) throw tooBig;
            // Deflate never grows data by more than a few bytes per block: a compressed entry larger than
            // its declared size means the directory lies (the zip reader stops at the declared size, other
            // tools would not), so such a file is refused rather than trusted.
            if (zip.Entries.Any(e => e.CompressedLength > e.Length + e.Length / 100 + 1024))
                throw Rejected("压缩条目记录的大小不实");
            if (part is not null && marker is not null)
            {
                // [Content_Types].xml names the main part's type: a .docm/.xlsm (macros) or a workbook renamed .docx fails here.
                if (part.Length > 1024 * 1024) throw Rejected($"{requiredPart} 过大");
                using var reader = new StreamReader(part.Open());
                if (!reader.ReadToEnd().Contains(marker, StringComparison.OrdinalIgnoreCase))
                    throw Rejected($"{requiredPart} 未声明应有的文档类型");
            }
            long inflated = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                ct.ThrowIfCancellationRequested();
                using var s = entry.Open();
                int n;
                while ((n = s.Read(buffer)) > 0)
                    if ((inflated += n) > maxInflatedBytes) throw tooBig;
            }
        }
        catch (Exception e) when (e is NotSupportedException or IOException or ArgumentException)
        {
            throw new InvalidDataException("不是有效的压缩文档", e);
        }
    }
}
