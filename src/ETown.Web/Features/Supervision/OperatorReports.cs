using System.Globalization;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Supervision;

/// <summary>
/// SUP-06 (临猗 004 监督要求（二）: "项目承办企业要按要求每月定期上报项目进展情况并形成书面材料"): the operator's written
/// monthly progress report of one e-town and one month. Editable (versioned) until the county acknowledges it.
/// </summary>
public class OperatorMonthlyReport : IEtownOwned, ICreatedAt, IUpdatedAt, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>"2025-11".</summary>
    public required string Month { get; set; }
    public DateOnly DueOn { get; set; }
    public Guid? OrganisationId { get; set; }
    public required string OperatorName { get; set; }
    /// <summary>Progress against the plan's tasks and the contract's milestones.</summary>
    public required string Progress { get; set; }
    public string? Problems { get; set; }
    public required string NextPlan { get; set; }
    /// <summary>China date of the first submission: on or before <see cref="DueOn"/> is on time.</summary>
    public DateOnly SubmittedOn { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgeNote { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsLate => SubmittedOn > DueOn;
}

/// <summary>
/// SUP-08 (岢岚 002 "组建不少于 6人的运营团队"): one member of the operator's service team of an e-town. Name and role only:
/// no ID or phone numbers are kept, so none can leak to a view.
/// </summary>
public class OperatorTeamMember : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>SUP-08 (朔州 003 "签订长期后续运营服务协议"): the long-term operation agreement of an e-town, with its term and the signed document.</summary>
public class OperationAgreement : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string Title { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>The signed agreement (a <see cref="SupervisionFile"/> owned by this row), once uploaded.</summary>
    public Guid? FileId { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Dates and states of SUP-06 and the thresholds of SUP-08.</summary>
public static class OperatorRules
{
    /// <summary>SUP-08: "不少于 6人" — six counts as met.</summary>
    public const int MinTeam = 6;

    public static string MonthKey(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly? ParseMonth(string? key) =>
        key is { Length: 7 } && DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// The report of <paramref name="monthStart"/>'s month is due on the N-th working day of the following month (holiday
    /// calendar; N from the county's rule set, default 5 — the documents say only "每月定期").
    /// </summary>
    public static DateOnly DueOn(DateOnly monthStart, int dueWorkingDay, WorkingCalendar calendar) =>
        calendar.PeriodEnd(monthStart.AddMonths(1), dueWorkingDay);

    /// <summary>Months owed from the contract's month up to the last month that has ended before <paramref name="today"/>.</summary>
    public static IEnumerable<DateOnly> MonthsOwed(DateOnly contractStart, DateOnly today, DateOnly? since = null)
    {
        var m = new DateOnly(contractStart.Year, contractStart.Month, 1);
        if (since is { } s && new DateOnly(s.Year, s.Month, 1) > m) m = new DateOnly(s.Year, s.Month, 1);
        var current = new DateOnly(today.Year, today.Month, 1);
        for (; m < current; m = m.AddMonths(1)) yield return m;
    }

    public const string Missing = "缺报", Pending = "待报", OnTime = "按时", Late = "逾期";

    public static string State(OperatorMonthlyReport? r, DateOnly dueOn, DateOnly today) =>
        r is null ? (today > dueOn ? Missing : Pending) : r.IsLate ? Late : OnTime;
}
