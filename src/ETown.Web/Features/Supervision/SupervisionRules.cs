using System.Globalization;
using ETown.Web.Platform;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Versioning;

namespace ETown.Web.Features.Supervision;

/// <summary>SUP-01: what an inspection looks at. <see cref="Special"/> is an ad-hoc (专项) inspection with no frequency.</summary>
public enum InspectionKind { Construction, FundUse, Operation, Special }

/// <summary>SUP-02: how often. <see cref="AfterEachDisbursement"/> is 潞城's "每拨付一次资金检查一次": the funds module's disbursement event feeds it.</summary>
public enum Cadence { Monthly, Quarterly, AfterEachDisbursement }

/// <summary>From when a rule applies: listing (construction, funds) or the start of operation (SUP-02 "运营开始后每月").</summary>
public enum RuleStart { Listing, OperationStart }

/// <summary>One frequency rule of a rule set (SUP-02).</summary>
/// <param name="RemindWorkingDays">Remind the county this many working days before the period's due date.</param>
/// <param name="WithinWorkingDays">For <see cref="Cadence.AfterEachDisbursement"/>: the inspection is due this many working days after the payment.</param>
[System.ComponentModel.DataAnnotations.Schema.NotMapped] // stored as JSON on the rule set, not an entity
public sealed record FrequencyRule(InspectionKind Kind, Cadence Cadence, RuleStart StartsFrom, int RemindWorkingDays = 3, int WithinWorkingDays = 10);

/// <summary>
/// The inspection frequencies of a county (SUP-02), versioned like the other rule sets: the province default
/// (construction and operation monthly, fund use quarterly as 临猗 writes it), from which a county derives its own
/// (潞城: fund use after every disbursement). Province-wide data: everyone reads, the permission guards writes.
/// </summary>
public class SupervisionRuleSet : IVersionedRuleSet<SupervisionRuleSet>, IProvinceWide
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Version { get; private set; }
    public Guid? ParentId { get; private set; }
    public string? RegionCode { get; private set; }
    public bool IsInUse { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public List<FrequencyRule> Rules { get; private set; } = [];
    /// <summary>Default rectification deadline of a problem, in working days (SUP-04 "限期整改").</summary>
    public int RectifyWorkingDays { get; private set; } = 15;
    /// <summary>
    /// SUP-06: the operator's monthly report is due on this working day of the following month (临猗 004 says only
    /// "每月定期上报"; the 5th working day is the platform default, a county may derive another).
    /// </summary>
    public int ReportDueWorkingDay { get; private set; } = 5;

    SupervisionRuleSet() { } // EF

    public static RuleSetLifecycle<SupervisionRuleSet> Lifecycle { get; } = new(new RuleSetTerms
    {
        Noun = "检查频次规则集", CodeNoun = "规则集",
        InvalidCode = SupervisionErrors.BadRuleSet, InvalidStatus = 400, DuplicateCode = SupervisionErrors.RuleSetCodeTaken,
        InUseCode = SupervisionErrors.RuleSetInUse, RegionCode = SupervisionErrors.RuleSetRegion,
        MayDeriveFor = (parent, child) => child is not null && child.StartsWith(DataScope.PrefixUnder(parent), StringComparison.Ordinal),
        RegionMessage = p => $"规则集 {p.Code} 适用于 {p.RegionCode}，只能派生同一地区或其下属县的规则集。",
    });

    SupervisionRuleSet IVersionedRuleSet<SupervisionRuleSet>.CopyAs(RuleSetHeader h) => new()
    {
        Code = h.Code, Name = h.Name, Version = h.Version, ParentId = h.ParentId, RegionCode = h.RegionCode, CreatedAt = h.CreatedAt,
        Rules = [.. Rules], RectifyWorkingDays = RectifyWorkingDays, ReportDueWorkingDay = ReportDueWorkingDay,
    };

    public static SupervisionRuleSet Create(string code, string name, string? regionCode, IEnumerable<FrequencyRule> rules, int rectifyDays,
        DateTimeOffset now, bool inUse = true, SupervisionRuleSet? parent = null)
    {
        var list = rules.ToList();
        Validate(list, rectifyDays);
        return new()
        {
            Code = code, Name = name, RegionCode = regionCode, Rules = list, RectifyWorkingDays = rectifyDays, CreatedAt = now, IsInUse = inUse,
            ParentId = parent?.Id, Version = parent is null ? 1 : parent.Version + 1,
        };
    }

    /// <summary>Replaces the rules of a version not yet in use.</summary>
    public void SetRules(IReadOnlyList<FrequencyRule> rules, int rectifyDays) =>
        Lifecycle.Edit(this, s => { Validate(rules, rectifyDays); s.Rules = [.. rules]; s.RectifyWorkingDays = rectifyDays; });

    /// <summary>A rule set names each routine kind at most once; Special never has a frequency; day counts are small positive numbers.</summary>
    public static void Validate(IReadOnlyList<FrequencyRule> rules, int rectifyDays)
    {
        if (rules.Any(r => r.Kind == InspectionKind.Special))
            throw new DomainException(SupervisionErrors.BadFrequency, "专项检查不按频次安排，不能写入频次规则。", 400);
        if (rules.GroupBy(r => r.Kind).Any(g => g.Count() > 1))
            throw new DomainException(SupervisionErrors.BadFrequency, "每类检查只能有一条频次规则。", 400);
        if (rules.Any(r => r.RemindWorkingDays is < 0 or > 30 || r.WithinWorkingDays is < 1 or > 60))
            throw new DomainException(SupervisionErrors.BadFrequency, "提醒提前天数应为 0–30 个工作日，拨付后检查期限应为 1–60 个工作日。", 400);
        if (rules.Any(r => r.Cadence == Cadence.AfterEachDisbursement && r.Kind != InspectionKind.FundUse))
            throw new DomainException(SupervisionErrors.BadFrequency, "“每次拨付后检查”只适用于资金使用检查。", 400);
        if (rectifyDays is < 1 or > 60)
            throw new DomainException(SupervisionErrors.BadDeadline, "整改期限应为 1–60 个工作日。", 400);
    }

    /// <summary>SUP-06: the report due day of a version not yet in use (1–20 working days into the next month).</summary>
    public void SetReportDue(int workingDay) => Lifecycle.Edit(this, s =>
    {
        if (workingDay is < 1 or > 20)
            throw new DomainException(SupervisionErrors.BadFrequency, "月报报送期限应为次月第 1–20 个工作日。", 400);
        s.ReportDueWorkingDay = workingDay;
    });

    public void MarkInUse() => IsInUse = true;
}

