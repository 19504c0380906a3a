using ETown.Web.Features.Statistics;
using C = ETown.Web.Features.Statistics.IndicatorCatalogue;

namespace ETown.Tests.Features.Statistics;

/// <summary>STAT-01 (“真实可信”): the seeded validation rules, at and across their boundaries.</summary>
public class StatRuleEngineTests
{
    static readonly IReadOnlyList<StatRule> Rules = StatRuleEngine.Seed(IndicatorCatalogue.All());

    static IReadOnlyList<RuleResult> Run(Dictionary<string, decimal?> current, Dictionary<string, decimal?>? previous = null,
        Dictionary<string, decimal?>? lastYear = null, Dictionary<string, string?>? comments = null)
    {
        var all = IndicatorCatalogue.All().Select(i => i.Code).ToList();
        var cur = all.ToDictionary(c => c, c => current.GetValueOrDefault(c));
        return StatRuleEngine.Evaluate(Rules, cur, previous ?? [], lastYear ?? [], comments ?? []);
    }

    static RuleResult One(IReadOnlyList<RuleResult> results, string code) => results.Single(r => r.Code == code);

    [Theory]
    [InlineData(10, 10, true)]  // at the boundary: equal is allowed
    [InlineData(11, 10, false)] // one more e-commerce entity than new entities: blocked
    [InlineData(0, 10, true)]
    [Trait("Rule", "STAT-01")]
    public void NewEcommerceEntities_AtMost_NewEntities_Blocking(int newEc, int newAll, bool passes)
    {
        var r = One(Run(new() { [C.NewEcommerceEntities] = newEc, [C.NewMarketEntities] = newAll }), "NEW-EC-LE-NEW");
        Assert.Equal(RuleImportance.Blocking, r.Importance);
        Assert.True(r.Applicable);
        Assert.Equal(passes, r.Passed);
        Assert.Equal(!passes, r.Blocks);
    }

    [Theory]
    [InlineData(100, 100, true)]
    [InlineData(99.99, 100, false)]
    [InlineData(150, 100, true)]
    [Trait("Rule", "STAT-01")]
    public void CumulativeIndicator_NeverDecreases_Blocking(decimal now, decimal before, bool passes)
    {
        var r = One(Run(new() { [C.TotalInvestment] = now }, previous: new() { [C.TotalInvestment] = before }), "CUM-" + C.TotalInvestment);
        Assert.Equal(passes, r.Passed);
        Assert.Equal(!passes, r.Blocks);
    }

    [Fact]
    [Trait("Rule", "STAT-01")]
    public void EveryCumulativeIndicator_HasANeverDecreasesRule() =>
        Assert.All(IndicatorCatalogue.All().Where(i => i.Cumulative), i => Assert.Contains(Rules, r => r.Code == "CUM-" + i.Code && r.Right == StatRule.PreviousMonth));

    [Fact]
    public void RuleWithoutOperands_IsNotApplicable_AndPasses()
    {
        var results = Run(new() { [C.TotalInvestment] = 5 }); // no previous month: nothing to compare
        var r = One(results, "CUM-" + C.TotalInvestment);
        Assert.False(r.Applicable);
        Assert.False(r.Blocks);
    }

    [Theory]
    [InlineData(150, false)]   // exactly +50%: within
    [InlineData(150.01, true)] // beyond +50%
    [InlineData(50, false)]    // exactly −50%: within
    [InlineData(49.99, true)]  // beyond −50%
    [Trait("Rule", "STAT-01")]
    public void OnlineRetail_BeyondHalfVsSameMonthLastYear_WarnsAndNeedsAComment(decimal now, bool warns)
    {
        var lastYear = new Dictionary<string, decimal?> { [C.OnlineRetail] = 100 };
        var results = Run(new() { [C.OnlineRetail] = now }, lastYear: lastYear).Where(r => r.Code.StartsWith("RETAIL-YOY", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(RuleImportance.Warning, r.Importance));
        Assert.Equal(warns, results.Any(r => !r.Passed));
        Assert.Equal(warns, results.Any(r => r.Blocks)); // without a comment a warning blocks submission

        var commented = Run(new() { [C.OnlineRetail] = now }, lastYear: lastYear, comments: new() { [C.OnlineRetail] = "直播带货大促" });
        Assert.DoesNotContain(commented, r => r.Blocks); // with a comment it does not
    }

    [Theory]
    [InlineData("<=", 1, 1, true)]
    [InlineData("<", 1, 1, false)]
    [InlineData(">=", 1, 1, true)]
    [InlineData(">", 2, 1, true)]
    [InlineData("==", 1, 1, true)]
    [InlineData("==", 1, 2, false)]
    public void Operators(string op, decimal l, decimal r, bool expected) => Assert.Equal(expected, StatRuleEngine.Compare(l, op, r));

    [Fact]
    [Trait("Rule", "STAT-02")]
    public void DueDate_Is_The5thWorkingDayAfterTheMonth_SkippingTheNationalDayHolidays()
    {
        var cal = new ETown.Web.Platform.Calendar.WorkingCalendar();
        // Without a loaded notice: weekends only. 2025-11 ends on Sunday 30th → Mon 1 … Fri 5 December.
        Assert.Equal(new DateOnly(2025, 12, 5), cal.DeadlineAfter(new StatPeriod(2025, 11).LastDay, 5));
        Assert.Equal(new DateOnly(2025, 11, 30), StatPeriod.Parse("2025-11").LastDay);
        Assert.Equal("2024-11", StatPeriod.Parse("2025-11").SameMonthLastYear.ToString());
        Assert.Equal("2024-12", StatPeriod.Parse("2025-01").Previous.ToString());
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-1")]
    [InlineData("202511")]
    [InlineData("")]
    public void BadPeriod_IsRefused(string text) =>
        Assert.Equal("ETOWN-COMMON-0400", Assert.Throws<ETown.Web.Platform.ValidationFailedException>(() => StatPeriod.Parse(text)).Code);
}
