using System.Globalization;
using ETown.Web.Platform.Calendar;

namespace ETown.Web.Features.Funds;

/// <summary>Everything a payment check needs, gathered by the service inside the per-contract lock.</summary>
/// <param name="Prior">Requests on this contract that count (not refused), excluding the one being checked.</param>
/// <param name="EtownCommitted">Counting requests on every contract of the e-town, excluding the one being checked.</param>
public sealed record PaymentSituation(
    PaymentKind Kind,
    decimal Amount,
    decimal ContractAmount,
    IReadOnlyList<(PaymentKind Kind, decimal Amount)> Prior,
    decimal EtownCommitted,
    decimal AllocationTotal,
    IReadOnlyList<AcceptanceResult> Acceptances,
    IReadOnlyList<OpenRectification> Rectifications,
    bool OperatorCancelled,
    DateOnly Today,
    PaymentLimitsSettings Limits);

/// <summary>A refused check: the stable code and the Chinese reason (rule ID and clause cited).</summary>
public sealed record PaymentRefusal(string Code, string Reason);

/// <summary>
/// The payment limits (FUND-04/05/06/11, FUND-07 amounts), one pure function so the same judge serves the request,
/// the review, the finance approval and the payment record, and is tested at each boundary.
/// </summary>
public static class PaymentLimits
{
    static string W(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture) + " 万元";
    static string P(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Share of an amount, rounded down to the cent of 万元 (a limit is never rounded up).</summary>
    public static decimal Share(decimal amount, decimal percent) => Math.Floor(amount * percent / 100m * 100m) / 100m;

    /// <summary>FUND-06: the result has been on the public column for the full notice (working days) and no objection is open.</summary>
    public static bool NoticeComplete(AcceptanceResult a, DateOnly today, int workingDays, WorkingCalendar calendar) =>
        a.NoticeStartsOn is { } start && !a.OpenObjection && today > calendar.PeriodEnd(start, workingDays);

    public static PaymentRefusal? Check(PaymentSituation s, WorkingCalendar calendar)
    {
        var amount = s.Amount;
        if (amount <= 0 || decimal.Round(amount, 2) != amount)
            return new(FundsErrors.Amount, $"申请金额应大于 0，以万元计、最多两位小数（当前 {amount.ToString(CultureInfo.InvariantCulture)}）。");
        if (s.OperatorCancelled)
            return new(FundsErrors.QualificationCancelled, "承办主体资格已被取消，停止拨付资金并追回已拨资金（FUND-11，临猗办法第十六条）。");
        if (s.Rectifications.Count > 0)
            return new(FundsErrors.OpenRectification, "存在未完成的整改，整改到位前不予拨付（FUND-06，临猗办法第十二条）：" +
                string.Join("；", s.Rectifications.Select(r => $"{r.Source}：{r.Title}" + (r.Deadline is { } d ? $"（限期 {d:yyyy-MM-dd}）" : ""))) + "。");

        var prior = s.Prior.Sum(p => p.Amount);
        var cumulative = prior + amount;
        if (cumulative > s.ContractAmount)
            return new(FundsErrors.AboveContract, $"累计拨付 {W(cumulative)} 将超过合同金额 {W(s.ContractAmount)}（已申请及拨付 {W(prior)}）。");
        if (s.EtownCommitted + amount > s.AllocationTotal)
            return new(FundsErrors.AboveAllocation, $"e镇累计拨付 {W(s.EtownCommitted + amount)} 将超过下达的省级专项资金 {W(s.AllocationTotal)}。");

        var limits = s.Limits;
        var noticed = s.Acceptances.Where(a => NoticeComplete(a, s.Today, limits.NoticeWorkingDays, calendar)).ToList();
        var finalNoticed = noticed.Any(a => a.IsFinal);
        switch (s.Kind)
        {
            case PaymentKind.StartUp:
            {
                // FUND-04 (岢岚 资金使用 3.): the first payment after signing, at most 30 % of the contract; needs no acceptance.
                if (s.Prior.Count > 0)
                    return new(FundsErrors.StartUpNotFirst, "启动资金只能作为合同签订后的第一笔拨付申请；本合同已有拨付申请，请申请进度款（FUND-04）。");
                var cap = Share(s.ContractAmount, limits.StartUpSharePercent);
                if (amount > cap)
                    return new(FundsErrors.StartUpAboveShare,
                        $"首笔启动资金不得超过合同金额的 {P(limits.StartUpSharePercent)}，即 {W(cap)}；本次申请 {W(amount)}（FUND-04，岢岚方案资金使用 3.）。");
                return null;
            }
            case PaymentKind.Progress:
            {
                if (limits.StageAcceptanceRequired)
                {
                    // FUND-05: cumulative payments within the progress established by passed, publicly noticed acceptances.
                    var progress = noticed.Count == 0 ? 0m : noticed.Max(a => a.IsFinal ? 100m : a.ProgressPercent);
                    var cap = Share(s.ContractAmount, progress);
                    if (cumulative > cap)
                    {
                        var pending = s.Acceptances.Where(a => !noticed.Contains(a)).ToList();
                        var couldBe = pending.Count == 0 ? 0m : pending.Max(a => a.IsFinal ? 100m : a.ProgressPercent);
                        if (couldBe > progress && cumulative <= Share(s.ContractAmount, couldBe))
                            return new(FundsErrors.NoticeNotEnded, NoticeReason(pending, limits, calendar));
                        return new(FundsErrors.AboveAcceptedProgress,
                            $"累计拨付 {W(cumulative)} 将超过已验收进度 {P(progress)} × 合同金额 {W(s.ContractAmount)} = {W(cap)}（FUND-05，临猗办法第七条：按进度拨付）。");
                    }
                }
                if (!finalNoticed)
                {
                    var cap = s.ContractAmount - Share(s.ContractAmount, limits.RetentionPercent);
                    if (cumulative > cap)
                        return new(FundsErrors.RetentionHeld,
                            $"合同金额的 {P(limits.RetentionPercent)}（{W(Share(s.ContractAmount, limits.RetentionPercent))}）作为质保金，终验通过并公示期满前不予拨付；累计最多 {W(cap)}，本次后累计 {W(cumulative)}（FUND-05，临猗办法第七条）。");
                }
                return null;
            }
            case PaymentKind.Final:
            {
                var finals = s.Acceptances.Where(a => a.IsFinal).ToList();
                if (finals.Count == 0)
                    return new(FundsErrors.NoFinalAcceptance, "项目尚未通过整体（终）验收，不能申请尾款及质保金（FUND-05）。");
                if (!finalNoticed)
                    return new(FundsErrors.NoticeNotEnded, NoticeReason(finals, limits, calendar));
                return null;
            }
            default:
                return new(FundsErrors.Invalid, "拨付类型无效。");
        }
    }

    static string NoticeReason(IReadOnlyList<AcceptanceResult> pending, PaymentLimitsSettings limits, WorkingCalendar calendar)
    {
        var a = pending.OrderByDescending(x => x.ProgressPercent).First();
        var state = a.OpenObjection ? "公示期间有异议尚未处理完毕"
            : a.NoticeStartsOn is { } start ? $"公示自 {start:yyyy-MM-dd} 起 {limits.NoticeWorkingDays} 个工作日，至 {calendar.PeriodEnd(start, limits.NoticeWorkingDays):yyyy-MM-dd} 期满，期满后方可拨付"
            : "验收结果尚未公示";
        return $"拨付所依据的验收结果“{a.Title}”{state}（FUND-06，临猗办法第十二条：在县政府网站公示不少于 {limits.NoticeWorkingDays} 个工作日无异议后拨付）。";
    }

    /// <summary>Required materials by kind (FUND-07, 临猗办法): start-up needs no progress evidence; the report only where an acceptance is the basis.</summary>
    public static IReadOnlyList<PaymentMaterial> RequiredMaterials(PaymentKind kind, PaymentLimitsSettings limits) => kind switch
    {
        PaymentKind.StartUp => [PaymentMaterial.ApplicationForm, PaymentMaterial.Contract],
        PaymentKind.Progress when limits.StageAcceptanceRequired =>
            [PaymentMaterial.ApplicationForm, PaymentMaterial.Contract, PaymentMaterial.Invoice, PaymentMaterial.Progress, PaymentMaterial.AcceptanceReport],
        PaymentKind.Progress => [PaymentMaterial.ApplicationForm, PaymentMaterial.Contract, PaymentMaterial.Invoice, PaymentMaterial.Progress],
        _ => [PaymentMaterial.ApplicationForm, PaymentMaterial.Contract, PaymentMaterial.Invoice, PaymentMaterial.Progress, PaymentMaterial.AcceptanceReport],
    };
}
