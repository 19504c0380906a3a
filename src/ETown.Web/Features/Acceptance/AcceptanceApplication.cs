using ETown.Web.Platform.Attachments;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Acceptance;

/// <summary>ACC-01: what an application covers — one module, one stage (潞城 "可以分模块或分阶段申请"), or the whole project.</summary>
public enum AcceptanceScope { Module, Stage, Whole }

/// <summary>The steps of one acceptance (ACC-02, ACC-03, ACC-06), fired through <see cref="AcceptanceFlow"/>.</summary>
public enum AcceptanceStatus { Submitted, PreCheckRefused, UnderReview, Passed, Failed }

/// <summary>ACC-02: the team is made of departments (商务/财政/乡村振兴 …) or a commissioned third party.</summary>
public enum AcceptanceTeamKind { Departments, ThirdParty }

/// <summary>ACC-04 materials: accounting records, the schedule, evidence of each item, the results; plus what the procedure itself adds.</summary>
public enum AcceptanceMaterialKind { Accounting, Schedule, Evidence, Results, SiteRecord, Rectification }

/// <summary>One checklist line: a standard item (1–39) or a contract milestone / other basis (ACC-05).</summary>
public enum CheckLineKind { StandardItem, ContractMilestone, Other }

public enum CheckResult { Met, NotMet, NotApplicable }

/// <summary>
/// One acceptance application of an e-town (ACC-01 … ACC-07): the application, the county's preliminary check and
/// team, the acceptance itself (15 working days, ACC-03), the conclusion with the accepted cumulative progress of the
/// contract, rectification rounds (ACC-06), the public notice (ACC-07, 岢岚 5 working days) and the filing upward
/// (朔州: with the city; ACC-09).
/// </summary>
public class AcceptanceApplication : IEtownOwned, ICreatedAt, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public AcceptanceScope Scope { get; set; }
    public required string Title { get; set; }
    public Guid? ContractId { get; set; }
    public string? ContractNumber { get; set; }
    public string? ContractTitle { get; set; }
    /// <summary>Standard items (1–39) the application covers, comma-separated in the column.</summary>
    public string StandardItemsText { get; set; } = "";
    public decimal ClaimedProgressPercent { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public Guid? SubmittedBy { get; set; }
    public string? SubmittedByName { get; set; }
    public string? ApplicantOrganisation { get; set; }
    /// <summary>ACC-03: the 15th working day after <see cref="SubmittedOn"/> (holiday calendar).</summary>
    public DateOnly ReviewDeadline { get; set; }
    public AcceptanceStatus Status { get; set; } = AcceptanceStatus.Submitted;

    // ACC-02 preliminary check and team
    public DateTimeOffset? PreCheckedAt { get; set; }
    public string? PreCheckedByName { get; set; }
    public string? RefusalReason { get; set; }
    public AcceptanceTeamKind? TeamKind { get; set; }
    public string? TeamMembers { get; set; }
    public DateOnly? ReviewPlannedOn { get; set; }
    public string? ReviewPlace { get; set; }

    // ACC-03/04/06 the acceptance itself (the latest round)
    public int Round { get; set; } = 1;
    public DateOnly? ReviewedOn { get; set; }
    public string? MethodsText { get; set; }
    public decimal? AcceptedProgressPercent { get; set; }
    public string? Opinion { get; set; }
    public string? RectificationOpinions { get; set; }
    public DateOnly? RectificationDeadline { get; set; }
    public string? RectificationAnswer { get; set; }
    public DateOnly? RectificationAnsweredOn { get; set; }
    public string? ReviewedByName { get; set; }

    // ACC-07 public notice
    public DateOnly? NoticeStartsOn { get; set; }
    public DateOnly? NoticeEndsOn { get; set; }
    public int? NoticeWorkingDays { get; set; }

    // ACC-07 / ACC-09 filing upward
    public DateTimeOffset? CityFiledAt { get; set; }
    public DateTimeOffset? CityAcknowledgedAt { get; set; }
    public string? CityAcknowledgedBy { get; set; }
    public DateTimeOffset? ProvinceFiledAt { get; set; }
    public DateTimeOffset? ProvinceAcknowledgedAt { get; set; }
    public string? ProvinceAcknowledgedBy { get; set; }

    /// <summary>When the whole-project acceptance made the e-town 已验收 (ACC-06).</summary>
    public DateTimeOffset? EtownAcceptedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<int> StandardItems
    {
        get => StandardItemsText.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        set => StandardItemsText = string.Join(',', value.Distinct().Order());
    }

    public IReadOnlyList<string> Methods
    {
        get => (MethodsText ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries);
        set => MethodsText = string.Join('|', value);
    }

    public bool NoticeEnded(DateOnly today) => NoticeEndsOn is { } end && today > end;
    public bool InNotice(DateOnly today) => NoticeStartsOn is { } s && NoticeEndsOn is { } e && today >= s && today <= e;

    public static string ScopeLabel(AcceptanceScope s) => s switch
    {
        AcceptanceScope.Module => "分模块验收",
        AcceptanceScope.Stage => "阶段性验收",
        _ => "整体验收",
    };

    public static string StatusLabel(AcceptanceStatus s) => s switch
    {
        AcceptanceStatus.Submitted => "已申请，待初审",
        AcceptanceStatus.PreCheckRefused => "初审不予验收",
        AcceptanceStatus.UnderReview => "验收中",
        AcceptanceStatus.Passed => "验收合格",
        _ => "验收不合格，整改中",
    };

    public static string MaterialLabel(AcceptanceMaterialKind k) => k switch
    {
        AcceptanceMaterialKind.Accounting => "会计资料（支出明细、凭证、发票、合同）",
        AcceptanceMaterialKind.Schedule => "建设进度资料",
        AcceptanceMaterialKind.Evidence => "各项建设内容佐证",
        AcceptanceMaterialKind.Results => "建设成果资料",
        AcceptanceMaterialKind.SiteRecord => "现场查验记录、照片",
        _ => "整改材料",
    };

    public static string ResultLabel(CheckResult r) => r switch
    {
        CheckResult.Met => "符合",
        CheckResult.NotMet => "不符合",
        _ => "不适用",
    };

    /// <summary>ACC-04: the methods of acceptance the documents name.</summary>
    public static readonly IReadOnlyList<string> KnownMethods = ["现场查验", "听取汇报", "查阅资料", "抽查"];

    /// <summary>ACC-04: the materials an application must carry before it qualifies (ACC-02 completeness).</summary>
    public static readonly IReadOnlyList<AcceptanceMaterialKind> RequiredMaterials =
        [AcceptanceMaterialKind.Accounting, AcceptanceMaterialKind.Schedule, AcceptanceMaterialKind.Evidence, AcceptanceMaterialKind.Results];
}

