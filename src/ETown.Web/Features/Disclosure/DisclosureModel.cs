using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Disclosure;

/// <summary>What a published item on the public column refers to (DISC-01: 资金分配、使用情况和建设进度).</summary>
public enum PublishedKind { Plan, Allocation, Contract, Payment, Progress, Acceptance, Inspection, Rectification }

/// <summary>
/// DISC-01: publishing is an explicit act of the county for each item — kind + the producing module's id, who and
/// when; withdrawing keeps the row (with reason) so the audit trail shows what the public could read and when.
/// Anonymous callers never read this table directly: the column service reads it for a published e-town.
/// </summary>
public class PublishedItem : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public PublishedKind Kind { get; set; }
    public Guid SourceId { get; set; }
    /// <summary>The label when published (for the county's list; the column always shows live data).</summary>
    public required string Title { get; set; }
    public required string PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsActive => WithdrawnAt is null;
}

public enum OpinionStatus { Pending, Approved, Rejected }

/// <summary>征求意见 (岢岚: 征求意见窗口): a public opinion on an e-town, shown only after the county approved it.</summary>
public class PublicOpinion : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public string? Nickname { get; set; }
    public required string Text { get; set; }
    public OpinionStatus Status { get; set; }
    public string? Reply { get; set; }
    public string? ModeratedBy { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public const int MaxText = 500, MaxNickname = 20, MaxReply = 500;
}

/// <summary>受理 → 调查 → 办结 (DISC-01 举报窗口).</summary>
public enum ReportStatus { Received, Accepted, Investigating, Closed }

/// <summary>
/// A whistle-blowing report (DISC-01, 岢岚: 纪检或审计举报窗口). Readable only by the discipline/audit organisation it
/// is routed to (the one covering the county most closely): its scope rule is that organisation alone — not the
/// province, the county e镇办 or the operator. The tracking code is stored as a SHA-256 hash only; the reporter's
/// contact details are encrypted with ASP.NET Data Protection (purpose <see cref="WhistleService.ContactPurpose"/>).
/// </summary>
public class ReportCase : ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    /// <summary>The discipline/audit organisation handling it; Guid.Empty = none configured for the region (only system work sees it).</summary>
    public Guid HandlerOrganisationId { get; set; }
    public required string CodeHash { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public bool Anonymous { get; set; }
    /// <summary>Data-protected JSON of name and phone/e-mail; null when the reporter stays anonymous.</summary>
    public string? ContactProtected { get; set; }
    public ReportStatus Status { get; set; }
    /// <summary>The answer the reporter reads with the code.</summary>
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AttachmentName { get; set; }
    public string? AttachmentType { get; set; }
    public long? AttachmentSize { get; set; }
    public string? AttachmentSha256 { get; set; }
    public string? AttachmentPath { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxSubject = 100, MaxText = 3000, MaxContact = 100, MaxAnswer = 2000, MaxNote = 1000;

    public StoredFile? Attachment => AttachmentPath is null ? null
        : new StoredFile(AttachmentName!, AttachmentType!, AttachmentSize ?? 0, AttachmentSha256!, AttachmentPath);
}

/// <summary>One handling step of a report, or an unmasking of the contact details (audited like every save).</summary>
public class ReportStep : ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CaseId { get; set; }
    public Guid HandlerOrganisationId { get; set; }
    public required string Action { get; set; }
    public ReportStatus? To { get; set; }
    public string? Note { get; set; }
    public required string ByName { get; set; }
    public Guid? ByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public const string Unmasked = "查看举报人联系方式";
}

public enum RespondentKind { Resident, MarketEntity }
public enum Satisfaction { Satisfied, Basic, Dissatisfied }

/// <summary>
/// 满意度调查 (潞城: 群众和市场主体满意率 ≥ 95%): one answer per respondent per e-town and year — the phone number is
/// kept only as a keyed hash, enough to refuse a second answer.
/// </summary>
public class SurveyAnswer : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public required string RespondentHash { get; set; }
    public RespondentKind Kind { get; set; }
    public Satisfaction Answer { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public const int MaxComment = 300;
}

public static class DisclosureLabels
{
    public static string Of(PublishedKind k) => k switch
    {
        PublishedKind.Plan => "培育方案", PublishedKind.Allocation => "资金分配", PublishedKind.Contract => "合同",
        PublishedKind.Payment => "资金拨付", PublishedKind.Progress => "建设进度（统计）", PublishedKind.Acceptance => "阶段验收",
        PublishedKind.Inspection => "监督检查", PublishedKind.Rectification => "整改销号", _ => k.ToString(),
    };

    public static string Of(ReportStatus s) => s switch
    {
        ReportStatus.Received => "已收到", ReportStatus.Accepted => "已受理", ReportStatus.Investigating => "调查中", ReportStatus.Closed => "已办结", _ => s.ToString(),
    };

    public static string Of(OpinionStatus s) => s switch
    {
        OpinionStatus.Pending => "待审核", OpinionStatus.Approved => "已公开", OpinionStatus.Rejected => "未采用", _ => s.ToString(),
    };

    public static string Of(Satisfaction s) => s switch
    {
        Satisfaction.Satisfied => "满意", Satisfaction.Basic => "基本满意", Satisfaction.Dissatisfied => "不满意", _ => s.ToString(),
    };

    public static string Of(RespondentKind k) => k == RespondentKind.Resident ? "群众" : "市场主体";
}
