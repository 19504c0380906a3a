using System.Net;
using System.Text.Json;
using ETown.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;
using static ETown.Tests.Features.Statistics.StatisticsApi;

namespace ETown.Tests.Features.Statistics;

/// <summary>
/// Issue #4 items 6 and 10 through the API on both databases: derived figures recomputed by hand from values entered
/// in the test, approval marks, approved-only reading, targets (declaration first), the city's official growth (STD-33), scope.
/// </summary>
public class StatAnalyticsTests(DemoApps apps) : IClassFixture<DemoApps>
{
    const string Lucheng = "长治市潞城区乡村e镇";
    const string Changzhi = "140400";

    static async Task<Guid> LuchengAsync(EtownAppFactory app)
    {
        await using var ctx = app.SystemContext();
        return await ctx.Etowns.Where(e => e.Name == Lucheng).Select(e => e.Id).SingleAsync();
    }

    /// <summary>Operator enters and submits; the county approves unless told not to.</summary>
    static async Task ReportAsync(HttpClient op, HttpClient county, Guid id, string period, bool approve, params (string, decimal)[] values)
    {
        Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(id, period), Values(values))).StatusCode);
        var submit = await op.PostAsync(Url(id, period, "submit"), null);
        Assert.True(submit.StatusCode == HttpStatusCode.OK, await submit.Content.ReadAsStringAsync());
        if (approve) Assert.Equal(HttpStatusCode.OK, (await county.PostAsync(Url(id, period, "approve"), null)).StatusCode);
    }

    static JsonElement Figure(JsonElement derived, string indicator) =>
        derived.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("indicator").GetString() == indicator);

    static JsonElement Check(JsonElement derived, string rule) =>
        derived.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("rule").GetString() == rule);

    static decimal? Dec(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    /// <summary>
    /// STD-33's city average: a province-wide caller computes it from the values it has already loaded, a city caller
    /// reads it separately (system read of the whole city). Both must give the same threshold for every e-town.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STD-33")]
    public async Task CityAverage_IsTheSame_WhetherTheProvinceOrTheCityAsks(string provider)
    {
        var app = apps[provider];
        var province = await app.SignInAsync("province");
        foreach (var (user, prefix) in new[] { ("shuozhou", "1406"), ("changzhi", "1404") })
        {
            var city = await app.SignInAsync(user);
            foreach (var period in new[] { "2025-12", "2024-06" })
            foreach (var approvedOnly in new[] { false, true })
            {
                var q = $"/api/v1/statistics/derived?period={period}&approvedOnly={approvedOnly.ToString().ToLowerInvariant()}";
                static Dictionary<string, (decimal?, decimal?, string?)> Std33(JsonElement list, string prefix) =>
                    list.EnumerateArray().Where(e => e.GetProperty("countyCode").GetString()!.StartsWith(prefix, StringComparison.Ordinal))
                        .ToDictionary(e => e.GetProperty("etownName").GetString()!, e =>
                        {
                            var c = Check(e, "STD-33");
                            return (Dec(c, "value"), Dec(c, "threshold"), c.GetProperty("basis").GetString());
                        });
                var byProvince = Std33(await (await province.GetAsync(q)).JsonAsync(), prefix);
                var byCity = Std33(await (await city.GetAsync(q)).JsonAsync(), prefix);
                Assert.NotEmpty(byCity);
                Assert.Equal(byCity, byProvince);
                if (period == "2025-12" && !approvedOnly) Assert.All(byCity.Values, v => Assert.NotNull(v.Item2)); // a real average was compared
            }
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task DerivedFigures_MatchTheHandComputation_AndMarkUnapprovedData(string provider)
    {
        var app = apps[provider];
        var id = await LuchengAsync(app);
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        var city = await app.SignInAsync("changzhi");

        // 2032: retail 100/100/100, output 200/200/200; 2033: retail 110/120/130, output 220/230/240; 2033-03 not yet approved.
        foreach (var m in new[] { "01", "02", "03" })
            await ReportAsync(op, county, id, "2032-" + m, true, (C.OnlineRetail, 100m), (C.TotalOutput, 200m), (C.NewMarketEntities, 4m), (C.NewEcommerceEntities, 3m));
        await ReportAsync(op, county, id, "2033-01", true, (C.OnlineRetail, 110m), (C.TotalOutput, 220m), (C.NewMarketEntities, 4m), (C.NewEcommerceEntities, 2m));
        await ReportAsync(op, county, id, "2033-02", true, (C.OnlineRetail, 120m), (C.TotalOutput, 230m), (C.NewMarketEntities, 3m), (C.NewEcommerceEntities, 2m));
        await ReportAsync(op, county, id, "2033-03", false, (C.OnlineRetail, 130m), (C.TotalOutput, 240m), (C.NewMarketEntities, 3m), (C.NewEcommerceEntities, 2m));

        // A target for 2033 where the declaration (2022–2025) has none.
        var setTarget = await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{id}/targets?year=2033",
            new { targets = new[] { new { indicator = C.OnlineRetail, value = (decimal?)1440m, note = "县政府工作报告" } } });
        Assert.Equal(HttpStatusCode.OK, setTarget.StatusCode);

        var d = await (await county.GetAsync(Url(id, "2033-03", "derived"))).JsonAsync();
        var retail = Figure(d, C.OnlineRetail);
        Assert.Equal(130m, Dec(retail, "month"));
        Assert.Equal(360m, Dec(retail, "yearToDate"));          // 110 + 120 + 130
        Assert.Equal(300m, Dec(retail, "yearToDateLastYear"));  // 3 × 100
        Assert.Equal(20.0m, Dec(retail, "ytdYoyPercent"));      // 360 / 300 − 1
        Assert.Equal(1440m, Dec(retail, "annualTarget"));
        Assert.Equal("填报", retail.GetProperty("targetSource").GetString());
        Assert.Equal(25.0m, Dec(retail, "targetCompletionPercent")); // 360 / 1440
        Assert.False(retail.GetProperty("approved").GetBoolean()); // March is only submitted
        Assert.False(d.GetProperty("approved").GetBoolean());
        // STD-60: (2 + 2 + 2) / (4 + 3 + 3) = 60 % → met; STD-36: +20 % → met.
        Assert.Equal(60.0m, Dec(Check(d, "STD-60"), "value"));
        Assert.True(Check(d, "STD-60").GetProperty("met").GetBoolean());
        Assert.True(Check(d, "STD-36").GetProperty("met").GetBoolean());
        // STD-33 without 长治's official growth: 潞城 is 长治's only demo e-town, and the average of one town is the town
        // itself — not a city average (issue #14 item 2): not judged, "缺少全市平均水平".
        var std33 = Check(d, "STD-33");
        Assert.Equal(15.0m, Dec(std33, "value"));
        Assert.Null(Dec(std33, "threshold"));
        Assert.Equal(JsonValueKind.Null, std33.GetProperty("met").ValueKind);
        Assert.Contains("缺少全市平均水平", std33.GetProperty("basis").GetString());

        // Approved data only: March drops out, the span is incomplete, no growth, and what is shown is approved.
        var a = await (await county.GetAsync(Url(id, "2033-03", "derived") + "?approvedOnly=true")).JsonAsync();
        var ra = Figure(a, C.OnlineRetail);
        Assert.Equal(230m, Dec(ra, "yearToDate"));
        Assert.Equal(2, ra.GetProperty("ytdMonths").GetInt32());
        Assert.Null(Dec(ra, "ytdYoyPercent"));
        Assert.True(ra.GetProperty("approved").GetBoolean());

        // The city enters its official growth (10 %): the threshold becomes 12 % and 15 % is above it.
        var official = await city.SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/city-figures", new { cityCode = Changzhi, period = "2033-03", growthPercent = 10m, source = "长治市统计局 1–3 月快报" });
        Assert.Equal(HttpStatusCode.OK, official.StatusCode);
        var cf = await official.JsonAsync();
        Assert.Equal(10m, Dec(cf, "officialGrowthPercent"));
        Assert.Equal(15.0m, Dec(cf, "computedGrowthPercent"));
        d = await (await county.GetAsync(Url(id, "2033-03", "derived"))).JsonAsync();
        std33 = Check(d, "STD-33");
        Assert.Equal(12m, Dec(std33, "threshold"));
        Assert.True(std33.GetProperty("met").GetBoolean());
        Assert.Contains("市统计部门", std33.GetProperty("basis").GetString());

        // Trend: monthly values and the running YTD.
        var trend = (await (await op.GetAsync($"/api/v1/statistics/etowns/{id}/trend?indicator={C.OnlineRetail}&from=2032-12&to=2033-03")).JsonAsync())
            .EnumerateArray().ToList();
        Assert.Equal(["2032-12", "2033-01", "2033-02", "2033-03"], trend.Select(t => t.GetProperty("period").GetString()));
        // December 2032 has no value of its own; its YTD is the approved January–March 2032 (300).
        Assert.Equal([300m, 110m, 230m, 360m], trend.Select(t => Dec(t, "yearToDate")));
        Assert.Null(Dec(trend[0], "value"));
        Assert.Equal([true, true, true, false], trend.Select(t => t.GetProperty("approved").GetBoolean()));

        // The province ranking view (the list) gives the same figures as the single e-town.
        var all = await (await app.SignInAsync("province")).GetAsync("/api/v1/statistics/derived?period=2033-03");
        var row = (await all.JsonAsync()).EnumerateArray().Single(r => r.GetProperty("etownName").GetString() == Lucheng);
        Assert.Equal(360m, Dec(Figure(row, C.OnlineRetail), "yearToDate"));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "DECL-09")]
    public async Task Targets_FromTheDeclarationCannotBeOverwritten_AndOnlyCountyOrProvinceEnterThem(string provider)
    {
        var app = apps[provider];
        var id = await LuchengAsync(app);
        var county = await app.SignInAsync("lucheng");
        var rows = (await (await county.GetAsync($"/api/v1/statistics/etowns/{id}/targets?year=2025")).JsonAsync()).EnumerateArray().ToList();
        var declared = rows.First(r => r.GetProperty("declarationTarget").ValueKind != JsonValueKind.Null);
        Assert.Equal("申报书", declared.GetProperty("source").GetString());
        var refused = await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{id}/targets?year=2025",
            new { targets = new[] { new { indicator = declared.GetProperty("indicator").GetString(), value = (decimal?)1m, note = (string?)null } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("申报书", await refused.Content.ReadAsStringAsync());

        // An operator may read but not set targets; another county cannot reach the e-town.
        var op = await app.SignInAsync("operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await op.SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{id}/targets?year=2034",
            new { targets = new[] { new { indicator = C.Tax, value = (decimal?)5m, note = (string?)null } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("kelan")).SendJsonAsync(HttpMethod.Put, $"/api/v1/statistics/etowns/{id}/targets?year=2034",
            new { targets = new[] { new { indicator = C.Tax, value = (decimal?)5m, note = (string?)null } } })).StatusCode);
        await using var ctx = app.SystemContext();
        Assert.False(await ctx.StatTargets.AnyAsync(t => t.EtownId == id && t.Year == 2034));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STD-33")]
    public async Task CityFigure_OnlyTheCityItselfOrTheProvince(string provider)
    {
        var app = apps[provider];
        var body = new { cityCode = Changzhi, period = "2034-01", growthPercent = 5m, source = (string?)null };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("shuozhou")).SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/city-figures", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("lucheng")).SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/city-figures", body)).StatusCode);
        var bad = await (await app.SignInAsync("province")).SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/city-figures", body with { cityCode = "140406" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("ETOWN-STAT-0010", await bad.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("province")).SendJsonAsync(HttpMethod.Put, "/api/v1/statistics/city-figures", body)).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    public async Task DerivedList_IsScoped(string provider)
    {
        var app = apps[provider];
        async Task<List<string>> Names(string user) =>
            (await (await (await app.SignInAsync(user)).GetAsync("/api/v1/statistics/derived?period=2025-11")).JsonAsync())
            .EnumerateArray().Select(r => r.GetProperty("etownName").GetString()!).Order().ToList();
        Assert.Equal([Lucheng], await Names("changzhi"));
        Assert.Equal([Lucheng], await Names("operator"));
        Assert.Equal(4, (await Names("shuozhou")).Count);
        Assert.Equal(7, (await Names("province")).Count);
        // A city filter outside the caller's scope yields nothing, not another city's towns.
        var other = await (await app.SignInAsync("changzhi")).GetAsync("/api/v1/statistics/derived?period=2025-11&cityCode=140600");
        Assert.Empty((await other.JsonAsync()).EnumerateArray());
    }
}

