using ETown.Web.Platform.Data;
using ETown.Web.Platform;
using ETown.Web.Platform.Time;

namespace ETown.Web.Features.Statistics;

/// <summary>Bottom-up (STAT-02, STAT-05): operator/county enters, county approves (and locks), city then province accept.</summary>
public enum StatReportStatus
{
    Draft,            // 填报中
    Submitted,        // 已报送
    CountyApproved,   // 县级已审核（锁定）
    CityAccepted,     // 市级已接收
    ProvinceAccepted, // 省级已接收
}

/// <summary>
/// Sets of statuses for database queries. The status is stored as its name, so <c>r.Status &gt;= CountyApproved</c> in a
/// query compares strings ("CityAccepted" &lt; "CountyApproved" &lt; "Draft"): in SQL use these sets; the order of the
/// enum holds only in memory.
/// </summary>
public static class StatReportStatuses
{
    /// <summary>Reported and somewhere in the approval chain, not yet accepted by the province: someone owes a step.</summary>
    public static readonly StatReportStatus[] AwaitingAStep = [StatReportStatus.Submitted, StatReportStatus.CountyApproved, StatReportStatus.CityAccepted];
    /// <summary>Approved by the county (locked) or later (STAT-05).</summary>
    public static readonly StatReportStatus[] CountyApprovedOrLater = [StatReportStatus.CountyApproved, StatReportStatus.CityAccepted, StatReportStatus.ProvinceAccepted];
}

/// <summary>
/// One e-town's statistics for one period of a data set (STAT-05): a month ("YYYY-MM") or a year ("YYYY", the annual
/// report). State changes only through the methods below, which refuse an illegal transition with ETOWN-STAT-0001 (409).
/// From county approval on the data is locked (ETOWN-STAT-0002); each level unlocks only its own step, with a reason.
/// </summary>
public class StatReport : IEtownOwned, ICreatedAt, IUpdatedAt, IVersioned
{
    /// <summary>Optimistic concurrency (issue #17 finding 13): bumped on every update, sent as ETag.</summary>
    public int Version { get; set; }

