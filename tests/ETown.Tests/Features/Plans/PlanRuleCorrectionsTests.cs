using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Row = ETown.Tests.Integration.AuthorizationMatrixTests.Row;
using Probe = ETown.Tests.Integration.AuthorizationMatrixTests.Probe;

namespace ETown.Tests.Features.Plans;

/// <summary>Issue #14 items 10 and 12: PLAN-01 completeness at filing; FUND-03 "原则上" with a justification the city approves.</summary>
public class PlanRuleCorrectionsTests(DemoApps apps) : IClassFixture<DemoApps>
{
    static PlanContent Complete() => new()
    {
        PlannedScope = "规划范围", FunctionalZones = "功能分区", InvestmentOperatingEntity = "运营主体", ConstructionMethod = "升级改造",
        FinancingModel = "省级专项资金", ProfitModel = "服务收费", GuidingIdeology = "指导思想", Principles = "基本原则",
        MainTargets = "主要目标", ExpectedEffects = "预期效果", KeyTasks = "重点任务", ImplementationSteps = "实施步骤",
        ConstructionScale = "建设规模", OperationModel = "运营模式", Guarantees = "保障措施",
        KeyProjects = [new KeyProject { Name = "公共服务中心" }],
        Targets =
        [
            new() { Indicator = ETown.Web.Features.Declarations.TargetIndicator.NewMarketEntities, Year = 2025, Value = 12m },
            new() { Indicator = ETown.Web.Features.Declarations.TargetIndicator.OnlineRetail, Year = 2025, Value = 3000m },
            new() { Indicator = ETown.Web.Features.Declarations.TargetIndicator.TotalOutput, Year = 2025, Value = 15000m },
        ],
    };

    /// <summary>
    /// PLAN-01 (000 四(五) line 144): "工作方案要包含指导思想、基本原则、主要目标…、预期效果、重点任务、实施步骤、建设规模、运营模式、保障措施等内容".
    /// Each of the seven parts the filing check used to skip is now needed.
    /// </summary>
    [Theory, Trait("Rule", "PLAN-01")]
    [InlineData("主要目标")]
    [InlineData("预期效果")]
    [InlineData("重点任务")]
    [InlineData("实施步骤")]
    [InlineData("建设规模")]
    [InlineData("运营模式")]
    [InlineData("保障措施")]
    public void Plan01_EachRequiredPartMissing_BlocksFiling(string part)
    {
        Assert.Empty(PlanService.MissingForFiling("SX-2022", Complete()));
        var c = Complete();
        switch (part)
        {
            case "主要目标": c.MainTargets = " "; break;
            case "预期效果": c.ExpectedEffects = null; break;
            case "重点任务": c.KeyTasks = ""; break;
            case "实施步骤": c.ImplementationSteps = null; break;
            case "建设规模": c.ConstructionScale = null; break;
            case "运营模式": c.OperationModel = null; break;
            default: c.Guarantees = null; break;
        }
        Assert.Equal([part], PlanService.MissingForFiling("SX-2022", c));
    }

    static List<BudgetLine> Lines(decimal leading, decimal ecommerce, decimal supporting) =>
    [
        new() { ItemNo = 2, Category = FundCategory.LeadingIndustry, ProvincialYuan = leading },
        new() { ItemNo = 20, Category = FundCategory.EcommerceElements, ProvincialYuan = ecommerce },
        new() { ItemNo = 23, Category = FundCategory.SupportingServices, ProvincialYuan = supporting },
    ];

    /// <summary>
    /// FUND-03 is "原则上" (002 line 113 "原则上不低于40%不高于50%…"): 55 % leading industry needs a justification the city
    /// approved; with it the budget may be filed. A total that does not match the allocation still blocks.
    /// </summary>
    [Fact, Trait("Rule", "FUND-03")]
    public void Fund03_OutsideTheBands_FilesOnlyWithAnApprovedJustification()
    {
        var outside = BudgetCheck.Check(10_000_000m, Lines(5_500_000m, 3_000_000m, 1_500_000m));
        Assert.True(outside.OutsideBands);
        Assert.All(outside.Issues, i => Assert.Equal(BudgetIssueSeverity.NeedsJustification, i.Severity));
        Assert.False(outside.CanFile);
        Assert.True(BudgetCheck.Check(10_000_000m, Lines(5_500_000m, 3_000_000m, 1_500_000m), justificationApproved: true).CanFile);
        // The approval covers the bands only: a total ≠ allocation still blocks.
        Assert.False(BudgetCheck.Check(9_000_000m, Lines(5_500_000m, 3_000_000m, 1_500_000m), justificationApproved: true).CanFile);
        // Inside the bands needs nothing.
        Assert.True(BudgetCheck.Check(10_000_000m, Lines(4_500_000m, 3_500_000m, 2_000_000m)).CanFile);
    }

    /// <summary>The one band function the funds ledger calls for actual spending: exact, bounds included.</summary>
    [Fact, Trait("Rule", "FUND-03")]
    public void Fund03_AssessBands_IsTheOneBandCheck_ForBudgetsAndSpending()
    {
        var atBounds = BudgetCheck.AssessBands([new(FundCategory.LeadingIndustry, 50m), new(FundCategory.EcommerceElements, 30m), new(FundCategory.SupportingServices, 20m)]);
        Assert.True(atBounds.AllWithin);
        var over = BudgetCheck.AssessBands([new(FundCategory.LeadingIndustry, 50.01m), new(FundCategory.EcommerceElements, 29.99m), new(FundCategory.SupportingServices, 20m)]);
        Assert.False(over.AllWithin);
        Assert.Equal([false, false, true], over.Categories.Select(c => c.WithinBand));
        Assert.False(BudgetCheck.AssessBands([]).AllWithin);
    }

