using ETown.Web.Features.Declarations;
using ETown.Web.Features.Declarations.Eligibility;
using ETown.Web.Features.Etowns;
using ETown.Web.Features.Regions;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Declarations.Demo;

/// <summary>
/// Demo declarations (issue #3 §9): the seven documented e-towns as listed declarations with the
/// targets their plans state (L 潞城, K 岢岚, Y 临猗, S 朔州's four), plus a draft, a returned and a
/// non-eligible example. Base conditions the documents do not state are plausible demo values.
/// </summary>
public static class DemoDeclarations
{
    sealed record Plan(string County, decimal OutputWan2025, decimal RetailWan2025, decimal InvestWan, CountyClass Class,
        int Entities, int Ecom, decimal RetailBase, int Over100, decimal OutputBase, string Products);

    // Targets: L: 总产值 1.53亿, 网络零售额 3100万 (建成当年), 总投资 4.1亿, 新增投资 2.6亿, 主导产业投资 1.1亿, 纳税 320万, 就业 350;
    // K: 总产值 ≥ 1亿, 网络零售额 ≥ 2000万, 总投资 ≥ 1亿; Y: 总投资 ≥ 2亿, 总产值 ≥ 1.5亿, 网络零售额 ≥ 3000万;
    // S: 怀仁 2亿/5000万/3亿, 山阴 1.5亿/3000万/2亿, 应县与右玉 1亿/2000万/1亿 (朔州方案 四(二)).
    static readonly Dictionary<string, Plan> Plans = new()
    {
        ["140406"] = new("140406", 15300, 3100, 41000, CountyClass.Advancing, 62, 18, 1850, 4, 11800, "大葱、葱制品"),
        ["140929"] = new("140929", 10000, 2000, 10000, CountyClass.Assisted, 45, 12, 1200, 3, 7600, "沙棘、红芸豆"),
        ["140821"] = new("140821", 15000, 3000, 20000, CountyClass.Advancing, 80, 25, 2600, 6, 12500, "鲜果、果品加工"),
        ["140621"] = new("140621", 15000, 3000, 20000, CountyClass.Advancing, 40, 11, 1500, 3, 9800, "乳制品"),
        ["140622"] = new("140622", 10000, 2000, 10000, CountyClass.Assisted, 35, 10, 1050, 3, 6200, "蔬菜"),
        ["140681"] = new("140681", 20000, 5000, 30000, CountyClass.Pilot, 95, 30, 3900, 8, 16800, "日用陶瓷、艺术陶瓷"),
        ["140623"] = new("140623", 10000, 2000, 10000, CountyClass.Assisted, 30, 10, 1000, 3, 5600, "沙棘、羊肉"),
    };

    public static void Seed(EtownDbContext ctx, IReadOnlyList<Etown> etowns, DateTimeOffset now)
    {
        var today = now.ToChinaDate();
        ctx.DeclarationRounds.Add(new DeclarationRound
        {
            Year = 2022, OpensOn = new DateOnly(2022, 4, 1), ClosesOn = new DateOnly(2022, 5, 10), NoticeWorkingDays = 5,
            ScoringSheetJson = System.Text.Json.JsonSerializer.Serialize(DeclarationRound.DefaultSheet),
            NoticeStartsOn = new DateOnly(2022, 7, 25), NoticeEndsOn = new DateOnly(2022, 7, 29), IsFinalised = true,
        });
        // An open round for the current year so the workflow can be tried end to end today.
        ctx.DeclarationRounds.Add(new DeclarationRound
        {
            Year = today.Year, OpensOn = new DateOnly(today.Year, 1, 1), ClosesOn = new DateOnly(today.Year, 12, 31), NoticeWorkingDays = 5,
            ScoringSheetJson = System.Text.Json.JsonSerializer.Serialize(DeclarationRound.DefaultSheet),
        });

        foreach (var e in etowns)
        {
            var p = Plans[e.CountyCode];
            var f = FormFor(e.Name, p, e);
            var d = new Declaration { Year = 2022, CountyCode = e.CountyCode, ProjectName = e.Name };
            d.SetForm(f);
            d.SetStatusForSeed(DeclarationStatus.Listed, e.Id);
            e.DeclarationId = d.Id;
            ctx.Declarations.Add(d);
        }

        // Current-year examples for the workflow pages.
        var draft = new Declaration { Year = today.Year, CountyCode = "140929", ProjectName = "岢岚县宋家沟乡村e镇（草稿）" };
        draft.SetForm(FormFor(draft.ProjectName, Plans["140929"] with { Entities = 28 }, null));
        ctx.Declarations.Add(draft);

        var returned = new Declaration { Year = today.Year, CountyCode = "140622", ProjectName = "应县杂粮乡村e镇" };
        returned.SetForm(FormFor(returned.ProjectName, Plans["140622"], null));
        returned.SetStatusForSeed(DeclarationStatus.Submitted);
        StoreEligibilityAtSubmission(ctx, returned, now);
        returned.Return("佐证材料中网络零售额统计口径不清，请补充规划区内电商企业名单及 2021 年网络零售额证明。");
        ctx.Declarations.Add(returned);

        // Not eligible: 8 e-commerce enterprises and 600万 online retail fail DECL-04; 3.2万 m² fails DECL-06.
        var weak = new Declaration { Year = today.Year, CountyCode = "140623", ProjectName = "右玉县杀虎口乡村e镇" };
        var wf = FormFor(weak.ProjectName, Plans["140623"] with { Ecom = 8, RetailBase = 600, Over100 = 1, Entities = 15, OutputBase = 3200 }, null);
        wf.PlannedAreaKm2 = null; wf.FloorAreaM2 = 32000;
        weak.SetForm(wf);
        weak.SetStatusForSeed(DeclarationStatus.Submitted);
        StoreEligibilityAtSubmission(ctx, weak, now);
        ctx.Declarations.Add(weak);
    }

