using System.Net;
using System.Net.Http.Headers;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Standards;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Standards;

/// <summary>Issue #5 through the API on every configured database: catalogue, figures, evidence, compliance and scope.</summary>
public class StandardEndpointTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static async Task<Guid> EtownId(EtownAppFactory app, string county)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.CountyCode == county).Select(e => e.Id).FirstAsync();
    }

    static async Task<string> VerdictOf(HttpClient c, Guid etown, int item, int? year = null)
    {
        var r = await c.GetAsync($"/api/v1/etowns/{etown}/compliance" + (year is null ? "" : $"?year={year}"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var j = await r.JsonAsync();
        return j.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == item).GetProperty("verdict").GetString()!;
    }

    [Theory, SqliteData, PostgresData]
    public async Task Catalogue_IsSeeded_WithTheThreePublishedVersions(string provider)
    {
        var c = await apps[provider].SignInAsync("province");
        var list = await (await c.GetAsync("/api/v1/standards")).JsonAsync();
        var codes = list.EnumerateArray().Select(v => v.GetProperty("code").GetString()).ToList();
        Assert.Contains("SX-2022", codes);
        Assert.Contains("SZ-2022", codes);
        Assert.Contains("KL-2022", codes);
        var sx = await (await c.GetAsync("/api/v1/standards/SX-2022")).JsonAsync();
        Assert.Equal(39, sx.GetProperty("items").GetArrayLength());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Derive_KeepsTheParent_AndAVersionInUseIsImmutable(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var code = "T-" + provider[..2].ToUpperInvariant() + "-1";
        var r = await province.SendJsonAsync(HttpMethod.Post, "/api/v1/standards/SX-2022/derive", new { code, name = "测试派生", regionCode = "140400" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        r = await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/standards/{code}/items/23", new { standardText = "不少于800平方米", spec = new { facts = new[] { new { key = "area_m2", label = "建筑面积", unit = "平方米", min = 800 } } } });
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        var parent = await (await province.GetAsync("/api/v1/standards/SX-2022")).JsonAsync();
        var p23 = parent.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 23);
        Assert.Contains("300平米", p23.GetProperty("standardText").GetString());

        // In use: refused with ETOWN-STD-0001.
        r = await province.SendJsonAsync(HttpMethod.Put, "/api/v1/standards/SX-2022/items/23", new { standardText = "改" });
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Equal("ETOWN-STD-0001", await r.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/standards/{code}/adopt")).StatusCode);
        r = await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/standards/{code}/items/23", new { standardText = "再改" });
        Assert.Equal("ETOWN-STD-0001", await r.ProblemCodeAsync());

        // A city derives only for itself.
        var shuozhou = await app.SignInAsync("shuozhou");
        r = await shuozhou.SendJsonAsync(HttpMethod.Post, "/api/v1/standards/SX-2022/derive", new { code = code + "X", name = "外市", regionCode = "140400" });
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        r = await shuozhou.SendJsonAsync(HttpMethod.Post, "/api/v1/standards/SZ-2022/derive", new { code = code + "S", name = "朔州新版", regionCode = "140600" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Verdict_TurnsFromPendingToMet_WhenEvidenceIsConfirmed(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var town = await EtownId(app, "140406");
        Assert.Equal("EvidencePending", await VerdictOf(lucheng, town, 8));

        // The operator of 潞城 submits; the county reviewer confirms.
        var op = await app.SignInAsync("operator");
        var r = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence", new { itemNumber = 8, facts = new Dictionary<string, decimal> { ["financial_outlets"] = 2 }, note = "农商行网点" });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var id = (await r.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal("EvidencePending", await VerdictOf(lucheng, town, 8));
        // The review is on the county's work desk — not on the operator's, nor the city's.
        async Task<bool> OnDesk(HttpClient c) => (await (await c.GetAsync("/api/v1/workdesk?module=" + Uri.EscapeDataString("建设标准"))).JsonAsync())
            .GetProperty("items").EnumerateArray().Any(i => i.GetProperty("link").GetString() == $"/etowns/{town}/compliance"
                && i.GetProperty("what").GetString()!.StartsWith("审核建设标准第8项的证据", StringComparison.Ordinal));
        Assert.True(await OnDesk(lucheng));
        Assert.False(await OnDesk(op));
        Assert.False(await OnDesk(await app.SignInAsync("changzhi")));
        Assert.Equal(HttpStatusCode.Forbidden, (await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence/{id}/confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence/{id}/confirm")).StatusCode);
        Assert.False(await OnDesk(lucheng));
        Assert.Equal("Met", await VerdictOf(lucheng, town, 8));
        Assert.Equal("ETOWN-STD-0006", await (await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence/{id}/reject", new { reason = "x" })).ProblemCodeAsync());

        // Rejection needs a reason and is audited like every change.
        r = await op.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence", new { itemNumber = 7 });
        var id2 = (await r.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence/{id2}/reject", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence/{id2}/reject", new { reason = "缺少特色馆链接" })).StatusCode);
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.EntityType == nameof(EtownEvidence) && a.EntityId == id.ToString() && a.Action == "Update"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Verdict_TurnsFromPendingToMet_WhenAFigureIsEntered(string provider)
    {
        var app = apps[provider];
        var shanyin = await app.SignInAsync("shanyin");
        var town = await EtownId(app, "140621"); // 山阴: 整体推进县, 朔州 version
        // 2025 has no complete approved statistics year in the demo (November/December not yet approved): pending
        // until the county enters the figure.
        Assert.Equal("EvidencePending", await VerdictOf(shanyin, town, 35, 2025));
        var r = await shanyin.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{town}/figures", new { figures = new[] { new { year = 2025, indicator = "total_investment_wan", value = 20_000m } } });
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal("Met", await VerdictOf(shanyin, town, 35, 2025));
        r = await shanyin.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{town}/figures", new { figures = new[] { new { year = 2025, indicator = "total_investment_wan", value = 19_999m } } });
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal("NotMet", await VerdictOf(shanyin, town, 35, 2025));
        var compliance = await (await shanyin.GetAsync($"/api/v1/etowns/{town}/compliance")).JsonAsync();
        Assert.Equal("SZ-2022", compliance.GetProperty("versionCode").GetString());

        // Declaration targets are shown beside the figures but are not achievements.
        var figures = await (await shanyin.GetAsync($"/api/v1/etowns/{town}/figures")).JsonAsync();
        Assert.Contains(figures.EnumerateArray(), f => f.GetProperty("indicator").GetString() == "online_retail_wan" && f.GetProperty("value").ValueKind == System.Text.Json.JsonValueKind.Null
            && f.GetProperty("declarationTarget").GetDecimal() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await shanyin.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{town}/figures", new { figures = new[] { new { year = 2025, indicator = "nonsense", value = 1m } } })).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Scope_ACountyWritesOnlyItsOwnEtowns_TheProvinceSeesAll(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var kelanTown = await EtownId(app, "140929");
        await using (var ctx = app.SystemContext())
        {
            var before = await ctx.EtownFigures.CountAsync(f => f.EtownId == kelanTown);
            var r = await lucheng.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{kelanTown}/figures", new { figures = new[] { new { year = 2025, indicator = "online_retail_wan", value = 99_999m } } });
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            r = await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{kelanTown}/evidence", new { itemNumber = 20 });
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            var kelanEvidence = await ctx.EtownEvidence.Where(e => e.EtownId == kelanTown && e.Status == EvidenceStatus.Submitted).Select(e => e.Id).FirstAsync();
            r = await lucheng.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{kelanTown}/evidence/{kelanEvidence}/confirm");
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await lucheng.GetAsync($"/api/v1/etowns/{kelanTown}/compliance")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await lucheng.GetAsync($"/api/v1/etowns/{kelanTown}/evidence")).StatusCode);
            Assert.Equal(before, await ctx.EtownFigures.CountAsync(f => f.EtownId == kelanTown));
            Assert.Equal(EvidenceStatus.Submitted, (await ctx.EtownEvidence.SingleAsync(e => e.Id == kelanEvidence)).Status);
        }

        var province = await app.SignInAsync("province");
        var matrix = await (await province.GetAsync("/api/v1/compliance/matrix")).JsonAsync();
        Assert.Equal(7, matrix.GetProperty("items").GetArrayLength());
        Assert.Equal(39, matrix.GetProperty("columns").GetArrayLength());
        var binding = await (await province.GetAsync("/api/v1/compliance/matrix?attribute=Binding&cityCode=140600")).JsonAsync();
        Assert.Equal(4, binding.GetProperty("items").GetArrayLength());
        Assert.Equal(27, binding.GetProperty("columns").GetArrayLength());
        // 岢岚 is judged by its own version: influencers with fewer than 1万 followers fail there.
        Assert.Equal("NotMet", await VerdictOf(province, kelanTown, 18));
        var xlsx = await province.GetAsync("/api/v1/compliance/matrix.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Theory, SqliteData, PostgresData]
    public async Task EvidenceFile_IsStoredByHash_AndServedToReaders(string provider)
    {
        var app = apps[provider];
        var linyi = await app.SignInAsync("linyi");
        var town = await EtownId(app, "140821");
        var r = await linyi.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{town}/evidence", new { itemNumber = 1 });
        var id = (await r.JsonAsync()).GetProperty("id").GetGuid();
        var pdf = "%PDF-1.4 demo evidence"u8.ToArray();
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "方案批复.pdf");
        r = await linyi.PostAsync($"/api/v1/etowns/{town}/evidence/{id}/files", form);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var fileId = (await r.JsonAsync()).GetProperty("id").GetGuid();
        var download = await (await app.SignInAsync("province")).GetAsync($"/api/v1/etowns/{town}/evidence/{id}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("lucheng")).GetAsync($"/api/v1/etowns/{town}/evidence/{id}/files/{fileId}")).StatusCode);
    }
}
