using ETown.Web.Features.Plans;
using ETown.Web.Features.Plans.Demo;

namespace ETown.Tests.Features.Plans;

/// <summary>FUND-03 (晋商建〔2022〕376号 via K §五.2) and PLAN-04: the pure budget checker.</summary>
public class BudgetCheckTests
{
    const decimal Total = 10000m; // 元, so 1 元 = 0.01 percentage point

    /// <summary>Puts <paramref name="category"/> at <paramref name="percent"/> of the provincial total and splits the rest 60/40.</summary>
    static List<BudgetLine> Split(FundCategory category, decimal percent)
    {
        var own = Total * percent / 100m;
        var others = Enum.GetValues<FundCategory>().Where(c => c != category).ToArray();
        var first = (Total - own) * 0.6m;
        return
        [
            new() { ItemNo = 2, Category = category, ProvincialYuan = own },
            new() { ItemNo = 5, Category = others[0], ProvincialYuan = first },
            new() { ItemNo = 23, Category = others[1], ProvincialYuan = Total - own - first },
        ];
    }

    public static TheoryData<FundCategory, decimal, bool, string?> Bands => new()
    {
        // FUND-03 bounds are inclusive: exactly at the bound is inside, 0.01 point beyond is outside.
        { FundCategory.LeadingIndustry, 40m, true, null },
        { FundCategory.LeadingIndustry, 50m, true, null },
        { FundCategory.LeadingIndustry, 39.99m, false, "ETOWN-PLAN-0101" },
        { FundCategory.LeadingIndustry, 50.01m, false, "ETOWN-PLAN-0102" },
        { FundCategory.EcommerceElements, 30m, true, null },
        { FundCategory.EcommerceElements, 40m, true, null },
        { FundCategory.EcommerceElements, 29.99m, false, "ETOWN-PLAN-0101" },
        { FundCategory.EcommerceElements, 40.01m, false, "ETOWN-PLAN-0102" },
        { FundCategory.SupportingServices, 20m, true, null },
        { FundCategory.SupportingServices, 30m, true, null },
        { FundCategory.SupportingServices, 19.99m, false, "ETOWN-PLAN-0101" },
        { FundCategory.SupportingServices, 30.01m, false, "ETOWN-PLAN-0102" },
    };

    [Theory, MemberData(nameof(Bands))]
    [Trait("Rule", "FUND-03")]
    public void Fund03_CategoryShare_IsCheckedAgainstInclusiveBands(FundCategory category, decimal percent, bool within, string? code)
    {
        var r = BudgetCheck.Check(Total, Split(category, percent));
        var share = r.Categories.Single(c => c.Category == category);
        Assert.Equal(percent, share.SharePercent);
        Assert.Equal(within, share.WithinBand);
        var own = r.Issues.Where(i => i.Field == $"category.{category}").ToList();
        if (code is null) Assert.Empty(own);
        else
        {
            var issue = Assert.Single(own);
            Assert.Equal(code, issue.Code);
            Assert.Equal(BudgetIssueSeverity.NeedsJustification, issue.Severity); // FUND-03 is "原则上" (issue #14 item 12)
            Assert.Contains("FUND-03", issue.Message);
            Assert.Contains("晋商建〔2022〕376号", issue.Message);
            Assert.Contains(BudgetCheck.CategoryLabel(category), issue.Message);
            Assert.False(r.CanFile);
            Assert.True(r.CanSave);
        }
    }

    [Fact]
    [Trait("Rule", "FUND-03")]
    public void Fund03_AllBandsAtTheirBounds_CanBeFiled()
    {
        var r = BudgetCheck.Check(Total,
        [
            new() { ItemNo = 2, Category = FundCategory.LeadingIndustry, ProvincialYuan = 5000m },
            new() { ItemNo = 5, Category = FundCategory.EcommerceElements, ProvincialYuan = 3000m },
            new() { ItemNo = 23, Category = FundCategory.SupportingServices, ProvincialYuan = 2000m },
        ]);
        Assert.Empty(r.Issues);
        Assert.True(r.CanFile);
    }

