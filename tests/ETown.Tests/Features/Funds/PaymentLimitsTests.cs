using ETown.Web.Features.Funds;
using ETown.Web.Platform.Calendar;

namespace ETown.Tests.Features.Funds;

/// <summary>The payment limits as one pure judge: every rule at, below and above its boundary (万元, 0.01 steps).</summary>
public class PaymentLimitsTests
{
    static readonly WorkingCalendar Calendar = NewCalendar();
    static WorkingCalendar NewCalendar()
    {
        var c = new WorkingCalendar();
        // 2025-10-01…08 National Day (holidays), 2025-09-28 and 10-11 make-up working days (国办发明电〔2024〕12号).
        c.Load([
            .. Enumerable.Range(1, 8).Select(d => new CalendarDay { Date = new DateOnly(2025, 10, d), Kind = CalendarDayKind.Holiday, Name = "国庆节、中秋节" }),
            new CalendarDay { Date = new DateOnly(2025, 9, 28), Kind = CalendarDayKind.Workday, Name = "调休上班" },
            new CalendarDay { Date = new DateOnly(2025, 10, 11), Kind = CalendarDayKind.Workday, Name = "调休上班" },
        ]);
        return c;
    }

    static readonly DateOnly Today = new(2025, 6, 16); // a Monday

    static PaymentSituation S(PaymentKind kind, decimal amount, decimal contract = 100m, decimal[]? prior = null, decimal etownCommitted = -1,
        decimal allocation = 1000m, AcceptanceResult[]? acc = null, OpenRectification[]? open = null, bool cancelled = false, DateOnly? today = null,
        PaymentLimitsSettings? limits = null)
    {
        var p = (prior ?? []).Select((a, i) => (i == 0 ? PaymentKind.StartUp : PaymentKind.Progress, a)).ToList();
        return new(kind, amount, contract, p, etownCommitted < 0 ? p.Sum(x => x.a) : etownCommitted, allocation, acc ?? [], open ?? [], cancelled,
            today ?? Today, limits ?? PaymentLimitsSettings.Shanxi2022);
    }

    static AcceptanceResult Stage(decimal percent, DateOnly? noticeFrom, bool objection = false, bool final = false) =>
        new(Guid.NewGuid(), final ? "整体验收" : $"阶段验收（{percent}%）", percent, final, new DateOnly(2025, 5, 1), noticeFrom,
            noticeFrom is { } d ? Calendar.PeriodEnd(d, 5) : null, objection);

    static void Pass(PaymentSituation s) => Assert.Null(PaymentLimits.Check(s, Calendar));
    static void Fail(PaymentSituation s, string code)
    {
        var r = PaymentLimits.Check(s, Calendar);
        Assert.NotNull(r);
        Assert.Equal(code, r.Code);
        Assert.False(string.IsNullOrWhiteSpace(r.Reason));
    }

    [Theory]
    [Trait("Rule", "FUND-04")]
    [InlineData(29.99, true)]
    [InlineData(30.00, true)]
    [InlineData(30.01, false)]
    public void Fund04_FirstPayment_AtMost30PercentOfTheContract(double amount, bool passes)
    {
        var s = S(PaymentKind.StartUp, (decimal)amount);
        if (passes) Pass(s); else Fail(s, FundsErrors.StartUpAboveShare);
    }

    [Fact]
    [Trait("Rule", "FUND-04")]
    public void Fund04_StartUp_IsOnlyTheFirstPayment_AndTheShareIsData()
    {
        Fail(S(PaymentKind.StartUp, 1m, prior: [10m]), FundsErrors.StartUpNotFirst);
        var k = PaymentLimitsSettings.Shanxi2022 with { StartUpSharePercent = 20m };
        Pass(S(PaymentKind.StartUp, 20m, limits: k));
        Fail(S(PaymentKind.StartUp, 20.01m, limits: k), FundsErrors.StartUpAboveShare);
        // 30 % of 333.33 is 99.999: the limit is rounded down, never up.
        Pass(S(PaymentKind.StartUp, 99.99m, contract: 333.33m));
        Fail(S(PaymentKind.StartUp, 100.00m, contract: 333.33m), FundsErrors.StartUpAboveShare);
    }

