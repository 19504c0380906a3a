using ETown.Web.Features.Plans.Demo;
using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;

namespace ETown.Tests.Features.Standards;

/// <summary>
/// Issue #14 items 5 and 13: KL-2022 says what 岢岚's own standard (002 附件2, lines 246–659) says — items 12–15 of its group 五,
/// the 1000 m² of item 20, the cold chain at 24, and line 6's "2023年底…新增市场主体数量不少于20个".
/// </summary>
public class KelanStandardTests
{
    static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly IReadOnlyList<StandardVersion> Catalogue = StandardCatalogue2022.All(Now);
    static StandardVersion K => Catalogue.Single(v => v.Code == StandardCatalogue2022.KelanCode);
    static StandardItem Item(int n) => K.Items.Single(i => i.Number == n);

    static EvidenceSnapshot Confirmed(int item, int? year, params (string Key, decimal Value)[] facts) =>
        new(Guid.NewGuid(), item, EvidenceStatus.Confirmed, facts.ToDictionary(f => f.Key, f => f.Value), Now, Now, null, year);

    static ItemVerdict Judge(int item, int? year, IReadOnlyList<FigureValue>? figures = null, params EvidenceSnapshot[] evidence) =>
        ComplianceEngine.Evaluate(new ComplianceInput(CountyClass.Assisted, [Item(item)], figures ?? [], evidence, null, year)).Single();

    /// <summary>002 lines 393–400: item 15 "营销策划" — ≥ 3 platform campaigns, ≥ 2 influencer sessions, ≥ 2 fairs, each a year.</summary>
    [Fact, Trait("Rule", "STD-15")]
    public void Std15_Kelan_MarketingPlan_ThreePlatformCampaignsTwoInfluencerSessionsTwoFairs_EachYear()
    {
        var i = Item(15);
        Assert.Equal("营销策划", i.Content);
        Assert.Equal(ItemAttribute.Binding, i.Attribute);
        Assert.StartsWith("五、岢岚县", i.Group);
        (string, decimal)[] Facts(decimal platform, decimal influencer, decimal fairs) =>
            [("platform_campaigns_per_year", platform), ("influencer_sessions_per_year", influencer), ("trade_fairs_per_year", fairs)];
        Assert.Equal(Verdict.Met, Judge(15, 2024, null, Confirmed(15, 2024, Facts(3, 2, 2))).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(15, 2024, null, Confirmed(15, 2024, Facts(2, 2, 2))).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(15, 2024, null, Confirmed(15, 2024, Facts(3, 1, 2))).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(15, 2024, null, Confirmed(15, 2024, Facts(3, 2, 1))).Verdict);
        // "每年": 2024's campaigns do not count for 2025.
        Assert.Equal(Verdict.EvidencePending, Judge(15, 2025, null, Confirmed(15, 2024, Facts(3, 2, 2))).Verdict);
        // The province's item 15 is still the training centre.
        Assert.Equal("建立电商产业培训孵化中心。", Catalogue[0].Items.Single(x => x.Number == 15).Content);
    }

    /// <summary>002 lines 363–390: 12 brands and traditional media (yearly fair, two yearly campaigns), 13 new media (期望性), 14 brand rules.</summary>
    [Fact, Trait("Rule", "STD-12"), Trait("Rule", "STD-13"), Trait("Rule", "STD-14")]
    public void Std12To14_Kelan_NumberedAndWordedAsInItsOwnTable()
    {
        var i12 = Item(12);
        Assert.Equal("网货品牌培育及线下、传统媒体宣传", i12.Content);
        Assert.True(i12.Spec.PerYear);
        (string, decimal)[] Facts12(decimal campaigns) =>
            [("small_brands", 5), ("online_products", 5), ("brand_fairs_per_year", 1), ("campaigns_per_year", campaigns)];
        Assert.Equal(Verdict.Met, Judge(12, 2024, null, Confirmed(12, 2024, Facts12(2))).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(12, 2024, null, Confirmed(12, 2024, Facts12(1))).Verdict);
        // K's item 12 asks no regional public brand count (P's item 12 does).
        Assert.DoesNotContain(i12.Spec.Facts, f => f.Key == "regional_brands");

        var i13 = Item(13);
        Assert.Equal(("积极开展新媒体线上宣传", ItemAttribute.Expected), (i13.Content, i13.Attribute));
        Assert.Equal(Verdict.Met, Judge(13, null, null, Confirmed(13, null, ("new_media_accounts", 10))).Verdict);
        Assert.Equal(Verdict.NotMet, Judge(13, null, null, Confirmed(13, null, ("new_media_accounts", 9))).Verdict);

        var i14 = Item(14);
        Assert.Equal(("建立区域公用品牌运行和管理制度。", ItemAttribute.Binding, false), (i14.Content, i14.Attribute, i14.Spec.PerYear));
        Assert.Empty(i14.Spec.Facts);
        // A one-off document: rules confirmed in 2023 still stand in 2025 (P's item 14, the yearly fair, is per year).
        Assert.Equal(Verdict.Met, Judge(14, 2025, null, Confirmed(14, 2023)).Verdict);
    }