    [Fact, Trait("Rule", "FUND-03")]
    public void Fund03_ChangingAnApprovedBudget_SendsTheJustificationBackToTheCity()
    {
        var plan = new CultivationPlan { CountyCode = "140621" };
        plan.SubmitBandJustification("主导产业为乳制品加工，生产线投入大。");
        plan.DecideBandJustification(true, null, DateTimeOffset.UnixEpoch, "shuozhou");
        Assert.True(plan.BandJustificationApproved);
        plan.BudgetChanged();
        Assert.Equal(JustificationStatus.Submitted, plan.BandJustificationStatus);
        Assert.False(plan.BandJustificationApproved);
    }

    [Theory, SqliteData, PostgresData, Trait("Rule", "FUND-03"), Trait("Rule", "PLAN-01")]
    public async Task Fund03_CountyJustifies_CityApproves_ThenThePlanFiles(string provider)
    {
        var app = apps[provider];
        Guid id;
        await using (var ctx = app.SystemContext())
        {
            var e = await ctx.Etowns.SingleAsync(x => x.CountyCode == "140621"); // 山阴 (朔州)
            e.DeclarationId = null; // targets entered in the plan
            await ctx.SaveChangesAsync();
            id = e.Id;
        }
        var county = await app.SignInAsync("shanyin");
        var city = await app.SignInAsync("shuozhou");
        var otherCity = await app.SignInAsync("changzhi");
        var url = $"/api/v1/etowns/{id}/plan";

        Assert.Equal(HttpStatusCode.OK, (await county.SendJsonAsync(HttpMethod.Put, url, new { standardVersion = "SZ-2022", content = Complete() })).StatusCode);
        object[] lines =
        [
            new { itemNo = 2, content = "主导产业", category = "LeadingIndustry", provincialYuan = 5_500_000m, countyYuan = 0m },
            new { itemNo = 20, content = "公共服务中心", category = "EcommerceElements", provincialYuan = 3_000_000m, countyYuan = 0m },
            new { itemNo = 23, content = "物流", category = "SupportingServices", provincialYuan = 1_500_000m, countyYuan = 0m },
        ];
        var saved = await (await county.SendJsonAsync(HttpMethod.Put, url + "/budget", new { allocationYuan = 10_000_000m, lines })).JsonAsync();
        Assert.False(saved.GetProperty("check").GetProperty("canFile").GetBoolean());
        Assert.Equal("ETOWN-PLAN-0003", await (await county.SendJsonAsync(HttpMethod.Post, url + "/submit")).ProblemCodeAsync());

        // Nothing to decide yet; then the county writes its reasons.
        Assert.Equal("ETOWN-PLAN-0005", await (await city.SendJsonAsync(HttpMethod.Post, url + "/band-justification/decision", new { approve = true })).ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await county.SendJsonAsync(HttpMethod.Put, url + "/band-justification", new { text = " " })).StatusCode);
        var submitted = await (await county.SendJsonAsync(HttpMethod.Put, url + "/band-justification", new { text = "乳制品加工生产线投入大，主导产业占比需提高到55%。" })).JsonAsync();
        Assert.Equal("Submitted", submitted.GetProperty("justification").GetProperty("status").GetString());
        Assert.Equal("ETOWN-PLAN-0003", await (await county.SendJsonAsync(HttpMethod.Post, url + "/submit")).ProblemCodeAsync());

        // Only the county's own city decides; a rejection needs a reason.
        Assert.NotEqual(HttpStatusCode.OK, (await otherCity.SendJsonAsync(HttpMethod.Post, url + "/band-justification/decision", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.SendJsonAsync(HttpMethod.Post, url + "/band-justification/decision", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await city.SendJsonAsync(HttpMethod.Post, url + "/band-justification/decision", new { approve = false })).StatusCode);
        var approved = await (await city.SendJsonAsync(HttpMethod.Post, url + "/band-justification/decision", new { approve = true, note = "同意" })).JsonAsync();
        Assert.Equal("Approved", approved.GetProperty("justification").GetProperty("status").GetString());
        Assert.True(approved.GetProperty("check").GetProperty("canFile").GetBoolean());

        await PlanNoticeKit.NoticedAsync(app, county, id); // DISC-02: noticed on the column first
        var filed = await county.SendJsonAsync(HttpMethod.Post, url + "/submit");
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var plan = await filed.JsonAsync();
        Assert.Equal("Filed", plan.GetProperty("status").GetString());
        // Shown wherever the budget is shown: the plan view, the budget view and the budget workbook.
        Assert.Contains("55%", plan.GetProperty("budget").GetProperty("justification").GetProperty("text").GetString());
        var xlsx = await county.GetAsync($"/api/v1/etowns/{id}/budget.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
    }
}

/// <summary>Authorization-matrix rows of the two FUND-03 justification endpoints (issue #14 item 12).</summary>
public sealed class PlanJustificationMatrix : Integration.IModuleMatrix
{
    public Type Module => typeof(PlansModule);

    public IReadOnlyDictionary<string, Row> Rows => new Dictionary<string, Row>
    {
        ["PUT /api/v1/etowns/{id:guid}/plan/band-justification"] = new("@counties", Probe.Write, "/api/v1/etowns/{lucheng-etown}/plan/band-justification", new { text = "矩阵" }),
        ["POST /api/v1/etowns/{id:guid}/plan/band-justification/decision"] = new("@cities", Probe.Write, "/api/v1/etowns/{lucheng-etown}/plan/band-justification/decision", new { approve = true }),
    };
}
