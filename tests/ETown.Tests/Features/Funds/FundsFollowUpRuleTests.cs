using System.Net;
using System.Net.Http.Json;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.FundLedgers;
using ETown.Web.Features.Funds;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ETown.Tests.Features.Funds.FundsKit;

namespace ETown.Tests.Features.Funds;

/// <summary>FUND-14 (performance assessment), FUND-15 (other departments' investments) and the ledger expense → contract link, at/below/above their boundaries.</summary>
public class FundsFollowUpRuleTests(FundsApps apps) : IClassFixture<FundsApps>
{
    static object Criteria(decimal first = 20m, decimal firstMax = 25m) => new object[]
    {
        new { name = "按合同进度推进建设", maxScore = firstMax, score = first }, new { name = "资金使用合规、专款专用", maxScore = 25m, score = 20m },
    };

    static Task<HttpResponseMessage> Assess(HttpClient who, Guid contract, string from, string to, object criteria, string conclusion, string? reason = "按季度考核") =>
        who.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/contracts/{contract}/assessments", new { periodFrom = from, periodTo = to, criteria, conclusion, reason });

    static async Task<List<string>> Desk(HttpClient who) => (await (await who.GetAsync("/api/v1/workdesk?module=" + Uri.EscapeDataString("资金管理"))).JsonAsync())
        .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("what").GetString()!).ToList();

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-14")]
    public async Task Fund14_Assessment_PeriodAndScoreBoundaries_UnqualifiedIsShownAndIsAWorkItem(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var op = await app.SignInAsync("operator");
        var c = await NewContractAsync(app, 100m); // starts 2024-01-15, ends 2024-12-31
        var today = app.Services.GetRequiredService<TimeProvider>().ChinaToday();
        async Task Refused(HttpResponseMessage r) { Assert.True(r.StatusCode == HttpStatusCode.BadRequest, await r.Content.ReadAsStringAsync()); }

        await Refused(await Assess(county, c, "2024-01-14", "2024-06-30", Criteria(), "Qualified"));                   // before the start
        await Refused(await Assess(county, c, "2024-01-15", today.AddDays(1).ToString("yyyy-MM-dd"), Criteria(), "Qualified")); // in the future
        await Refused(await Assess(county, c, "2024-01-15", "2024-06-30", Criteria(25.01m), "Qualified"));             // above the maximum
        await Refused(await Assess(county, c, "2024-01-15", "2024-06-30", Criteria(-0.01m), "Qualified"));             // below zero
        await Refused(await Assess(county, c, "2024-01-15", "2024-06-30", Criteria(), "Unqualified", reason: " "));   // no reason
        await using (var ctx = app.SystemContext()) Assert.False(await ctx.PerformanceAssessments.AnyAsync(a => a.ContractId == c));

        // At the boundaries: from the start date, a full score, the contract's end date → during construction.
        var during = await Assess(county, c, "2024-01-15", "2024-12-31", Criteria(25m), "BasicallyQualified");
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.False((await during.JsonAsync()).GetProperty("afterConstruction").GetBoolean());
        Assert.Equal(45m, (await during.JsonAsync()).GetProperty("totalScore").GetDecimal());
        // One day after the end → after construction; 不合格 with its reason.
        var after = await Assess(county, c, "2025-01-01", today.ToString("yyyy-MM-dd"), Criteria(0m), "Unqualified", "建成后运营中断，服务未开展");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True((await after.JsonAsync()).GetProperty("afterConstruction").GetBoolean());

        var town = await EtownIdAsync(app);
        var view = await (await county.GetAsync($"/api/v1/funds/etowns/{town}")).JsonAsync();
        var latest = view.GetProperty("contracts").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == c).GetProperty("latestAssessment");
        Assert.Equal("Unqualified", latest.GetProperty("conclusion").GetString());
        Assert.Equal("建成后运营中断，服务未开展", latest.GetProperty("reason").GetString());
        Assert.Contains(await Desk(county), w => w.StartsWith("跟进履约能力考核不合格", StringComparison.Ordinal) && w.Contains("建成后运营中断", StringComparison.Ordinal));
        Assert.Contains(await Desk(op), w => w.StartsWith("整改履约能力考核不合格", StringComparison.Ordinal));

        // Who may assess: not the operator, not another county, not a third party of another e-town.
        Assert.Equal(HttpStatusCode.Forbidden, (await Assess(op, c, "2024-01-15", "2024-06-30", Criteria(), "Qualified")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assess(await app.SignInAsync("kelan"), c, "2024-01-15", "2024-06-30", Criteria(), "Qualified")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assess(await app.SignInAsync("thirdparty"), c, "2024-01-15", "2024-06-30", Criteria(), "Qualified")).StatusCode);

        // A later 合格 clears the work item.
        Assert.Equal(HttpStatusCode.OK, (await Assess(county, c, today.AddDays(-1).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd"), Criteria(), "Qualified", "整改到位，运营恢复")).StatusCode);
        Assert.DoesNotContain(await Desk(county), w => w.Contains("履约能力考核不合格", StringComparison.Ordinal) && w.Contains("建成后运营中断", StringComparison.Ordinal));
        Assert.Equal(3, (await (await op.GetAsync($"/api/v1/funds/contracts/{c}/assessments")).JsonAsync()).GetArrayLength());
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-15")]
    public async Task Fund15_SameItem_AsAnotherDepartment_NeedsAWrittenJustification(string provider)
    {
        var app = apps[provider];
        var county = await app.SignInAsync("lucheng");
        var town = await EtownIdAsync(app);
        const int item = 33;
        Task<HttpResponseMessage> Other(HttpClient who, string? justification = null) => who.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/other-investments",
            new { department = "县农业农村局", project = "冷链仓储设施项目", amount = 150m, itemNo = item, year = 2024, justification });

        Assert.Equal(HttpStatusCode.Forbidden, (await Other(await app.SignInAsync("operator"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Other(await app.SignInAsync("kelan"))).StatusCode);
        // No special-funds contract on the item yet: recorded without a justification.
        Assert.Equal(HttpStatusCode.OK, (await Other(county)).StatusCode);

        int before;
        await using (var ctx = app.SystemContext()) before = await ctx.FundContracts.CountAsync();
        var none = await ContractResponseAsync(app, 50m, item);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Equal(FundsErrors.DuplicateInvestment, await none.ProblemCodeAsync());
        Assert.Contains("县农业农村局", (await none.JsonAsync()).GetProperty("detail").GetString());
        var shortOne = await ContractResponseAsync(app, 50m, item, new string('短', OtherInvestmentService.MinJustification - 1));
        Assert.Equal(FundsErrors.DuplicateInvestment, await shortOne.ProblemCodeAsync());
        await using (var ctx = app.SystemContext()) Assert.Equal(before, await ctx.FundContracts.CountAsync());
        var justification = "农业农村局建冷库主体，本合同只购置分拣设备，互不重复";
        var ok = await ContractResponseAsync(app, 50m, item, justification[..OtherInvestmentService.MinJustification]);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var id = (await ok.JsonAsync()).GetProperty("id").GetGuid();
        // Another item: no warning, no justification needed.
        Assert.Equal(HttpStatusCode.OK, (await ContractResponseAsync(app, 50m, item + 1)).StatusCode);

        var view = await (await county.GetAsync($"/api/v1/funds/etowns/{town}")).JsonAsync();
        var warnings = view.GetProperty("contracts").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == id).GetProperty("duplicateWarnings");
        var w = Assert.Single(warnings.EnumerateArray());
        Assert.Equal(item, w.GetProperty("itemNo").GetInt32());
        Assert.Equal(justification[..OtherInvestmentService.MinJustification], w.GetProperty("justification").GetString());

        // The other way round: a department's project on an item the special funds already cover needs the justification too.
        var again = await Other(county);
        Assert.Equal(FundsErrors.DuplicateInvestment, await again.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await Other(county, "冷库扩建与本合同设备购置不重复")).StatusCode);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-12")]
    public async Task LedgerExpense_Contract_MustBeOfTheSameEtownAndOperator(string provider)
    {
        var app = apps[provider];
        var op = await app.SignInAsync("operator");
        var town = await EtownIdAsync(app);
        var own = await NewContractAsync(app, 100m);
        Guid kelanContract;
        await using (var ctx = app.SystemContext()) kelanContract = await ctx.FundContracts.Where(c => c.Number == "KL-2022-001").Select(c => c.Id).SingleAsync();
        object Body(Guid? contractId) => new
        {
            etownId = town, date = "2024-05-06", category = "SupportingServices", fundSource = "CountyMatching", itemNo = 20, amountWan = 1.5m,
            invoiceNumber = "C" + Guid.NewGuid().ToString("N")[..12], payee = "山西某设备有限公司", description = "分拣设备一套", purposeCode = "EQUIP", contractId,
        };
        foreach (var bad in new[] { Guid.NewGuid(), kelanContract })
        {
            var r = await op.PostAsJsonAsync("/api/v1/ledgers/expenses", Body(bad), Http.Json);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Equal(LedgerErrors.ContractMismatch, await r.ProblemCodeAsync());
        }
        var ok = await op.PostAsJsonAsync("/api/v1/ledgers/expenses", Body(own), Http.Json);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        await using (var ctx = app.SystemContext())
        {
            Assert.Equal(1, await ctx.LedgerExpenses.CountAsync(x => x.ContractId == own));
            Assert.False(await ctx.LedgerExpenses.AnyAsync(x => x.ContractId == kelanContract));
        }
        // The database holds the link too (foreign key): a line cannot point at a contract that does not exist.
        await using (var ctx = app.SystemContext())
        {
            var line = await ctx.LedgerExpenses.FirstAsync(x => x.ContractId == own);
            line.ContractId = Guid.NewGuid();
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-06")]
    public async Task Demo_LuchengProgressPayment_RestsOnTheNoticedStageAcceptance(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        var c = await ctx.FundContracts.SingleAsync(x => x.Number == "LC-2022-001");
        var stage = await ctx.AcceptanceApplications.SingleAsync(a => a.Title == ETown.Web.Features.Acceptance.Demo.DemoAcceptance.LuchengStageTitle);
        Assert.Equal(c.Id, stage.ContractId);
        var paid = await ctx.PaymentRequests.Where(p => p.ContractId == c.Id && p.Status == PaymentStatus.Paid).OrderBy(p => p.Sequence).ToListAsync();
        var progress = Assert.Single(paid, p => p.Kind == PaymentKind.Progress);
        // Cumulative exactly the accepted 60 %, requested only after the 5-working-day notice ended (FUND-05/06).
        Assert.Equal(c.Amount * 0.60m, paid.Sum(p => p.PaidAmount ?? 0));
        Assert.True(progress.CreatedAt.ToChinaDate() > stage.NoticeEndsOn!.Value);
        Assert.True(progress.PaidOn > stage.NoticeEndsOn);
        // Nothing more until the next stage: the headroom for progress is 0 with the FUND-05 reason.
        var op = await app.SignInAsync("operator");
        var room = (await (await op.GetAsync($"/api/v1/funds/contracts/{c.Id}/headroom")).JsonAsync()).EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "Progress");
        Assert.Equal(0m, room.GetProperty("max").GetDecimal());
        Assert.Equal(FundsErrors.AboveAcceptedProgress, room.GetProperty("code").GetString());
    }
}
