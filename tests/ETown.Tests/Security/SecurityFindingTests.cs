using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Etowns;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Security;

/// <summary>
/// Issue #17: each numbered finding of the attack report (0–8, 10–14; 9 is in <see cref="AuditChainKeyTests"/>)
/// replayed with the request that reproduced it. Each test failed on the code before the hardening.
/// </summary>
public class SecurityFindingTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static object Login(string user, string password, string? code = null) => new { userName = user, password, code };
    const string L = "长治市潞城区乡村e镇";

    static async Task<Guid> EtownIdAsync(EtownAppFactory app, string name)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    static async Task<Guid> UserIdAsync(EtownAppFactory app, string userName)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    static async Task<Guid> RoleIdAsync(EtownAppFactory app, string role)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
    }

    // ------------------------------------------------------------------ 0: e-town life cycle

    [Theory, SqliteData, PostgresData]
    public async Task F0_County_CannotListAcceptOrPublish_ASelfRegisteredEtown(string provider)
    {
        var app = apps[provider];
        var kelan = await app.SignInAsync("kelan");
        var created = await kelan.PostAsJsonAsync("/api/v1/etowns", new { name = "自建e镇-" + provider, countyCode = "140929", plannedAreaKm2 = 1.5m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        foreach (var to in new[] { "Listed", "UnderConstruction", "Accepted", "Operating", "Withdrawn" })
        {
            var r = await kelan.PostAsJsonAsync($"/api/v1/etowns/{id}/status", new { status = to });
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict, $"{to}: {(int)r.StatusCode}");
        }
        var publish = await kelan.PostAsJsonAsync($"/api/v1/etowns/{id}/publication", new { published = true });
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Equal(EtownErrors.NotPublishable, await publish.ProblemCodeAsync());
        var anon = await (await app.Anonymous().GetAsync("/api/v1/etowns?pageSize=200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("自建e镇", anon);
        await using var ctx = app.SystemContext();
        Assert.Equal(EtownStatus.Declared, (await ctx.Etowns.SingleAsync(e => e.Id == id)).Status);
    }

    [Theory, SqliteData, PostgresData]
    public async Task F0_County_CannotSetItsRealEtown_AcceptedOrOperating_ButTheProvinceCorrectsWithAReason(string provider)
    {
        var app = apps[provider];
        var id = await EtownIdAsync(app, L); // 建设中
        var lucheng = await app.SignInAsync("lucheng");
        foreach (var to in new[] { "Accepted", "Operating", "Listed" })
        {
            var r = await lucheng.PostAsJsonAsync($"/api/v1/etowns/{id}/status", new { status = to });
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            Assert.Equal(EtownErrors.StatusReserved, await r.ProblemCodeAsync());
        }
        var province = await app.SignInAsync("province");
        // Forward stages stay reserved, with or without a reason; a correction needs a reason.
        Assert.Equal(EtownErrors.StatusReasonRequired, await (await province.PostAsJsonAsync($"/api/v1/etowns/{id}/status", new { status = "Listed" })).ProblemCodeAsync());
        Assert.Equal(EtownErrors.StatusReserved, await (await province.PostAsJsonAsync($"/api/v1/etowns/{id}/status", new { status = "Accepted", reason = "更正" })).ProblemCodeAsync());
        var correct = await province.PostAsJsonAsync($"/api/v1/etowns/{id}/status", new { status = "Listed", reason = "误标为建设中" });
        Assert.Equal(HttpStatusCode.NoContent, correct.StatusCode);
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal(EtownStatus.Listed, (await ctx.Etowns.SingleAsync(e => e.Id == id)).Status);
            Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "EtownStatusCorrection" && a.EntityId == id.ToString() && a.After!.Contains("误标为建设中")));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await lucheng.PostAsJsonAsync($"/api/v1/etowns/{id}/status", new { status = "UnderConstruction" })).StatusCode);
    }

    [Fact]
    public void F0_Acceptance_MarksAccepted_OnlyFromUnderConstruction()
    {
        var e = new Etown { Name = "x", CountyCode = "140406" };
        Assert.Throws<ETown.Web.Platform.DomainException>(e.MarkAccepted);
        e.ChangeStatus(EtownStatus.Listed);
        e.ChangeStatus(EtownStatus.UnderConstruction);
        e.MarkAccepted();
        e.MarkOperating();
        Assert.Equal(EtownStatus.Operating, e.Status);
    }

    // ------------------------------------------------------------------ 1–3: separation of duties

    [Theory, SqliteData, PostgresData]
    public async Task F1_SecurityAdmin_CannotGiveTheSystemAdminASecondAdminRole(string provider)
    {
        var app = apps[provider];
        var sec = await app.SignInAsync("secadmin");
        var sysId = await UserIdAsync(app, "sysadmin");
        var r = await sec.PutAsJsonAsync($"/api/v1/users/{sysId}/roles", new { roles = new[] { BuiltInRoles.SystemAdmin, BuiltInRoles.AuditAdmin } });
        Assert.Equal((HttpStatusCode)422, r.StatusCode);
        Assert.Equal(AuthErrors.SeparationOfDuties, await r.ProblemCodeAsync());
        var sys = await app.SignInAsync("sysadmin");
        Assert.Equal(HttpStatusCode.Forbidden, (await sys.GetAsync("/api/v1/audit-records")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task F2_AuditPermissions_StayOnTheAuditRole_WhichNobodyEdits_AndAdminRolesKeepTwoFactor(string provider)
    {
        var app = apps[provider];
        var sec = await app.SignInAsync("secadmin");
        var county = await RoleIdAsync(app, BuiltInRoles.CountyOfficer);
        var r = await sec.PutAsJsonAsync($"/api/v1/roles/{county}/permissions", new { permissions = new[] { Permissions.Registry.EtownRead, Permissions.Audit.LogRead }, requiresTwoFactor = false });
        Assert.Equal(AuthErrors.SeparationOfDuties, await r.ProblemCodeAsync());

        var audit = await RoleIdAsync(app, BuiltInRoles.AuditAdmin);
        var strip = await sec.PutAsJsonAsync($"/api/v1/roles/{audit}/permissions", new { permissions = new[] { Permissions.Audit.LogRead }, requiresTwoFactor = false });
        Assert.Equal(HttpStatusCode.Forbidden, strip.StatusCode);
        Assert.Equal(AuthErrors.FixedRole, await strip.ProblemCodeAsync());

        var sysRole = await RoleIdAsync(app, BuiltInRoles.SystemAdmin);
        List<string> sysPerms;
        await using (var ctx = app.SystemContext())
            sysPerms = await ctx.RoleClaims.Where(c => c.RoleId == sysRole && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue!).ToListAsync();
        var off = await sec.PutAsJsonAsync($"/api/v1/roles/{sysRole}/permissions", new { permissions = sysPerms, requiresTwoFactor = false });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        await using (var ctx = app.SystemContext())
        {
            Assert.True((await ctx.Roles.SingleAsync(x => x.Id == sysRole)).RequiresTwoFactor);
            Assert.True((await ctx.Roles.SingleAsync(x => x.Id == audit)).RequiresTwoFactor);
            Assert.Equal(3, await ctx.RoleClaims.CountAsync(c => c.RoleId == audit));
            Assert.False(await ctx.RoleClaims.AnyAsync(c => c.RoleId == county && c.ClaimValue!.StartsWith("Audit.")));
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task F3_ARole_MustFitTheUsersOrganisationLevel(string provider)
    {
        var app = apps[provider];
        var sys = await app.SignInAsync("sysadmin");
        var linyi = await UserIdAsync(app, "linyi");
        var r = await sys.PutAsJsonAsync($"/api/v1/users/{linyi}/roles", new { roles = new[] { BuiltInRoles.CountyOfficer, BuiltInRoles.ProvinceOfficer } });
        Assert.Equal(AuthErrors.RoleLevelMismatch, await r.ProblemCodeAsync());
        await using var ctx = app.SystemContext();
        var province = await RoleIdAsync(app, BuiltInRoles.ProvinceOfficer);
        Assert.False(await ctx.UserRoles.AnyAsync(ur => ur.UserId == linyi && ur.RoleId == province));
    }

    // ------------------------------------------------------------------ 4–8: sessions, CSRF, sign-in, headers

    [Theory, SqliteData, PostgresData]
    public async Task F4_CrossSite_CookieWrites_AreRefused_SameOriginAndScriptsPass(string provider)
    {
        var app = apps[provider];
        var id = await EtownIdAsync(app, L);
        var lucheng = await app.SignInAsync("lucheng");
        async Task<HttpResponseMessage> Post(string url, object body, params (string, string)[] headers)
        {
            var m = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            foreach (var (k, v) in headers) m.Headers.TryAddWithoutValidation(k, v);
            return await lucheng.SendAsync(m);
        }
        foreach (var h in new[] { ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"), ("Origin", "https://localhost:8443"), ("Origin", "null") })
        {
            var r = await Post($"/api/v1/etowns/{id}/publication", new { published = true }, h);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            Assert.Equal(AuthErrors.CrossSiteRequest, await r.ProblemCodeAsync());
            var key = await Post("/api/v1/api-keys", new { name = "偷来的密钥", role = BuiltInRoles.CountyOfficer }, h);
            Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);
        }
        await using (var ctx = app.SystemContext()) Assert.False(await ctx.ApiKeys.AnyAsync(k => k.Name == "偷来的密钥"));
        Assert.Equal(HttpStatusCode.NoContent, (await Post($"/api/v1/etowns/{id}/publication", new { published = true }, ("Origin", "https://localhost"), ("Sec-Fetch-Site", "same-origin"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Post($"/api/v1/etowns/{id}/publication", new { published = true })).StatusCode); // no browser markers: a script
    }

    [Theory, SqliteData, PostgresData]
    public async Task F5_Logout_EndsTheSessionOnTheServer(string provider)
    {
        var app = apps[provider];
        var client = app.Anonymous();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", Login("huairen", DemoData.Password));
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("etown.auth=", StringComparison.Ordinal));
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false });
        async Task<bool> SignedIn()
        {
            var m = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            m.Headers.Add("Cookie", cookie);
            return (await (await raw.SendAsync(m)).JsonAsync()).GetProperty("isAuthenticated").GetBoolean();
        }
        Assert.True(await SignedIn());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.False(await SignedIn()); // the copied cookie is dead too
    }

    [Theory, SqliteData, PostgresData]
    public async Task F6_ATotpCode_WorksOnce(string provider)
    {
        var app = apps[provider];
        var code = await app.NextCodeAsync("secadmin");
        var first = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", Login("secadmin", DemoData.Password, code));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var replay = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", Login("secadmin", DemoData.Password, code));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task F7_UnknownNames_GetTheSameAnswers_AsRealOnes(string provider)
    {
        var app = apps[provider];
        var client = app.Anonymous();
        async Task<(string Outcome, string Message, long Ms)> Try(string user)
        {
            var sw = Stopwatch.StartNew();
            var r = await client.PostAsJsonAsync("/api/v1/auth/login", Login(user, "Wrong@2026x"));
            sw.Stop();
            var b = await r.JsonAsync();
            return (b.GetProperty("outcome").GetString()!, b.GetProperty("message").GetString()!, sw.ElapsedMilliseconds);
        }
        var real = new List<(string Outcome, string Message, long Ms)>();
        var ghost = new List<(string Outcome, string Message, long Ms)>();
        for (var i = 0; i < 6; i++) { real.Add(await Try("shanyin")); ghost.Add(await Try("nobody-" + provider)); }
        Assert.Equal(real.Select(x => (x.Outcome, x.Message)), ghost.Select(x => (x.Outcome, x.Message)));
        Assert.Equal("LockedOut", ghost[^1].Outcome);
        // Before: ~43 ms for a real name against ~3 ms for an unknown one (the password hash was skipped).
        var realMs = real.Take(4).Select(x => x.Ms).Order().ElementAt(1);
        var ghostMs = ghost.Take(4).Select(x => x.Ms).Order().ElementAt(1);
        Assert.True(ghostMs * 3 >= realMs, $"unknown {ghostMs} ms vs real {realMs} ms");
    }

    [Fact]
    public void F7_ALockOut_FromOneAddress_DoesNotLockTheAccountElsewhere()
    {
        var throttle = new SignInThrottle(TimeProvider.System, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        for (var i = 0; i < SignInThrottle.PairLimit; i++) throttle.Failed("kelan", "10.0.0.66");
        Assert.NotNull(throttle.BlockedMinutes("kelan", "10.0.0.66"));
        Assert.Null(throttle.BlockedMinutes("kelan", "10.0.0.7"));
        for (var i = 0; i < SignInThrottle.AccountLimit; i++) throttle.Failed("kelan", "10.1." + (i / 4) + "." + i);
        Assert.NotNull(throttle.BlockedMinutes("kelan", "10.0.0.7")); // a distributed attack still locks the name
    }

    [Theory, SqliteData]
    public async Task F8_Headers_OnPagesApiAndFiles(string provider)
    {
        var app = apps[provider];
        var client = app.Anonymous();
        foreach (var url in new[] { "/api/v1/me", "/account/login", "/css/app.css", "/api/v1/calendar/2025" })
        {
            var r = await client.GetAsync(url);
            var h = r.Headers;
            Assert.Equal("nosniff", h.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", h.GetValues("Referrer-Policy").Single());
            var csp = h.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.True(h.Contains("Strict-Transport-Security"), url);
            Assert.False(h.Contains("Server"), url);
        }
        var plain = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });
        Assert.False((await plain.GetAsync("/api/v1/me")).Headers.Contains("Strict-Transport-Security"));
        var kestrel = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value;
        Assert.False(kestrel.AddServerHeader);
    }

    // ------------------------------------------------------------------ 10–12: input

    [Theory, SqliteData, PostgresData]
    public async Task F10_Overflow_HugeYear_NullList_Are400s(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var id = await EtownIdAsync(app, L);
        var budget = await lucheng.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget")
        {
            Content = new StringContent("""{"allocationYuan":79000000000000000000000000000,"lines":[{"itemNo":1,"content":"x","category":"Infrastructure","provincialYuan":79000000000000000000000000000},{"itemNo":2,"content":"y","category":"Infrastructure","provincialYuan":79000000000000000000000000000}]}""", Encoding.UTF8, "application/json"),
        });
        Assert.True((int)budget.StatusCode is >= 400 and < 500, $"budget: {(int)budget.StatusCode}");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/api/v1/calendar/999999")).StatusCode);
        var decl = await lucheng.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/declarations")
        {
            Content = new StringContent("""{"countyCode":"140406","projectName":"空目标","targets":null}""", Encoding.UTF8, "application/json"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, decl.StatusCode);
    }

    static byte[] Rezip(byte[] xlsx, Func<string, string, string?> rewrite, (string Name, long Zeros)? extra = null)
    {
        using var input = new ZipArchive(new MemoryStream(xlsx));
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in input.Entries)
            {
                using var reader = new StreamReader(e.Open());
                var text = reader.ReadToEnd();
                var entry = zip.CreateEntry(e.FullName);
                using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                w.Write(rewrite(e.FullName, text) ?? text);
            }
            if (extra is { } x)
            {
                using var s = zip.CreateEntry(x.Name, CompressionLevel.SmallestSize).Open();
                var block = new byte[1024 * 1024];
                for (long i = 0; i < x.Zeros; i += block.Length) s.Write(block);
            }
        }
        return output.ToArray();
    }

    static Task<HttpResponseMessage> ImportAsync(HttpClient c, byte[] xlsx)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "统计.xlsx");
        return c.PostAsync("/api/v1/statistics/import?period=2031-03&dryRun=true", form);
    }

    [Theory, SqliteData]
    public async Task F10_F11_XlsxWithADoctype_BillionLaughs_OrInflating_IsRefusedBeforeParsing(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var template = await (await lucheng.GetAsync("/api/v1/statistics/template?period=2031-03")).Content.ReadAsByteArrayAsync();
        const string laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        string? Inject(string name, string text, string dtd) =>
            name.StartsWith("xl/worksheets/", StringComparison.Ordinal) ? text.Replace("?>", "?>" + dtd, StringComparison.Ordinal) : null;
        foreach (var dtd in new[] { "<!DOCTYPE x SYSTEM \"http://evil.example/x.dtd\">", laughs })
        {
            var r = await ImportAsync(lucheng, Rezip(template, (n, t) => Inject(n, t, dtd)));
            Assert.True((int)r.StatusCode is >= 400 and < 500, $"DTD: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }
        // 70 MB of zeros in one part: a few hundred KB on the wire.
        var bomb = Rezip(template, (_, _) => null, ("xl/media/padding.bin", 70L * 1024 * 1024));
        Assert.True(bomb.Length < 1024 * 1024);
        var b = await ImportAsync(lucheng, bomb);
        Assert.True((int)b.StatusCode is >= 400 and < 500, $"bomb: {(int)b.StatusCode}");
        Assert.Equal("ETOWN-FILE-0007", await b.ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task F12_Junk_Years_Enums_AndMegabyteTexts_AreRefused(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        foreach (var year in new[] { -1, 0, 99999 })
        {
            var r = await lucheng.PostAsJsonAsync($"/api/v1/declarations?year={year}", new { countyCode = "140406", projectName = "年份" + year, targets = Array.Empty<object>() });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        var big = new string('x', 1024 * 1024);
        var text = await lucheng.PostAsJsonAsync("/api/v1/declarations", new { countyCode = "140406", projectName = "大文本", infrastructure = big, boundaryGeoJson = big, targets = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        var province = await app.SignInAsync("province");
        var cls = await province.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/regions/140406")
            { Content = new StringContent("""{"countyClass":77,"isNationalDemoCounty":false}""", Encoding.UTF8, "application/json") });
        Assert.Equal(HttpStatusCode.BadRequest, cls.StatusCode);
        await using var ctx = app.SystemContext();
        Assert.False(await ctx.Declarations.AnyAsync(d => d.ProjectName.StartsWith("年份") || d.ProjectName == "大文本"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task F12_MaterialKind42_IsRefused(string provider)
    {
        var app = apps[provider];
        var kelan = await app.SignInAsync("kelan");
        Guid draft;
        await using (var ctx = app.SystemContext())
            draft = await ctx.Declarations.Where(d => d.CountyCode == "140929" && d.Status == ETown.Web.Features.Declarations.DeclarationStatus.Draft).Select(d => d.Id).FirstAsync();
        var form = new MultipartFormDataContent();
        var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "file", "x.pdf");
        var r = await kelan.PostAsync($"/api/v1/declarations/{draft}/materials/42", form);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    // ------------------------------------------------------------------ 13–14: concurrency

    [Theory, SqliteData, PostgresData]
    public async Task F13_AStalePut_IsA409_WithTheCurrentVersion(string provider)
    {
        var app = apps[provider];
        var kelan = await app.SignInAsync("kelan");
        var created = await kelan.PostAsJsonAsync("/api/v1/declarations", new { countyCode = "140929", projectName = "并发测试", targets = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var get = await kelan.GetAsync($"/api/v1/declarations/{id}");
        var etag = get.Headers.ETag!.Tag;
        async Task<HttpResponseMessage> Put(string name, string? ifMatch)
        {
            var m = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/declarations/{id}") { Content = JsonContent.Create(new { countyCode = "140929", projectName = name, targets = Array.Empty<object>() }) };
            if (ifMatch is not null) m.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await kelan.SendAsync(m);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await Put("第一个会话", etag)).StatusCode);
        var stale = await Put("第二个会话（过期）", etag);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var body = await stale.JsonAsync();
        Assert.Equal("ETOWN-COMMON-0409", body.GetProperty("code").GetString());
        Assert.Contains("已被他人修改", body.GetProperty("detail").GetString());
        Assert.Equal(int.Parse(etag.Trim('"')) + 1, body.GetProperty("currentVersion").GetInt32());
        await using (var ctx = app.SystemContext()) Assert.Equal("第一个会话", (await ctx.Declarations.SingleAsync(d => d.Id == id)).ProjectName);

        // The e-town registry too.
        var town = await EtownIdAsync(app, "岢岚县乡村e镇");
        var tag = (await kelan.GetAsync($"/api/v1/etowns/{town}")).Headers.ETag!.Tag;
        async Task<HttpResponseMessage> PutTown(string ifMatch) => await kelan.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/etowns/{town}")
        {
            Content = JsonContent.Create(new { name = "岢岚县乡村e镇", countyCode = "140929", plannedAreaKm2 = 4.96m }),
            Headers = { { "If-Match", ifMatch } },
        });
        Assert.Equal(HttpStatusCode.NoContent, (await PutTown(tag)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PutTown(tag)).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task F12_EveryLimitedTextColumn_IsCheckedBeforeWriting_A400NotA500_AndNothingIsWritten(string provider)
    {
        var app = apps[provider];
        var id = await EtownIdAsync(app, "岢岚县乡村e镇");
        // Any write path, even one whose form forgot a limit: the model's column length is the backstop.
        await using (var ctx = app.SystemContext())
        {
            var town = await ctx.Etowns.SingleAsync(e => e.Id == id);
            town.Address = new string('岚', 201);
            town.FeaturedProducts = "杂粮";
            var e = await Assert.ThrowsAsync<ETown.Web.Platform.ValidationFailedException>(() => ctx.SaveChangesAsync());
            Assert.Contains("address", e.Errors.Keys);
            Assert.Contains("不能超过 200 字（当前 201 字）", e.Message);
        }
        await using (var ctx = app.SystemContext())
        {
            var town = await ctx.Etowns.AsNoTracking().SingleAsync(e => e.Id == id);
            Assert.NotEqual(new string('岚', 201), town.Address);
            Assert.NotEqual("杂粮", town.FeaturedProducts); // the valid change of the same save was not written either
        }
        // Through the API: a 400 with the field, on PostgreSQL too (where the column would have failed with a 500).
        var kelan = await app.SignInAsync("kelan");
        var r = await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}",
            new { name = "岢岚县乡村e镇", countyCode = "140929", plannedAreaKm2 = 4.96m, address = new string('岚', 5000) });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task F13_PlanAndStatisticsReport_HonourIfMatch_ThoughTheRouteNamesTheEtown(string provider)
    {
        var app = apps[provider];
        var id = await EtownIdAsync(app, L);
        var lucheng = await app.SignInAsync("lucheng");
        var url = $"/api/v1/statistics/etowns/{id}/2031-05";
        Assert.True((await lucheng.PutAsJsonAsync(url, new { values = new[] { new { indicator = "online_retail", value = 100m } } })).IsSuccessStatusCode);
        var get = await lucheng.GetAsync(url);
        var tag = get.Headers.ETag!.Tag;
        Assert.Equal(int.Parse(tag.Trim('"')), (await get.JsonAsync()).GetProperty("version").GetInt32());
        async Task<HttpResponseMessage> Put(decimal value, string ifMatch) => await lucheng.SendAsync(new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new { values = new[] { new { indicator = "online_retail", value } } }),
            Headers = { { "If-Match", ifMatch } },
        });
        Assert.Equal(HttpStatusCode.OK, (await Put(101m, tag)).StatusCode);
        var stale = await Put(102m, tag);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("ETOWN-COMMON-0409", await stale.ProblemCodeAsync());
        await using (var ctx = app.SystemContext())
        {
            var report = await ctx.StatReports.SingleAsync(r => r.EtownId == id && r.Period == "2031-05");
            Assert.Equal(101m, (await ctx.StatValues.SingleAsync(v => v.ReportId == report.Id && v.IndicatorCode == "online_retail")).Value);
        }

        // The plan, named by its e-town: the ETag is the plan's version, a stale one is refused.
        var kelan = await app.SignInAsync("kelan");
        var town = await EtownIdAsync(app, "岢岚县乡村e镇");
        var planTag = (await kelan.GetAsync($"/api/v1/etowns/{town}/plan")).Headers.ETag?.Tag;
        Assert.NotNull(planTag);
        var planStale = await kelan.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/etowns/{town}/plan/budget")
        {
            Content = JsonContent.Create(new { allocationYuan = 1m, lines = Array.Empty<object>() }),
            Headers = { { "If-Match", "\"" + (int.Parse(planTag!.Trim('"')) + 5) + "\"" } },
        });
        Assert.Equal(HttpStatusCode.Conflict, planStale.StatusCode);
        Assert.Equal("ETOWN-COMMON-0409", await planStale.ProblemCodeAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task F14_ParallelFirstSaves_OfOneReport_NeverAre500(string provider)
    {
        var app = apps[provider];
        var id = await EtownIdAsync(app, L);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++) clients.Add(await app.SignInAsync("lucheng"));
        var tasks = Enumerable.Range(0, 20).Select(i => clients[i % clients.Count].PutAsJsonAsync($"/api/v1/statistics/etowns/{id}/2031-04/",
            new { values = new[] { new { indicator = "online_retail", value = 100m + i } } })).ToList();
        var results = await Task.WhenAll(tasks);
        var codes = results.Select(r => (int)r.StatusCode).ToList();
        Assert.DoesNotContain(codes, c => c >= 500);
        Assert.Contains(codes, c => c is >= 200 and < 300);
        Assert.All(codes, c => Assert.True(c is >= 200 and < 300 or 409, $"status {c}"));
    }
}
