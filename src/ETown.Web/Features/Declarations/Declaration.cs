using ETown.Web.Platform.Data;
using System.Text.Json;
using ETown.Web.Platform;

namespace ETown.Web.Features.Declarations;

/// <summary>DECL-07: county → city → province review → decision → public notice → listed.</summary>
public enum DeclarationStatus
{
    Draft,        // 草稿（县）
    Submitted,    // 已提交，待市级推荐
    Returned,     // 市级退回
    Recommended,  // 市级已推荐，待省级评审
    UnderReview,  // 专家评审中
    Approved,     // 省级拟入选，待公示
    Rejected,     // 省级未入选
    InNotice,     // 公示中
    Listed,       // 公示期满，已入选（生成e镇）
    Withdrawn,    // 撤回/公示异议成立
}

public enum MaterialKind
{
    CityRecommendation, // (1) 市级推荐文件
    DeclarationForm,    // (2) 申报表（盖章、签字）
    CultivationPlan,    // (3) 培育方案和发展规划
    SupportingEvidence, // (4) 相关佐证材料
    CommitmentLetter,   // (5) 县级承诺书
}

/// <summary>
/// One county's declaration of one e-town in one round. The form is kept as the 附件2 document
/// (JSON), frozen at submission; the status moves only along DECL-07.
/// </summary>
public class Declaration : ICreatedAt, IUpdatedAt, IVersioned
{
    /// <summary>Optimistic concurrency (issue #17 finding 13): bumped on every update, sent as ETag.</summary>
    public int Version { get; set; }

