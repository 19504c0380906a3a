using System.Net;
using System.Security.Cryptography;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Attachments;
using Microsoft.EntityFrameworkCore;
using static ETown.Tests.Features.Funds.FundsKit;

namespace ETown.Tests.Features.Funds;

/// <summary>
/// FUND-07 materials and FUND-10 selection documents are real uploads through the AttachmentStore: the type is sniffed,
/// a refused file writes nothing, a request needs the files (not names), downloads follow the scope and re-check the SHA-256.
/// </summary>
public class FundsFilesTests(FundsApps apps) : IClassFixture<FundsApps>
{
    static int FileCount(EtownAppFactory app) => Directory.Exists(app.StoragePath) ? Directory.GetFiles(app.StoragePath, "*", SearchOption.AllDirectories).Length : 0;

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-07")]
    public async Task Material_WrongType_IsRefused_AndNothingIsWritten(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var c = await NewContractAsync(app, 100m);
        var files = FileCount(app);
        // A text file named .pdf, an executable named .pdf, a .txt: refused by content or extension, no row, no file.
        foreach (var (bytes, name) in new[] { ("not a pdf"u8.ToArray(), "发票.pdf"), (new byte[] { 0x4D, 0x5A, 0x90, 0 }, "合同.pdf"), ("x"u8.ToArray(), "说明.txt") })
        {
            var r = await UploadAsync(op, c, PaymentMaterial.Invoice, bytes, name);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains(await r.ProblemCodeAsync(), new[] { AttachmentErrors.ContentMismatch, AttachmentErrors.TypeNotAllowed });
        }
        Assert.Equal(files, FileCount(app));
        await using var ctx = app.SystemContext();
        Assert.False(await ctx.FundDocuments.AnyAsync(d => d.ContractId == c));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-07")]
    public async Task Request_NeedsUploadedFiles_NotNames_AndBindsThem(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var c = await NewContractAsync(app, 100m);
        // Names only (the old way): refused, nothing written.
        var names = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/payments", new
        {
            kind = "StartUp", amount = 10m,
            materials = new[] { new { kind = "ApplicationForm", fileName = "资金申请表.pdf" }, new { kind = "Contract", fileName = "合同.pdf" } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, names.StatusCode);
        Assert.Equal(FundsErrors.MaterialsMissing, await names.ProblemCodeAsync());
        Assert.Empty(await PaymentsAsync(app, c));
        // A file uploaded as another kind does not count for the kind it is offered as.
        var form = (await (await UploadAsync(op, c, PaymentMaterial.Invoice, Pdf("f"), "f.pdf")).JsonAsync()).GetProperty("id").GetGuid();
        var contract = (await (await UploadAsync(op, c, PaymentMaterial.Contract, Pdf("c"), "c.pdf")).JsonAsync()).GetProperty("id").GetGuid();
        var wrongKind = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/payments", new
        {
            kind = "StartUp", amount = 10m,
            materials = new object[] { new { kind = "ApplicationForm", fileName = "f.pdf", documentId = form }, new { kind = "Contract", fileName = "c.pdf", documentId = contract } },
        });
        Assert.Equal(FundsErrors.MaterialsMissing, await wrongKind.ProblemCodeAsync());
        Assert.Contains("资金申请表", (await wrongKind.JsonAsync()).GetProperty("detail").GetString());
        // With the files: accepted, the files are bound to the request and cannot serve a second one.
        var materials = await MaterialsAsync(op, c, PaymentMaterial.ApplicationForm, PaymentMaterial.Contract);
        var ok = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/payments", new { kind = "StartUp", amount = 10m, materials });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var view = await ok.JsonAsync();
        var pid = view.GetProperty("id").GetGuid();
        Assert.All(view.GetProperty("materials").EnumerateArray(), m => Assert.NotEqual(JsonValueKindNull, m.GetProperty("documentId").ValueKind));
        await using (var ctx = app.SystemContext())
            Assert.Equal(2, await ctx.FundDocuments.CountAsync(d => d.PaymentRequestId == pid));
        var county = await app.SignInAsync("lucheng");
        var review = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/payments/{pid}/review", new { agree = false, opinion = "测试", version = 0 });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var reuse = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{c}/payments", new { kind = "StartUp", amount = 10m, materials });
        Assert.Equal(FundsErrors.MaterialsMissing, await reuse.ProblemCodeAsync());
    }

    const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-07")]
    public async Task Download_FollowsTheScope_AndChecksTheHash(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var c = await NewContractAsync(app, 100m);
        var bytes = Pdf("发票 " + Guid.NewGuid());
        var up = await UploadAsync(op, c, PaymentMaterial.Invoice, bytes, "发票.pdf");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        var doc = (await up.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (await up.JsonAsync()).GetProperty("sha256").GetString());

        // The uploader and the county see it; another county, the city of another region and a third party of another e-town do not.
        foreach (var who in new[] { "operator", "lucheng" })
        {
            var r = await (await app.SignInAsync(who)).GetAsync($"/api/v1/funds/documents/{doc}");
            Assert.True(r.StatusCode == HttpStatusCode.OK, who);
            Assert.Equal(bytes, await r.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        }
        foreach (var who in new[] { "kelan", "shuozhou", "thirdparty" })
            Assert.True((await (await app.SignInAsync(who)).GetAsync($"/api/v1/funds/documents/{doc}")).StatusCode == HttpStatusCode.NotFound, who);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/funds/documents/{doc}")).StatusCode);
        // Nobody else may upload on the operator's contract.
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(await app.SignInAsync("lucheng"), c, PaymentMaterial.Invoice, bytes, "x.pdf")).StatusCode);

        // Changed on disk: refused (SHA-256 re-checked on download).
        string path;
        await using (var ctx = app.SystemContext()) path = (await ctx.FundDocuments.SingleAsync(d => d.Id == doc)).StoragePath;
        await File.WriteAllBytesAsync(Path.Combine(app.StoragePath, path), Pdf("forged"));
        var tampered = await op.GetAsync($"/api/v1/funds/documents/{doc}");
        Assert.Equal(AttachmentErrors.Tampered, await tampered.ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-10")]
    public async Task SelectionDocuments_AreUploadedByTheCounty_AndShownOnTheOperator(string provider)
    {
        var app = apps[provider];
        var town = await EtownIdAsync(app);
        Guid opId;
        await using (var ctx = app.SystemContext())
            opId = await ctx.FundOperators.Where(o => o.EtownId == town).Select(o => o.Id).FirstAsync();
        async Task<HttpResponseMessage> Up(HttpClient who, byte[] content, string name)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(content), "file", name);
            return await who.PostAsync($"/api/v1/funds/operators/{opId}/documents", form);
        }
        var county = await app.SignInAsync("lucheng");
        Assert.Equal(AttachmentErrors.ContentMismatch, await (await Up(county, "<html>"u8.ToArray(), "成交通知书.pdf")).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Up(await app.SignInAsync("kelan"), Pdf("x"), "x.pdf")).StatusCode); // another county: does not exist
        Assert.Equal(HttpStatusCode.Forbidden, (await Up(await app.SignInAsync("operator"), Pdf("x"), "x.pdf")).StatusCode);
        var name = $"成交通知书-{Guid.NewGuid():N}.pdf";
        Assert.Equal(HttpStatusCode.OK, (await Up(county, Pdf("notice"), name)).StatusCode);
        var view = await (await county.GetAsync($"/api/v1/funds/etowns/{town}")).JsonAsync();
        var files = view.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == opId).GetProperty("files");
        Assert.Contains(files.EnumerateArray(), f => f.GetProperty("fileName").GetString() == name);
    }
}
