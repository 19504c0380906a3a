using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Declarations;
using ETown.Web.Features.Etowns;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Standards;

/// <summary>
/// Issue #9 item 5 through the API on the demo data: the compliance view and the statistics dashboard give the same
/// verdict on STD-33/36/37/60 for the same e-town and year, and a variant adopted for a county changes the compliance
/// verdict, the eligibility warning and the dashboard check together.
/// </summary>
public class StandardViewsAgreeTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string OnlineRetail = "online_retail_wan";

    /// <summary>Rule → the compliance item and figure that decide it (growth figures are labelled “…同比增长率”).</summary>
    static readonly (string Rule, int Item, string Code, bool Growth)[] Rules =
    [
        ("STD-33", 33, "total_output_wan", true),
        ("STD-36", 36, OnlineRetail, true),
        ("STD-37", 37, "new_legal_entities", false),
        ("STD-60", 37, "new_entities_ecommerce_pct", false),
    ];

    static async Task<JsonElement> GetAsync(HttpClient c, string url)
    {
        var r = await c.GetAsync(url);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url}: {r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.JsonAsync();
    }

    static JsonElement? ComplianceFigure(JsonElement compliance, int item, string code, bool growth)
    {
        var it = compliance.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == item);
        foreach (var f in it.GetProperty("figures").EnumerateArray())
            if (f.GetProperty("code").GetString() == code && f.GetProperty("label").GetString()!.Contains("同比增长率") == growth) return f;
        return null;
    }

    static bool? Passed(JsonElement? figure) =>
        figure is { } f && f.GetProperty("passed").ValueKind is JsonValueKind.True or JsonValueKind.False ? f.GetProperty("passed").GetBoolean() : null;

    /// <summary>Rule → e-town name → met (true), missed (false), undecided (null), from the dashboard's standards view.</summary>
    static Dictionary<string, Dictionary<string, bool?>> Dashboard(JsonElement view) =>
        view.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r =>
        {
            var d = new Dictionary<string, bool?>();
            foreach (var n in r.GetProperty("metEtowns").EnumerateArray()) d[n.GetString()!] = true;
            foreach (var n in r.GetProperty("notMetEtowns").EnumerateArray()) d[n.GetString()!] = false;
            foreach (var n in r.GetProperty("unknownEtowns").EnumerateArray()) d[n.GetString()!] = null;
            return d;
        });

    static async Task<List<(Guid Id, string Name, string County)>> TownsAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return (await ctx.Etowns.Where(e => e.Status != EtownStatus.Withdrawn && e.Status != EtownStatus.Declared)
            .Select(e => new { e.Id, e.Name, e.CountyCode }).ToListAsync()).Select(e => (e.Id, e.Name, e.CountyCode)).ToList();
    }

    [Theory, SqliteData, PostgresData, Trait("Rule", "STD-33"), Trait("Rule", "STD-36"), Trait("Rule", "STD-37"), Trait("Rule", "STD-60")]
    public async Task ComplianceView_AndDashboard_GiveTheSameVerdict_ForTheSameEtownAndYear(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        // 2024: twelve approved months in 2023 and 2024 for the demo e-towns, so the compliance view judges the statistics' year.
        var dashboard = Dashboard(await GetAsync(province, "/api/v1/statistics/dashboard/standards?period=2024-12&approvedOnly=true"));
        var compared = Rules.ToDictionary(r => r.Rule, _ => 0);
        foreach (var town in await TownsAsync(app))
        {
            var compliance = await GetAsync(province, $"/api/v1/etowns/{town.Id}/compliance?year=2024");
            foreach (var (rule, item, code, growth) in Rules)
            {
                // Decided by both: the dashboard needs the months 1…12 of both years, the compliance view a complete
                // approved year (右玉 misses 2024-02: the dashboard decides STD-37 once reached, the compliance view waits).
                var shown = dashboard[rule].GetValueOrDefault(town.Name);
                var judged = Passed(ComplianceFigure(compliance, item, code, growth));
                if (shown is null || judged is null) continue;
                Assert.True(shown == judged,
                    $"{town.Name} {rule}: dashboard {shown}, compliance {ComplianceFigure(compliance, item, code, growth)}");
                compared[rule]++;
            }
        }
        Assert.All(compared, c => Assert.True(c.Value >= 3, $"{c.Key}: only {c.Value} e-towns compared"));
    }

    /// <summary>
    /// The province derives a version of SX-2022 for 潞城区 (140406) whose STD-36 growth threshold puts 潞城's 2024 online
    /// retail growth on the other side, and adopts it: the compliance verdict, the dashboard check and the eligibility
    /// warning on a declaration growing exactly as much all change together.
    /// </summary>
    [Theory, SqliteData, PostgresData, Trait("Rule", "STD-36")]
    public async Task VariantAdoptedForACounty_ChangesComplianceDashboardAndEligibility_Together(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        var county = await app.SignInAsync("lucheng");
        var town = (await TownsAsync(app)).Single(t => t.County == "140406");

        async Task<(bool? Compliance, bool? Dashboard, bool? Eligibility, decimal? Growth, string Version)> ViewsAsync()
        {
            var c = await GetAsync(province, $"/api/v1/etowns/{town.Id}/compliance?year=2024");
            var figure = ComplianceFigure(c, 36, OnlineRetail, growth: true);
            var growth = figure is { } f && f.GetProperty("value").ValueKind == JsonValueKind.Number ? f.GetProperty("value").GetDecimal() : (decimal?)null;
            var d = Dashboard(await GetAsync(province, "/api/v1/statistics/dashboard/standards?period=2024-12&approvedOnly=true"))["STD-36"].GetValueOrDefault(town.Name);
            bool? e = null;
            if (growth is { } g)
            {
                // A declaration for the same county whose online retail grows by the same rate (well above the 3000万元 target).
                var form = new DeclarationForm { CountyCode = "140406", ProjectName = "测试e镇", PlannedAreaKm2 = 2m };
                decimal v = 10_000m;
                foreach (var y in new[] { 2023, 2024, 2025 }) { form.SetTarget(TargetIndicator.OnlineRetail, y, v); v *= 1 + g / 100m; }
                var r = await county.SendJsonAsync(HttpMethod.Post, "/api/v1/declarations/eligibility-check", form);
                Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
                var std36 = (await r.JsonAsync()).GetProperty("results").EnumerateArray().Single(x => x.GetProperty("ruleId").GetString() == "STD-36");
                var outcome = std36.GetProperty("outcome");
                e = outcome.ValueKind == JsonValueKind.String ? outcome.GetString() == "Pass" : outcome.GetInt32() == 0;
            }
            return (Passed(figure), d, e, growth, c.GetProperty("versionCode").GetString()!);
        }

        var before = await ViewsAsync();
        Assert.NotNull(before.Compliance);
        Assert.Equal((before.Compliance, before.Compliance), (before.Dashboard, before.Eligibility));
        Assert.Equal("SX-2022", before.Version);

        // A threshold at least a point away from the growth, on the other side.
        var g = before.Growth!.Value;
        var threshold = before.Compliance == true ? Math.Ceiling(g) + 1 : Math.Floor(g) - 1;
        var r = await province.SendJsonAsync(HttpMethod.Post, "/api/v1/standards/SX-2022/derive", new { code = "LC-TEST", name = "潞城区测试版本", regionCode = "140406" });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        r = await province.SendJsonAsync(HttpMethod.Put, "/api/v1/standards/LC-TEST/items/36", new
        {
            standardText = $"年网络零售额同比增长率不低于{threshold}%。",
            spec = new
            {
                anyOf = new[]
                {
                    new object[]
                    {
                        new { indicator = OnlineRetail, byClass = new { pilot = 5_000m, advancing = 3_000m, assisted = 2_000m } },
                        new { indicator = OnlineRetail, growth = true, value = threshold },
                    },
                },
            },
        });
        Assert.True(r.StatusCode == HttpStatusCode.NoContent, await r.Content.ReadAsStringAsync());
        // Not yet adopted: nothing changes.
        Assert.Equal(before, await ViewsAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await province.SendJsonAsync(HttpMethod.Post, "/api/v1/standards/LC-TEST/adopt")).StatusCode);

        var after = await ViewsAsync();
        Assert.Equal("LC-TEST", after.Version);
        var flipped = !before.Compliance;
        Assert.Equal((flipped, flipped, flipped), (after.Compliance, after.Dashboard, after.Eligibility));
    }
}
