using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Plans;

/// <summary>PLAN-01…04 and FUND-03 through the API on every configured database.</summary>
public class PlanApiTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Kelan = "岢岚县乡村e镇", Lucheng = "长治市潞城区乡村e镇", Linyi = "临猗新城涑水e镇";

    static async Task<Dictionary<string, Guid>> TownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.ToDictionaryAsync(e => e.Name, e => e.Id);
    }

    static object FullContent(object? targets = null) => new
    {
        plannedScope = "规划范围", functionalZones = "功能分区", investmentOperatingEntity = "运营主体", constructionMethod = "升级改造",
        financingModel = "省级专项资金", profitModel = "服务收费", guidingIdeology = "指导思想", principles = "基本原则",
        mainTargets = "主要目标", expectedEffects = "预期效果", keyTasks = "重点任务", implementationSteps = "实施步骤",
        constructionScale = "建设规模", operationModel = "运营模式", guarantees = "保障措施",
        keyProjects = new[] { new { name = "公共服务中心", startOn = "2022-11-01", endOn = "2023-01-31", investmentYuan = 1_000_000m, standardItems = new[] { 20 } } },
        targets,
    };

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "PLAN-03")]
    [Trait("Rule", "PLAN-04")]
    public async Task KelanDemoPlan_CarriesTheDeclarationTargets_AndThe1000WanBudget(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var kelan = await app.SignInAsync("kelan");
        var r = await kelan.GetAsync($"/api/v1/etowns/{towns[Kelan]}/plan");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var v = await r.JsonAsync();
        Assert.True(v.GetProperty("exists").GetBoolean());
        Assert.Equal("Filed", v.GetProperty("status").GetString());
        Assert.Equal("KL-2022", v.GetProperty("standardVersion").GetString());
        Assert.True(v.GetProperty("targetsFromDeclaration").GetBoolean());
        Assert.Equal(7, v.GetProperty("content").GetProperty("keyProjects").GetArrayLength());

        // PLAN-03: the targets are the listed declaration's.
        await using var ctx = app.SystemContext();
        var etown = await ctx.Etowns.SingleAsync(e => e.Id == towns[Kelan]);
        var form = (await ctx.Declarations.IgnoreQueryFilters().SingleAsync(d => d.Id == etown.DeclarationId)).Form;
        var targets = v.GetProperty("content").GetProperty("targets").EnumerateArray()
            .Select(t => (Enum.Parse<TargetIndicator>(t.GetProperty("indicator").GetString()!), t.GetProperty("year").GetInt32(),
                t.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : t.GetProperty("value").GetDecimal())).ToHashSet();
        Assert.NotEmpty(targets);
        Assert.True(targets.SetEquals(form.Targets.Select(t => (t.Indicator, t.Year, t.Value))));
        Assert.Equal(10000m, form.Target(TargetIndicator.TotalOutput, 2025)); // 1亿元 (K 一、主要目标)

        var b = await (await kelan.GetAsync($"/api/v1/etowns/{towns[Kelan]}/plan/budget")).JsonAsync();
        Assert.Equal(10_000_000m, b.GetProperty("allocationYuan").GetDecimal());
        Assert.Equal(39, b.GetProperty("lines").GetArrayLength());
        var check = b.GetProperty("check");
        Assert.Equal(10_000_000m, check.GetProperty("provincialTotalYuan").GetDecimal());
        Assert.True(check.GetProperty("canFile").GetBoolean());
        Assert.Equal(0, check.GetProperty("issues").GetArrayLength());
        Assert.Equal([44.5m, 34m, 21.5m], check.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("sharePercent").GetDecimal()));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "PLAN-03")]
    public async Task FiledPlan_IsImmutable_UntilTheProvinceReopensIt(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var id = towns[Kelan];
        var kelan = await app.SignInAsync("kelan");
        var province = await app.SignInAsync("province");

        var put = await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan", new { standardVersion = "KL-2022", content = FullContent() });
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal("ETOWN-PLAN-0001", await put.ProblemCodeAsync());
        var budget = await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = 1m, lines = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Conflict, budget.StatusCode);
        Assert.Equal("ETOWN-PLAN-0001", await budget.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit")).StatusCode);

        // The county cannot reopen; the city cannot either; the province must give a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/reopen", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/reopen", new { reason = " " })).StatusCode);
        var reopen = await province.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/reopen", new { reason = "调整预算" });
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Equal("Draft", (await reopen.JsonAsync()).GetProperty("status").GetString());
        // The province reads but does not write the county's plan.
        Assert.Equal(HttpStatusCode.Forbidden, (await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan", new { standardVersion = "KL-2022", content = FullContent() })).StatusCode);

        // Reopened: the county edits again (a draft may be out of band: saved with warnings) …
        var current = await (await kelan.GetAsync($"/api/v1/etowns/{id}/plan/budget")).JsonAsync();
        var lines = current.GetProperty("lines").EnumerateArray().Select(l => new
        {
            itemNo = l.GetProperty("itemNo").GetInt32(), content = l.GetProperty("content").GetString(), category = l.GetProperty("category").GetString(),
            provincialYuan = l.GetProperty("itemNo").GetInt32() == 2 ? 3_000_000m : l.GetProperty("provincialYuan").GetDecimal(), countyYuan = 0m,
        }).ToList();
        var saved = await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = 10_000_000m, lines });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var issues = (await saved.JsonAsync()).GetProperty("check").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Contains("ETOWN-PLAN-0103", issues); // 1045万 ≠ 1000万
        // … but cannot file it.
        var refused = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("ETOWN-PLAN-0003", await refused.ProblemCodeAsync());

        // Back to the 附件2 numbers: files again.
        var restored = lines.Select(l => l with { provincialYuan = l.itemNo == 2 ? 2_550_000m : l.provincialYuan }).ToList();
        Assert.Equal(HttpStatusCode.OK, (await kelan.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = 10_000_000m, lines = restored })).StatusCode);
        await PlanNoticeKit.NoticedAsync(app, kelan, id); // DISC-02: noticed on the column first
        var filed = await kelan.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Equal("Filed", (await filed.JsonAsync()).GetProperty("status").GetString());

        // Every step is in the audit chain.
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.AuditRecords.CountAsync(a => a.EntityType == "CultivationPlan") >= 3);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "PLAN-01")]
    [Trait("Rule", "PLAN-04")]
    public async Task NewPlan_WithoutDeclarationTargets_IsEntered_AndFilingChecksContentAndBudget(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var id = towns[Linyi];
        // An e-town without a declaration: targets are entered in the plan.
        await using (var ctx = app.SystemContext())
        {
            var e = await ctx.Etowns.SingleAsync(x => x.Id == id);
            e.DeclarationId = null;
            await ctx.SaveChangesAsync();
        }
        var linyi = await app.SignInAsync("linyi");
        var empty = await (await linyi.GetAsync($"/api/v1/etowns/{id}/plan")).JsonAsync();
        Assert.False(empty.GetProperty("exists").GetBoolean());
        Assert.False(empty.GetProperty("targetsFromDeclaration").GetBoolean());

        // Filing before anything exists, then with the content incomplete.
        Assert.Equal("ETOWN-PLAN-0004", await (await linyi.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit")).ProblemCodeAsync());
        var targets = new[]
        {
            new { indicator = "NewMarketEntities", year = 2025, value = 10m },
            new { indicator = "OnlineRetail", year = 2025, value = 3000m },
        };
        var put = await linyi.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan", new { standardVersion = "SX-2022", content = FullContent(targets) });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var v = await put.JsonAsync();
        Assert.Equal(2, v.GetProperty("content").GetProperty("targets").GetArrayLength());
        Assert.Contains("2025年总产值目标", v.GetProperty("missingForFiling").EnumerateArray().Select(x => x.GetString()));
        var incomplete = await linyi.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        Assert.Equal("ETOWN-PLAN-0004", await incomplete.ProblemCodeAsync());

        var all = targets.Append(new { indicator = "TotalOutput", year = 2025, value = 15000m }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await linyi.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan", new { standardVersion = "SX-2022", content = FullContent(all) })).StatusCode);

        // Invalid lines are refused outright (400) and change nothing.
        var bad = await linyi.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget",
            new { allocationYuan = 100m, lines = new[] { new { itemNo = 40, content = "x", category = "LeadingIndustry", provincialYuan = -1m, countyYuan = 0m } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // Total ≠ allocation: saved as a draft, refused at filing.
        object[] Lines(decimal l, decimal e, decimal s) =>
        [
            new { itemNo = 2, content = "主导产业", category = "LeadingIndustry", provincialYuan = l, countyYuan = 0m },
            new { itemNo = 20, content = "公共服务中心", category = "EcommerceElements", provincialYuan = e, countyYuan = 100m },
            new { itemNo = 23, content = "物流", category = "SupportingServices", provincialYuan = s, countyYuan = 0m },
        ];
        var off = await linyi.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = 10_000_000m, lines = Lines(4_500_000m, 3_000_000m, 2_000_000m) });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.JsonAsync()).GetProperty("check").GetProperty("canFile").GetBoolean());
        var refused = await linyi.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("ETOWN-PLAN-0003", await refused.ProblemCodeAsync());

        // Out of band (leading industry 55%) with a matching total: also refused.
        await linyi.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = 10_000_000m, lines = Lines(5_500_000m, 3_000_000m, 1_500_000m) });
        Assert.Equal("ETOWN-PLAN-0003", await (await linyi.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit")).ProblemCodeAsync());

        // In band and adding up: filed.
        await linyi.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/plan/budget", new { allocationYuan = 10_000_000m, lines = Lines(4_500_000m, 3_500_000m, 2_000_000m) });
        await PlanNoticeKit.NoticedAsync(app, linyi, id); // DISC-02: noticed on the column first
        var ok = await linyi.SendJsonAsync(HttpMethod.Post, $"/api/v1/etowns/{id}/plan/submit");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var filed = await ok.JsonAsync();
        Assert.Equal("Filed", filed.GetProperty("status").GetString());
        Assert.Equal(100m, filed.GetProperty("budget").GetProperty("check").GetProperty("countyTotalYuan").GetDecimal());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Scope_ACountyWritesOnlyItsOwnPlan_CityAndProvinceRead(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var lucheng = await app.SignInAsync("lucheng");
        // Another county's e-town does not exist for lucheng: 404 on read and write.
        Assert.Equal(HttpStatusCode.NotFound, (await lucheng.GetAsync($"/api/v1/etowns/{towns[Kelan]}/plan")).StatusCode);
        var put = await lucheng.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{towns[Kelan]}/plan", new { standardVersion = "SX-2022", content = FullContent() });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lucheng.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{towns[Kelan]}/plan/budget",
            new { allocationYuan = 1m, lines = Array.Empty<object>() })).StatusCode);
        // Its own: allowed.
        Assert.Equal(HttpStatusCode.OK, (await lucheng.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{towns[Lucheng]}/plan", new { standardVersion = "SX-2022", content = FullContent() })).StatusCode);

        // The province reads every plan; the city reads its counties' and writes none.
        var province = await app.SignInAsync("province");
        foreach (var id in towns.Values) Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"/api/v1/etowns/{id}/plan")).StatusCode);
        var changzhi = await app.SignInAsync("changzhi");
        Assert.Equal(HttpStatusCode.OK, (await changzhi.GetAsync($"/api/v1/etowns/{towns[Lucheng]}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await changzhi.GetAsync($"/api/v1/etowns/{towns[Kelan]}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await changzhi.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{towns[Lucheng]}/plan", new { standardVersion = "SX-2022", content = FullContent() })).StatusCode);

        // Stored rows are filtered too: lucheng's context does not see 岢岚's plan or budget lines.
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.PlanBudgetLines.AnyAsync(l => l.CountyCode == "140929"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Documents_PlanDocx_AndBudgetXlsx_Validate(string provider)
    {
        var app = apps[provider];
        var towns = await TownsAsync(app);
        var kelan = await app.SignInAsync("kelan");
        var docx = await kelan.GetAsync($"/api/v1/etowns/{towns[Kelan]}/plan.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("岢岚县乡村e镇培育方案", text);
            Assert.Contains("建设标准及预算", text);
            Assert.Contains("1,000", text);
            Assert.Contains("44.5%", text);
            Assert.Contains("晋商建〔2022〕376号", text);
            Assert.Contains("升级改造乡村e镇电商公共服务中心。", text);
        }
        var xlsx = await kelan.GetAsync($"/api/v1/etowns/{towns[Kelan]}/budget.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var xerrors = new OpenXmlValidator().Validate(book).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(xerrors.Count == 0, string.Join("\n", xerrors));

        // An e-town without a plan still renders (empty sections) and validates.
        var lucheng = await app.SignInAsync("lucheng");
        var empty = await (await lucheng.GetAsync($"/api/v1/etowns/{towns[Lucheng]}/plan.docx")).Content.ReadAsByteArrayAsync();
        using var doc2 = WordprocessingDocument.Open(new MemoryStream(empty), false);
        Assert.Empty(new OpenXmlValidator().Validate(doc2));
    }
}