    [Fact]
    [Trait("Rule", "PLAN-04")]
    public void Plan04_ProvincialTotalDifferentFromAllocation_BlocksFiling_ButNotSaving()
    {
        var r = BudgetCheck.Check(Total + 1m, Split(FundCategory.LeadingIndustry, 45m));
        var issue = Assert.Single(r.Issues);
        Assert.Equal("ETOWN-PLAN-0103", issue.Code);
        Assert.Equal(BudgetIssueSeverity.BlocksFiling, issue.Severity);
        Assert.True(r.CanSave);
        Assert.False(r.CanFile);
    }

    [Fact]
    [Trait("Rule", "PLAN-04")]
    public void Plan04_NoAllocation_OrNoMoney_BlocksFiling()
    {
        Assert.Contains(BudgetCheck.Check(0m, Split(FundCategory.LeadingIndustry, 45m)).Issues, i => i.Code == "ETOWN-PLAN-0106");
        Assert.Contains(BudgetCheck.Check(Total, []).Issues, i => i.Code == "ETOWN-PLAN-0108");
    }

    [Theory]
    [InlineData(0, 100, 0, "ETOWN-PLAN-0105")]
    [InlineData(40, 100, 0, "ETOWN-PLAN-0105")]
    [InlineData(1, -1, 0, "ETOWN-PLAN-0104")]
    [InlineData(39, 100, -0.01, "ETOWN-PLAN-0104")]
    [Trait("Rule", "PLAN-04")]
    public void Plan04_InvalidLines_CannotEvenBeSaved(int item, double provincial, double county, string code)
    {
        var r = BudgetCheck.Check(100m, [new() { ItemNo = item, Category = FundCategory.LeadingIndustry, ProvincialYuan = (decimal)provincial, CountyYuan = (decimal)county }]);
        Assert.Contains(r.Issues, i => i.Code == code && i.Severity == BudgetIssueSeverity.Invalid);
        Assert.False(r.CanSave);
    }

    [Fact]
    [Trait("Rule", "PLAN-04")]
    [Trait("Rule", "FUND-03")]
    public void Kelan_Appendix2_Sums_To1000Wan_AndIsInsideTheBands()
    {
        var lines = DemoPlans.KelanBudget.Select(b => new BudgetLine
        {
            ItemNo = b.Item, Content = b.Content, Category = b.Category, ProvincialYuan = b.ProvincialWan * 10000m, CountyYuan = b.CountyWan * 10000m,
        }).ToList();
        Assert.Equal(Enumerable.Range(1, 39), lines.Select(l => l.ItemNo));
        Assert.Equal(10_000_000m, lines.Sum(l => l.ProvincialYuan));
        Assert.Equal(0m, lines.Sum(l => l.CountyYuan));
        // A few lines as printed in 附件2.
        Assert.Equal(255m, DemoPlans.KelanBudget.Single(b => b.Item == 2).ProvincialWan);
        Assert.Equal(120m, DemoPlans.KelanBudget.Single(b => b.Item == 20).ProvincialWan);
        Assert.Equal(120m, DemoPlans.KelanBudget.Single(b => b.Item == 23).ProvincialWan);
        Assert.Equal(40m, DemoPlans.KelanBudget.Single(b => b.Item == 29).ProvincialWan);

        var r = BudgetCheck.Check(DemoPlans.KelanAllocationYuan, lines);
        Assert.Equal(10_000_000m, r.ProvincialTotalYuan);
        Assert.Equal([44.5m, 34m, 21.5m], r.Categories.Select(c => c.SharePercent!.Value));
        Assert.All(r.Categories, c => Assert.True(c.WithinBand));
        Assert.True(r.CanFile);
    }

    [Fact]
    public void Money_IsShownInWan()
    {
        Assert.Equal("1,000", BudgetCheck.Wan(10_000_000m));
        Assert.Equal("0.0001", BudgetCheck.Wan(1m));
        Assert.Equal("39.99%", BudgetCheck.Pct(39.99m));
    }
}