    public Guid Id { get; set; } = Guid.NewGuid();
    public int Year { get; set; }
    /// <summary>GB/T 2260 county code; drives the data scope.</summary>
    public required string CountyCode { get; set; }
    public required string ProjectName { get; set; }
    public DeclarationStatus Status { get; private set; } = DeclarationStatus.Draft;
    public string FormJson { get; private set; } = "{}";
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? CityOpinion { get; private set; }
    public string? ReturnReason { get; private set; }
    public string? DecisionNote { get; private set; }
    public decimal? AverageScore { get; set; }
    public int? Rank { get; set; }
    /// <summary>Eligibility report at submission (JSON), so reviewers see what the county saw.</summary>
    public string? EligibilityJson { get; set; }
    /// <summary>The e-town created when the notice ends without a sustained objection.</summary>
    public Guid? EtownId { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public DeclarationForm Form => JsonSerializer.Deserialize<DeclarationForm>(FormJson, Json) ?? new DeclarationForm();

    /// <summary>Editable while it may still be submitted (draft or returned, DECL-07 table).</summary>
    public static bool IsEditable(DeclarationStatus s) => DeclarationWorkflow.Definition.CanFire(s, DeclarationTrigger.Submit);

    /// <summary>Only a draft or a returned declaration can be edited by the county.</summary>
    public void SetForm(DeclarationForm form)
    {
        if (!IsEditable(Status))
            throw Illegal("修改申报表", "只有草稿或被退回的申报可以修改");
        FormJson = JsonSerializer.Serialize(form, Json);
        ProjectName = form.ProjectName.Trim();
    }

    /// <summary>Fires one step of DECL-07 (<see cref="DeclarationWorkflow"/>) on <see cref="Status"/>; refuses with ETOWN-DECL-0001 (409).</summary>
    void Fire(DeclarationTrigger trigger, string? reason = null)
    {
        var flow = DeclarationWorkflow.Definition;
        flow.Fire(() => Status, s => Status = s, trigger, flow.TriggerOf(trigger).By, reason);
    }

    public void Submit(DateTimeOffset now)
    {
        Fire(DeclarationTrigger.Submit);
        SubmittedAt = now; ReturnReason = null;
    }

    public void Recommend(string opinion)
    {
        Fire(DeclarationTrigger.Recommend, opinion);
        CityOpinion = opinion;
    }

    public void Return(string reason)
    {
        Fire(DeclarationTrigger.Return, reason);
        ReturnReason = reason;
    }

    public void StartReview() => Fire(DeclarationTrigger.StartReview);

    public void Decide(bool list, string? note)
    {
        Fire(list ? DeclarationTrigger.List : DeclarationTrigger.Reject, note);
        DecisionNote = note;
    }

    public void StartNotice() => Fire(DeclarationTrigger.StartNotice);

    /// <summary>A sustained objection during the notice takes the declaration off the list.</summary>
    public void SustainObjection(string note)
    {
        Fire(DeclarationTrigger.SustainObjection, note);
        DecisionNote = note;
    }

    public void CompleteListing(Guid etownId)
    {
        Fire(DeclarationTrigger.CompleteListing);
        EtownId = etownId;
    }

    internal void SetStatusForSeed(DeclarationStatus s, Guid? etownId = null) { Status = s; EtownId = etownId; }

    static DomainException Illegal(string action, string why) =>
        new(DeclarationErrors.IllegalTransition, $"不能{action}：{why}。", 409);

    public static string StatusLabel(DeclarationStatus s) => s switch
    {
        DeclarationStatus.Draft => "草稿",
        DeclarationStatus.Submitted => "待市级推荐",
        DeclarationStatus.Returned => "已退回",
        DeclarationStatus.Recommended => "待省级评审",
        DeclarationStatus.UnderReview => "专家评审中",
        DeclarationStatus.Approved => "拟入选",
        DeclarationStatus.Rejected => "未入选",
        DeclarationStatus.InNotice => "公示中",
        DeclarationStatus.Listed => "已入选",
        DeclarationStatus.Withdrawn => "已撤销",
        _ => s.ToString(),
    };

    public static string MaterialLabel(MaterialKind k) => k switch
    {
        MaterialKind.CityRecommendation => "市级推荐文件",
        MaterialKind.DeclarationForm => "申报表（县政府盖章、主要负责人签字）",
        MaterialKind.CultivationPlan => "培育方案和发展规划（盖章、签字）",
        MaterialKind.SupportingEvidence => "相关佐证材料（盖章）",
        MaterialKind.CommitmentLetter => "县级人民政府承诺书",
        _ => k.ToString(),
    };
}

/// <summary>An uploaded material (DECL-08), kept by the platform's <see cref="Platform.Attachments.AttachmentStore"/>.</summary>
public class DeclarationMaterial : Platform.Attachments.IStoredFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DeclarationId { get; set; }
    /// <summary>Copied from the declaration so the scope filter needs no join.</summary>
    public required string CountyCode { get; set; }
    public MaterialKind Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string StoragePath { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid? UploadedBy { get; set; }
}

/// <summary>
/// One declaration round (year): the window, the scoring sheet, and the public notice (DECL-07).
/// Thresholds live in the eligibility rule sets; this holds the procedure's dates and settings.
/// </summary>
public class DeclarationRound : IProvinceWide
{
    public int Year { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    /// <summary>Set when the province reopens the window for late submissions (audited).</summary>
    public DateOnly? ReopenedUntil { get; set; }
    public int NoticeWorkingDays { get; set; } = 5;
    /// <summary>Scoring sheet: JSON list of criteria {code, label, weight}; weights sum to 100.</summary>
    public string ScoringSheetJson { get; set; } = "[]";
    public DateOnly? NoticeStartsOn { get; set; }
    public DateOnly? NoticeEndsOn { get; set; }
    public bool IsFinalised { get; set; }

    public bool AcceptsSubmissionOn(DateOnly day) =>
        (day >= OpensOn && day <= ClosesOn) || (ReopenedUntil is { } r && day <= r && day >= OpensOn);

    public IReadOnlyList<ScoringCriterion> ScoringSheet =>
        JsonSerializer.Deserialize<List<ScoringCriterion>>(ScoringSheetJson) ?? [];

    public static readonly IReadOnlyList<ScoringCriterion> DefaultSheet =
    [
        new("industry", "产业基础（主导产业、特色产品、产值）", 30),
        new("ecommerce", "电商基础（电商企业、网络零售额）", 25),
        new("space", "空间布局与配套设施（四至、物流、仓储、宽带）", 15),
        new("targets", "培育目标与方案可行性", 20),
        new("support", "政策与组织保障", 10),
    ];
}

/// <summary>
/// DECL-07 (000 四(四) line 131: "各市商务局…于 2022 年 5 月 10 日前…报省商务厅，逾期未申报的视为自动放弃"): the round's
/// <see cref="DeclarationRound.ClosesOn"/> binds the <b>city's</b> submission to the province; the county's deadline is the
/// city's to set — this row (issue #14 item 9). Without one, the province's date stands in for the county.
/// </summary>
public class DeclarationCityDeadline : Platform.Data.ICityOwned, Platform.Data.IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int Year { get; set; }
    public required string CityCode { get; set; }
    public DateOnly ClosesOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

public sealed record ScoringCriterion(string Code, string Label, decimal Weight);

/// <summary>An expert's assignment and, once given, their scores (0–100 per criterion).</summary>
public class ExpertScore
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DeclarationId { get; set; }
    public required string CountyCode { get; set; }
    public Guid ExpertUserId { get; set; }
    public string? ScoresJson { get; set; }
    /// <summary>Weighted total 0–100.</summary>
    public decimal? Total { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
}

/// <summary>An objection received during the public notice, with its handling.</summary>
public class Objection : IRegionOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid DeclarationId { get; set; }
    public required string CountyCode { get; set; }
    public required string Text { get; set; }
    public string? Submitter { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? Resolution { get; set; }
    public bool? Sustained { get; set; }
}
