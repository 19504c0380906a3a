using ETown.Web.Features.FundLedgers;
using ETown.Web.Features.Plans;

namespace ETown.Tests.Features.FundLedgers;

/// <summary>The pure ledger rules at and around their boundaries: FUND-01 screening, FUND-12 field checks, FUND-03 on actual spending.</summary>
public class LedgerRuleTests
{
    static readonly IReadOnlyList<LedgerPurpose> Purposes = [.. LedgerReference.Seed.Select((s, i) => new LedgerPurpose
    {
        Code = s.Code, Name = s.Name, IsProhibited = s.Prohibited, Clause = s.Clause, Keywords = s.Keywords, CountyCode = s.County, SortOrder = i,
    })];
    const string Lucheng = LedgerReference.Lucheng, Kelan = LedgerReference.Kelan, Linyi = "140821";
    static readonly DateOnly Today = new(2026, 12, 4);

    static ExpenseInput Line(string purpose = "EQUIP", string description = "分拣设备一套", FundSource source = FundSource.Provincial, decimal amount = 12.5m,
        DateOnly? date = null, int item = 3, string payee = "某设备公司") =>
        new(Guid.NewGuid(), date ?? Today, FundCategory.LeadingIndustry, source, item, amount, "INV-1", payee, description, purpose);

    [Theory]
    [InlineData("P-BUILDING", "楼堂馆所建设")]
    [InlineData("P-LAND", "征地拆迁")]
    [InlineData("P-TRAFFIC", "购买流量")]
    [InlineData("P-FINE", "支付罚款")]
    [InlineData("P-DONATION", "捐款")]
    [InlineData("P-SPONSOR", "赞助")]
    [InlineData("P-DEBT", "偿还债务")]
    [InlineData("P-STAFF", "财政补助单位人员经费和工作经费")]
    [Trait("Rule", "FUND-01")]
    public void Fund01_EveryProvincialProhibition_RefusesItsPurpose_NamingUseAndClause(string code, string name)
    {
        var reason = LedgerService.ProhibitedReason(Line(purpose: code), Linyi, Purposes);
        Assert.NotNull(reason);
        Assert.Contains($"“{name}”", reason);
        Assert.Contains("晋商建〔2022〕58号", reason);
        Assert.Contains("五、（一）", reason);
    }

    [Theory]
    [InlineData("抖音直通车购买流量 3 个月", "购买流量")]
    [InlineData("缴纳环保罚款", "罚款")]
    [InlineData("偿还银行借款，归还借款本金", "归还借款")]
    [InlineData("镇村文化节赞助费", "赞助")]
    [Trait("Rule", "FUND-01")]
    public void Fund01_KeywordInTheDescription_IsRefused_EvenUnderAnInnocentPurpose(string description, string keyword)
    {
        var reason = LedgerService.ProhibitedReason(Line(purpose: "OTHER", description: description), Lucheng, Purposes);
        Assert.NotNull(reason);
        Assert.Contains($"“{keyword}”", reason);
    }

    [Fact]
    [Trait("Rule", "FUND-01")]
    public void Fund01_KeywordInThePayee_IsRefused() =>
        Assert.NotNull(LedgerService.ProhibitedReason(Line(purpose: "SERVICE", description: "活动服务", payee: "县慈善总会（捐款专户）"), Lucheng, Purposes));

    [Fact]
    [Trait("Rule", "FUND-01")]
    public void Fund01_AnOrdinaryLine_Passes() =>
        Assert.Null(LedgerService.ProhibitedReason(Line(), Lucheng, Purposes));

    [Theory]
    [InlineData(FundSource.Provincial, true)]
    [InlineData(FundSource.CountyMatching, false)]
    [InlineData(FundSource.Other, false)]
    [Trait("Rule", "FUND-01")]
    public void Fund01_BindsProvincialSpecialFunds_NotTheCountysOrTheOperatorsOwnMoney(FundSource source, bool refused) =>
        Assert.Equal(refused, LedgerService.ProhibitedReason(Line(purpose: "P-TRAFFIC", source: source), Lucheng, Purposes) is not null);

