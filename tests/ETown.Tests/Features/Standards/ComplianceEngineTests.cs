using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;
using ETown.Web.Platform;
using I = ETown.Web.Features.Standards.Indicators;

namespace ETown.Tests.Features.Standards;

/// <summary>The compliance engine on the published 2022 standard (P 附件1) and its 朔州 (S) and 岢岚 (K) variants.</summary>
public class ComplianceEngineTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly IReadOnlyList<StandardVersion> Catalogue = StandardCatalogue2022.All(Now);
    static StandardVersion P => Catalogue[0];
    static StandardVersion S => Catalogue[1];
    static StandardVersion K => Catalogue[2];

    static ItemVerdict Judge(StandardVersion v, int item, CountyClass? cls, IEnumerable<FigureValue>? figures = null,
        IEnumerable<EvidenceSnapshot>? evidence = null, IEnumerable<FigureValue>? targets = null) =>
        ComplianceEngine.Evaluate(new ComplianceInput(cls, v.Items.Where(i => i.Number == item).ToList(),
            (figures ?? []).ToList(), (evidence ?? []).ToList(), targets?.ToList())).Single();

    static FigureValue Fig(string indicator, int year, decimal value) => new(indicator, year, value, FigureSources.Entered);

    public static TheoryData<CountyClass, decimal> OutputThresholds => new()
    {
        { CountyClass.Pilot, 20_000m }, { CountyClass.Advancing, 15_000m }, { CountyClass.Assisted, 10_000m },
    };
    public static TheoryData<CountyClass, decimal> InvestmentThresholds => new()
    {
        { CountyClass.Pilot, 30_000m }, { CountyClass.Advancing, 20_000m }, { CountyClass.Assisted, 10_000m },
    };
    public static TheoryData<CountyClass, decimal> RetailThresholds => new()
    {
        { CountyClass.Pilot, 5_000m }, { CountyClass.Advancing, 3_000m }, { CountyClass.Assisted, 2_000m },
    };
    public static TheoryData<CountyClass> Classes => new() { CountyClass.Pilot, CountyClass.Advancing, CountyClass.Assisted };

    // ------------------------------------------------------------------ STD-33 output (万元, acceptance year) and growth > city average + 2 pp

    [Theory, MemberData(nameof(OutputThresholds))]
    [Trait("Rule", "STD-33")]
    public void Std33_Output_AtBelowAbove_ClassThreshold(CountyClass cls, decimal threshold)
    {
        Verdict For(decimal output) => Judge(P, 33, cls, [Fig(I.TotalOutput, 2024, threshold / 2), Fig(I.TotalOutput, 2025, output), Fig(I.CityOutputGrowth, 2025, 5m)]).Verdict;
        Assert.Equal(Verdict.NotMet, For(threshold - 1));
        Assert.Equal(Verdict.Met, For(threshold));
        Assert.Equal(Verdict.Met, For(threshold + 1));
    }

    [Theory, MemberData(nameof(Classes))]
    [Trait("Rule", "STD-33")]
    public void Std33_Growth_MustReachCityAveragePlusTwoPoints(CountyClass cls)
    {
        // 2024 = 20000, city average 8% → the e-town must grow by 10% or more ("2个百分点以上", K line 6; issue #14 item 1).
        Verdict For(decimal output2025) => Judge(P, 33, cls, [Fig(I.TotalOutput, 2024, 20_000m), Fig(I.TotalOutput, 2025, output2025), Fig(I.CityOutputGrowth, 2025, 8m)]).Verdict;
        Assert.Equal(Verdict.NotMet, For(21_999m)); // 9.995 %
        Assert.Equal(Verdict.Met, For(22_000m));    // exactly 10 %: "以上" includes the number
        Assert.Equal(Verdict.Met, For(22_001m));
        var pending = Judge(P, 33, cls, [Fig(I.TotalOutput, 2024, 20_000m), Fig(I.TotalOutput, 2025, 30_000m)]);
        Assert.Equal(Verdict.EvidencePending, pending.Verdict);
        Assert.Contains("所在市", pending.Reason);
    }

    // ------------------------------------------------------------------ STD-34 scale: 0.5–5 km² or floor area ≥ 50万 m²

    [Theory, MemberData(nameof(Classes))]
    [Trait("Rule", "STD-34")]
    public void Std34_Area_Or_FloorArea(CountyClass cls)
    {
        Verdict Area(decimal km2) => Judge(P, 34, cls, [Fig(I.AreaKm2, 2025, km2)]).Verdict;
        Verdict Floor(decimal m2) => Judge(P, 34, cls, [Fig(I.FloorAreaM2, 2025, m2)]).Verdict;
        Assert.Equal(Verdict.NotMet, Area(0.49m));
        Assert.Equal(Verdict.Met, Area(0.5m));
        Assert.Equal(Verdict.Met, Area(0.51m));
        Assert.Equal(Verdict.Met, Area(4.99m));
        Assert.Equal(Verdict.Met, Area(5m));
        Assert.Equal(Verdict.NotMet, Area(5.01m));
        Assert.Equal(Verdict.NotMet, Floor(499_999m));
        Assert.Equal(Verdict.Met, Floor(500_000m));
        Assert.Equal(Verdict.Met, Floor(500_001m));
        // Either alternative suffices: too large an area with enough floor area is met.
        Assert.Equal(Verdict.Met, Judge(P, 34, cls, [Fig(I.AreaKm2, 2025, 6m), Fig(I.FloorAreaM2, 2025, 600_000m)]).Verdict);
        Assert.Equal(Verdict.EvidencePending, Judge(P, 34, cls).Verdict);
    }

    // ------------------------------------------------------------------ STD-35 total investment

    [Theory, MemberData(nameof(InvestmentThresholds))]
    [Trait("Rule", "STD-35")]
    public void Std35_Investment_AtBelowAbove_ClassThreshold(CountyClass cls, decimal threshold)
    {
        Verdict For(decimal v) => Judge(P, 35, cls, [Fig(I.TotalInvestment, 2025, v)]).Verdict;
        Assert.Equal(Verdict.NotMet, For(threshold - 1));
        Assert.Equal(Verdict.Met, For(threshold));
        Assert.Equal(Verdict.Met, For(threshold + 1));
    }

    // ------------------------------------------------------------------ STD-36 online retail and growth ≥ 10 %

    [Theory, MemberData(nameof(RetailThresholds))]
    [Trait("Rule", "STD-36")]
    public void Std36_OnlineRetail_AtBelowAbove_ClassThreshold(CountyClass cls, decimal threshold)
    {
        Verdict For(decimal v) => Judge(P, 36, cls, [Fig(I.OnlineRetail, 2024, threshold / 2), Fig(I.OnlineRetail, 2025, v)]).Verdict;
        Assert.Equal(Verdict.NotMet, For(threshold - 1));
        Assert.Equal(Verdict.Met, For(threshold));
        Assert.Equal(Verdict.Met, For(threshold + 1));
    }

    [Theory, MemberData(nameof(RetailThresholds))]
    [Trait("Rule", "STD-36")]
    public void Std36_Growth_AtBelowAbove_TenPercent(CountyClass cls, decimal threshold)
    {
        var before = threshold * 2; // comfortably above the class threshold in both years
        Verdict For(decimal v) => Judge(P, 36, cls, [Fig(I.OnlineRetail, 2024, before), Fig(I.OnlineRetail, 2025, v)]).Verdict;
        Assert.Equal(Verdict.NotMet, For(before * 1.1m - 1));
        Assert.Equal(Verdict.Met, For(before * 1.1m));
        Assert.Equal(Verdict.Met, For(before * 1.1m + 1));
    }

    // ------------------------------------------------------------------ STD-37 ≥ 10 new legal-person entities per year (with STD-60 ≥ 60 % doing e-commerce)

    [Theory, MemberData(nameof(Classes))]
    [Trait("Rule", "STD-37")]
    [Trait("Rule", "STD-60")]
    public void Std37_NewEntities_AtBelowAbove_Ten(CountyClass cls)
    {
        Verdict For(decimal n, decimal pct = 60m) => Judge(P, 37, cls, [Fig(I.NewLegalEntities, 2025, n), Fig(I.NewEntitiesEcommercePct, 2025, pct)]).Verdict;
        Assert.Equal(Verdict.NotMet, For(9));
        Assert.Equal(Verdict.Met, For(10));
        Assert.Equal(Verdict.Met, For(11));
        Assert.Equal(Verdict.NotMet, For(12, 59.9m));
        Assert.Equal(Verdict.Met, For(12, 60.1m));
    }

    [Fact]
    public void Verdict_NamesTheFiguresAndTheRule()
    {
        var v = Judge(P, 36, CountyClass.Advancing, [Fig(I.OnlineRetail, 2024, 2_800m), Fig(I.OnlineRetail, 2025, 2_900m)],
            targets: [new FigureValue(I.OnlineRetail, 2025, 3_100m, FigureSources.Declaration)]);
        Assert.Equal(Verdict.NotMet, v.Verdict);
        Assert.Contains("2,900", v.Reason);
        Assert.Contains("3,000", v.Reason);
        Assert.Contains("整体推进县", v.Reason);
        Assert.Equal(3_100m, v.Figures.First().DeclarationTarget);
        Assert.Contains("3000万元", v.StandardText);
    }

    [Fact]
    [Trait("Rule", "STD-38")]
    public void Std38_Employment_IsJudgedAgainstTheDeclaredTarget_NotAsAnAchievement()
    {
        var target = new FigureValue(I.Employment, 2025, 350m, FigureSources.Declaration);
        Assert.Equal(Verdict.EvidencePending, Judge(P, 38, CountyClass.Advancing, targets: [target]).Verdict); // a target alone is no achievement
        Assert.Equal(Verdict.NotMet, Judge(P, 38, CountyClass.Advancing, [Fig(I.Employment, 2025, 300m)], targets: [target]).Verdict);
        Assert.Equal(Verdict.Met, Judge(P, 38, CountyClass.Advancing, [Fig(I.Employment, 2025, 350m)], targets: [target]).Verdict);
    }

    [Fact]
    public void ClassTiered_Item_WithoutCountyClass_IsPending()
    {
        var v = Judge(P, 35, null, [Fig(I.TotalInvestment, 2025, 50_000m)]);
        Assert.Equal(Verdict.EvidencePending, v.Verdict);
        Assert.Contains("县域类别未定", v.Reason);
    }

    // ------------------------------------------------------------------ evidenced items

    static EvidenceSnapshot Ev(int item, EvidenceStatus status, params (string, decimal)[] facts) =>
        new(Guid.NewGuid(), item, status, facts.ToDictionary(f => f.Item1, f => f.Item2), Now, status == EvidenceStatus.Submitted ? null : Now, status == EvidenceStatus.Rejected ? "材料不清" : null);

    [Fact]
    [Trait("Rule", "STD-20")]
    public void Std20_ServiceCentre_PendingUntilConfirmed_ThenMetOrNotMet()
    {
        Assert.Equal(Verdict.EvidencePending, Judge(P, 20, CountyClass.Pilot).Verdict);
        var facts = new[] { ("area_m2", 1200m), ("big_data_centre", 1m), ("live_rooms", 1m) };
        Assert.Equal(Verdict.EvidencePending, Judge(P, 20, CountyClass.Pilot, evidence: [Ev(20, EvidenceStatus.Submitted, facts)]).Verdict);
        var rejected = Judge(P, 20, CountyClass.Pilot, evidence: [Ev(20, EvidenceStatus.Rejected, facts)]);
        Assert.Equal(Verdict.EvidencePending, rejected.Verdict);
        Assert.Contains("材料不清", rejected.Reason);
        Assert.Equal(Verdict.Met, Judge(P, 20, CountyClass.Pilot, evidence: [Ev(20, EvidenceStatus.Confirmed, facts)]).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(P, 20, CountyClass.Pilot, evidence: [Ev(20, EvidenceStatus.Confirmed, ("area_m2", 999m), ("big_data_centre", 1m), ("live_rooms", 1m))]).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(P, 20, CountyClass.Pilot, evidence: [Ev(20, EvidenceStatus.Confirmed, ("area_m2", 1000m), ("big_data_centre", 1m), ("live_rooms", 0m))]).Verdict);
    }

    [Fact]
    [Trait("Rule", "STD-15")]
    public void Std15_TrainingCentre_100m2_And_500PersonTimes()
    {
        Assert.Equal(Verdict.Met, Judge(P, 15, CountyClass.Assisted, evidence: [Ev(15, EvidenceStatus.Confirmed, ("area_m2", 100m), ("person_times", 500m))]).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(P, 15, CountyClass.Assisted, evidence: [Ev(15, EvidenceStatus.Confirmed, ("area_m2", 100m), ("person_times", 499m))]).Verdict);
    }

    [Fact]
    [Trait("Rule", "STD-22")]
    public void Std22_Showroom_Between100And300()
    {
        Verdict For(decimal m2) => Judge(P, 22, CountyClass.Pilot, evidence: [Ev(22, EvidenceStatus.Confirmed, ("area_m2", m2))]).Verdict;
        Assert.Equal(Verdict.NotMet, For(99m));
        Assert.Equal(Verdict.Met, For(100m));
        Assert.Equal(Verdict.Met, For(300m));
        Assert.Equal(Verdict.NotMet, For(301m));
    }

    // ------------------------------------------------------------------ the catalogue and its variants

    [Fact]
    public void Province_Has39Items_InSixteenGroups_WithPsAttributes()
    {
        Assert.Equal(Enumerable.Range(1, 39), P.Items.Select(i => i.Number).Order());
        Assert.Equal(16, P.Items.Select(i => i.Group).Distinct().Count());
        Assert.All(P.Items, i => Assert.Empty(i.Problems()));
        int[] expected = [4, 9, 10, 11, 17, 21, 24, 25, 26, 28, 38, 39];
        Assert.Equal(expected, P.Items.Where(i => i.Attribute == ItemAttribute.Expected).Select(i => i.Number).Order());
        Assert.Equal([33, 34, 35, 36, 37, 38], P.Items.Where(i => i.Kind == ItemKind.Measured).Select(i => i.Number).Order());
        Assert.True(P.IsInUse);
    }

    [Fact]
    [Trait("Rule", "STD-23")]
    [Trait("Rule", "STD-39")]
    public void Shuozhou_DiffersFromProvince_AtItems23And39()
    {
        var p23 = P.Items.Single(i => i.Number == 23);
        var s23 = S.Items.Single(i => i.Number == 23);
        Assert.Equal(300m, p23.Spec.Facts.Single().Min);
        Assert.Equal(500m, s23.Spec.Facts.Single().Min);
        Assert.Contains("500平方米", s23.StandardText);
        Assert.Equal(ItemAttribute.Expected, P.Items.Single(i => i.Number == 39).Attribute);
        Assert.Equal(ItemAttribute.Binding, S.Items.Single(i => i.Number == 39).Attribute);
        Assert.Equal("140600", S.RegionCode);
        Assert.Equal(P.Id, S.ParentId);
        // A 400 m² logistics centre passes P and fails S.
        var ev = Ev(23, EvidenceStatus.Confirmed, ("area_m2", 400m));
        Assert.Equal(Verdict.Met, Judge(P, 23, CountyClass.Pilot, evidence: [ev]).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(S, 23, CountyClass.Pilot, evidence: [ev]).Verdict);
    }

    [Fact]
    [Trait("Rule", "STD-18")]
    [Trait("Rule", "STD-33")]
    public void Kelan_RequiresTenThousandFollowers_AndStatesOnlyAssistedTargets()
    {
        var ev = Ev(18, EvidenceStatus.Confirmed, ("influencers", 6m), ("min_followers", 8_000m));
        Assert.Equal(Verdict.Met, Judge(P, 18, CountyClass.Assisted, evidence: [ev]).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(K, 18, CountyClass.Assisted, evidence: [ev]).Verdict);
        Assert.Equal(ItemAttribute.Binding, K.Items.Single(i => i.Number == 39).Attribute);
        Assert.Equal(Verdict.Met, Judge(K, 35, CountyClass.Assisted, [Fig(I.TotalInvestment, 2025, 10_000m)]).Verdict);
        Assert.Equal(Verdict.NotApplicable, Judge(K, 35, CountyClass.Pilot, [Fig(I.TotalInvestment, 2025, 50_000m)]).Verdict);
    }

    [Fact]
    public void Derive_CopiesAllItems_AndLeavesTheParentUnchanged()
    {
        var parent = StandardCatalogue2022.Province(Now);
        var before = parent.Items.Select(i => (i.Number, i.StandardText, i.Attribute, System.Text.Json.JsonSerializer.Serialize(i.Spec))).ToList();
        var child = parent.Derive("CZ-2026", "长治市建设标准", "140400", Now);
        child.EditItem(23, null, "不少于800平方米", ItemAttribute.Binding, null, new ItemSpec { Facts = [new("area_m2", "建筑面积", "平方米", 800)] });
        Assert.Equal(39, child.Items.Count);
        Assert.Equal(2, child.Version);
        Assert.False(child.IsInUse);
        Assert.Equal(before, parent.Items.Select(i => (i.Number, i.StandardText, i.Attribute, System.Text.Json.JsonSerializer.Serialize(i.Spec))).ToList());
        Assert.Equal(800m, child.Items.Single(i => i.Number == 23).Spec.Facts.Single().Min);
        Assert.All(child.Items, i => Assert.Equal(child.Id, i.VersionId));
    }

    [Fact]
    public void VersionInUse_IsImmutable()
    {
        var p = StandardCatalogue2022.Province(Now);
        var ex = Assert.Throws<DomainException>(() => p.EditItem(23, null, "x", null, null, null));
        Assert.Equal("ETOWN-STD-0001", ex.Code);
        var child = p.Derive("X-1", "x", null, Now);
        child.MarkInUse();
        Assert.Equal("ETOWN-STD-0001", Assert.Throws<DomainException>(() => child.EditItem(1, null, "y", null, null, null)).Code);
    }

    [Fact]
    public void CityVariant_CannotDeriveForAnotherCity()
    {
        var ex = Assert.Throws<DomainException>(() => S.Derive("X-2", "x", "140400", Now));
        Assert.Equal("ETOWN-STD-0005", ex.Code);
        Assert.Equal("140621", S.Derive("SY-2026", "山阴", "140621", Now).RegionCode);
    }

    [Fact]
    public void Resolve_PicksCounty_ThenCity_ThenProvince()
    {
        Assert.Equal(StandardCatalogue2022.KelanCode, StandardService.Resolve(Catalogue, "140929", "140900")!.Code);
        Assert.Equal(StandardCatalogue2022.ShuozhouCode, StandardService.Resolve(Catalogue, "140681", "140600")!.Code);
        Assert.Equal(StandardCatalogue2022.ProvinceCode, StandardService.Resolve(Catalogue, "140406", "140400")!.Code);
        var draft = S.Derive("SZ-2026", "朔州 2026", "140600", Now); // not in use: ignored
        Assert.Equal(StandardCatalogue2022.ShuozhouCode, StandardService.Resolve([.. Catalogue, draft], "140681", "140600")!.Code);
    }

    [Fact]
    public void Summary_ReadyOnlyWhenEveryBindingItemIsMet()
    {
        var verdicts = ComplianceEngine.Evaluate(new ComplianceInput(CountyClass.Advancing, P.Items, [], []));
        var s = ComplianceEngine.Summarise(verdicts);
        Assert.Equal(27, s.BindingTotal);
        Assert.Equal(12, s.ExpectedTotal);
        Assert.Equal(0, s.BindingMet);
        Assert.False(s.ReadyForAcceptance);
        Assert.Equal(39, s.Pending);
    }
}