    [Theory]
    [Trait("Rule", "FUND-05")]
    [InlineData(29.99, true)]
    [InlineData(30.00, true)]
    [InlineData(30.01, false)]
    public void Fund05_Cumulative_WithinAcceptedProgressTimesContract(double progressAmount, bool passes)
    {
        // 30 paid at start; stage acceptance establishes 60 % → cumulative ≤ 60.
        var s = S(PaymentKind.Progress, (decimal)progressAmount, prior: [30m], acc: [Stage(60m, new DateOnly(2025, 6, 2))]);
        if (passes) Pass(s); else Fail(s, FundsErrors.AboveAcceptedProgress);
    }

    [Fact]
    [Trait("Rule", "FUND-05")]
    public void Fund05_WithoutAcceptance_NoProgressPayment_UnlessTheCountyRulesSaySo()
    {
        Fail(S(PaymentKind.Progress, 0.01m, prior: [30m]), FundsErrors.AboveAcceptedProgress);
        var noStage = PaymentLimitsSettings.Shanxi2022 with { StageAcceptanceRequired = false };
        Pass(S(PaymentKind.Progress, 60m, prior: [30m], limits: noStage));
    }

    [Theory]
    [Trait("Rule", "FUND-05")]
    [InlineData(59.99, true)]
    [InlineData(60.00, true)]
    [InlineData(60.01, false)]
    public void Fund05_TenPercentRetained_UntilFinalAcceptanceNoticeEnded(double amount, bool passes)
    {
        // 100 % progress accepted by a stage acceptance (not final): at most 90 of 100 in total.
        var s = S(PaymentKind.Progress, (decimal)amount, prior: [30m], acc: [Stage(100m, new DateOnly(2025, 6, 2))]);
        if (passes) Pass(s); else Fail(s, FundsErrors.RetentionHeld);
    }

    [Fact]
    [Trait("Rule", "FUND-05")]
    public void Fund05_FinalAcceptanceNoticed_ReleasesTheRetention()
    {
        var final = Stage(100m, new DateOnly(2025, 6, 2), final: true);
        Pass(S(PaymentKind.Final, 10m, prior: [30m, 60m], acc: [final]));
        Pass(S(PaymentKind.Progress, 70m, prior: [30m], acc: [final]));
        Fail(S(PaymentKind.Final, 10m, prior: [30m, 60m]), FundsErrors.NoFinalAcceptance);
        Fail(S(PaymentKind.Final, 10.01m, prior: [30m, 60m], acc: [final]), FundsErrors.AboveContract);
    }

    [Theory]
    [Trait("Rule", "FUND-06")]
    // Notice from Mon 2025-06-09: 5 working days end Fri 06-13; payment from the next day on.
    [InlineData("2025-06-13", false)]
    [InlineData("2025-06-14", true)]
    [InlineData("2025-06-12", false)]
    // Across National Day: notice from Tue 09-30 → 09-30, 10-09, 10-10, 10-11 (make-up), 10-13 → ends 10-13.
    [InlineData("2025-10-13", false)]
    [InlineData("2025-10-14", true)]
    public void Fund06_AcceptanceNoticed5WorkingDays_BeforeAPaymentRestsOnIt(string today, bool passes)
    {
        var from = DateOnly.Parse(today).Month == 10 ? new DateOnly(2025, 9, 30) : new DateOnly(2025, 6, 9);
        var s = S(PaymentKind.Progress, 20m, prior: [30m], acc: [Stage(60m, from)], today: DateOnly.Parse(today));
        if (passes) Pass(s); else Fail(s, FundsErrors.NoticeNotEnded);
    }

