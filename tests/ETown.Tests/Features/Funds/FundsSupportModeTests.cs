using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Features.Funds;
using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;
using static ETown.Tests.Features.Funds.FundsKit;

namespace ETown.Tests.Features.Funds;

/// <summary>
/// FUND-02 on every configured database: each contract names its support mode (贷款贴息、以奖代补、购买服务、项目补助);
/// a 购买服务 contract is let through government procurement (岢岚 六（二）: 公开招标 or 竞争性谈判/磋商), never by direct award;
/// a missing or unknown mode is refused; a refusal writes nothing.
/// </summary>
public class FundsSupportModeTests(FundsApps apps) : IClassFixture<FundsApps>
{
    /// <summary>A contract of 潞城 (large test allocation of 2030) with the given operator, mode and selection; answers the response and the number.</summary>
    static async Task<(HttpResponseMessage Response, string Number)> PostAsync(EtownAppFactory app, Guid operatorId, object? supportMode, string? selectionMethod, bool lawyer = true)
    {
        var town = await EtownIdAsync(app);
        var province = await app.SignInAsync("province");
        Assert.Equal(HttpStatusCode.OK, (await province.SendJsonAsync(HttpMethod.Put, $"/api/v1/funds/etowns/{town}/allocations",
            new { year = 2030, provincialAmount = 900000m, noticeReference = "测试", countyMatchingCommitted = 0m })).StatusCode);
        var county = await app.SignInAsync("lucheng");
        var number = "SM-" + Guid.NewGuid().ToString("N")[..16];
        var body = new Dictionary<string, object?>
        {
            ["number"] = number, ["title"] = "支持方式测试合同", ["operatorId"] = operatorId, ["amount"] = 10m, ["lawyerReviewed"] = lawyer,
            ["signedOn"] = "2024-03-01", ["startsOn"] = "2024-03-02", ["endsOn"] = "2024-12-31", ["assetOwnership"] = "国有资产",
            ["scope"] = new[] { new { itemNo = 12, content = "网络营销推广", amount = 10m } },
        };
        if (supportMode is not null) body["supportMode"] = supportMode;
        if (selectionMethod is not null) body["selectionMethod"] = selectionMethod;
        return (await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/contracts", body), number);
    }

    static async Task<Guid> DemoOperatorAsync(EtownAppFactory app)
    {
        var town = await EtownIdAsync(app);
        await using var ctx = app.SystemContext();
        return await ctx.FundOperators.Where(o => o.EtownId == town && o.OrganisationName == ETown.Web.Features.Funds.Demo.DemoFunds.LuchengOperator).Select(o => o.Id).SingleAsync();
    }

    /// <summary>A qualified operator of 潞城 selected by the given method (FUND-10 conditions all met).</summary>
    static async Task<Guid> OperatorSelectedByAsync(EtownAppFactory app, SelectionMethod method)
    {
        var town = await EtownIdAsync(app);
        Guid orgId;
        await using (var ctx = app.SystemContext())
        {
            var org = new Organisation { Name = "支持方式测试承办" + Guid.NewGuid().ToString("N")[..6], Kind = OrganisationKind.Operator, RegionCode = "140406" };
            ctx.Organisations.Add(org);
            await ctx.SaveChangesAsync();
            orgId = org.Id;
        }
        var county = await app.SignInAsync("lucheng");
        var r = await county.SendJsonAsync(HttpMethod.Post, $"/api/v1/funds/etowns/{town}/operators", new
        {
            organisationId = orgId, clearOwnership = true, soundFinancialSystem = true, noPenaltyIn3Years = true, hasLicences = true, commitsToReportAndAudit = true,
            selectionMethod = method.ToString(), selectionDocuments = "遴选文件",
        });
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return (await r.JsonAsync()).GetProperty("id").GetGuid();
    }

    static async Task<bool> ExistsAsync(EtownAppFactory app, string number)
    {
        await using var ctx = app.SystemContext();
        return await ctx.FundContracts.AnyAsync(c => c.Number == number);
    }

    static async Task<SupportMode?> StoredModeAsync(EtownAppFactory app, string number)
    {
        await using var ctx = app.SystemContext();
        return await ctx.FundContracts.Where(c => c.Number == number).Select(c => c.SupportMode).SingleAsync();
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-02")]
    public async Task Fund02_EachSupportMode_IsAccepted_Stored_AndShown(string provider)
    {
        var app = apps[provider];
        var op = await DemoOperatorAsync(app); // selected by 竞争性磋商: government procurement
        foreach (var mode in Enum.GetValues<SupportMode>())
        {
            var (r, number) = await PostAsync(app, op, mode.ToString(), null);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{mode}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            var json = await r.JsonAsync();
            Assert.Equal(mode.ToString(), json.GetProperty("supportMode").GetString());
            Assert.Equal(FundLabels.Of(mode), json.GetProperty("supportModeLabel").GetString());
            Assert.Equal(mode, await StoredModeAsync(app, number));
        }
        // The e-town view and the OCDS export carry the mode.
        var county = await app.SignInAsync("lucheng");
        var ocds = await (await county.GetAsync("/api/v1/funds/ocds")).Content.ReadAsStringAsync();
        Assert.Contains("支持方式：购买服务", ocds);
        Assert.Contains("支持方式：贷款贴息", ocds);
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-02")]
    public async Task Fund02_ServicePurchase_NeedsGovernmentProcurement_DirectIsRefused(string provider)
    {
        var app = apps[provider];
        var op = await DemoOperatorAsync(app);

        // Direct award of a 购买服务 contract: refused with the reason, nothing written.
        var (direct, n1) = await PostAsync(app, op, "ServicePurchase", "Direct");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, direct.StatusCode);
        Assert.Equal(FundsErrors.ServicePurchaseNeedsProcurement, await direct.ProblemCodeAsync());
        Assert.Contains("政府采购", (await direct.JsonAsync()).GetProperty("detail").GetString());
        Assert.False(await ExistsAsync(app, n1));

        // Tender (with the lawyer's review, FUND-16) and competitive procurement are government procurement: accepted.
        var (tender, n2) = await PostAsync(app, op, "ServicePurchase", "Tender");
        Assert.True(tender.StatusCode == HttpStatusCode.OK, await tender.Content.ReadAsStringAsync());
        Assert.Equal("Tender", (await tender.JsonAsync()).GetProperty("selectionMethod").GetString());
        Assert.True(await ExistsAsync(app, n2));
        var (competitive, n3) = await PostAsync(app, op, "ServicePurchase", "Competitive", lawyer: false);
        Assert.True(competitive.StatusCode == HttpStatusCode.OK, await competitive.Content.ReadAsStringAsync());
        Assert.True(await ExistsAsync(app, n3));

        // The other modes may be awarded directly.
        var (subsidy, n4) = await PostAsync(app, op, "ProjectSubsidy", "Direct", lawyer: false);
        Assert.True(subsidy.StatusCode == HttpStatusCode.OK, await subsidy.Content.ReadAsStringAsync());
        Assert.True(await ExistsAsync(app, n4));

        // Without its own selection method the contract takes the operator's: an operator chosen directly cannot take a 购买服务 contract.
        var directOp = await OperatorSelectedByAsync(app, SelectionMethod.Direct);
        var (inherited, n5) = await PostAsync(app, directOp, "ServicePurchase", null, lawyer: false);
        Assert.Equal(FundsErrors.ServicePurchaseNeedsProcurement, await inherited.ProblemCodeAsync());
        Assert.False(await ExistsAsync(app, n5));
        var (inheritedOther, n6) = await PostAsync(app, directOp, "InterestSubsidy", null, lawyer: false);
        Assert.True(inheritedOther.StatusCode == HttpStatusCode.OK, await inheritedOther.Content.ReadAsStringAsync());
        Assert.True(await ExistsAsync(app, n6));
    }

    [Theory, SqliteData, PostgresData]
    [Trait("Rule", "FUND-02")]
    public async Task Fund02_MissingOrUnknownSupportMode_IsRefused_NothingWritten(string provider)
    {
        var app = apps[provider];
        var op = await DemoOperatorAsync(app);

        var (missing, n1) = await PostAsync(app, op, null, null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(CommonErrors.BadRequest, await missing.ProblemCodeAsync());
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("supportMode", out _));
        Assert.False(await ExistsAsync(app, n1));

        foreach (var unknown in new object[] { "LoanGuarantee", "", 7, 2 })
        {
            var (r, n) = await PostAsync(app, op, unknown, null);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{unknown}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            Assert.False(await ExistsAsync(app, n));
        }
        // An unknown selection method is refused too.
        var (badSelection, n2) = await PostAsync(app, op, "ServicePurchase", "Lottery");
        Assert.Equal(HttpStatusCode.BadRequest, badSelection.StatusCode);
        Assert.False(await ExistsAsync(app, n2));
    }
}
