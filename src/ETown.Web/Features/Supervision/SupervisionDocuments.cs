using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Wordprocessing;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Supervision;

/// <summary>整改通知书 (SUP-05 "书面下发整改通知" / "再次行文限期整改") as .docx.</summary>
public static class SupervisionDocuments
{
    public static string NoticeFileName(string etown, int noticeCount) => $"{etown}{(noticeCount > 1 ? "再次" : "")}整改通知书.docx";

    public static byte[] Notice(string etown, Inspection inspection, Problem p, DateTimeOffset issuedAt)
    {
        var title = p.NoticeCount > 1 ? "再次限期整改通知书" : "整改通知书";
        return WordKit.Create(title, body =>
        {
            body.Append(WordKit.Para(title, JustificationValues.Center, bold: true, halfPoints: 36, after: 240));
            body.Append(WordKit.Para((p.ResponsibleParty ?? $"{etown}承办企业") + "：", after: 120));
            body.Append(WordKit.Para(
                $"{inspection.InspectedOn:yyyy年M月d日}，县乡村e镇工作领导小组办公室对{etown}开展{SupervisionPeriod.KindLabel(inspection.Kind)}（{ProblemFlow.MethodLabel(inspection.Method)}），发现以下问题：",
                firstLineChars: 2, after: 120));
            body.Append(WordKit.Para($"问题：{p.Description}", firstLineChars: 2));
            body.Append(WordKit.Para($"严重程度：{ProblemFlow.SeverityLabel(p.Severity)}", firstLineChars: 2));
            if (p.Reference is { } r) body.Append(WordKit.Para($"依据（标准条目或合同条款）：{r}", firstLineChars: 2));
            body.Append(WordKit.Para(
                $"请于 {p.Deadline:yyyy年M月d日} 前（{p.DeadlineWorkingDays} 个工作日内）完成整改，并将整改情况及佐证材料通过平台报送。" +
                (p.NoticeCount > 1 ? "逾期仍未整改到位的，将提请县政府终止合同；多次整改不到位的，取消承办企业资格。" : "逾期未整改的，将再次行文限期整改。"),
                firstLineChars: 2, before: 120, after: 240));
            body.Append(WordKit.Para("县乡村e镇工作领导小组办公室", JustificationValues.Right));
            body.Append(WordKit.Para(ChinaTime.FormatDate(issuedAt), JustificationValues.Right));
        });
    }
}

/// <summary>Reads the EXIF DateTimeOriginal (0x9003, else DateTime 0x0132) of a JPEG: shown beside the inspection date. Null when absent or malformed.</summary>
public static class Exif
{
    public static DateTime? DateTimeOriginal(byte[] jpeg)
    {
        try
        {
            var i = 2;
            while (i + 4 < jpeg.Length && jpeg[i] == 0xFF)
            {
                var marker = jpeg[i + 1];
                var len = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
                if (marker == 0xE1 && len > 8 && Encoding.ASCII.GetString(jpeg, i + 4, 4) == "Exif")
                    return FromTiff(jpeg.AsSpan(i + 10, Math.Min(len - 8, jpeg.Length - i - 10)));
                if (marker == 0xDA) break;
                i += 2 + len;
            }
        }
        catch (ArgumentOutOfRangeException) { }
        catch (IndexOutOfRangeException) { }
        return null;
    }

    static DateTime? FromTiff(ReadOnlySpan<byte> t)
    {
        var le = t[0] == 'I';
        ushort U16(ReadOnlySpan<byte> s, int o) => le ? BinaryPrimitives.ReadUInt16LittleEndian(s[o..]) : BinaryPrimitives.ReadUInt16BigEndian(s[o..]);
        uint U32(ReadOnlySpan<byte> s, int o) => le ? BinaryPrimitives.ReadUInt32LittleEndian(s[o..]) : BinaryPrimitives.ReadUInt32BigEndian(s[o..]);
        string? Find(ReadOnlySpan<byte> s, int ifd, ushort tag, out uint exifIfd)
        {
            exifIfd = 0;
            var n = U16(s, ifd);
            string? found = null;
            for (var k = 0; k < n; k++)
            {
                var e = ifd + 2 + k * 12;
                var id = U16(s, e);
                if (id == 0x8769) exifIfd = U32(s, e + 8);
                if (id == tag && U16(s, e + 2) == 2)
                {
                    var count = (int)U32(s, e + 4);
                    var off = count <= 4 ? e + 8 : (int)U32(s, e + 8);
                    found = Encoding.ASCII.GetString(s.Slice(off, Math.Min(count, 19)));
                }
            }
            return found;
        }
        var ifd0 = (int)U32(t, 4);
        var dt = Find(t, ifd0, 0x0132, out var sub);
        if (sub > 0 && Find(t, (int)sub, 0x9003, out _) is { } original) dt = original;
        return dt is not null && DateTime.TryParseExact(dt, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null;
    }
}
