using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using Microsoft.EntityFrameworkCore;
using static ETown.Tests.Features.Declarations.DeclarationFlow;

namespace ETown.Tests.Features.Declarations;

/// <summary>
/// The declaration workflow through the API on the demo data (issue #3 §5 and tests): illegal
/// transitions, submission rules, scope (DECL-07), materials (DECL-08), documents, eligibility at
/// submission and DECL-02, validation. Tests share one app per provider; each works on its own
/// declarations (or on demo ones no other test here changes).
/// </summary>
public class DeclarationWorkflowTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string KelanDraft = "岢岚县宋家沟乡村e镇（草稿）";
    const string YouyuWeak = "右玉县杀虎口乡村e镇";
    const string YingxianReturned = "应县杂粮乡村e镇";

    static async Task<Guid> DemoIdAsync(EtownAppFactory app, string projectName)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Declarations.Where(d => d.ProjectName == projectName && d.Year == Today.Year).Select(d => d.Id).SingleAsync();
    }

    /// <summary>Status, change time and audit-trail length of a declaration: what "nothing changes" compares.</summary>
    static async Task<(DeclarationStatus, DateTimeOffset, int)> StateAsync(EtownAppFactory app, Guid id)
    {
        await using var ctx = app.SystemContext();
        var d = await ctx.Declarations.AsNoTracking().SingleAsync(x => x.Id == id);
        var audits = await ctx.AuditRecords.CountAsync(a => a.EntityId == id.ToString());
        return (d.Status, d.UpdatedAt, audits);
    }

    // ------------------------------------------------------------------ 2. illegal transitions

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_Illegal_transitions_are_409_ETOWN_DECL_0001_and_change_nothing(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var changzhi = await app.SignInAsync("changzhi");
        var shuozhou = await app.SignInAsync("shuozhou");
        var province = await app.SignInAsync("province");
        var expert1 = await app.SignInAsync("expert1");

        // A draft: the city cannot act on it (it does not even see it), the province cannot decide or assign experts.
        var draft = await CreateAsync(lucheng, EligibleForm("潞城区非法流转测试（草稿）"));
        var before = await StateAsync(app, draft);
        await ExpectAsync(await PostAsync(changzhi, $"/api/v1/declarations/{draft}/recommend", new { opinion = "同意" }), HttpStatusCode.NotFound);
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{draft}/decision", new { list = false, note = "不予入选" }), HttpStatusCode.NotFound);
        Assert.Equal(before, await StateAsync(app, draft));

        // A returned declaration (demo 应县) cannot be recommended: only a submitted one can.
        var returned = await DemoIdAsync(app, YingxianReturned);
        before = await StateAsync(app, returned);
        await ExpectAsync(await PostAsync(shuozhou, $"/api/v1/declarations/{returned}/recommend", new { opinion = "同意推荐" }), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await PostAsync(shuozhou, $"/api/v1/declarations/{returned}/return", new { reason = "再退一次" }), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        Assert.Equal(before, await StateAsync(app, returned));

        // A submitted declaration: submit twice, edit, decide before review, assign experts before the city recommends, score.
        var id = await CreateSubmittedAsync(lucheng, EligibleForm("潞城区非法流转测试"));
        before = await StateAsync(app, id);
        await ExpectAsync(await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await lucheng.SendJsonAsync(HttpMethod.Put, $"/api/v1/declarations/{id}", EligibleForm("改名")), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/decision", new { list = false, note = "不予入选" }), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/decision", new { list = true, note = "入选" }), HttpStatusCode.Conflict, "ETOWN-DECL-0011");
        var e1 = await ExpertIdAsync(province, Today.Year, "expert1");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/experts", new { expertUserIds = new[] { e1 } }), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/objections", new { text = "异议" }), HttpStatusCode.Conflict, "ETOWN-DECL-0015");
        await ExpectAsync(await PostAsync(expert1, $"/api/v1/declarations/{id}/scores", Scores(80, 80, 80, 80, 80)), HttpStatusCode.NotFound); // not assigned: not visible
        Assert.Equal(before, await StateAsync(app, id));
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.ExpertScores.AnyAsync(s => s.DeclarationId == id));

        // Recommended: the city cannot recommend or return it again; the county cannot withdraw it into editing.
        await ExpectAsync(await PostAsync(changzhi, $"/api/v1/declarations/{id}/recommend", new { opinion = "同意推荐" }), HttpStatusCode.NoContent);
        before = await StateAsync(app, id);
        await ExpectAsync(await PostAsync(changzhi, $"/api/v1/declarations/{id}/recommend", new { opinion = "再推荐" }), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await PostAsync(changzhi, $"/api/v1/declarations/{id}/return", new { reason = "退回" }), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/decision", new { list = false, note = "不予入选" }), HttpStatusCode.Conflict, "ETOWN-DECL-0001");
        await ExpectAsync(await UploadAsync(lucheng, id, MaterialKind.SupportingEvidence, Pdf("late"), "late.pdf"), HttpStatusCode.Conflict, "ETOWN-DECL-0006");
        Assert.Equal(before, await StateAsync(app, id));
        Assert.Equal("同意推荐", (await DetailAsync(changzhi, id)).GetProperty("cityOpinion").GetString());
    }

    // ------------------------------------------------------------------ 3. submission: materials

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-08")]
    public async Task Decl08_Submission_without_all_county_materials_is_refused_ETOWN_DECL_0005_naming_what_is_missing(string provider)
    {
        var app = apps[provider];
        var linyi = await app.SignInAsync("linyi");
        var id = await CreateAsync(linyi, EligibleForm("临猗县材料不全测试", "140821"));
        await UploadOkAsync(linyi, id, MaterialKind.DeclarationForm, Pdf("form"), "申报表.pdf");
        await UploadOkAsync(linyi, id, MaterialKind.CommitmentLetter, Pdf("letter"), "承诺书.pdf");

        var r = await linyi.PostAsync($"/api/v1/declarations/{id}/submit", null);
        Assert.Equal("ETOWN-DECL-0005", await r.ProblemCodeAsync());
        Assert.Equal(422, (int)r.StatusCode);
        var detail = (await r.JsonAsync()).GetProperty("detail").GetString()!;
        Assert.Contains(Declaration.MaterialLabel(MaterialKind.CultivationPlan), detail);
        Assert.Contains(Declaration.MaterialLabel(MaterialKind.SupportingEvidence), detail);
        Assert.DoesNotContain(Declaration.MaterialLabel(MaterialKind.DeclarationForm), detail);
        Assert.DoesNotContain(Declaration.MaterialLabel(MaterialKind.CommitmentLetter), detail);
        Assert.DoesNotContain(Declaration.MaterialLabel(MaterialKind.CityRecommendation), detail); // the city's, after submission
        var missing = (await DetailAsync(linyi, id)).GetProperty("missingMaterials").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "CityRecommendation", "CultivationPlan", "SupportingEvidence" }, missing);
        Assert.Equal(DeclarationStatus.Draft, (await StateAsync(app, id)).Item1);

        // Once complete, the same draft submits.
        await UploadOkAsync(linyi, id, MaterialKind.CultivationPlan, Pdf("plan"), "培育方案.pdf");
        await UploadOkAsync(linyi, id, MaterialKind.SupportingEvidence, Pdf("evidence"), "佐证材料.pdf");
        await ExpectAsync(await linyi.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.NoContent);
    }

    // ------------------------------------------------------------------ 4. scope

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_A_draft_is_seen_only_by_its_own_county_not_by_other_counties_the_city_or_the_province(string provider)
    {
        var app = apps[provider];
        var kelanDraft = await DemoIdAsync(app, KelanDraft);
        Assert.Equal(KelanDraft, (await DetailAsync(await app.SignInAsync("kelan"), kelanDraft)).GetProperty("form").GetProperty("projectName").GetString());
        foreach (var user in new[] { "lucheng", "linyi", "province", "shuozhou", "changzhi", "expert1" })
        {
            var client = await app.SignInAsync(user);
            await ExpectAsync(await client.GetAsync($"/api/v1/declarations/{kelanDraft}"), HttpStatusCode.NotFound);
            await ExpectAsync(await client.GetAsync($"/api/v1/declarations/{kelanDraft}/document.docx"), HttpStatusCode.NotFound);
            var list = await (await client.GetAsync($"/api/v1/declarations?year={Today.Year}&pageSize=200")).JsonAsync();
            Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == kelanDraft);
        }

        // A city does not see its own county's draft either: shanyin (朔州) drafts, shuozhou gets 404 until it is submitted.
        var shanyin = await app.SignInAsync("shanyin");
        var shuozhou = await app.SignInAsync("shuozhou");
        var own = await CreateAsync(shanyin, EligibleForm("山阴县范围测试", "140621"));
        await ExpectAsync(await shuozhou.GetAsync($"/api/v1/declarations/{own}"), HttpStatusCode.NotFound);
        await UploadCountyMaterialsAsync(shanyin, own);
        await ExpectAsync(await shanyin.PostAsync($"/api/v1/declarations/{own}/submit", null), HttpStatusCode.NoContent);
        Assert.True((await DetailAsync(shuozhou, own)).GetProperty("canRecommend").GetBoolean());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_A_drafts_materials_are_downloadable_only_by_its_own_county_not_by_its_city_or_the_province(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var id = await CreateAsync(lucheng, EligibleForm("潞城区草稿材料范围测试"));
        var mid = (await UploadOkAsync(lucheng, id, MaterialKind.CultivationPlan, Pdf("draft-scope"), "培育方案.pdf")).GetProperty("id").GetGuid();
        await ExpectAsync(await lucheng.GetAsync($"/api/v1/declarations/{id}/materials/{mid}"), HttpStatusCode.OK);
        foreach (var user in new[] { "changzhi", "province", "linyi" })
            await ExpectAsync(await (await app.SignInAsync(user)).GetAsync($"/api/v1/declarations/{id}/materials/{mid}"), HttpStatusCode.NotFound);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_A_city_sees_only_its_own_counties_submitted_declarations(string provider)
    {
        var app = apps[provider];
        var shuozhou = await app.SignInAsync("shuozhou");
        var changzhi = await app.SignInAsync("changzhi");
        var youyu = await DemoIdAsync(app, YouyuWeak);
        var yingxian = await DemoIdAsync(app, YingxianReturned);

        var shuoList = await (await shuozhou.GetAsync($"/api/v1/declarations?year={Today.Year}&pageSize=200")).JsonAsync();
        var shuoRows = shuoList.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(shuoRows);
        Assert.All(shuoRows, d => Assert.StartsWith("1406", d.GetProperty("countyCode").GetString()));
        Assert.All(shuoRows, d => Assert.NotEqual("Draft", d.GetProperty("status").GetString()));
        Assert.Contains(shuoRows, d => d.GetProperty("id").GetGuid() == youyu);
        Assert.Contains(shuoRows, d => d.GetProperty("id").GetGuid() == yingxian);

        await ExpectAsync(await changzhi.GetAsync($"/api/v1/declarations/{youyu}"), HttpStatusCode.NotFound);
        await ExpectAsync(await changzhi.PostAsync($"/api/v1/declarations/{youyu}/recommend", JsonContentOf(new { opinion = "同意" })), HttpStatusCode.NotFound);
        var czList = await (await changzhi.GetAsync($"/api/v1/declarations?year={Today.Year}&pageSize=200")).JsonAsync();
        Assert.All(czList.GetProperty("items").EnumerateArray(), d => Assert.StartsWith("1404", d.GetProperty("countyCode").GetString()));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_An_expert_sees_a_declaration_only_after_being_assigned_to_it(string provider)
    {
        var app = apps[provider];
        var huairen = await app.SignInAsync("huairen");
        var shuozhou = await app.SignInAsync("shuozhou");
        var province = await app.SignInAsync("province");
        var expert1 = await app.SignInAsync("expert1");
        var expert2 = await app.SignInAsync("expert2");
        var id = await CreateSubmittedAsync(huairen, EligibleForm("怀仁市专家范围测试", "140681"));
        var material = (await DetailAsync(huairen, id)).GetProperty("materials")[0].GetProperty("id").GetGuid();

        await ExpectAsync(await expert1.GetAsync($"/api/v1/declarations/{id}"), HttpStatusCode.NotFound);
        await ExpectAsync(await PostAsync(shuozhou, $"/api/v1/declarations/{id}/recommend", new { opinion = "同意推荐" }), HttpStatusCode.NoContent);
        await ExpectAsync(await expert1.GetAsync($"/api/v1/declarations/{id}"), HttpStatusCode.NotFound);
        await ExpectAsync(await expert1.GetAsync($"/api/v1/declarations/{id}/materials/{material}"), HttpStatusCode.NotFound);

        var e1 = await ExpertIdAsync(province, Today.Year, "expert1");
        await ExpectAsync(await PostAsync(province, $"/api/v1/declarations/{id}/experts", new { expertUserIds = new[] { e1 } }), HttpStatusCode.NoContent);
        Assert.True((await DetailAsync(expert1, id)).GetProperty("canScore").GetBoolean());
        await ExpectAsync(await expert1.GetAsync($"/api/v1/declarations/{id}/materials/{material}"), HttpStatusCode.OK);
        await ExpectAsync(await expert2.GetAsync($"/api/v1/declarations/{id}"), HttpStatusCode.NotFound);
        await ExpectAsync(await PostAsync(expert2, $"/api/v1/declarations/{id}/scores", Scores(80, 80, 80, 80, 80)), HttpStatusCode.NotFound);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-07")]
    public async Task Decl07_Another_county_gets_404_for_the_materials_the_docx_and_the_page_of_a_declaration(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var linyi = await app.SignInAsync("linyi");
        const string name = "潞城区范围测试（他县不可见）";
        var id = await CreateAsync(lucheng, EligibleForm(name));
        var m = await UploadOkAsync(lucheng, id, MaterialKind.CultivationPlan, Pdf("scope"), "培育方案.pdf");
        var mid = m.GetProperty("id").GetGuid();
        await ExpectAsync(await lucheng.GetAsync($"/api/v1/declarations/{id}/materials/{mid}"), HttpStatusCode.OK);

        foreach (var stage in new[] { "draft", "submitted" })
        {
            if (stage == "submitted")
            {
                foreach (var k in CountyMaterials.Where(k => k != MaterialKind.CultivationPlan)) await UploadOkAsync(lucheng, id, k, Pdf(k.ToString()), $"{k}.pdf");
                await ExpectAsync(await lucheng.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.NoContent);
            }
            await ExpectAsync(await linyi.GetAsync($"/api/v1/declarations/{id}/materials/{mid}"), HttpStatusCode.NotFound);
            await ExpectAsync(await linyi.GetAsync($"/api/v1/declarations/{id}/document.docx"), HttpStatusCode.NotFound);
            await ExpectAsync(await linyi.GetAsync($"/api/v1/declarations/{id}/form.xlsx"), HttpStatusCode.NotFound);
            await ExpectAsync(await linyi.GetAsync($"/api/v1/declarations/{id}/eligibility"), HttpStatusCode.NotFound);
            var page = await linyi.GetAsync($"/declarations/{id}");
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain(name, html);
        }
        var ownPage = await lucheng.GetAsync($"/declarations/{id}");
        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        Assert.Contains(name, await ownPage.Content.ReadAsStringAsync());
    }

    // ------------------------------------------------------------------ 5. materials

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-08")]
    public async Task Materials_Decl08_are_checked_by_content_hashed_with_SHA256_and_refused_when_tampered_on_disk(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var id = await CreateAsync(lucheng, EligibleForm("潞城区材料测试"));

        // Content must match the extension; only PDF, images and Office files.
        await ExpectAsync(await UploadAsync(lucheng, id, MaterialKind.SupportingEvidence, "hello"u8.ToArray(), "x.pdf"), HttpStatusCode.BadRequest, "ETOWN-FILE-0005");
        await ExpectAsync(await UploadAsync(lucheng, id, MaterialKind.SupportingEvidence, Pdf("exe"), "setup.exe", "application/octet-stream"), HttpStatusCode.BadRequest, "ETOWN-FILE-0002");
        await ExpectAsync(await UploadAsync(lucheng, id, MaterialKind.SupportingEvidence, [0x4D, 0x5A, 0x90, 0x00], "virus.exe", "application/x-msdownload"), HttpStatusCode.BadRequest, "ETOWN-FILE-0002");
        await ExpectAsync(await UploadAsync(lucheng, id, MaterialKind.SupportingEvidence, [], "empty.pdf"), HttpStatusCode.BadRequest);
        // Only the city uploads the city's recommendation.
        await ExpectAsync(await UploadAsync(lucheng, id, MaterialKind.CityRecommendation, Pdf("city"), "推荐.pdf"), HttpStatusCode.Forbidden);
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.DeclarationMaterials.AnyAsync(m => m.DeclarationId == id));

        // A real PDF is stored outside the web root with the SHA-256 of its bytes, and downloads unchanged.
        var bytes = Pdf("evidence");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var row = await UploadOkAsync(lucheng, id, MaterialKind.SupportingEvidence, bytes, "佐证材料.pdf");
        var mid = row.GetProperty("id").GetGuid();
        Assert.Equal(sha, row.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, row.GetProperty("size").GetInt64());
        DeclarationMaterial stored;
        await using (var ctx = app.SystemContext())
            stored = await ctx.DeclarationMaterials.SingleAsync(m => m.Id == mid);
        Assert.Equal(sha, stored.Sha256);
        Assert.Equal("application/pdf", stored.ContentType);
        var path = Path.Combine(app.StoragePath, stored.StoragePath);
        Assert.True(File.Exists(path), path);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
        var download = await lucheng.GetAsync($"/api/v1/declarations/{id}/materials/{mid}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());

        // Tampered on disk: never served as the original.
        var tampered = (byte[])bytes.Clone();
        tampered[^3] ^= 0x20;
        await File.WriteAllBytesAsync(path, tampered);
        var refused = await lucheng.GetAsync($"/api/v1/declarations/{id}/materials/{mid}");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("ETOWN-FILE-0006", await refused.ProblemCodeAsync());
        Assert.DoesNotContain("%PDF", await refused.Content.ReadAsStringAsync());

        // Deleting the material of a draft removes its stored file too (one file per upload).
        Assert.Equal(HttpStatusCode.NoContent, (await lucheng.DeleteAsync($"/api/v1/declarations/{id}/materials/{mid}")).StatusCode);
        Assert.False(File.Exists(path), path);
    }

    // ------------------------------------------------------------------ 6. documents

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-09")]
    public async Task Documents_xlsx_round_trip_through_the_API_keeps_the_form_and_a_negative_cell_writes_nothing(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var id = await CreateAsync(lucheng, EligibleForm("潞城区文书往返测试"));
        var before = Canonical(await DetailAsync(lucheng, id));

        var xlsx = await lucheng.GetAsync($"/api/v1/declarations/{id}/form.xlsx");
        await ExpectAsync(xlsx, HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();

        await ExpectAsync(await ImportAsync(lucheng, id, bytes), HttpStatusCode.NoContent);
        Assert.Equal(before, Canonical(await DetailAsync(lucheng, id)));

        // 电商企业（个） D11 set to −3: 400 with the cell and a Chinese message, and the stored form is unchanged.
        var unchanged = await StateAsync(app, id);
        var bad = EditCell(bytes, "D11", "-3");
        var r = await ImportAsync(lucheng, id, bad);
        await ExpectAsync(r, HttpStatusCode.BadRequest);
        var errors = (await r.JsonAsync()).EnumerateArray().ToList();
        var negative = Assert.Single(errors);
        Assert.Equal("D", negative.GetProperty("column").GetString());
        Assert.Equal(11, negative.GetProperty("row").GetInt32());
        Assert.Contains("负数", negative.GetProperty("message").GetString());
        Assert.Equal(before, Canonical(await DetailAsync(lucheng, id)));
        Assert.Equal(unchanged, await StateAsync(app, id));

        // Another county cannot import into this draft.
        await ExpectAsync(await ImportAsync(await app.SignInAsync("linyi"), id, bytes), HttpStatusCode.NotFound);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-09")]
    public async Task Documents_declaration_docx_from_the_API_validates_with_no_OpenXml_errors(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var id = await CreateAsync(lucheng, EligibleForm("潞城区 Word 文书测试"));
        var r = await lucheng.GetAsync($"/api/v1/declarations/{id}/document.docx");
        await ExpectAsync(r, HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", r.Content.Headers.ContentType?.MediaType);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("山西省乡村e镇申报表", text);
        Assert.Contains("潞城区 Word 文书测试", text);
    }

    // ------------------------------------------------------------------ 7. eligibility at submission, DECL-02

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-04")]
    public async Task Decl04_The_demo_Youyu_submitted_declaration_carries_a_not_eligible_report_and_a_draft_has_none(string provider)
    {
        var app = apps[provider];
        var shuozhou = await app.SignInAsync("shuozhou");
        var r = await shuozhou.GetAsync($"/api/v1/declarations/{await DemoIdAsync(app, YouyuWeak)}/eligibility");
        await ExpectAsync(r, HttpStatusCode.OK);
        var report = await r.JsonAsync();
        Assert.False(report.GetProperty("eligible").GetBoolean());
        Assert.Equal("Fail", Rule(report, "DECL-04").GetProperty("outcome").GetString());
        Assert.Contains("DECL-04", Rule(report, "DECL-04").GetProperty("message").GetString());

        var kelan = await app.SignInAsync("kelan");
        Assert.Equal(HttpStatusCode.NoContent, (await kelan.GetAsync($"/api/v1/declarations/{await DemoIdAsync(app, KelanDraft)}/eligibility")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-02")]
    public async Task Decl02_Two_declarations_of_one_county_count_against_the_city_30_percent_quota_Shuozhou_6_units_allow_1(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var year = Today.Year;

        async Task<JsonElement> ShuozhouAsync()
        {
            var r = await province.GetAsync($"/api/v1/declaration-rounds/{year}/overview");
            await ExpectAsync(r, HttpStatusCode.OK);
            return (await r.JsonAsync()).EnumerateArray().Single(c => c.GetProperty("cityCode").GetString() == "140600");
        }

        var start = await ShuozhouAsync();
        Assert.Equal(6, start.GetProperty("countyUnits").GetInt32());
        Assert.Equal(1, start.GetProperty("quotaForTwo").GetInt32());
        var withTwoAtStart = start.GetProperty("countiesWithTwo").GetInt32();

        // 右玉 (demo: one submitted) declares a second: allowed while the city is within its quota (needs evidence).
        var youyu = await app.SignInAsync("youyu");
        var second = await CreateSubmittedAsync(youyu, EligibleForm("右玉县第二个乡村e镇", "140623"));
        var secondReport = await (await youyu.GetAsync($"/api/v1/declarations/{second}/eligibility")).JsonAsync();
        Assert.NotEqual("Fail", Rule(secondReport, "DECL-02").GetProperty("outcome").GetString());
        Assert.Equal(1m, Rule(secondReport, "DECL-02").GetProperty("figures").GetProperty("existingDeclarationsInCounty").GetDecimal());
        var after = await ShuozhouAsync();
        Assert.Equal(withTwoAtStart + 1, after.GetProperty("countiesWithTwo").GetInt32());
        Assert.False(after.GetProperty("quotaExceeded").GetBoolean());

        // 应县 (demo: one returned, still alive) declares a second: the city's one place is taken → DECL-02 fails.
        var yingxian = await app.SignInAsync("yingxian");
        var third = await CreateSubmittedAsync(yingxian, EligibleForm("应县第二个乡村e镇", "140622"));
        var thirdReport = await (await yingxian.GetAsync($"/api/v1/declarations/{third}/eligibility")).JsonAsync();
        Assert.Equal("Fail", Rule(thirdReport, "DECL-02").GetProperty("outcome").GetString());
        Assert.False(thirdReport.GetProperty("eligible").GetBoolean());
        var over = await ShuozhouAsync();
        Assert.Equal(withTwoAtStart + 2, over.GetProperty("countiesWithTwo").GetInt32());
        Assert.True(over.GetProperty("quotaExceeded").GetBoolean());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-02")]
    public async Task Decl02_Counts_only_declarations_of_the_same_round_a_next_year_declaration_is_the_countys_first(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var kelan = await app.SignInAsync("kelan");
        var next = Today.Year + 1;
        // 岢岚 already has a live declaration this year …
        await CreateSubmittedAsync(kelan, EligibleForm("岢岚县本年度申报", "140929"));
        // … and the province opens next year's round early (today).
        await ExpectAsync(await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/declaration-rounds/{next}",
            new { opensOn = Today.AddDays(-1), closesOn = Today.AddDays(30), noticeWorkingDays = 5 }), HttpStatusCode.NoContent);
        var r = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/declarations?year={next}", EligibleForm("岢岚县下一年度申报", "140929"));
        await ExpectAsync(r, HttpStatusCode.Created);
        var id = (await r.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(next, (await DetailAsync(kelan, id)).GetProperty("year").GetInt32());
        await UploadCountyMaterialsAsync(kelan, id);
        await ExpectAsync(await kelan.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.NoContent);

        var report = await (await kelan.GetAsync($"/api/v1/declarations/{id}/eligibility")).JsonAsync();
        var decl02 = Rule(report, "DECL-02");
        Assert.Equal(0m, decl02.GetProperty("figures").GetProperty("existingDeclarationsInCounty").GetDecimal());
        Assert.Equal("Pass", decl02.GetProperty("outcome").GetString());
    }

    static JsonElement Rule(JsonElement report, string id) =>
        report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == id);

    // ------------------------------------------------------------------ 8. validation

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-09")]
    public async Task Decl09_Negative_numbers_and_a_bad_phone_are_400_with_a_Chinese_message_per_field(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var form = EligibleForm("潞城区校验测试");
        form.MarketEntities = -1;
        form.OnlineRetailWan = -5m;
        form.PersonInChargePhone = "12345";
        form.SetTarget(TargetIndicator.TotalOutput, 2024, -100m);
        var r = await lucheng.SendJsonAsync(HttpMethod.Post, "/api/v1/declarations", form);
        await ExpectAsync(r, HttpStatusCode.BadRequest, "ETOWN-COMMON-0400");
        var errors = (await r.JsonAsync()).GetProperty("errors");
        string Msg(string field) => string.Join("", errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("市场主体不能为负数", Msg("MarketEntities"));
        Assert.Contains("网络零售额不能为负数", Msg("OnlineRetailWan"));
        Assert.Contains("负责人联系电话格式不正确", Msg("PersonInChargePhone"));
        Assert.Contains("2024 年总产值不能为负数", Msg("Targets.TotalOutput.2024"));
        await using (var ctx = app.SystemContext())
            Assert.False(await ctx.Declarations.AnyAsync(d => d.ProjectName == "潞城区校验测试"));

        // The same rules on saving a draft.
        var id = await CreateAsync(lucheng, EligibleForm("潞城区校验测试"));
        form.CountyCode = "140406";
        var put = await lucheng.SendJsonAsync(HttpMethod.Put, $"/api/v1/declarations/{id}", form);
        await ExpectAsync(put, HttpStatusCode.BadRequest, "ETOWN-COMMON-0400");
        Assert.Equal(60, (await DetailAsync(lucheng, id)).GetProperty("form").GetProperty("marketEntities").GetInt32());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-02")]
    public async Task Decl02_A_county_cannot_create_a_declaration_for_another_county_403(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var r = await lucheng.SendJsonAsync(HttpMethod.Post, "/api/v1/declarations", EligibleForm("替岢岚申报", "140929"));
        await ExpectAsync(r, HttpStatusCode.Forbidden, "ETOWN-COMMON-0403");
        // Nor can the city or the province declare in a county's name.
        foreach (var user in new[] { "changzhi", "province" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync(user)).SendJsonAsync(HttpMethod.Post, "/api/v1/declarations", EligibleForm("代县申报"))).StatusCode);
        await using var ctx = app.SystemContext();
        Assert.False(await ctx.Declarations.AnyAsync(d => d.ProjectName == "替岢岚申报" || d.ProjectName == "代县申报"));
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The detail's form as JSON with the targets in indicator × year order (the order of the list is not a value).</summary>
    static string Canonical(JsonElement detail)
    {
        var form = detail.GetProperty("form").Deserialize<DeclarationForm>(Http.Json)!;
        form.Targets = form.Targets.OrderBy(t => t.Indicator).ThenBy(t => t.Year).ToList();
        return JsonSerializer.Serialize(form, Http.Json);
    }

    static HttpContent JsonContentOf(object body) => System.Net.Http.Json.JsonContent.Create(body, options: Http.Json);

    static Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid id, byte[] xlsx)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "申报表.xlsx");
        return client.PostAsync($"/api/v1/declarations/{id}/import", content);
    }

    /// <summary>Stands in for a county typing a number into one cell in Excel.</summary>
    static byte[] EditCell(byte[] xlsx, string reference, string number)
    {
        var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var ws = doc.WorkbookPart!.WorksheetParts.Single().Worksheet!;
            var cell = ws.Descendants<Cell>().Single(c => c.CellReference == reference);
            cell.RemoveAllChildren();
            cell.DataType = CellValues.Number;
            cell.CellValue = new CellValue(number);
            ws.Save();
        }
        return ms.ToArray();
    }
}