    [Fact]
    [Trait("Rule", "FUND-06")]
    public void Fund06_OpenObjection_OrUnpublished_Waits_StartUpDoesNot()
    {
        Fail(S(PaymentKind.Progress, 20m, prior: [30m], acc: [Stage(60m, new DateOnly(2025, 6, 2), objection: true)]), FundsErrors.NoticeNotEnded);
        Fail(S(PaymentKind.Progress, 20m, prior: [30m], acc: [Stage(60m, null)]), FundsErrors.NoticeNotEnded);
        Fail(S(PaymentKind.Final, 10m, prior: [30m, 60m], acc: [Stage(100m, new DateOnly(2025, 6, 12), final: true)]), FundsErrors.NoticeNotEnded);
        Pass(S(PaymentKind.StartUp, 30m, acc: [Stage(60m, null, objection: true)]));
    }

    [Fact]
    [Trait("Rule", "FUND-06")]
    public void Fund06_OpenRectification_BlocksEveryPayment()
    {
        var open = new[] { new OpenRectification("验收整改", "台账不全", new DateOnly(2025, 7, 1)) };
        Fail(S(PaymentKind.StartUp, 1m, open: open), FundsErrors.OpenRectification);
        Fail(S(PaymentKind.Progress, 1m, prior: [30m], acc: [Stage(60m, new DateOnly(2025, 6, 2))], open: open), FundsErrors.OpenRectification);
        Pass(S(PaymentKind.Progress, 1m, prior: [30m], acc: [Stage(60m, new DateOnly(2025, 6, 2))]));
    }

    [Fact]
    [Trait("Rule", "FUND-11")]
    public void Fund11_NoPaymentAfterQualificationCancelled()
    {
        Fail(S(PaymentKind.StartUp, 1m, cancelled: true), FundsErrors.QualificationCancelled);
        Pass(S(PaymentKind.StartUp, 1m));
    }

    [Theory]
    [Trait("Rule", "FUND-05")]
    [InlineData(899.99, true)]
    [InlineData(900.00, true)]
    [InlineData(900.01, false)]
    public void NeverAboveTheAllocation(double etownCommitted, bool passes)
    {
        // Allocation 1000; the e-town's other contracts have taken etownCommitted; this request asks 100.
        var s = S(PaymentKind.StartUp, 100m, contract: 1000m, etownCommitted: (decimal)etownCommitted);
        if (passes) Pass(s); else Fail(s, FundsErrors.AboveAllocation);
    }

    [Theory]
    [InlineData(9.99, true)]
    [InlineData(10.00, true)]
    [InlineData(10.01, false)]
    public void NeverAboveTheContract(double amount, bool passes)
    {
        var s = S(PaymentKind.Final, (decimal)amount, prior: [30m, 60m], acc: [Stage(100m, new DateOnly(2025, 6, 2), final: true)]);
        if (passes) Pass(s); else Fail(s, FundsErrors.AboveContract);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.001)]
    public void Amount_PositiveWithTwoDecimals(double amount) => Fail(S(PaymentKind.StartUp, (decimal)amount), FundsErrors.Amount);

    [Fact]
    [Trait("Rule", "FUND-07")]
    public void Fund07_RequiredMaterials_DependOnTheKind()
    {
        Assert.Equal([PaymentMaterial.ApplicationForm, PaymentMaterial.Contract], PaymentLimits.RequiredMaterials(PaymentKind.StartUp, PaymentLimitsSettings.Shanxi2022));
        Assert.Contains(PaymentMaterial.AcceptanceReport, PaymentLimits.RequiredMaterials(PaymentKind.Progress, PaymentLimitsSettings.Shanxi2022));
        Assert.DoesNotContain(PaymentMaterial.AcceptanceReport, PaymentLimits.RequiredMaterials(PaymentKind.Progress, PaymentLimitsSettings.Shanxi2022 with { StageAcceptanceRequired = false }));
        Assert.Contains(PaymentMaterial.Invoice, PaymentLimits.RequiredMaterials(PaymentKind.Final, PaymentLimitsSettings.Shanxi2022));
    }
}
