using System.Text.Json;
using ETown.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Declarations;

/// <summary>
/// Issue #14 item 8, DECL-01 (priority to national e-commerce demo counties): the seeded reference data flags the counties
/// the documents name — 临猗 (004 line 13 "全国电子商务进农村综合示范项目典型县"), 怀仁 and 右玉 (003 line 84), 潞城 (001 line 5,
/// written under the 2021 demo-work notice) — each with its source in Reference/shanxi-regions.json; 山阴 and 应县 are not.
/// </summary>
public class NationalDemoCountyTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData, Trait("Rule", "DECL-01")]
    public async Task Decl01_DemoCountiesNamedInTheDocuments_AreFlagged_WithTheirSource(string provider)
    {
        await using var ctx = apps[provider].SystemContext();
        var flags = await ctx.Regions.Where(r => new[] { "140821", "140681", "140623", "140406", "140621", "140622" }.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.IsNationalDemoCounty);
        Assert.True(flags["140821"] && flags["140681"] && flags["140623"] && flags["140406"]);
        Assert.False(flags["140621"] || flags["140622"]); // 山阴, 应县: not demo counties (003 line 84)

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Reference", "shanxi-regions.json")));
        var sources = json.RootElement.GetProperty("cities").EnumerateArray().SelectMany(c => c.GetProperty("counties").EnumerateArray())
            .Where(c => c.TryGetProperty("national_demo", out var d) && d.GetBoolean())
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.TryGetProperty("national_demo_source", out var s) ? s.GetString() : null);
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), $"{s.Key}: national_demo without a source"));
        Assert.Contains("004", sources["140821"]);
    }
}

/// <summary>DECL-01 priority in the province's ranking (000 line 103 "优先重点支持国家电子商务进农村综合示范县").</summary>
public class NationalDemoPriorityTests
{
    [Fact, Trait("Rule", "DECL-01")]
    public void Decl01_AtAnEqualAverage_TheNationalDemoCountyRanksFirst()
    {
        Guid a = Guid.NewGuid(), demo = Guid.NewGuid(), b = Guid.NewGuid(), top = Guid.NewGuid(), none = Guid.NewGuid();
        var ranks = ETown.Web.Features.Declarations.DeclarationService.Ranks(
        [
            (a, 85m, false), (demo, 85m, true), (b, 85m, false), (top, 90m, false), (none, null, true),
        ]);
        Assert.Equal(1, ranks[top]);      // a higher score stays ahead of any demo county
        Assert.Equal(2, ranks[demo]);     // equal score: the demo county first
        Assert.Equal(3, ranks[a]);        // the others share the next rank
        Assert.Equal(3, ranks[b]);
        Assert.Null(ranks[none]);         // not scored, not ranked
        // 0.01 lower is lower, demo or not.
        var lower = ETown.Web.Features.Declarations.DeclarationService.Ranks([(a, 85m, false), (demo, 84.99m, true)]);
        Assert.Equal((1, 2), (lower[a]!.Value, lower[demo]!.Value));
    }
}