    public Guid Id { get; set; } = SequentialIds.New();
    public Guid EtownId { get; set; }
    /// <summary>GB/T 2260 county code of the e-town; drives the data scope filter.</summary>
    public required string CountyCode { get; set; }
    /// <summary>"YYYY-MM" (monthly data set) or "YYYY" (annual data set).</summary>
    public required string Period { get; set; }
    /// <summary><see cref="StatDataSet.Monthly"/> or <see cref="StatDataSet.Annual"/>.</summary>
    public string DataSetCode { get; set; } = StatDataSet.Monthly;
    public StatReportStatus Status { get; private set; } = StatReportStatus.Draft;
    /// <summary>The data set's N-th working day after the period ends, fixed when the report is created (STAT-02 “按时报送”).</summary>
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? CityAcceptedAt { get; private set; }
    public DateTimeOffset? ProvinceAcceptedAt { get; private set; }
    public DateTimeOffset? UnlockedAt { get; private set; }
    public string? UnlockReason { get; private set; }
    /// <summary>Who unlocked last, and from which step (county approval, city or province acceptance).</summary>
    public string? UnlockedBy { get; private set; }
    public StatReportStatus? UnlockedFrom { get; private set; }
    /// <summary>How many times the county has approved; value changes are counted per approval round (<see cref="StatValueChange.Round"/>).</summary>
    public int ApprovalCount { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsLocked => Status >= StatReportStatus.CountyApproved;

    /// <summary>On time when submitted (Asia/Shanghai date) no later than the due date.</summary>
    public bool? OnTime => SubmittedAt is { } s ? s.ToChinaDate() <= DueOn : null;

    public static string StatusLabel(StatReportStatus s) => s switch
    {
        StatReportStatus.Draft => "填报中",
        StatReportStatus.Submitted => "已报送",
        StatReportStatus.CountyApproved => "县级已审核",
        StatReportStatus.CityAccepted => "市级已接收",
        StatReportStatus.ProvinceAccepted => "省级已接收",
        _ => s.ToString(),
    };

    /// <summary>Guard for every write of the values (ETOWN-STAT-0002).</summary>
    public void RequireWritable()
    {
        if (IsLocked)
            throw new DomainException(StatisticsErrors.Locked, $"{Period} 统计数据已经县级审核锁定（{StatusLabel(Status)}），不能修改；如需更正请由{UnlockerOf(Status)}解锁。", 409);
    }

    /// <summary>Fires one step of STAT-05 (<see cref="StatReportFlow"/>) on <see cref="Status"/>; refuses with ETOWN-STAT-0001 (409).</summary>
    void Fire(StatReportTrigger trigger, ScopeLevel? level, string? reason = null) =>
        StatReportFlow.Definition.Fire(() => Status, s => Status = s, trigger, level, reason);

    public void Submit(DateTimeOffset now, string? by)
    {
        Fire(StatReportTrigger.Submit, null);
        // The first submission decides timeliness; a resubmission after an unlock keeps it.
        SubmittedAt ??= now;
        SubmittedBy ??= by;
    }

    public void Approve(DateTimeOffset now, string? by)
    {
        Fire(StatReportTrigger.Approve, ScopeLevel.County);
        ApprovedAt = now; ApprovedBy = by;
        ApprovalCount++; // starts a new round: changes since this approval are counted afresh
    }

    /// <summary>Bottom-up: the city accepts only county-approved reports.</summary>
    public void AcceptByCity(DateTimeOffset now)
    {
        Fire(StatReportTrigger.AcceptByCity, ScopeLevel.City);
        CityAcceptedAt = now;
    }

    /// <summary>Bottom-up: the province accepts only city-accepted reports.</summary>
    public void AcceptByProvince(DateTimeOffset now)
    {
        Fire(StatReportTrigger.AcceptByProvince, ScopeLevel.Province);
        ProvinceAcceptedAt = now;
    }

    /// <summary>The level that may unlock a report in this state: each level reopens only its own step.</summary>
    public static string UnlockerOf(StatReportStatus s) => s switch
    {
        StatReportStatus.CityAccepted => "市级",
        StatReportStatus.ProvinceAccepted => "省级",
        _ => "县级",
    };

    /// <summary>The county reopens its own approval, with a reason (not once the city has accepted).</summary>
    public void Unlock(DateTimeOffset now, string reason, string? by = null) => Reopen(ScopeLevel.County, now, reason, by);

    /// <summary>The city reopens its own acceptance (not once the province has accepted): back to draft, the chain repeats.</summary>
    public void UnlockByCity(DateTimeOffset now, string reason, string? by = null) => Reopen(ScopeLevel.City, now, reason, by);

    /// <summary>The province reopens its own acceptance: back to draft, the chain repeats.</summary>
    public void UnlockByProvince(DateTimeOffset now, string reason, string? by = null) => Reopen(ScopeLevel.Province, now, reason, by);

    /// <summary>Unlock by <paramref name="level"/>: only from the step that level approved (STAT-05), with a reason.</summary>
    public void Reopen(ScopeLevel level, DateTimeOffset now, string reason, string? by)
    {
        var from = Status;
        Fire(StatReportTrigger.Unlock, level, reason);
        ApprovedAt = null; ApprovedBy = null; CityAcceptedAt = null; ProvinceAcceptedAt = null;
        UnlockedAt = now; UnlockReason = reason; UnlockedBy = by; UnlockedFrom = from;
    }
}

/// <summary>One indicator's value in one report; unique per (report, indicator).</summary>
public class StatValue : IEtownOwned
{
    public Guid Id { get; set; } = SequentialIds.New();
    public Guid ReportId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string IndicatorCode { get; set; }
    public decimal Value { get; set; }
    public string? Comment { get; set; }

    /// <summary>The column is decimal(18,4): PostgreSQL would round a fifth decimal away and refuse a larger number, SQLite would keep both.</summary>
    public const decimal MaxValue = 99_999_999_999_999m;
    public const int Decimals = 4;
}

/// <summary>
/// One change of a value after the report was approved at least once (STAT-05 “修改留痕”, shown to the approver as
/// “自上次审核以来修改 N 项”): created (old null), changed, or removed (new null). Written by the one write path
/// (<c>StatisticsService.WriteValuesAsync</c>), so page, API, API key and import all count. Each write is also in the
/// audit log; this record keeps the old and new value per report and approval round for a quick answer.
/// </summary>
public class StatValueChange : IEtownOwned
{
    public Guid Id { get; set; } = SequentialIds.New();
    public Guid ReportId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string IndicatorCode { get; set; }
    /// <summary>The report's <see cref="StatReport.ApprovalCount"/> when the change was made.</summary>
    public int Round { get; set; }
    public decimal? OldValue { get; set; }
    public decimal? NewValue { get; set; }
    public string? OldComment { get; set; }
    public string? NewComment { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}
