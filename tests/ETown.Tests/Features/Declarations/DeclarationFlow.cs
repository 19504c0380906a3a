using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Data.Seeding;

namespace ETown.Tests.Features.Declarations;

/// <summary>
/// The declaration workflow driven through the HTTP API, as the county, city, province and experts
/// would: helpers shared by the DeclarationWorkflow* test classes.
/// </summary>
public static class DeclarationFlow
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)); // Asia/Shanghai, as the service

    /// <summary>The four materials the county uploads (DECL-08 items 2–5); the city's recommendation (1) is the city's.</summary>
    public static readonly MaterialKind[] CountyMaterials =
        [MaterialKind.DeclarationForm, MaterialKind.CultivationPlan, MaterialKind.SupportingEvidence, MaterialKind.CommitmentLetter];

    /// <summary>
    /// A complete 附件2 form that passes DECL-04/05/06 and the 整体推进县 targets: 2.4 km², 60 market
    /// entities, 15 e-commerce enterprises, 1800万 online retail, 4 above 100万, 1.2亿 output, one featured product.
    /// </summary>
    public static DeclarationForm EligibleForm(string projectName, string countyCode = "140406")
    {
        var f = new DeclarationForm
        {
            CountyCode = countyCode, IsNationalDemoCounty = true, CountyClass = CountyClass.Advancing, ProjectName = projectName,
            PersonInCharge = "王五", PersonInChargePhone = "0355-5012345", Contact = "赵六", ContactPhone = "13900001234",
            Email = "etown-test@example.cn", Address = "测试镇人民路 8 号",
            PlannedAreaKm2 = 2.4m, Infrastructure = "物流配送中心\n冷链仓储 2000 立方米\n千兆宽带",
            MarketEntities = 60, EcommerceEnterprises = 15, OnlineRetailWan = 1800m, EnterprisesOver100Wan = 4,
            LeadingIndustries = "大葱种植与加工", FeaturedProducts = "大葱", Brands = "潞城大葱", OutputWan = 12000m,
            BoundaryText = "东至浊漳河，南至 309 国道，西至长邯高速，北至店上村北",
            CountyOpinion = "同意申报，县政府统筹资金、土地、人才保障建设。",
        };
        for (var i = 0; i < TargetIndicators.Years.Length; i++)
        {
            var y = TargetIndicators.Years[i];
            f.SetTarget(TargetIndicator.TotalInvestment, y, 6000m * (i + 1));      // 2025: 2.4亿 ≥ 2亿 (STD-35 整体推进)
            f.SetTarget(TargetIndicator.NewInvestment, y, 3000m * (i + 1));
            f.SetTarget(TargetIndicator.LeadingIndustryInvestment, y, 1500m * (i + 1));
            f.SetTarget(TargetIndicator.NewMarketEntities, y, 12 + i);            // ≥ 10 per year (STD-37)
            f.SetTarget(TargetIndicator.NewEcommerceEnterprises, y, 5 + i);
            f.SetTarget(TargetIndicator.OnlineMerchants, y, 100 + 50 * i);
            f.SetTarget(TargetIndicator.TotalOutput, y, 12000m + 1500m * (i + 1)); // 2025: 1.8亿 ≥ 1.5亿 (STD-33)
            f.SetTarget(TargetIndicator.OnlineRetail, y, 2200m + 400m * i);       // ≥ 10% yoy, 2025: 3400 ≥ 3000 (STD-36)
            f.SetTarget(TargetIndicator.Brands, y, 2 + i);
            f.SetTarget(TargetIndicator.RdInstitutions, y, 1);
            f.SetTarget(TargetIndicator.Employment, y, 200 + 50 * i);
            f.SetTarget(TargetIndicator.Tax, y, 100 + 40 * i);
        }
        return f;
    }

    /// <summary>A small, real PDF whose content is unique (so two uploads never share a stored file).</summary>
    public static byte[] Pdf(string label) => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n% {label} {Guid.NewGuid():N}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static async Task<Guid> CreateAsync(HttpClient county, DeclarationForm form)
    {
        var r = await county.SendJsonAsync(HttpMethod.Post, "/api/v1/declarations", form);
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"create: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (await r.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, MaterialKind kind, byte[] bytes, string fileName,
        string contentType = "application/pdf")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        content.Add(file, "file", fileName);
        return client.PostAsync($"/api/v1/declarations/{id}/materials/{kind}", content);
    }

    public static async Task<JsonElement> UploadOkAsync(HttpClient client, Guid id, MaterialKind kind, byte[] bytes, string fileName)
    {
        var r = await UploadAsync(client, id, kind, bytes, fileName);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"upload {kind}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.JsonAsync();
    }

    public static async Task UploadCountyMaterialsAsync(HttpClient county, Guid id)
    {
        foreach (var k in CountyMaterials) await UploadOkAsync(county, id, k, Pdf(k.ToString()), $"{k}.pdf");
    }

    public static async Task<Guid> CreateSubmittedAsync(HttpClient county, DeclarationForm form)
    {
        var id = await CreateAsync(county, form);
        await UploadCountyMaterialsAsync(county, id);
        await ExpectAsync(await county.PostAsync($"/api/v1/declarations/{id}/submit", null), HttpStatusCode.NoContent);
        return id;
    }

    public static async Task<JsonElement> DetailAsync(HttpClient client, Guid id)
    {
        var r = await client.GetAsync($"/api/v1/declarations/{id}");
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"detail: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.JsonAsync();
    }

    public static async Task ExpectAsync(HttpResponseMessage r, HttpStatusCode status, string? code = null)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == status, $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)r.StatusCode} {body}");
        if (code is not null)
        {
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(code, doc.RootElement.GetProperty("code").GetString());
        }
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient c, string url, object? body = null) => c.SendJsonAsync(HttpMethod.Post, url, body);

    /// <summary>The province's expert list (GET /declaration-rounds/{year}/experts) → the id of a demo expert account.</summary>
    public static async Task<Guid> ExpertIdAsync(HttpClient province, int year, string userName)
    {
        var name = DemoData.Accounts.Single(a => a.UserName == userName).DisplayName;
        var r = await province.GetAsync($"/api/v1/declaration-rounds/{year}/experts");
        await ExpectAsync(r, HttpStatusCode.OK);
        var list = await r.JsonAsync();
        return list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public static object Scores(decimal industry, decimal ecommerce, decimal space, decimal targets, decimal support, string? comment = null) => new
    {
        scores = new Dictionary<string, decimal>
        {
            ["industry"] = industry, ["ecommerce"] = ecommerce, ["space"] = space, ["targets"] = targets, ["support"] = support,
        },
        comment,
    };
}