/// <summary>A material of an application (ACC-01, ACC-04), stored by the AttachmentStore.</summary>
public class AcceptanceMaterial : IEtownOwned, IStoredFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ApplicationId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public AcceptanceMaterialKind Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedByName { get; set; }
}

/// <summary>One line of the checklist of one round (ACC-05 basis, ACC-04 findings).</summary>
public class AcceptanceCheckLine : IEtownOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ApplicationId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public int Round { get; set; }
    public int SortOrder { get; set; }
    public CheckLineKind Kind { get; set; }
    public int? ItemNumber { get; set; }
    public required string Description { get; set; }
    public CheckResult Result { get; set; }
    public string? Note { get; set; }
}

/// <summary>An objection raised during the public notice (ACC-07) and the county's answer.</summary>
public class AcceptanceObjection : IEtownOwned, ICreatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ApplicationId { get; set; }
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string Text { get; set; }
    public Guid? RaisedBy { get; set; }
    public string? RaisedByName { get; set; }
    public DateOnly RaisedOn { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsOpen => Answer is null;
}

/// <summary>The county's notice length in working days (ACC-07: at least 5, 岢岚); absent → 5.</summary>
public class AcceptanceNoticeSetting : IRegionOwned, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string CountyCode { get; set; }
    public int NoticeWorkingDays { get; set; } = DefaultWorkingDays;
    public DateTimeOffset UpdatedAt { get; set; }

    public const int DefaultWorkingDays = 5;
    public const int MaxWorkingDays = 30;
}
