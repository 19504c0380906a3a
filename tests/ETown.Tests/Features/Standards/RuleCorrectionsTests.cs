using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;

namespace ETown.Tests.Features.Standards;

/// <summary>Issue #14: rule corrections in the construction standard, each at its boundary and with its clause.</summary>
public class RuleCorrectionsTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly IReadOnlyList<StandardVersion> Catalogue = StandardCatalogue2022.All(Now);
    static StandardVersion P => Catalogue[0];

    static EvidenceSnapshot Confirmed(int item, int? year, params (string Key, decimal Value)[] facts) =>
        new(Guid.NewGuid(), item, EvidenceStatus.Confirmed, facts.ToDictionary(f => f.Key, f => f.Value), Now, Now, null, year);

    static ItemVerdict Judge(int item, int? year, params EvidenceSnapshot[] evidence) =>
        ComplianceEngine.Evaluate(new ComplianceInput(CountyClass.Advancing, P.Items.Where(i => i.Number == item).ToList(), [], evidence, null, year)).Single();

    /// <summary>
    /// Items 14, 19 and 29 are "每年" items (000 附件1 lines 213 "每年举办或参加不少于1次…展会", 222 "每年举办大赛不少于1次",
    /// 232 "每年开展不少于2次以上…宣传活动"): evidence carries the year it is for and satisfies only that year.
    /// </summary>
    [Theory]
    [InlineData(14, "brand_fairs_per_year", 1, "STD-14")]
    [InlineData(19, "contests_per_year", 1, "STD-19")]
    [InlineData(29, "campaigns_per_year", 2, "STD-29")]
    [Trait("Rule", "STD-14"), Trait("Rule", "STD-19"), Trait("Rule", "STD-29")]
    public void EveryYearItems_EvidenceSatisfiesOnlyItsOwnYear(int item, string key, decimal min, string rule)
    {
        Assert.StartsWith("STD-", rule);
        var facts = new List<(string, decimal)> { (key, min) };
        if (item == 14) facts.Add(("publicity_matrix", 1m));
        var for2024 = Confirmed(item, 2024, [.. facts]);
        Assert.Equal(Verdict.Met, Judge(item, 2024, for2024).Verdict);
        // 2025 has no evidence of its own: the 2024 fair does not count for it.
        var v2025 = Judge(item, 2025, for2024);
        Assert.Equal(Verdict.EvidencePending, v2025.Verdict);
        Assert.Contains("2025 年", v2025.Reason);
        // Evidence without a year satisfies no year of a "每年" item.
        Assert.Equal(Verdict.EvidencePending, Judge(item, 2024, Confirmed(item, null, [.. facts])).Verdict);
        // Below the yearly minimum in its own year: not met.
        var short_ = facts.Select(f => f.Item1 == key ? (f.Item1, min - 1) : f).ToArray();
        Assert.Equal(Verdict.NotMet, Judge(item, 2025, Confirmed(item, 2025, short_)).Verdict);
    }

    /// <summary>A one-off item (20, the service centre) is not judged per year: evidence of any year stands.</summary>
    [Fact, Trait("Rule", "STD-20")]
    public void OneOffItem_IsNotJudgedPerYear()
    {
        var ev = Confirmed(20, 2023, ("area_m2", 1_200m), ("big_data_centre", 1m), ("live_rooms", 1m));
        Assert.Equal(Verdict.Met, Judge(20, 2025, ev).Verdict);
    }
}