    static readonly System.Text.Json.JsonSerializerOptions ReportJson =
        new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>
    /// A submitted declaration keeps the eligibility report of its submission (DeclarationService.SubmitAsync);
    /// the demo ones placed directly in a later status get theirs here, evaluated against the 2022 provincial set.
    /// </summary>
    static void StoreEligibilityAtSubmission(EtownDbContext ctx, Declaration d, DateTimeOffset now)
    {
        var county = ctx.Regions.AsNoTracking().Single(r => r.Code == d.CountyCode);
        var cities = ctx.Regions.AsNoTracking().Where(r => r.Code == county.ParentCode).Select(r => r.Name).ToList();
        var units = ctx.Regions.AsNoTracking().Count(r => r.ParentCode == county.ParentCode && r.Level == RegionLevel.County);
        var context = new EligibilityContext
        {
            CountyLevelUnitsInCity = units, RegionCountyClass = county.CountyClass, CountyName = county.Name, CityName = cities.FirstOrDefault(),
        };
        var report = EligibilityEngine.Evaluate(d.Form, EligibilityRuleSet.Shanxi2022(now), context);
        d.EligibilityJson = System.Text.Json.JsonSerializer.Serialize(report, ReportJson);
    }

    static DeclarationForm FormFor(string name, Plan p, Etown? e)
    {
        var f = new DeclarationForm
        {
            CountyCode = p.County, CountyClass = p.Class, ProjectName = name, IsNationalDemoCounty = false,
            PersonInCharge = "县商务局局长（演示）", PersonInChargePhone = "0350-1234567", Contact = "e镇办联络员（演示）",
            ContactPhone = "13803510000", Email = "etown@example.gov.cn", Address = e?.Address ?? e?.BoundaryText?.Split('：')[0],
            PlannedAreaKm2 = e?.PlannedAreaKm2 ?? 1.5m, Infrastructure = "物流配送中心\n仓储冷库\n千兆宽带",
            MarketEntities = p.Entities, EcommerceEnterprises = p.Ecom, OnlineRetailWan = p.RetailBase, EnterprisesOver100Wan = p.Over100,
            LeadingIndustries = e?.LeadingIndustries ?? p.Products, FeaturedProducts = p.Products, Brands = "区域公用品牌（演示）",
            OutputWan = p.OutputBase, BoundaryText = e?.BoundaryText ?? "东至（演示），南至（演示），西至（演示），北至（演示）",
            CountyOpinion = "同意申报，县政府将统筹资金、土地、人才等要素保障乡村e镇建设。",
        };
        // Targets rise linearly from the base to the documented 2025 (acceptance-year) figures.
        for (var i = 0; i < TargetIndicators.Years.Length; i++)
        {
            var y = TargetIndicators.Years[i];
            var share = (i + 1) / 4m;
            f.SetTarget(TargetIndicator.TotalOutput, y, Math.Round(p.OutputBase + (p.OutputWan2025 - p.OutputBase) * share));
            f.SetTarget(TargetIndicator.OnlineRetail, y, Math.Round(p.RetailBase + (p.RetailWan2025 - p.RetailBase) * share));
            f.SetTarget(TargetIndicator.TotalInvestment, y, Math.Round(p.InvestWan * share));
            f.SetTarget(TargetIndicator.NewInvestment, y, Math.Round(p.InvestWan * 0.6m * share));
            f.SetTarget(TargetIndicator.LeadingIndustryInvestment, y, Math.Round(p.InvestWan * 0.27m * share));
            f.SetTarget(TargetIndicator.NewMarketEntities, y, 13 + i); // ≥ 10 legal-person units a year after ~12 % individual businesses (STD-37)
            f.SetTarget(TargetIndicator.NewEcommerceEnterprises, y, 6 + i);
            f.SetTarget(TargetIndicator.OnlineMerchants, y, 50 + 30 * i);
            f.SetTarget(TargetIndicator.Brands, y, 2 + i);
            f.SetTarget(TargetIndicator.RdInstitutions, y, i == 0 ? 0 : 1);
            f.SetTarget(TargetIndicator.Employment, y, 150 + 50 * i);
            f.SetTarget(TargetIndicator.Tax, y, 80 + 60 * i);
        }
        if (p.County == "140406")
        {
            // 潞城 plan: 新增投资 2.6亿, 主导产业投资 1.1亿, 就业 350 人, 纳税 320万 by 2025.
            f.SetTarget(TargetIndicator.NewInvestment, 2025, 26000);
            f.SetTarget(TargetIndicator.LeadingIndustryInvestment, 2025, 11000);
            f.SetTarget(TargetIndicator.Employment, 2025, 350);
            f.SetTarget(TargetIndicator.Tax, 2025, 320);
        }
        return f;
    }
}
