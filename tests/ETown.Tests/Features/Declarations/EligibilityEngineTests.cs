using ETown.Web.Features.Declarations;
using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;
using ETown.Web.Platform;

namespace ETown.Tests.Features.Declarations;

/// <summary>
/// The eligibility engine against 晋商建〔2022〕58号 四(二) 申报条件 (DECL-02/04/05/06) and 附件1 建设标准
/// items 33, 35, 36, 37, with the 2022 provincial rule set. Figures are 万元, km², m² as on the form.
/// </summary>
public class EligibilityEngineTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    static readonly EligibilityRuleSet Sx2022 = EligibilityRuleSet.Shanxi2022(Now);

    /// <summary>A form that passes every rule as an 整体推进县 (all figures just above the thresholds).</summary>
    static DeclarationForm Valid(CountyClass? cls = CountyClass.Advancing)
    {
        var f = new DeclarationForm
        {
            CountyCode = "140406", CountyClass = cls, ProjectName = "测试e镇",
            PlannedAreaKm2 = 2m, MarketEntities = 25, EcommerceEnterprises = 12, OnlineRetailWan = 1500m,
            EnterprisesOver100Wan = 4, FeaturedProducts = "大葱", OutputWan = 8000m,
        };
        SetTargets(f, TargetIndicator.TotalOutput, 12000, 13000, 14000, 15000);
        SetTargets(f, TargetIndicator.TotalInvestment, 8000, 12000, 16000, 20000);
        SetTargets(f, TargetIndicator.OnlineRetail, 2000, 2400, 2700, 3000); // 2024 +12.5%, 2025 +11.1%
        SetTargets(f, TargetIndicator.NewMarketEntities, 10, 10, 12, 15);
        return f;
    }

    static void SetTargets(DeclarationForm f, TargetIndicator i, params decimal[] values)
    {
        for (var k = 0; k < values.Length; k++) f.SetTarget(i, TargetIndicators.Years[k], values[k]);
    }

    /// <summary>The STD-33/35/36/37 thresholds are the standard version's (issue #9 item 5): SX-2022 (P 附件1) unless the context names others.</summary>
    static readonly IReadOnlyList<StandardItem> ProvinceStandard = StandardCatalogue2022.ProvinceItems();

    static EligibilityReport Eval(DeclarationForm f, EligibilityContext? ctx = null, EligibilityRuleSet? set = null)
    {
        ctx ??= new EligibilityContext { CountyLevelUnitsInCity = 12, CityName = "长治市" };
        return EligibilityEngine.Evaluate(f, set ?? Sx2022, ctx.StandardItems is null ? ctx with { StandardItems = ProvinceStandard } : ctx);
    }

    static RuleResult Rule(DeclarationForm f, string id, EligibilityContext? ctx = null) => Eval(f, ctx)[id];

    static DeclarationForm With(Action<DeclarationForm> change) { var f = Valid(); change(f); return f; }

    // ------------------------------------------------------------------ the whole report

    [Fact]
    public void ValidForm_EveryRulePasses_AndIsEligible()
    {
        var r = Eval(Valid());
        Assert.Equal(EligibilityEngine.RuleIds, r.Results.Select(x => x.RuleId));
        Assert.All(r.Results, x => Assert.Equal(RuleOutcome.Pass, x.Outcome));
        Assert.True(r.Eligible);
        Assert.Equal("SX-2022", r.RuleSetCode);
        Assert.Equal(0, r.FailCount);
    }

    [Fact]
    public void Messages_CiteTheRuleId()
    {
        var r = Eval(Valid());
        Assert.All(r.Results, x => Assert.StartsWith(x.RuleId, x.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void OneFailedRule_MakesTheDeclarationIneligible_WarningsAndEvidenceDoNot()
    {
        var warnOnly = With(f => { f.CountyClass = CountyClass.Pilot; f.MarketEntities = null; });
        var r = Eval(warnOnly);
        Assert.True(r.Eligible);
        Assert.True(r.WarningCount > 0);
        Assert.Equal(1, r.NeedsEvidenceCount);

        var failing = Eval(With(f => f.EcommerceEnterprises = 9));
        Assert.False(failing.Eligible);
        Assert.Equal(1, failing.FailCount);
    }

    // ------------------------------------------------------------------ DECL-04

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_OnlineRetailExactly1000Wan_Passes()
    {
        var r = Rule(With(f => { f.OnlineRetailWan = 1000m; f.EnterprisesOver100Wan = 0; }), "DECL-04");
        Assert.Equal(RuleOutcome.Pass, r.Outcome);
        Assert.Contains("1000 万元", r.Message);
        Assert.Equal(1000m, r.Figures["onlineRetailWan"]);
    }

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_OnlineRetail999_99Wan_AndTwoEnterprisesOver100Wan_Fails()
    {
        var r = Rule(With(f => { f.OnlineRetailWan = 999.99m; f.EnterprisesOver100Wan = 2; }), "DECL-04");
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Contains("999.99", r.Message);
        Assert.Contains("DECL-04", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_OnlineRetailBelow1000_ButExactlyThreeEnterprisesOver100Wan_Passes()
    {
        var r = Rule(With(f => { f.OnlineRetailWan = 600m; f.EnterprisesOver100Wan = 3; }), "DECL-04");
        Assert.Equal(RuleOutcome.Pass, r.Outcome);
        Assert.Contains("3 家", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_ExactlyTenEcommerceEnterprises_Passes() =>
        Assert.Equal(RuleOutcome.Pass, Rule(With(f => f.EcommerceEnterprises = 10), "DECL-04").Outcome);

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_NineEcommerceEnterprises_Fails_EvenWithHighRetail()
    {
        var r = Rule(With(f => { f.EcommerceEnterprises = 9; f.OnlineRetailWan = 50_000m; }), "DECL-04");
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Contains("9 家", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_MissingEnterpriseCount_NeedsEvidence() =>
        Assert.Equal(RuleOutcome.NeedsEvidence, Rule(With(f => f.EcommerceEnterprises = null), "DECL-04").Outcome);

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_RetailBelowAndOver100CountMissing_NeedsEvidence() =>
        Assert.Equal(RuleOutcome.NeedsEvidence, Rule(With(f => { f.OnlineRetailWan = 800m; f.EnterprisesOver100Wan = null; }), "DECL-04").Outcome);

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_RetailMissingButThreeEnterprisesOver100Wan_Passes() =>
        Assert.Equal(RuleOutcome.Pass, Rule(With(f => { f.OnlineRetailWan = null; f.EnterprisesOver100Wan = 3; }), "DECL-04").Outcome);

    [Fact]
    [Trait("Rule", "DECL-04")]
    public void Decl04_TooFewEnterprisesAndRetailMissing_FailsRatherThanNeedsEvidence() =>
        Assert.Equal(RuleOutcome.Fail, Rule(With(f => { f.EcommerceEnterprises = 5; f.OnlineRetailWan = null; f.EnterprisesOver100Wan = null; }), "DECL-04").Outcome);

    // ------------------------------------------------------------------ DECL-05

    [Fact]
    [Trait("Rule", "DECL-05")]
    public void Decl05_ExactlyTwentyEntitiesOutput5000AndOneCategory_Passes()
    {
        var r = Rule(With(f => { f.MarketEntities = 20; f.OutputWan = 5000m; f.FeaturedProducts = "大葱"; }), "DECL-05");
        Assert.Equal(RuleOutcome.Pass, r.Outcome);
        Assert.Equal(1m, r.Figures["featuredProducts"]);
    }

    [Fact]
    [Trait("Rule", "DECL-05")]
    public void Decl05_TwoFeaturedCategories_Passes() =>
        Assert.Equal(RuleOutcome.Pass, Rule(With(f => f.FeaturedProducts = "生鲜水果、小米"), "DECL-05").Outcome);

    [Fact]
    [Trait("Rule", "DECL-05")]
    public void Decl05_ThreeFeaturedCategories_Fails()
    {
        var r = Rule(With(f => f.FeaturedProducts = "沙棘、红芸豆\n柏籽羊"), "DECL-05");
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Equal(3m, r.Figures["featuredProducts"]);
        Assert.Contains("沙棘、红芸豆、柏籽羊", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-05")]
    public void Decl05_NoFeaturedProducts_NeedsEvidence() =>
        Assert.Equal(RuleOutcome.NeedsEvidence, Rule(With(f => f.FeaturedProducts = "  "), "DECL-05").Outcome);

    [Fact]
    [Trait("Rule", "DECL-05")]
    public void Decl05_NineteenMarketEntities_Fails() =>
        Assert.Equal(RuleOutcome.Fail, Rule(With(f => f.MarketEntities = 19), "DECL-05").Outcome);

    [Fact]
    [Trait("Rule", "DECL-05")]
    public void Decl05_Output4999_99Wan_Fails()
    {
        var r = Rule(With(f => f.OutputWan = 4999.99m), "DECL-05");
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Contains("4999.99 万元", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-05")]
    public void Decl05_MissingOutput_NeedsEvidence() =>
        Assert.Equal(RuleOutcome.NeedsEvidence, Rule(With(f => f.OutputWan = null), "DECL-05").Outcome);

    // ------------------------------------------------------------------ DECL-06

    [Theory]
    [InlineData("0.5", RuleOutcome.Pass)]
    [InlineData("5", RuleOutcome.Pass)]
    [InlineData("4.99", RuleOutcome.Pass)]
    [InlineData("5.01", RuleOutcome.Fail)]
    [InlineData("0.49", RuleOutcome.Fail)]
    [InlineData("0", RuleOutcome.Fail)]
    [Trait("Rule", "DECL-06")]
    public void Decl06_PlannedAreaBounds_AreInclusive(string area, RuleOutcome expected)
    {
        var r = Rule(With(f => { f.PlannedAreaKm2 = decimal.Parse(area, System.Globalization.CultureInfo.InvariantCulture); f.FloorAreaM2 = null; }), "DECL-06");
        Assert.Equal(expected, r.Outcome);
        Assert.Contains(area + " 平方公里", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_FloorArea500000_PassesWithoutPlannedArea() =>
        Assert.Equal(RuleOutcome.Pass, Rule(With(f => { f.PlannedAreaKm2 = null; f.FloorAreaM2 = 500_000m; }), "DECL-06").Outcome);

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_FloorArea499999_FailsWithoutPlannedArea()
    {
        var r = Rule(With(f => { f.PlannedAreaKm2 = null; f.FloorAreaM2 = 499_999m; }), "DECL-06");
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Contains("499999", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_FloorArea500000_RescuesAnAreaAbove5Km2() =>
        Assert.Equal(RuleOutcome.Pass, Rule(With(f => { f.PlannedAreaKm2 = 6m; f.FloorAreaM2 = 500_000m; }), "DECL-06").Outcome);

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_AreaAbove5AndFloor499999_Fails() =>
        Assert.Equal(RuleOutcome.Fail, Rule(With(f => { f.PlannedAreaKm2 = 6m; f.FloorAreaM2 = 499_999m; }), "DECL-06").Outcome);

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_NoAreaAtAll_NeedsEvidence() =>
        Assert.Equal(RuleOutcome.NeedsEvidence, Rule(With(f => { f.PlannedAreaKm2 = null; f.FloorAreaM2 = null; }), "DECL-06").Outcome);

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_BoundaryArea_IsReportedBesideTheDeclaredArea()
    {
        var r = Rule(With(f => f.PlannedAreaKm2 = 4.8m), "DECL-06", new EligibilityContext { BoundaryAreaKm2 = 4.79m });
        Assert.Equal(RuleOutcome.Pass, r.Outcome);
        Assert.Equal(4.79m, r.Figures["boundaryAreaKm2"]);
        Assert.Equal(4.8m, r.Figures["plannedAreaKm2"]);
        Assert.Contains("按边界计算面积 4.79 平方公里，申报规划面积 4.8 平方公里", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_BoundaryAreaAbove5_FailsEvenIfDeclaredAreaFits()
    {
        var r = Rule(With(f => f.PlannedAreaKm2 = 4.8m), "DECL-06", new EligibilityContext { BoundaryAreaKm2 = 5.01m });
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Contains("5.01", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_BoundaryAreaExactly0_5_Passes() =>
        Assert.Equal(RuleOutcome.Pass, Rule(With(f => f.PlannedAreaKm2 = 0.5m), "DECL-06", new EligibilityContext { BoundaryAreaKm2 = 0.5m }).Outcome);

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Decl06_BoundaryAreaOutOfRange_ButFloorArea500000_Passes() =>
        Assert.Equal(RuleOutcome.Pass, Rule(With(f => { f.PlannedAreaKm2 = null; f.FloorAreaM2 = 600_000m; }), "DECL-06",
            new EligibilityContext { BoundaryAreaKm2 = 0.2m }).Outcome);

    // ------------------------------------------------------------------ DECL-02

    static EligibilityContext City(int units, int countiesWithTwo, int existing) => new()
    {
        CountyLevelUnitsInCity = units, CountiesWithTwoInCity = countiesWithTwo, ExistingDeclarationsInCounty = existing, CityName = "测试市",
    };

    [Fact]
    [Trait("Rule", "DECL-02")]
    public void Decl02_FirstDeclarationOfTheCounty_Passes() =>
        Assert.Equal(RuleOutcome.Pass, Rule(Valid(), "DECL-02", City(6, 1, 0)).Outcome);

    [Fact]
    [Trait("Rule", "DECL-02")]
    public void Decl02_CityOfSixUnits_AllowsASecondWhileNoCountyHasTwo()
    {
        var r = Rule(Valid(), "DECL-02", City(6, 0, 1));
        Assert.NotEqual(RuleOutcome.Fail, r.Outcome);
        Assert.Equal(RuleOutcome.NeedsEvidence, r.Outcome); // the second needs "基础条件特别好" evidence
        Assert.Equal(1m, r.Figures["maxCountiesWithTwo"]);
        Assert.Contains("最多 1 个", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-02")]
    public void Decl02_CityOfSixUnits_AllowsAtMostOneCountyWithTwo()
    {
        var r = Rule(Valid(), "DECL-02", City(6, 1, 1));
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Contains("名额已满", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-02")]
    public void Decl02_CityOfElevenUnits_AllowsThreeCountiesWithTwo()
    {
        Assert.Equal(RuleOutcome.NeedsEvidence, Rule(Valid(), "DECL-02", City(11, 2, 1)).Outcome);
        Assert.Equal(RuleOutcome.Fail, Rule(Valid(), "DECL-02", City(11, 3, 1)).Outcome);
        Assert.Equal(3m, Rule(Valid(), "DECL-02", City(11, 3, 1)).Figures["maxCountiesWithTwo"]);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 1)]
    [InlineData(10, 3)]
    [InlineData(11, 3)]
    [InlineData(13, 3)]
    [InlineData(14, 4)]
    [InlineData(17, 5)]
    [Trait("Rule", "DECL-02")]
    public void Decl02_CountiesWithTwo_AreAtMostFloorOf30PercentOfUnits(int units, int max)
    {
        Assert.Equal((decimal)max, Rule(Valid(), "DECL-02", City(units, 0, 1)).Figures["maxCountiesWithTwo"]);
        if (max > 0) Assert.NotEqual(RuleOutcome.Fail, Rule(Valid(), "DECL-02", City(units, max - 1, 1)).Outcome);
        Assert.Equal(RuleOutcome.Fail, Rule(Valid(), "DECL-02", City(units, max, 1)).Outcome);
    }

    [Fact]
    [Trait("Rule", "DECL-02")]
    public void Decl02_AThirdDeclarationOfOneCounty_Fails()
    {
        var r = Rule(Valid(), "DECL-02", City(17, 0, 2));
        Assert.Equal(RuleOutcome.Fail, r.Outcome);
        Assert.Contains("每县最多申报 2 个", r.Message);
    }

    [Fact]
    [Trait("Rule", "DECL-02")]
    public void Decl02_SecondDeclarationWithUnknownCity_NeedsEvidence() =>
        Assert.Equal(RuleOutcome.NeedsEvidence, Rule(Valid(), "DECL-02", City(0, 0, 1)).Outcome);

    // ------------------------------------------------------------------ standard items 33, 35, 36, 37 (warnings)

    [Theory]
    [InlineData(CountyClass.Pilot, 20000, 30000, 5000)]
    [InlineData(CountyClass.Advancing, 15000, 20000, 3000)]
    [InlineData(CountyClass.Assisted, 10000, 10000, 2000)]
    [Trait("Rule", "STD-33")]
    [Trait("Rule", "STD-35")]
    [Trait("Rule", "STD-36")]
    public void Std_TargetsExactlyAtTheClassThresholds_Pass(CountyClass cls, int output, int investment, int retail)
    {
        var f = Valid(cls);
        f.SetTarget(TargetIndicator.TotalOutput, 2025, output);
        f.SetTarget(TargetIndicator.TotalInvestment, 2025, investment);
        SetTargets(f, TargetIndicator.OnlineRetail, retail * 0.7m, retail * 0.8m, retail * 0.9m, retail); // ≥ 11.1% a year
        var r = Eval(f);
        Assert.Equal(RuleOutcome.Pass, r["STD-33"].Outcome);
        Assert.Equal(RuleOutcome.Pass, r["STD-35"].Outcome);
        Assert.Equal(RuleOutcome.Pass, r["STD-36"].Outcome);
        Assert.Equal(cls, r.CountyClass);
    }

    [Theory]
    [InlineData(CountyClass.Pilot, 19999, 29999, 4999)]
    [InlineData(CountyClass.Advancing, 14999, 19999, 2999)]
    [InlineData(CountyClass.Assisted, 9999, 9999, 1999)]
    [Trait("Rule", "STD-33")]
    [Trait("Rule", "STD-35")]
    [Trait("Rule", "STD-36")]
    public void Std_TargetsBelowTheClassThresholds_AreWarningsNotFailures(CountyClass cls, int output, int investment, int retail)
    {
        var f = Valid(cls);
        f.SetTarget(TargetIndicator.TotalOutput, 2025, output);
        f.SetTarget(TargetIndicator.TotalInvestment, 2025, investment);
        SetTargets(f, TargetIndicator.OnlineRetail, retail * 0.7m, retail * 0.8m, retail * 0.9m, retail);
        var r = Eval(f);
        Assert.Equal(RuleOutcome.Warning, r["STD-33"].Outcome);
        Assert.Equal(RuleOutcome.Warning, r["STD-35"].Outcome);
        Assert.Equal(RuleOutcome.Warning, r["STD-36"].Outcome);
        Assert.Contains(Region.ClassLabel(cls), r["STD-33"].Message);
        Assert.Contains(output.ToString(System.Globalization.CultureInfo.InvariantCulture), r["STD-33"].Message);
        Assert.True(r.Eligible);
    }

    [Fact]
    [Trait("Rule", "STD-33")]
    public void Std33_Pilot_Output15000_IsAWarning_ButForAdvancingItPasses()
    {
        Assert.Equal(RuleOutcome.Warning, Eval(Valid(CountyClass.Pilot))["STD-33"].Outcome);
        Assert.Equal(RuleOutcome.Pass, Eval(Valid(CountyClass.Advancing))["STD-33"].Outcome);
    }

    [Fact]
    [Trait("Rule", "STD-33")]
    public void Std33_GrowthNotAboveCityAveragePlus2Points_IsAWarning_WhenTheAverageIsKnown()
    {
        // 2024: 14000/13000 = +7.7%, 2025: 15000/14000 = +7.1%; city average 6% → needs > 8%.
        var r = Rule(Valid(), "STD-33", new EligibilityContext { CityAverageOutputGrowthPct = 6m });
        Assert.Equal(RuleOutcome.Warning, r.Outcome);
        Assert.Equal(RuleOutcome.Pass, Rule(Valid(), "STD-33", new EligibilityContext { CityAverageOutputGrowthPct = 5m }).Outcome);
    }

    [Fact]
    [Trait("Rule", "STD-36")]
    public void Std36_OnlineRetailGrowthBelow10Percent_IsAWarning()
    {
        var f = Valid();
        SetTargets(f, TargetIndicator.OnlineRetail, 2000, 2500, 2750, 3020); // 2025: +9.8%
        var r = Rule(f, "STD-36");
        Assert.Equal(RuleOutcome.Warning, r.Outcome);
        Assert.Contains("9.8%", r.Message);
    }

    [Fact]
    [Trait("Rule", "STD-36")]
    public void Std36_OnlineRetailGrowthExactly10Percent_Passes()
    {
        var f = Valid();
        SetTargets(f, TargetIndicator.OnlineRetail, 2000, 2500, 2750, 3025); // 2024 +10%, 2025 +10%
        Assert.Equal(RuleOutcome.Pass, Rule(f, "STD-36").Outcome);
    }

    [Fact]
    [Trait("Rule", "STD-37")]
    public void Std37_NineNewMarketEntitiesInAYear_IsAWarning()
    {
        var f = Valid();
        f.SetTarget(TargetIndicator.NewMarketEntities, 2023, 9);
        var r = Rule(f, "STD-37");
        Assert.Equal(RuleOutcome.Warning, r.Outcome);
        Assert.Contains("2023 年新增市场主体 9 个", r.Message);
    }

    [Fact]
    [Trait("Rule", "STD-37")]
    public void Std37_TenEveryYear_Passes()
    {
        var f = Valid();
        SetTargets(f, TargetIndicator.NewMarketEntities, 10, 10, 10, 10);
        Assert.Equal(RuleOutcome.Pass, Rule(f, "STD-37").Outcome);
    }

    [Fact]
    public void Std_MissingTargets_AreWarnings()
    {
        var f = Valid();
        f.Targets.Clear();
        var r = Eval(f);
        foreach (var id in new[] { "STD-33", "STD-35", "STD-36", "STD-37" }) Assert.Equal(RuleOutcome.Warning, r[id].Outcome);
        Assert.True(r.Eligible);
    }

    [Fact]
    public void Std_ClassComesFromTheRegion_WhenTheFormHasNone()
    {
        var r = Eval(Valid(cls: null), new EligibilityContext { RegionCountyClass = CountyClass.Pilot });
        Assert.Equal(CountyClass.Pilot, r.CountyClass);
        Assert.Equal("区划目录", r.CountyClassSource);
        Assert.Equal(RuleOutcome.Warning, r["STD-33"].Outcome); // 15000 < 先行 20000
    }

    /// <summary>
    /// Issue #14 item 7: the county class is the province's (000 二(三) names the classes; the region catalogue holds them).
    /// A county that types 重点帮扶县 on its form while the catalogue says 先行示范县 is judged as 先行示范县, as the compliance view
    /// judges it: 15000万 output is short of 先行's 2亿 (STD-33) and 20000万 investment of its 3亿 (STD-35).
    /// </summary>
    [Fact]
    [Trait("Rule", "STD-33"), Trait("Rule", "STD-35")]
    public void Std_CatalogueClassWinsOverTheFormsClass()
    {
        var ctx = new EligibilityContext { CountyLevelUnitsInCity = 12, RegionCountyClass = CountyClass.Pilot };
        var r = Eval(Valid(cls: CountyClass.Assisted), ctx);
        Assert.Equal((CountyClass.Pilot, "区划目录"), (r.CountyClass, r.CountyClassSource));
        Assert.Equal(RuleOutcome.Warning, r["STD-33"].Outcome);
        Assert.Equal(RuleOutcome.Warning, r["STD-35"].Outcome);
        Assert.Contains("先行示范县", r["STD-35"].Message);
        // A county the catalogue has not classed keeps the form's class, labelled as such.
        var unclassed = Eval(Valid(cls: CountyClass.Assisted), new EligibilityContext { CountyLevelUnitsInCity = 12 });
        Assert.Equal((CountyClass.Assisted, "申报表（区划目录未分类）"), (unclassed.CountyClass, unclassed.CountyClassSource));
    }

    [Fact]
    public void Std_NoClassAnywhere_IsAWarning()
    {
        var r = Eval(Valid(cls: null), EligibilityContext.Empty);
        Assert.Null(r.CountyClass);
        Assert.Contains("未确定三类县分类", r["STD-35"].Message);
        Assert.Equal(RuleOutcome.Warning, r["STD-35"].Outcome);
    }

    // ------------------------------------------------------------------ independent cases from the documents

    /// <summary>
    /// 潞城区 (001, 整体推进县): 规划用地面积 4.8 平方公里, 特色产品 大葱, 建成当年总产值 1.53 亿元, 网络零售额
    /// 3100 万元, 十四五总投资 4.1 亿元, 新增市场主体 10 个左右. The plan gives no declaration-time base figures,
    /// so the base below is the minimum the conditions ask for; targets after the completion year grow 10%.
    /// </summary>
    [Fact]
    public void Lucheng_FromItsPlan_IsEligible_AndMeetsTheAdvancingTargets()
    {
        var f = new DeclarationForm
        {
            CountyCode = "140406", CountyClass = CountyClass.Advancing, ProjectName = "长治市潞城区乡村e镇",
            PlannedAreaKm2 = 4.8m, FeaturedProducts = "大葱", MarketEntities = 20, EcommerceEnterprises = 10, OnlineRetailWan = 1000m, OutputWan = 5000m,
        };
        SetTargets(f, TargetIndicator.TotalOutput, 15300, 16830, 18513, 20364);
        SetTargets(f, TargetIndicator.OnlineRetail, 3100, 3410, 3751, 4127);
        SetTargets(f, TargetIndicator.TotalInvestment, 15000, 25000, 33000, 41000);
        SetTargets(f, TargetIndicator.NewMarketEntities, 10, 10, 10, 10);
        var r = Eval(f, new EligibilityContext { CountyLevelUnitsInCity = 12, CityName = "长治市", RegionCountyClass = CountyClass.Advancing });
        Assert.True(r.Eligible, string.Join("\n", r.Results.Select(x => x.Message)));
        Assert.All(r.Results, x => Assert.Equal(RuleOutcome.Pass, x.Outcome));
    }

    /// <summary>岢岚县 (002, 重点帮扶县): 4.96 平方公里; 总投资不少于 1 亿元, 总产值不少于 1 亿元, 网销额不少于 2000 万元 — exactly the 重点帮扶县 thresholds.</summary>
    [Fact]
    public void Kelan_TargetsExactlyAtTheAssistedThresholds_Pass_ButWouldWarnAsAPilotCounty()
    {
        var f = Valid(CountyClass.Assisted);
        f.PlannedAreaKm2 = 4.96m;
        f.SetTarget(TargetIndicator.TotalInvestment, 2025, 10000);
        f.SetTarget(TargetIndicator.TotalOutput, 2025, 10000);
        SetTargets(f, TargetIndicator.OnlineRetail, 1500, 1650, 1818, 2000);
        var r = Eval(f);
        Assert.True(r.Eligible);
        Assert.All(r.Results, x => Assert.Equal(RuleOutcome.Pass, x.Outcome));

        f.CountyClass = CountyClass.Pilot;
        var pilot = Eval(f);
        Assert.Equal(RuleOutcome.Warning, pilot["STD-33"].Outcome);
        Assert.Equal(RuleOutcome.Warning, pilot["STD-35"].Outcome);
        Assert.Equal(RuleOutcome.Warning, pilot["STD-36"].Outcome);
    }

    /// <summary>临猗县 (004, 整体推进县): 1.74 平方公里, 总投资不少于 2 亿元, 总产值 1.5 亿元, 网络零售额 3000 万元, 新增市场主体 10 个/年.</summary>
    [Fact]
    public void Linyi_FromItsPlan_MeetsTheAdvancingTargets()
    {
        var f = Valid(CountyClass.Advancing);
        f.PlannedAreaKm2 = 1.74m; f.FeaturedProducts = "生鲜水果";
        f.SetTarget(TargetIndicator.TotalInvestment, 2025, 20000);
        f.SetTarget(TargetIndicator.TotalOutput, 2025, 15000);
        SetTargets(f, TargetIndicator.OnlineRetail, 2200, 2450, 2700, 3000);
        SetTargets(f, TargetIndicator.NewMarketEntities, 10, 10, 10, 10);
        var r = Eval(f);
        Assert.All(r.Results, x => Assert.Equal(RuleOutcome.Pass, x.Outcome));
    }

    [Fact]
    [Trait("Rule", "DECL-04")]
    [Trait("Rule", "DECL-06")]
    public void NonEligibleExample_TooSmallAndTooFewEnterprises_FailsTwoRules()
    {
        var f = With(f => { f.EcommerceEnterprises = 6; f.OnlineRetailWan = 400m; f.EnterprisesOver100Wan = 1; f.PlannedAreaKm2 = 0.3m; });
        var r = Eval(f);
        Assert.False(r.Eligible);
        Assert.Equal(["DECL-04", "DECL-06"], r.Results.Where(x => x.Outcome == RuleOutcome.Fail).Select(x => x.RuleId));
    }

    // ------------------------------------------------------------------ rule sets as versioned data

    [Fact]
    public void Sx2022_CarriesThePublishedThresholds()
    {
        var t = Sx2022.Thresholds;
        Assert.Equal((10, 1000m, 3), (t.MinEcommerceEnterprises, t.MinOnlineRetailWan, t.MinEnterprisesOver100Wan));
        Assert.Equal((20, 5000m, 1, 2), (t.MinMarketEntities, t.MinOutputWan, t.MinFeaturedProducts, t.MaxFeaturedProducts));
        Assert.Equal((0.5m, 5m, 500_000m), (t.MinAreaKm2, t.MaxAreaKm2, t.MinFloorAreaM2));
        Assert.Equal(0.30m, t.TwoPerCountyMaxShare);
        Assert.Equal((2025, 2024, 2022), (t.AcceptanceYear, t.GrowthFromYear, t.FirstTargetYear));
        Assert.True(Sx2022.IsInUse);
        Assert.Equal("SX-2022", Sx2022.Code);
    }

    [Fact]
    public void RuleSet_InUse_IsImmutable()
    {
        var ex = Assert.Throws<DomainException>(() => Sx2022.ReplaceThresholds(Sx2022.Thresholds with { MinOutputWan = 6000m }, null));
        Assert.Equal("ETOWN-ELIG-0001", ex.Code);
        Assert.Equal(5000m, Sx2022.Thresholds.MinOutputWan);
    }

    [Fact]
    public void DerivedCitySet_CopiesTheParent_AndIsEditableUntilAdopted()
    {
        var city = Sx2022.Derive("SZ-2022", "朔州市乡村e镇申报条件（从严）", "140600", null, Now);
        Assert.Equal(Sx2022.Thresholds, city.Thresholds);
        Assert.Equal(Sx2022.Id, city.ParentId);
        Assert.Equal(2, city.Version);
        Assert.False(city.IsInUse);

        city.ReplaceThresholds(city.Thresholds with { MinFloorAreaM2 = 600_000m }, Sx2022);
        Assert.Equal(600_000m, city.Thresholds.MinFloorAreaM2);

        city.MarkInUse();
        var ex = Assert.Throws<DomainException>(() => city.ReplaceThresholds(city.Thresholds with { MinFloorAreaM2 = 700_000m }, Sx2022));
        Assert.Equal("ETOWN-ELIG-0001", ex.Code);
    }

    [Fact]
    public void DerivedCitySet_MayTighten_AndTheStricterSetChangesTheOutcome()
    {
        var stricter = Sx2022.Derive("SZ-2022", "朔州市（从严）", "140600",
            Sx2022.Thresholds with { MinEcommerceEnterprises = 15, MaxAreaKm2 = 3m }, Now);
        var f = With(f => { f.EcommerceEnterprises = 12; f.PlannedAreaKm2 = 4m; });
        Assert.True(Eval(f).Eligible);
        var r = Eval(f, set: stricter);
        Assert.Equal("SZ-2022", r.RuleSetCode);
        Assert.Equal(RuleOutcome.Fail, r["DECL-04"].Outcome);
        Assert.Equal(RuleOutcome.Fail, r["DECL-06"].Outcome);
        Assert.Contains("15 家", r["DECL-04"].Message);
    }

    public static TheoryData<string, Func<EligibilityThresholds, EligibilityThresholds>> Loosenings => new()
    {
        { "电商企业下限", t => t with { MinEcommerceEnterprises = 9 } },
        { "网络零售额下限", t => t with { MinOnlineRetailWan = 999.99m } },
        { "超100万元企业数下限", t => t with { MinEnterprisesOver100Wan = 2 } },
        { "市场主体下限", t => t with { MinMarketEntities = 19 } },
        { "产值下限", t => t with { MinOutputWan = 4000m } },
        { "特色产品品类上限", t => t with { MaxFeaturedProducts = 3 } },
        { "规划面积下限", t => t with { MinAreaKm2 = 0.4m } },
        { "规划面积上限", t => t with { MaxAreaKm2 = 5.5m } },
        { "建筑面积下限", t => t with { MinFloorAreaM2 = 499_999m } },
        { "每县申报数上限", t => t with { MaxDeclarationsPerCounty = 3 } },
        { "占比上限", t => t with { TwoPerCountyMaxShare = 0.31m } },
    };

    [Theory]
    [MemberData(nameof(Loosenings))]
    public void DerivedCitySet_CannotLoosen(string what, Func<EligibilityThresholds, EligibilityThresholds> loosen)
    {
        var ex = Assert.Throws<DomainException>(() => Sx2022.Derive("SZ-2022", "朔州市", "140600", loosen(Sx2022.Thresholds), Now));
        Assert.Equal("ETOWN-ELIG-0002", ex.Code);
        Assert.Contains(what, ex.Message);

        var draft = Sx2022.Derive("SZ-2022", "朔州市", "140600", null, Now);
        var ex2 = Assert.Throws<DomainException>(() => draft.ReplaceThresholds(loosen(draft.Thresholds), Sx2022));
        Assert.Equal("ETOWN-ELIG-0002", ex2.Code);
        Assert.Equal(Sx2022.Thresholds, draft.Thresholds);
    }

    [Fact]
    public void DerivedCitySet_CannotChangeTheTargetYears()
    {
        var ex = Assert.Throws<DomainException>(() => Sx2022.Derive("SZ-2022", "朔州市", "140600", Sx2022.Thresholds with { AcceptanceYear = 2024 }, Now));
        Assert.Equal("ETOWN-ELIG-0002", ex.Code);
    }

    [Fact]
    public void ProvinceNextVersion_MayChangeAnyThreshold_ButNotDeriveFromACitySet()
    {
        var next = Sx2022.Derive("SX-2023", "山西省乡村e镇申报条件（2023）", null, Sx2022.Thresholds with { MinOutputWan = 4000m, AcceptanceYear = 2026 }, Now);
        Assert.Equal(4000m, next.Thresholds.MinOutputWan);
        Assert.Null(next.CityCode);

        var city = Sx2022.Derive("SZ-2022", "朔州市", "140600", null, Now);
        Assert.Equal("ETOWN-ELIG-0005", Assert.Throws<DomainException>(() => city.Derive("SX-X", "x", null, null, Now)).Code);
        Assert.Equal("ETOWN-ELIG-0005", Assert.Throws<DomainException>(() => city.Derive("DT-X", "x", "140200", null, Now)).Code);
    }

    [Fact]
    public void RuleSet_NonsensicalThresholds_AreRefused()
    {
        var ex = Assert.Throws<DomainException>(() => Sx2022.Derive("SX-BAD", "坏", null, Sx2022.Thresholds with { MinAreaKm2 = 6m }, Now));
        Assert.Equal("ETOWN-ELIG-0004", ex.Code);
        Assert.Equal("ETOWN-ELIG-0004", Assert.Throws<DomainException>(() => Sx2022.Derive("坏 代码", "x", null, null, Now)).Code);
    }
}
