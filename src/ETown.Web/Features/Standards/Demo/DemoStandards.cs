using ETown.Web.Features.Etowns;
using ETown.Web.Features.Standards;
using I = ETown.Web.Features.Standards.Indicators;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Standards.Demo;

/// <summary>
/// Demo figures and evidence (issue #5) so each demo e-town shows a mix of met, not met and pending items.
/// All values here are DEMO VALUES, plausible for the e-towns' plans but not taken from any statistics.
/// </summary>
public static class DemoStandards
{
    public static void Seed(EtownDbContext ctx, IReadOnlyList<Etown> towns, DateTimeOffset now)
    {
        Etown T(string county) => towns.First(t => t.CountyCode == county);

        // 潞城 (整体推进县, SX-2022): output, retail, investment, scale met; employment below its declared target.
        var lucheng = T("140406");
        Figures(ctx, lucheng, now,
            (2024, I.TotalOutput, 13_500m), (2025, I.TotalOutput, 15_300m), (2025, I.CityOutputGrowth, 5.2m),
            (2024, I.OnlineRetail, 2_800m), (2025, I.OnlineRetail, 3_100m), (2025, I.TotalInvestment, 41_000m),
            (2025, I.NewLegalEntities, 12m), (2025, I.NewEntitiesEcommercePct, 66m), (2025, I.AreaKm2, 4.8m), (2025, I.Employment, 300m));
        Evidence(ctx, lucheng, 20, EvidenceStatus.Confirmed, now, ("area_m2", 1_200m), ("big_data_centre", 1m), ("live_rooms", 2m));
        Evidence(ctx, lucheng, 15, EvidenceStatus.Confirmed, now, ("area_m2", 150m), ("person_times", 420m));
        Evidence(ctx, lucheng, 23, EvidenceStatus.Confirmed, now, ("area_m2", 350m));
        Evidence(ctx, lucheng, 31, EvidenceStatus.Confirmed, now);
        Evidence(ctx, lucheng, 18, EvidenceStatus.Submitted, now, ("influencers", 5m));

        // 岢岚 (重点帮扶县, KL-2022): investment met, online retail short of 2000万, influencers short of 1万 followers.
        var kelan = T("140929");
        Figures(ctx, kelan, now,
            (2024, I.OnlineRetail, 1_650m), (2025, I.OnlineRetail, 1_800m), (2025, I.TotalInvestment, 12_000m), (2025, I.AreaKm2, 4.96m));
        Evidence(ctx, kelan, 18, EvidenceStatus.Confirmed, now, ("influencers", 6m), ("min_followers", 8_000m));
        Evidence(ctx, kelan, 2, EvidenceStatus.Confirmed, now, ("leading_industries", 3m));
        Evidence(ctx, kelan, 39, EvidenceStatus.Submitted, now, ("rd_institutions", 1m), ("financial_outlets", 1m), ("telecom_outlets", 1m));

        // 临猗 (整体推进县): output met, city average not entered (growth pending); service centre met.
        var linyi = T("140821");
        Figures(ctx, linyi, now, (2024, I.TotalOutput, 14_000m), (2025, I.TotalOutput, 16_000m), (2025, I.AreaKm2, 1.74m));
        Evidence(ctx, linyi, 20, EvidenceStatus.Confirmed, now, ("area_m2", 1_500m), ("big_data_centre", 1m), ("live_rooms", 3m));

        // 怀仁 (先行示范县, SZ-2022): online retail met; a 400 m² logistics centre passes P's 300 m² but not 朔州's 500 m².
        var huairen = T("140681");
        Figures(ctx, huairen, now, (2024, I.OnlineRetail, 4_600m), (2025, I.OnlineRetail, 5_200m), (2025, I.TotalInvestment, 26_000m));
        Evidence(ctx, huairen, 23, EvidenceStatus.Confirmed, now, ("area_m2", 400m));
        Evidence(ctx, huairen, 39, EvidenceStatus.Submitted, now, ("rd_institutions", 1m), ("financial_outlets", 1m), ("telecom_outlets", 0m));

        // 山阴, 应县, 右玉: one figure each; the rest is pending.
        Figures(ctx, T("140621"), now, (2025, I.AreaKm2, 1.2m));
        Figures(ctx, T("140622"), now, (2025, I.TotalInvestment, 8_000m));
        Evidence(ctx, T("140623"), 1, EvidenceStatus.Submitted, now);
    }

    static void Figures(EtownDbContext ctx, Etown e, DateTimeOffset now, params (int Year, string Indicator, decimal Value)[] values)
    {
        foreach (var (year, indicator, value) in values)
            ctx.EtownFigures.Add(new EtownFigure
            {
                EtownId = e.Id, CountyCode = e.CountyCode, Year = year, Indicator = indicator, Value = value,
                Source = FigureSources.Entered, Note = "演示数据", UpdatedAt = now,
            });
    }

    static void Evidence(EtownDbContext ctx, Etown e, int item, EvidenceStatus status, DateTimeOffset now, params (string Key, decimal Value)[] facts)
    {
        var ev = new EtownEvidence
        {
            EtownId = e.Id, CountyCode = e.CountyCode, ItemNumber = item, Facts = facts.ToDictionary(f => f.Key, f => f.Value),
            Note = "演示数据", SubmittedAt = now.AddDays(-7), SubmittedByName = "演示数据",
        };
        if (status != EvidenceStatus.Submitted) ev.SetStatusForSeed(status, now.AddDays(-3));
        ctx.EtownEvidence.Add(ev);
    }
}
