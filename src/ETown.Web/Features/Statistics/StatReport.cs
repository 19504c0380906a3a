using ETown.Web.Platform;

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
/// One e-town's statistics for one month (STAT-05). State changes only through the methods below, which refuse an
/// illegal transition with ETOWN-STAT-0001 (409). From county approval on the data is locked (ETOWN-STAT-0002).
/// </summary>
public class StatReport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    /// <summary>GB/T 2260 county code of the e-town; drives the data scope filter.</summary>
    public required string CountyCode { get; set; }
    /// <summary>"YYYY-MM".</summary>
    public required string Period { get; set; }
    public StatReportStatus Status { get; private set; } = StatReportStatus.Draft;
    /// <summary>The 5th working day after the month ends (STAT-02 “按时报送”).</summary>
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? CityAcceptedAt { get; private set; }
    public DateTimeOffset? ProvinceAcceptedAt { get; private set; }
    public DateTimeOffset? UnlockedAt { get; private set; }
    public string? UnlockReason { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsLocked => Status >= StatReportStatus.CountyApproved;

    /// <summary>On time when submitted (Asia/Shanghai date) no later than the due date.</summary>
    public bool? OnTime => SubmittedAt is { } s ? DateOnly.FromDateTime(s.ToOffset(TimeSpan.FromHours(8)).DateTime) <= DueOn : null;

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
            throw new DomainException("ETOWN-STAT-0002", $"{Period} 统计数据已经县级审核锁定（{StatusLabel(Status)}），不能修改；如需更正请由县级解锁。", 409);
    }

    void Move(StatReportStatus from, StatReportStatus to, string action)
    {
        if (Status != from)
            throw new DomainException("ETOWN-STAT-0001", $"当前状态为“{StatusLabel(Status)}”，不能{action}。", 409);
        Status = to;
    }

    public void Submit(DateTimeOffset now, string? by)
    {
        Move(StatReportStatus.Draft, StatReportStatus.Submitted, "报送");
        // The first submission decides timeliness; a resubmission after an unlock keeps it.
        SubmittedAt ??= now;
        SubmittedBy ??= by;
    }

    public void Approve(DateTimeOffset now, string? by)
    {
        Move(StatReportStatus.Submitted, StatReportStatus.CountyApproved, "县级审核");
        ApprovedAt = now; ApprovedBy = by;
    }

    /// <summary>Bottom-up: the city accepts only county-approved reports.</summary>
    public void AcceptByCity(DateTimeOffset now)
    {
        Move(StatReportStatus.CountyApproved, StatReportStatus.CityAccepted, "市级接收（须先经县级审核）");
        CityAcceptedAt = now;
    }

    /// <summary>Bottom-up: the province accepts only city-accepted reports.</summary>
    public void AcceptByProvince(DateTimeOffset now)
    {
        Move(StatReportStatus.CityAccepted, StatReportStatus.ProvinceAccepted, "省级接收（须先经市级接收）");
        ProvinceAcceptedAt = now;
    }

    /// <summary>The county reopens its own approval, with a reason; once the city has accepted, only upward levels could.</summary>
    public void Unlock(DateTimeOffset now, string reason)
    {
        Move(StatReportStatus.CountyApproved, StatReportStatus.Draft, "解锁（仅县级已审核、尚未被市级接收的报表可以解锁）");
        ApprovedAt = null; ApprovedBy = null;
        UnlockedAt = now; UnlockReason = reason;
    }
}

/// <summary>One indicator's value in one report; unique per (report, indicator).</summary>
public class StatValue
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReportId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string IndicatorCode { get; set; }
    public decimal Value { get; set; }
    public string? Comment { get; set; }
}
