using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Features.Regions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Features.Declarations;

/// <summary>The app on a fresh SQLite file with demo data: the SX-2022 set is seeded and the endpoints answer.</summary>
public sealed class EligibilityAppFixture : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "etown-elig-" + Guid.NewGuid().ToString("N"));
    public WebApplicationFactory<Program> Factory { get; }

    public EligibilityAppFixture()
    {
        Directory.CreateDirectory(_dir);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:SqlitePath", Path.Combine(_dir, "etown.db"));
            b.UseSetting("DataProtection:KeysPath", Path.Combine(_dir, "keys"));
            b.UseSetting("Audit:Path", Path.Combine(_dir, "audit"));
            b.UseSetting("Demo:Enabled", "true");
            b.UseSetting("Demo:PrintAccounts", "false");
        });
    }

    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = "Etown@2026" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    public void Dispose()
    {
        ETown.Tests.Infrastructure.LiveApps.Leaving(this);
        Factory.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public class EligibilityEndpointTests(EligibilityAppFixture app) : IClassFixture<EligibilityAppFixture>
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>潞城 from its plan (001): 4.8 km², 大葱, 1.53亿 output and 3100万 online retail in the completion year, 4.1亿 investment.</summary>
    static DeclarationForm Lucheng()
    {
        var f = new DeclarationForm
        {
            CountyCode = "140406", ProjectName = "长治市潞城区乡村e镇", PlannedAreaKm2 = 4.8m, FeaturedProducts = "大葱",
            MarketEntities = 20, EcommerceEnterprises = 10, OnlineRetailWan = 1000m, OutputWan = 5000m,
        };
        decimal[] output = [15300, 16830, 18513, 20364], retail = [3100, 3410, 3751, 4127], investment = [15000, 25000, 33000, 41000];
        for (var k = 0; k < 4; k++)
        {
            var y = TargetIndicators.Years[k];
            f.SetTarget(TargetIndicator.TotalOutput, y, output[k]);
            f.SetTarget(TargetIndicator.OnlineRetail, y, retail[k]);
            f.SetTarget(TargetIndicator.TotalInvestment, y, investment[k]);
            f.SetTarget(TargetIndicator.NewMarketEntities, y, 10);
        }
        return f;
    }

    [Fact]
    public async Task EligibilityCheck_Lucheng_IsEligible_WithTheClassAndCityFromTheRegionDirectory()
    {
        using var client = await app.SignedInAsync("lucheng");
        var res = await client.PostAsJsonAsync("/api/v1/declarations/eligibility-check", Lucheng(), Json);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var report = (await res.Content.ReadFromJsonAsync<EligibilityReport>(Json))!;
        Assert.Equal("SX-2022", report.RuleSetCode);
        Assert.True(report.Eligible, string.Join("\n", report.Results.Select(r => r.Message)));
        Assert.Equal(EligibilityEngine.RuleIds, report.Results.Select(r => r.RuleId));
        Assert.Equal(CountyClass.Advancing, report.CountyClass); // 潞城区 is 整体推进县 in the region directory
        var decl02 = report.Results.Single(r => r.RuleId == "DECL-02");
        Assert.Equal(12m, decl02.Figures["countyLevelUnitsInCity"]); // 长治市 has 12 county-level units
        Assert.All(report.Results, r => Assert.Equal(RuleOutcome.Pass, r.Outcome));
    }

    [Fact]
    [Trait("Rule", "DECL-04")]
    public async Task EligibilityCheck_NonEligibleForm_ReportsTheFailedRules()
    {
        using var client = await app.SignedInAsync("lucheng");
        var f = Lucheng();
        f.EcommerceEnterprises = 8;
        f.PlannedAreaKm2 = 5.01m;
        var res = await client.PostAsJsonAsync("/api/v1/declarations/eligibility-check?ruleSetCode=SX-2022", f, Json);
        var report = (await res.Content.ReadFromJsonAsync<EligibilityReport>(Json))!;
        Assert.False(report.Eligible);
        Assert.Equal(["DECL-04", "DECL-06"], report.Results.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.RuleId));
        Assert.Contains("5.01", report.Results.Single(r => r.RuleId == "DECL-06").Message);
    }

    [Fact]
    public async Task EligibilityCheck_WithoutSignIn_Is401()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var res = await client.PostAsJsonAsync("/api/v1/declarations/eligibility-check", Lucheng(), Json);
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
    }

    [Fact]
    public async Task EligibilityCheck_UnknownRuleSet_Is404WithAStableCode()
    {
        using var client = await app.SignedInAsync("lucheng");
        var res = await client.PostAsJsonAsync("/api/v1/declarations/eligibility-check?ruleSetCode=NOPE", Lucheng(), Json);
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Contains("ETOWN-COMMON-0404", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RuleSets_ListShowsTheSeededSx2022_AndACountyMayNotDerive()
    {
        using var client = await app.SignedInAsync("lucheng");
        var list = (await client.GetFromJsonAsync<List<RuleSetRow>>("/api/v1/eligibility-rule-sets", Json))!;
        var sx = Assert.Single(list, s => s.Code == "SX-2022");
        Assert.True(sx.IsInUse);
        Assert.Equal(1000m, sx.Thresholds.MinOnlineRetailWan);

        var derive = await client.PostAsJsonAsync("/api/v1/eligibility-rule-sets/SX-2022/derive",
            new DeriveRuleSetInput("CZ-2022", "长治市", "140400", null), Json);
        Assert.Equal(HttpStatusCode.Forbidden, derive.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheEligibilityCheck()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/declarations/eligibility-check", doc);
        Assert.Contains("申报条件自检", doc);
        Assert.Contains("DeclarationForm", doc);
    }

    [Fact]
    public async Task CityDerivesAStricterSet_AdoptsIt_AndItsCountiesAreCheckedAgainstIt()
    {
        using var shuozhou = await app.SignedInAsync("shuozhou");
        var stricter = EligibilityThresholds.Shanxi2022 with { MinEcommerceEnterprises = 15 };
        var created = await shuozhou.PostAsJsonAsync("/api/v1/eligibility-rule-sets/SX-2022/derive",
            new DeriveRuleSetInput("SZ-2022", "朔州市乡村e镇申报条件（从严）", "140600", stricter), Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = (await created.Content.ReadFromJsonAsync<RuleSetRow>(Json))!;
        Assert.Equal(("SX-2022", "140600", false, 2), (row.ParentCode, row.CityCode, row.IsInUse, row.Version));

        // Loosening is refused (422), another city may not touch it (403).
        var loosen = await shuozhou.PutAsJsonAsync("/api/v1/eligibility-rule-sets/SZ-2022/thresholds", stricter with { MinOutputWan = 4000m }, Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, loosen.StatusCode);
        Assert.Contains("ETOWN-ELIG-0002", await loosen.Content.ReadAsStringAsync());
        using var changzhi = await app.SignedInAsync("changzhi");
        Assert.Equal(HttpStatusCode.Forbidden, (await changzhi.PutAsJsonAsync("/api/v1/eligibility-rule-sets/SZ-2022/thresholds", stricter, Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await changzhi.PostAsJsonAsync("/api/v1/eligibility-rule-sets/SX-2022/derive",
            new DeriveRuleSetInput("SZ-X", "x", "140600", null), Json)).StatusCode);

        // Tighten further, adopt, then it is immutable (409).
        var tighter = stricter with { MinMarketEntities = 25 };
        Assert.Equal(HttpStatusCode.NoContent, (await shuozhou.PutAsJsonAsync("/api/v1/eligibility-rule-sets/SZ-2022/thresholds", tighter, Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await shuozhou.PostAsync("/api/v1/eligibility-rule-sets/SZ-2022/adopt", null)).StatusCode);
        var locked = await shuozhou.PutAsJsonAsync("/api/v1/eligibility-rule-sets/SZ-2022/thresholds", tighter with { MinOutputWan = 9000m }, Json);
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Contains("ETOWN-ELIG-0001", await locked.Content.ReadAsStringAsync());

        // A 朔州 county (山阴县) is now checked against SZ-2022 by default; 长治's 潞城 still against SX-2022.
        var f = Lucheng();
        f.CountyCode = "140621";
        f.EcommerceEnterprises = 12;
        f.MarketEntities = 30;
        var report = (await (await shuozhou.PostAsJsonAsync("/api/v1/declarations/eligibility-check", f, Json)).Content.ReadFromJsonAsync<EligibilityReport>(Json))!;
        Assert.Equal("SZ-2022", report.RuleSetCode);
        Assert.Equal(RuleOutcome.Fail, report.Results.Single(r => r.RuleId == "DECL-04").Outcome);
        Assert.Equal(6m, report.Results.Single(r => r.RuleId == "DECL-02").Figures["countyLevelUnitsInCity"]);
        f.CountyCode = "140406";
        var lucheng = (await (await shuozhou.PostAsJsonAsync("/api/v1/declarations/eligibility-check", f, Json)).Content.ReadFromJsonAsync<EligibilityReport>(Json))!;
        Assert.Equal("SX-2022", lucheng.RuleSetCode);
        Assert.True(lucheng.Eligible);

        // Every change is in the audit chain.
        await using var ctx = app.Factory.Services.GetRequiredService<EtownDb>().CreateSystem();
        var actions = await ctx.AuditRecords.Where(a => a.EntityType == nameof(EligibilityRuleSet) && a.UserName == "shuozhou")
            .OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        Assert.Equal(["Create", "Update", "Update"], actions);
    }

    [Fact]
    public async Task ProvinceDerivesNextYearsVersion_WhichMayLoosen_AndSeedingIsIdempotent()
    {
        using var province = await app.SignedInAsync("province");
        var res = await province.PostAsJsonAsync("/api/v1/eligibility-rule-sets/SX-2022/derive",
            new DeriveRuleSetInput("SX-2023-DRAFT", "山西省乡村e镇申报条件（草案）", null, EligibilityThresholds.Shanxi2022 with { MinOutputWan = 4000m }), Json);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var again = await province.PostAsJsonAsync("/api/v1/eligibility-rule-sets/SX-2022/derive",
            new DeriveRuleSetInput("SX-2023-DRAFT", "重复", null, null), Json);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var services = app.Factory.Services;
        await using var ctx = services.GetRequiredService<EtownDb>().CreateSystem();
        await EligibilityService.SeedAsync(ctx, TimeProvider.System);
        await EligibilityService.SeedAsync(ctx, TimeProvider.System);
        Assert.Equal(1, await ctx.EligibilityRuleSets.CountAsync(s => s.Code == "SX-2022"));
    }
}
