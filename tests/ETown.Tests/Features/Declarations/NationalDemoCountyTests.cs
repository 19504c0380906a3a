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
