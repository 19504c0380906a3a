using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Archives;
using ETown.Web.Platform.Documents;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Archives;

/// <summary>
/// 档案管理 (ARCH-01) on one demo database per provider: the bundle and its index, who gets it, completeness per stage with
/// automatic filing, uploads (type, item, date), retention on delete, the signage and the county's work items.
/// </summary>
public class ArchivesTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇", Linyi = "临猗新城涑水e镇", Kelan = "岢岚县乡村e镇", Yingxian = "应县木塔鲜生乡村e镇";

    static async Task<Guid> TownAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    static DateOnly Today => TimeProvider.System.ChinaToday();

    static byte[] Pdf(string label) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {label} {Guid.NewGuid():N}\ntrailer << >>\n%%EOF\n");

    static Task<HttpResponseMessage> UploadAsync(HttpClient c, Guid town, string? itemKey, DateOnly? date, byte[] bytes, string name, string type,
        string? title = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(file, "file", name);
        if (itemKey is not null) content.Add(new StringContent(itemKey), "itemKey");
        if (date is { } d) content.Add(new StringContent(d.ToString("yyyy-MM-dd")), "documentDate");
        if (title is not null) content.Add(new StringContent(title), "title");
        return c.PostAsync($"/api/v1/archives/etowns/{town}/documents", content);
    }

    static Task<HttpResponseMessage> SignageAsync(HttpClient c, Guid town, byte[] bytes, string name, string type, string location, DateOnly date)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(file, "file", name);
        content.Add(new StringContent(location), "location");
        content.Add(new StringContent(date.ToString("yyyy-MM-dd")), "installedOn");
        return c.PostAsync($"/api/v1/archives/etowns/{town}/signage", content);
    }

    static async Task<JsonElement> ViewAsync(HttpClient c, Guid town)
    {
        var r = await c.GetAsync($"/api/v1/archives/etowns/{town}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.JsonAsync();
    }

    static JsonElement Stage(JsonElement view, string stage) =>
        view.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == stage);

    static List<string> Missing(JsonElement stage) => stage.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList();

    // ------------------------------------------------------------------ the bundle

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Bundle_IndexListsEveryFile_WithStageTitleDate_AndItsSha256MatchesTheBytes(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");
        var r = await county.GetAsync($"/api/v1/archives/etowns/{lucheng}/bundle.zip");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/zip", r.Content.Headers.ContentType?.MediaType);

        using var zip = new ZipArchive(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var indexEntry = zip.GetEntry(ArchiveService.IndexName);
        Assert.NotNull(indexEntry);
        using var indexBytes = new MemoryStream();
        await using (var s = indexEntry!.Open()) await s.CopyToAsync(indexBytes);
        indexBytes.Position = 0;
        var index = XlsxReader.Read(indexBytes, "档案目录");
        Assert.Equal(ArchiveService.IndexHeaders, Enumerable.Range(1, ArchiveService.IndexHeaders.Count).Select(c => index.Text(1, c) ?? "").ToList());

        var files = zip.Entries.Where(e => e.FullName != ArchiveService.IndexName).ToList();
        Assert.True(files.Count >= 6, $"only {files.Count} files in the bundle");
        Assert.Equal(files.Count, index.MaxRow - 1); // one index row per file, no more, no less
        var sources = new HashSet<string>();
        for (var row = 2; row <= index.MaxRow; row++)
        {
            var path = index.Text(row, 7)!;
            var entry = zip.GetEntry(path);
            Assert.True(entry is not null, $"row {row}: {path} is not in the zip");
            using var bytes = new MemoryStream();
            await using (var s = entry!.Open()) await s.CopyToAsync(bytes);
            Assert.Equal(index.Text(row, 8), Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
            Assert.NotNull(index.Text(row, 2)); // stage
            Assert.NotNull(index.Text(row, 4)); // title
            Assert.True(DateOnly.TryParse(index.Text(row, 5), out _), $"row {row}: date {index.Text(row, 5)}");
            sources.Add(index.Text(row, 6)!);
            if (path.EndsWith(".docx", StringComparison.Ordinal)) Assert.Equal((byte)'P', bytes.ToArray()[0]); // generated .docx is a zip package
        }
        // Filed automatically by the producing modules (generated at bundle time), uploaded here, and the signage record.
        Assert.Contains("资金拨付", sources);
        Assert.Contains("资金管理（合同）", sources);
        Assert.Contains("验收评价", sources);
        Assert.Contains("日常监管", sources);
        Assert.Contains("统一标识登记", sources);
        Assert.Contains(sources, s => s.StartsWith("上传：", StringComparison.Ordinal));

        // The download is audited.
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "ArchiveBundleDownload" && a.EntityId == lucheng.ToString()));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Bundle_RefusesAFileChangedOnDisk_InsteadOfShippingIt(string provider)
    {
        var app = apps[provider];
        var youyu = await TownAsync(app, "右玉县西口e镇");
        var county = await app.SignInAsync("youyu");
        var up = await UploadAsync(county, youyu, ArchiveKeys.FundAllocation, Today, Pdf("allocation"), "资金下达文件.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/api/v1/archives/etowns/{youyu}/bundle.zip")).StatusCode);

        var id = (await up.JsonAsync()).GetProperty("documentId").GetGuid();
        await using (var ctx = app.SystemContext())
        {
            var d = await ctx.ArchiveDocuments.AsNoTracking().SingleAsync(x => x.Id == id);
            var root = app.Services.GetRequiredService<ETown.Web.Platform.Attachments.AttachmentStore>().Root;
            await File.AppendAllTextAsync(Path.Combine(root, d.StoragePath), "% changed afterwards");
        }
        var r = await county.GetAsync($"/api/v1/archives/etowns/{youyu}/bundle.zip");
        Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("ETOWN-FILE-0006", await r.ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Bundle_GoesToTheCountyAndTheAuditorsOfTheRegionOnly(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var yingxian = await TownAsync(app, Yingxian);
        async Task<HttpStatusCode> Get(string user, Guid town) =>
            (await (await app.SignInAsync(user)).GetAsync($"/api/v1/archives/etowns/{town}/bundle.zip")).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await Get("discipline", lucheng));   // 长治市纪委监委: 潞城 is in 长治
        Assert.Equal(HttpStatusCode.OK, await Get("thirdparty", yingxian));  // commissioned for 应县
        Assert.Equal(HttpStatusCode.NotFound, await Get("thirdparty", lucheng));
        Assert.Equal(HttpStatusCode.NotFound, await Get("kelan", lucheng));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("changzhi", lucheng)); // the city reads completeness, not the bundle
        Assert.Equal(HttpStatusCode.Forbidden, await Get("province", lucheng));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("operator", lucheng));
    }

    // ------------------------------------------------------------------ completeness, automatic filing, uploads

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Completeness_PerStage_NamesWhatIsMissing_AndAnUploadCompletesIt(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var linyi = await TownAsync(app, Linyi);
        var county = await app.SignInAsync("lucheng");

        var v = await ViewAsync(county, lucheng);
        var contract = Stage(v, "Contract");
        Assert.Equal((2, 2), (contract.GetProperty("present").GetInt32(), contract.GetProperty("required").GetInt32())); // tender uploaded, contract filed by funds
        var signage = Stage(v, "Signage");
        Assert.Equal(1, signage.GetProperty("present").GetInt32());
        var funds = Stage(v, "Funds");
        Assert.Contains("拨付凭证及发票", Missing(funds));
        var before = funds.GetProperty("present").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(county, lucheng, ArchiveKeys.PaymentVoucher, Today, Pdf("voucher"), "凭证.pdf", "application/pdf")).StatusCode);
        var after = Stage(await ViewAsync(county, lucheng), "Funds");
        Assert.Equal(before + 1, after.GetProperty("present").GetInt32());
        Assert.DoesNotContain("拨付凭证及发票", Missing(after));

        // 临猗 has no signage recorded (no test adds one): the stage names it. The city of 长治 sees only 潞城 in its overview.
        var kv = await ViewAsync(await app.SignInAsync("linyi"), linyi);
        Assert.Contains("乡村e镇统一标识（照片、位置、设立日期）", Missing(Stage(kv, "Signage")));
        var overview = await (await (await app.SignInAsync("changzhi")).GetAsync("/api/v1/archives/overview")).JsonAsync();
        Assert.Equal([Lucheng], overview.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString() ?? "").ToArray());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Upload_RefusesWrongType_UnknownItem_FutureDate_AndWritesNothing(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");
        async Task<int> Count() { await using var ctx = app.SystemContext(); return await ctx.ArchiveDocuments.CountAsync(); }
        var n = await Count();

        var exe = await UploadAsync(county, lucheng, ArchiveKeys.TrackingAudit, Today, [0x4D, 0x5A, 0x90, 0x00], "审计报告.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.StartsWith("ETOWN-FILE-", await exe.ProblemCodeAsync());
        var item = await UploadAsync(county, lucheng, "no.such-item", Today, Pdf("x"), "x.pdf", "application/pdf");
        Assert.Equal(ArchivesErrors.UnknownItem, await item.ProblemCodeAsync());
        var future = await UploadAsync(county, lucheng, ArchiveKeys.TrackingAudit, Today.AddDays(3), Pdf("x"), "x.pdf", "application/pdf");
        Assert.Equal(ArchivesErrors.BadDate, await future.ProblemCodeAsync());
        Assert.Equal(n, await Count());

        // Another county cannot file into 潞城's archive.
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(await app.SignInAsync("kelan"), lucheng, ArchiveKeys.TrackingAudit, Today, Pdf("x"), "x.pdf", "application/pdf")).StatusCode);
        Assert.Equal(n, await Count());
    }

    // ------------------------------------------------------------------ retention

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Delete_IsRefusedUntilTheRetentionPeriodHasEnded(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");

        // 10 years (supervision records) from today: refused with the end date in Chinese.
        var recent = await (await UploadAsync(county, lucheng, ArchiveKeys.Inspection, Today, Pdf("recent"), "检查记录.pdf", "application/pdf")).JsonAsync();
        var r1 = await county.DeleteAsync($"/api/v1/archives/documents/{recent.GetProperty("documentId").GetGuid()}");
        Assert.Equal(HttpStatusCode.Conflict, r1.StatusCode);
        var body = await r1.Content.ReadAsStringAsync();
        Assert.Equal(ArchivesErrors.RetentionNotEnded, await r1.ProblemCodeAsync());
        Assert.Contains("期满前不能删除", body);
        Assert.Contains(Today.AddYears(10).ToString("yyyy年M月d日"), body);

        // Permanent (acceptance notice): never.
        var permanent = await (await UploadAsync(county, lucheng, ArchiveKeys.AcceptanceNotice, Today, Pdf("notice"), "公示.pdf", "application/pdf")).JsonAsync();
        var r2 = await county.DeleteAsync($"/api/v1/archives/documents/{permanent.GetProperty("documentId").GetGuid()}");
        Assert.Equal(ArchivesErrors.RetentionNotEnded, await r2.ProblemCodeAsync());
        Assert.Contains("永久保管", await r2.Content.ReadAsStringAsync());

        // A 2010 inspection record (10 years) has served its time: it may go, and the row is gone.
        var old = await (await UploadAsync(county, lucheng, ArchiveKeys.Inspection, new DateOnly(2010, 3, 1), Pdf("old"), "旧记录.pdf", "application/pdf")).JsonAsync();
        Assert.True(old.GetProperty("canDelete").GetBoolean());
        var id = old.GetProperty("documentId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"/api/v1/archives/documents/{id}")).StatusCode);
        await using var ctx = app.SystemContext();
        Assert.False(await ctx.ArchiveDocuments.AnyAsync(d => d.Id == id));
        Assert.True(await ctx.ArchiveDocuments.AnyAsync(d => d.Id == recent.GetProperty("documentId").GetGuid()));
    }

    [Fact]
    [Trait("Rule", "ARCH-01")]
    public void RetentionEnds_TheDayAfterItsLastDay_AndNeverForPermanent()
    {
        var until = new DateOnly(2030, 6, 30);
        Assert.False(ArchiveService.RetentionEnded(until, until));
        Assert.True(ArchiveService.RetentionEnded(until, until.AddDays(1)));
        Assert.False(ArchiveService.RetentionEnded(null, new DateOnly(2999, 1, 1)));
    }

    // ------------------------------------------------------------------ signage

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Signage_NeedsARealImage_AndCompletesTheStage(string provider)
    {
        var app = apps[provider];
        var kelan = await TownAsync(app, Kelan);
        var county = await app.SignInAsync("kelan");

        var pdf = await SignageAsync(county, kelan, Pdf("not a photo"), "标识.png", "image/png", "岢岚县城岚漪大道入口", Today);
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.Equal(ArchivesErrors.NotAnImage, await pdf.ProblemCodeAsync());
        Assert.Equal(0, Stage(await ViewAsync(county, kelan), "Signage").GetProperty("present").GetInt32());

        var ok = await SignageAsync(county, kelan, ArchivesDemo.Png(8, 8, 0, 128, 0), "标识.png", "image/png", "岢岚县城岚漪大道入口", Today.AddDays(-2));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var id = (await ok.JsonAsync()).GetProperty("id").GetGuid();
        var v = await ViewAsync(county, kelan);
        Assert.Equal(1, Stage(v, "Signage").GetProperty("present").GetInt32());
        Assert.Equal("岢岚县城岚漪大道入口", v.GetProperty("signage")[0].GetProperty("location").GetString());
        var photo = await county.GetAsync($"/api/v1/archives/signage/{id}/photo");
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        // Out of scope: 潞城 cannot see 岢岚's photo.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("lucheng")).GetAsync($"/api/v1/archives/signage/{id}/photo")).StatusCode);
    }

    // ------------------------------------------------------------------ work desk and checklist

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task WorkDesk_ListsMissingDocuments_OfReachedStagesOnly_ForTheCounty(string provider)
    {
        var app = apps[provider];
        var lucheng = await TownAsync(app, Lucheng);
        var county = await app.SignInAsync("lucheng");
        var desk = await (await county.GetAsync("/api/v1/workdesk?module=档案管理")).JsonAsync();
        var items = desk.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("module").GetString() == "档案管理").ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(lucheng, i.GetProperty("etownId").GetGuid()));

        var view = await ViewAsync(county, lucheng);
        foreach (var s in view.GetProperty("stages").EnumerateArray())
        {
            var label = s.GetProperty("label").GetString()!;
            var listed = items.Any(i => i.GetProperty("what").GetString()!.StartsWith($"补齐{label}阶段档案", StringComparison.Ordinal));
            var owed = s.GetProperty("reached").GetBoolean() && Missing(s).Count > 0;
            Assert.True(listed == owed, $"{label}: listed {listed}, owed {owed}");
        }
        // The city reads archives but owes nothing.
        var city = await (await (await app.SignInAsync("changzhi")).GetAsync("/api/v1/workdesk")).JsonAsync();
        Assert.DoesNotContain(city.GetProperty("items").EnumerateArray(), i => i.GetProperty("module").GetString() == "档案管理");
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "ARCH-01")]
    public async Task Checklist_IsData_TheProvinceEditsIt_WithAVersion(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var list = (await (await province.GetAsync("/api/v1/archives/checklist")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(Enum.GetValues<ArchiveStage>().Length, list.Select(i => i.GetProperty("stage").GetString()).Distinct().Count());
        Assert.All(list, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("clause").GetString())));
        var item = list.Single(i => i.GetProperty("key").GetString() == ArchiveKeys.ProvinceEvaluation);
        var version = item.GetProperty("version").GetInt32();

        var bad = await province.SendJsonAsync(HttpMethod.Put, "/api/v1/archives/checklist/eval.province",
            new { title = "省级评价验收结果", clause = "省方案 五(二)", required = false, retentionYears = 0, isActive = true, version });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var ok = await province.SendJsonAsync(HttpMethod.Put, "/api/v1/archives/checklist/eval.province",
            new { title = "省级评价验收结果", clause = "省方案 五(二)（EVAL-01）", required = false, retentionYears = 30, isActive = true, version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(version + 1, (await ok.JsonAsync()).GetProperty("version").GetInt32());
        var stale = await province.SendJsonAsync(HttpMethod.Put, "/api/v1/archives/checklist/eval.province",
            new { title = "改", clause = "改", required = false, retentionYears = 30, isActive = true, version });
        Assert.Equal(ArchivesErrors.StaleChecklistItem, await stale.ProblemCodeAsync());
    }
}