/// <summary>Issue #4 → #5: the construction standard reads a year from approved statistics once all twelve months are approved.</summary>
public class ComplianceFromStatisticsTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "STAT-05")]
    public async Task TwelveApprovedMonths_BecomeTheYearsFigures_ElevenDoNot(string provider)
    {
        var app = apps[provider];
        Guid id;
        await using (var ctx = app.SystemContext()) id = await ctx.Etowns.Where(e => e.Name == "长治市潞城区乡村e镇").Select(e => e.Id).SingleAsync();
        var op = await app.SignInAsync("operator");
        var county = await app.SignInAsync("lucheng");
        string Url(string period, string? action = null) => $"/api/v1/statistics/etowns/{id}/{period}" + (action is null ? "" : "/" + action);

        // The county had entered an output of 1 万元 for 2035 by hand.
        Assert.Equal(HttpStatusCode.NoContent, (await county.SendJsonAsync(HttpMethod.Put, $"/api/v1/etowns/{id}/figures",
            new { figures = new[] { new { indicator = "total_output_wan", year = 2035, value = (decimal?)1m, note = (string?)null } } })).StatusCode);

        // 2035: output 1000 万元 a month, 12 new entities a month of which 8 in e-commerce; months 1–11 approved, December only submitted.
        for (var m = 1; m <= 12; m++)
        {
            var period = $"2035-{m:D2}";
            Assert.Equal(HttpStatusCode.OK, (await op.SendJsonAsync(HttpMethod.Put, Url(period), new
            {
                values = new object[]
                {
                    new { indicator = C.TotalOutput, value = 1000m }, new { indicator = C.NewMarketEntities, value = 12m },
                    new { indicator = C.NewLegalEntities, value = 12m }, // STD-37 counts legal persons (issue #14 item 4)
                    new { indicator = C.NewEcommerceEntities, value = 8m }, new { indicator = C.Employment, value = 100m + m },
                },
            })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await op.PostAsync(Url(period, "submit"), null)).StatusCode);
            if (m < 12) Assert.Equal(HttpStatusCode.OK, (await county.PostAsync(Url(period, "approve"), null)).StatusCode);
        }

        async Task<List<JsonElement>> Figures2035() =>
            (await (await county.GetAsync($"/api/v1/etowns/{id}/figures")).JsonAsync()).EnumerateArray()
            .Where(f => f.GetProperty("year").GetInt32() == 2035).ToList();
        var before = await Figures2035();
        var output = before.Single(f => f.GetProperty("indicator").GetString() == "total_output_wan");
        Assert.Equal(1m, output.GetProperty("value").GetDecimal()); // eleven approved months: still the entered figure
        Assert.Equal("entered", output.GetProperty("source").GetString());

        Assert.Equal(HttpStatusCode.OK, (await county.PostAsync(Url("2035-12", "approve"), null)).StatusCode);
        var after = await Figures2035();
        decimal Value(string code) => after.Single(f => f.GetProperty("indicator").GetString() == code).GetProperty("value").GetDecimal();
        Assert.Equal("statistics", after.Single(f => f.GetProperty("indicator").GetString() == "total_output_wan").GetProperty("source").GetString());
        Assert.Equal(12_000m, Value("total_output_wan"));          // 12 × 1000
        Assert.Equal(144m, Value("new_legal_entities"));          // 12 × 12
        Assert.Equal(66.67m, Value("new_entities_ecommerce_pct")); // 96 / 144, judged unrounded, shown to two places (#9 item 5)
        Assert.Equal(112m, Value("employment"));                  // December's stock

        // The compliance verdict of item 33 now shows the statistics figure for 2035.
        var compliance = await (await county.GetAsync($"/api/v1/etowns/{id}/compliance?year=2035")).JsonAsync();
        var item33 = compliance.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 33);
        Assert.Contains(item33.GetProperty("figures").EnumerateArray(), f => f.GetProperty("code").GetString() == "total_output_wan"
            && f.GetProperty("value").ValueKind == JsonValueKind.Number && f.GetProperty("value").GetDecimal() == 12_000m);
    }
}