    /// <summary>002 line 442: "建筑面积不少于1000平方米" stands in K's item 20.</summary>
    [Fact, Trait("Rule", "STD-20")]
    public void Std20_Kelan_ServiceCentre_AtLeast1000SquareMetres()
    {
        (string, decimal)[] Facts(decimal area) =>
            [("area_m2", area), ("work_places", 50), ("incubated_entities", 10), ("live_rooms", 1), ("aux_live_rooms", 3)];
        Assert.Equal(Verdict.Met, Judge(20, null, null, Confirmed(20, null, Facts(1000))).Verdict);
        var short_ = Judge(20, null, null, Confirmed(20, null, Facts(999)));
        Assert.Equal(Verdict.NotMet, short_.Verdict);
        Assert.Contains("建筑面积", short_.Reason);
        Assert.Contains("建筑面积不少于1000平方米", Item(20).StandardText);
    }

    /// <summary>002 lines 482–489: K's item 24 is "冷链物流体系提质升级", 期望性.</summary>
    [Fact, Trait("Rule", "STD-24")]
    public void Std24_Kelan_IsTheColdChain()
    {
        var i = Item(24);
        Assert.Equal(("冷链物流体系提质升级", ItemAttribute.Expected, ItemKind.Evidenced), (i.Content, i.Attribute, i.Kind));
        Assert.Contains("冷链物流服务体系", i.StandardText);
        Assert.Equal("八、提升区域物流服务能力", i.Group);
    }

    /// <summary>
    /// 附件2 budgets per item number: every line of the demo budget names the KL-2022 item it pays for — "营销策划" (30万元) is item 15,
    /// the cold chain (20万元) item 24.
    /// </summary>
    [Fact, Trait("Rule", "STD-15")]
    public void Std15_Kelan_DemoBudgetLines_PointAtTheItemsTheyName()
    {
        static string Norm(string s) => s.Replace(" ", "", StringComparison.Ordinal).Replace("“", "", StringComparison.Ordinal).Replace("”", "", StringComparison.Ordinal).TrimEnd('。');
        Assert.Equal(15, DemoPlans.KelanBudget.Single(b => b.Content == "营销策划").Item);
        foreach (var n in new[] { 12, 13, 14, 15, 20, 24 })
            Assert.Equal(Norm(DemoPlans.KelanBudget.Single(b => b.Item == n).Content), Norm(Item(n).Content));
    }

    /// <summary>
    /// 002 line 6: "预计在2023年底规划区域内新增市场主体数量不少于20个，后续每年新增市场主体数量不少于10个/年" — the new market entities of
    /// 2022–2023 add up to ≥ 20 by end-2023; from 2024 the yearly ≥ 10 (the table's legal-person units) alone.
    /// </summary>
    [Fact, Trait("Rule", "STD-37")]
    public void Std37_Kelan_TwentyNewMarketEntitiesByEnd2023_ThenTenAYear()
    {
        static List<FigureValue> Figures(decimal entities2023) =>
        [
            new(Indicators.NewMarketEntities, 2022, 8, "t"), new(Indicators.NewMarketEntities, 2023, entities2023, "t"),
            new(Indicators.NewMarketEntities, 2024, 11, "t"),
            .. new[] { 2022, 2023, 2024 }.SelectMany(y => new FigureValue[] { new(Indicators.NewLegalEntities, y, 10, "t"), new(Indicators.NewEntitiesEcommercePct, y, 60, "t") }),
        ];
        Assert.Equal(Verdict.Met, Judge(37, 2023, Figures(12)).Verdict);
        var short_ = Judge(37, 2023, Figures(11));
        Assert.Equal(Verdict.NotMet, short_.Verdict);
        Assert.Contains("19", short_.Reason);
        // After 2023 the cumulative condition no longer binds; 10 legal-person units a year do.
        var y2024 = Judge(37, 2024, Figures(11));
        Assert.Equal(Verdict.Met, y2024.Verdict);
        Assert.Contains("考核至 2023 年", y2024.Reason);
        // The province's item 37 has no such condition.
        Assert.DoesNotContain(Catalogue[0].Items.Single(i => i.Number == 37).Spec.AnyOf.SelectMany(g => g), c => c.Indicator == Indicators.NewMarketEntities);
    }
}
