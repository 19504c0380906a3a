using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Supervision;

/// <summary>SUP-03: 实地检查、听取汇报、查看材料、抽查 (座谈 and 其他 are recorded as 听取汇报 / in the text).</summary>
public enum InspectionMethod { OnSite, HearReport, ReviewMaterials, SpotCheck }

public enum InspectionStatus { Draft, Signed, Superseded }

public enum ProblemSeverity { Minor, Major, Serious }

/// <summary>SUP-04/05: the rectification of one problem.</summary>
public enum ProblemStatus { Open, Noticed, Responded, SecondNotice, SecondResponded, Closed, Escalated }

public enum ProblemTrigger { IssueNotice, Respond, Close, IssueSecondNotice, Escalate }

/// <summary>SUP-05 退出要求: what the escalation asks for; the funds module reads it (payments blocked, recovery).</summary>
public enum EscalationAction { RequestContractTermination, CancelQualification, ReportToCity }

/// <summary>One finding of an inspection; on sign-off it becomes a problem of the e-town's problem list (SUP-04).</summary>
[System.ComponentModel.DataAnnotations.Schema.NotMapped] // stored as JSON on the inspection, not an entity
public sealed record Finding(string Description, ProblemSeverity Severity, string? Reference, string? ResponsibleParty, int DeadlineWorkingDays);

/// <summary>
/// One inspection record (SUP-01/03/04). Read-only once signed off; a correction is a new version (<see cref="PreviousId"/>)
/// that supersedes this one when it is signed.
/// </summary>
public class Inspection : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public InspectionKind Kind { get; set; }
    public InspectionMethod Method { get; set; }
    public DateOnly InspectedOn { get; set; }
    public required string Team { get; set; }
    /// <summary>What was checked against the plan's tasks and the contract's milestones.</summary>
    public required string Checked { get; set; }
    public List<Finding> Findings { get; set; } = [];
    public InspectionStatus Status { get; set; }
    public int Version { get; set; } = 1;
    public Guid? PreviousId { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public string? SignedBy { get; set; }
}

/// <summary>A photo or document of an inspection, or evidence of a rectification (<see cref="OwnerId"/> is the inspection or the problem).</summary>
public class SupervisionFile : IEtownOwned, IStoredFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OwnerId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    /// <summary>EXIF DateTimeOriginal of a JPEG photo, as the camera wrote it (local time, no zone).</summary>
    public DateTime? TakenAt { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}

/// <summary>
/// A routine inspection due for an e-town in a period (SUP-02), created by the scheduler from the county's rule set.
/// Done when a signed inspection of its kind is dated in the period; missed when the period ended without one.
/// </summary>
public class InspectionDue : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public InspectionKind Kind { get; set; }
    public Cadence Cadence { get; set; }
    public required string PeriodKey { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly DueOn { get; set; }
    public required string RuleSetCode { get; set; }
    public Guid? InspectionId { get; set; }
    public DateOnly? DoneOn { get; set; }
    /// <summary>Set by the scheduler the day after <see cref="DueOn"/> when nothing was done (a gap on every board).</summary>
    public DateTimeOffset? MissedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One entry of an e-town's problem list (问题清单, SUP-04) and its rectification (SUP-05).</summary>
public class Problem : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public Guid InspectionId { get; set; }
    /// <summary>The contract concerned, when the finding names one (the funds module asks per contract).</summary>
    public Guid? ContractId { get; set; }
    public required string Description { get; set; }
    public ProblemSeverity Severity { get; set; }
    /// <summary>The standard item or contract clause it concerns.</summary>
    public string? Reference { get; set; }
    public string? ResponsibleParty { get; set; }
    public int DeadlineWorkingDays { get; set; }
    /// <summary>The deadline of the notice in force (working days after the notice, holiday calendar).</summary>
    public DateOnly? Deadline { get; set; }
    public ProblemStatus Status { get; set; }
    public int NoticeCount { get; set; }
    public EscalationAction? Escalation { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsOpen => Status is not ProblemStatus.Closed;
}

/// <summary>Every step of a rectification, timestamped (SUP-05).</summary>
public class ProblemStep : IEtownOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ProblemId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string Action { get; set; }
    public ProblemStatus From { get; set; }
    public ProblemStatus To { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who (user display name) or "系统（逾期自动升级）".</summary>
    public required string By { get; set; }
    public string? Note { get; set; }
    public DateOnly? Deadline { get; set; }
}
