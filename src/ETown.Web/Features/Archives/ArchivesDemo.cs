using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Modules;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Archives;

/// <summary>
/// Demo archives (issue #13 item 8): 潞城 part-complete — tender file, allocation notice, the plan notice uploaded and its
/// signage recorded with a photo; 临猗 only its allocation notice. Everything else is filed by the producing modules.
/// </summary>
public static class ArchivesDemo
{
    public const string LuchengSignageLocation = "潞华街道电商公共服务中心广场东侧";

    public static async Task SeedAsync(DemoSeed demo, CancellationToken ct)
    {
        var store = demo.Services.GetRequiredService<AttachmentStore>();
        var today = demo.Clock.ChinaToday();
        var lucheng = demo.Etowns[0];
        var linyi = demo.Etowns[2];

        async Task Doc(Features.Etowns.Etown town, string key, ArchiveStage stage, string title, DateOnly date, int? years, string file)
        {
            var s = await store.SaveAsync(new MemoryStream(Pdf(title)), file, "application/pdf", AttachmentPolicy.Materials, ct);
            demo.Db.ArchiveDocuments.Add(new ArchiveDocument
            {
                EtownId = town.Id, CountyCode = town.CountyCode, ItemKey = key, Stage = stage, Title = title, DocumentDate = date,
                RetainUntil = years is { } y ? date.AddYears(y) : null, FileName = s.FileName, ContentType = s.ContentType, Size = s.Size,
                Sha256 = s.Sha256, StoragePath = s.StoragePath, UploadedBy = "潞城区e镇办 张主任（演示）",
            });
        }

        await Doc(lucheng, ArchiveKeys.ContractSelection, ArchiveStage.Contract, "潞城区乡村e镇运营服务项目招标文件及中标通知书", today.AddMonths(-10), 30, "招标文件及中标通知书.pdf");
        await Doc(lucheng, ArchiveKeys.FundAllocation, ArchiveStage.Funds, "关于下达2022年乡村e镇省级专项资金的通知", today.AddMonths(-11), 30, "资金下达文件.pdf");
        await Doc(lucheng, ArchiveKeys.PlanNotice, ArchiveStage.Publicity, "潞城区乡村e镇实施方案公示（5个工作日）", today.AddMonths(-11), null, "实施方案公示.pdf");
        await Doc(linyi, ArchiveKeys.FundAllocation, ArchiveStage.Funds, "关于下达2022年乡村e镇省级专项资金的通知（临猗）", today.AddMonths(-11), 30, "资金下达文件.pdf");

        var photo = await store.SaveAsync(new MemoryStream(Png(96, 64, 0xC8, 0x10, 0x2E)), "潞城e镇标识.png", "image/png", AttachmentPolicy.Images, ct);
        demo.Db.EtownSignages.Add(new EtownSignage
        {
            EtownId = lucheng.Id, CountyCode = lucheng.CountyCode, Location = LuchengSignageLocation, InstalledOn = today.AddMonths(-6),
            Description = "“潞城乡村e镇”地标性显示牌 1 处，区域入口引导牌 2 处", FileName = photo.FileName, ContentType = photo.ContentType,
            Size = photo.Size, Sha256 = photo.Sha256, StoragePath = photo.StoragePath, RecordedBy = "潞城区e镇办 张主任（演示）",
        });
    }

    /// <summary>A one-page PDF (valid cross-reference table) whose info dictionary carries the title.</summary>
    public static byte[] Pdf(string title)
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            $"<< /Title <FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(title))}> /Producer (ETown demo) >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>A solid-colour RGB PNG (for the demo signage photo and tests).</summary>
    public static byte[] Png(int width, int height, byte r, byte g, byte b)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++) { raw.WriteByte(r); raw.WriteByte(g); raw.WriteByte(b); }
        }
        using var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(zs);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2;
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream s, string type, byte[] data)
    {
        var head = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        s.Write(head);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(head, Crc32(body));
        s.Write(head);
    }

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var d in data)
        {
            crc ^= d;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