/// <summary>A routine inspection period: a month ("2025-11"), a quarter ("2025-Q4") or a disbursement ("P-20251103").</summary>
public readonly record struct SupervisionPeriod(string Key, DateOnly Start, DateOnly End)
{
    public static SupervisionPeriod Month(DateOnly d)
    {
        var start = new DateOnly(d.Year, d.Month, 1);
        return new(start.ToString("yyyy-MM", CultureInfo.InvariantCulture), start, start.AddMonths(1).AddDays(-1));
    }

    public static SupervisionPeriod Quarter(DateOnly d)
    {
        var q = (d.Month - 1) / 3;
        var start = new DateOnly(d.Year, q * 3 + 1, 1);
        return new(FormattableString.Invariant($"{d.Year}-Q{q + 1}"), start, start.AddMonths(3).AddDays(-1));
    }

    /// <summary>The period of <paramref name="cadence"/> containing <paramref name="d"/>; null for the event-driven cadence.</summary>
    public static SupervisionPeriod? Of(Cadence cadence, DateOnly d) => cadence switch
    {
        Cadence.Monthly => Month(d),
        Cadence.Quarterly => Quarter(d),
        _ => null,
    };

    /// <summary>The disbursement "period": the payment day to N working days after it (holiday calendar).</summary>
    public static SupervisionPeriod AfterDisbursement(DateOnly paidOn, int withinWorkingDays, WorkingCalendar calendar) =>
        new("P-" + paidOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture), paidOn, calendar.DeadlineAfter(paidOn, withinWorkingDays));

    public SupervisionPeriod Previous(Cadence cadence) => Of(cadence, Start.AddDays(-1))!.Value;

    public bool Contains(DateOnly d) => d >= Start && d <= End;

    public static string KindLabel(InspectionKind k) => k switch
    {
        InspectionKind.Construction => "建设进度检查",
        InspectionKind.FundUse => "资金使用检查",
        InspectionKind.Operation => "运营情况检查",
        _ => "专项检查",
    };

    public static string CadenceLabel(Cadence c) => c switch
    {
        Cadence.Monthly => "每月至少一次",
        Cadence.Quarterly => "每季度一次",
        _ => "每拨付一次资金检查一次",
    };
}