    /// <summary>FUND-01 with the county additions (FUND-17): 岢岚 forbids 平台建设, 潞城 网络交易平台 and recurring costs; each only at home.</summary>
    [Theory]
    [InlineData("电商公共服务平台建设", Kelan, true)]
    [InlineData("电商公共服务平台建设", Lucheng, false)]
    [InlineData("电商公共服务平台建设", Linyi, false)]
    [InlineData("农产品网络交易平台运营推广", Lucheng, true)]
    [InlineData("农产品网络交易平台运营推广", Kelan, false)]
    [InlineData("运营人员 10 月工资", Lucheng, true)]
    [InlineData("运营人员 10 月工资", Kelan, false)]
    [Trait("Rule", "FUND-01")]
    public void Fund01_CountyDocumentsAddProhibitions_ThatApplyOnlyInThatCounty(string description, string county, bool refused)
    {
        var reason = LedgerService.ProhibitedReason(Line(purpose: "OTHER", description: description), county, Purposes);
        Assert.Equal(refused, reason is not null);
        if (refused) Assert.Contains(county == Kelan ? "岢岚县实施方案" : "潞城区专项资金管理办法", reason);
    }

    [Fact]
    [Trait("Rule", "FUND-01")]
    public void Fund01_ACountyPurpose_CannotBeChosenElsewhere()
    {
        var errors = LedgerService.Check(Line(purpose: "K-PLATFORM"), Today, Purposes, Lucheng);
        Assert.Contains(errors, e => e.Field == "purposeCode");
        Assert.NotNull(LedgerService.ProhibitedReason(Line(purpose: "K-PLATFORM"), Kelan, Purposes));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("-1", false)]
    [InlineData("0.01", true)]
    [InlineData("10000", true)]
    [InlineData("10000.01", false)]
    [InlineData("1.005", false)]
    [InlineData("1.50", true)]
    [Trait("Rule", "FUND-12")]
    public void Fund12_Amount_IsPositive_Bounded_AndHasTwoDecimals(string amount, bool ok)
    {
        var errors = LedgerService.Check(Line(amount: decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), Today, Purposes, Lucheng);
        Assert.Equal(ok, !errors.Any(e => e.Field == "amountWan"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(39, true)]
    [InlineData(40, false)]
    [Trait("Rule", "FUND-12")]
    public void Fund12_StandardItem_Is1To39(int item, bool ok) =>
        Assert.Equal(ok, !LedgerService.Check(Line(item: item), Today, Purposes, Lucheng).Any(e => e.Field == "itemNo"));

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [Trait("Rule", "FUND-12")]
    public void Fund12_NoFutureExpense(int daysAhead, bool ok) =>
        Assert.Equal(ok, !LedgerService.Check(Line(date: Today.AddDays(daysAhead)), Today, Purposes, Lucheng).Any(e => e.Field == "date"));

    /// <summary>Provincial lines: leading at <paramref name="percent"/> of 100 万元, the rest split so the others stay inside.</summary>
    static List<(FundCategory, decimal)> Split(decimal percent) =>
        [(FundCategory.LeadingIndustry, percent), (FundCategory.EcommerceElements, 35m), (FundCategory.SupportingServices, 100m - 35m - percent)];

    [Theory]
    [InlineData("39.99", false)]
    [InlineData("40", true)]
    [InlineData("45", true)]
    [InlineData("50", true)]
    [InlineData("50.01", false)]
    [Trait("Rule", "FUND-03")]
    public void Fund03_ActualSpending_OutsideTheBand_IsAFinding(string percent, bool within)
    {
        var p = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture);
        var view = LedgerService.Bands(Guid.NewGuid(), Split(p), []);
        Assert.Equal(100m, view.ProvincialTotalWan);
        var leading = view.Categories.Single(c => c.Category == FundCategory.LeadingIndustry);
        Assert.Equal(p, leading.SharePercent);
        Assert.Equal(within, leading.WithinBand);
        var finding = view.Findings.SingleOrDefault(f => f.Category == FundCategory.LeadingIndustry);
        Assert.Equal(within, finding is null);
        if (finding is not null)
        {
            Assert.Contains("原则上", finding.Message);
            Assert.Contains("晋商建〔2022〕376号", finding.Message);
            Assert.Equal(view.Findings.Count, view.OpenFindings);
        }
    }

    [Fact]
    [Trait("Rule", "FUND-03")]
    public void Fund03_AnApprovedException_StaysAFinding_ButIsNoLongerOpen()
    {
        var exception = new LedgerBandExceptionRow(Guid.NewGuid(), FundCategory.LeadingIndustry, "冷链项目提前实施，经区领导小组研究同意", "张主任", Today);
        var view = LedgerService.Bands(Guid.NewGuid(), Split(39.99m), [exception]);
        var finding = Assert.Single(view.Findings, f => f.Category == FundCategory.LeadingIndustry);
        Assert.Equal(exception, finding.Exception);
        Assert.Equal(0, view.OpenFindings);
    }

    [Fact]
    [Trait("Rule", "FUND-03")]
    public void Fund03_NoProvincialSpending_NoFinding() => Assert.Empty(LedgerService.Bands(Guid.NewGuid(), [], []).Findings);
}
