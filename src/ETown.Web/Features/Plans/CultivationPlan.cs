using ETown.Web.Platform.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using ETown.Web.Features.Declarations;
using ETown.Web.Platform;

namespace ETown.Web.Features.Plans;

/// <summary>Draft → Filed (备案); a filed plan is the yardstick of acceptance (PLAN-03) and frozen until the province reopens it.</summary>
public enum PlanStatus
{
    Draft, // 草稿
    Filed, // 已提交备案
}

/// <summary>A key project of the plan (重点项目, PLAN-01): what, when, milestones, how much.</summary>
public sealed class KeyProject
{
    public string Name { get; set; } = "";
    public string? Content { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    /// <summary>节点安排 / milestones, one per line.</summary>
    public string? Milestones { get; set; }
    /// <summary>Planned investment in 元.</summary>
    public decimal? InvestmentYuan { get; set; }
    /// <summary>Construction-standard item numbers (1–39) the project delivers.</summary>
    public List<int> StandardItems { get; set; } = [];
}

/// <summary>
/// The 乡村e镇培育方案 (P §四(五), PLAN-01) as one JSON document: what the plan must state. Targets are the
/// 12 indicators × 2022–2025 of the declaration form; when the e-town came from a listed declaration they
/// are carried from it (PLAN-03: the declaration form is the yardstick) and not edited here.
/// </summary>
public sealed class PlanContent
{
    /// <summary>规划范围（含面积、四至）</summary>
    public string? PlannedScope { get; set; }
    /// <summary>功能分区</summary>
    public string? FunctionalZones { get; set; }
    /// <summary>投资运营主体</summary>
    public string? InvestmentOperatingEntity { get; set; }
    /// <summary>建设方式</summary>
    public string? ConstructionMethod { get; set; }
    /// <summary>投融资模式</summary>
    public string? FinancingModel { get; set; }
    /// <summary>盈利模式</summary>
    public string? ProfitModel { get; set; }
    /// <summary>指导思想</summary>
    public string? GuidingIdeology { get; set; }
    /// <summary>基本原则</summary>
    public string? Principles { get; set; }
    /// <summary>主要目标（文字；量化目标见 Targets）</summary>
    public string? MainTargets { get; set; }
    /// <summary>预期效果</summary>
    public string? ExpectedEffects { get; set; }
    /// <summary>重点任务</summary>
    public string? KeyTasks { get; set; }
    /// <summary>实施步骤</summary>
    public string? ImplementationSteps { get; set; }
    /// <summary>建设规模</summary>
    public string? ConstructionScale { get; set; }
    /// <summary>运营模式</summary>
    public string? OperationModel { get; set; }
    /// <summary>保障措施</summary>
    public string? Guarantees { get; set; }

    public List<KeyProject> KeyProjects { get; set; } = [];
    /// <summary>主要目标 2022–2025 (the 12 indicators of DECL-09).</summary>
    public List<TargetValue> Targets { get; set; } = [];

    public decimal? Target(TargetIndicator i, int year) => Targets.FirstOrDefault(t => t.Indicator == i && t.Year == year)?.Value;

    /// <summary>
    /// The county's own growth targets relative to the city average (潞城 001 line 173: "网络零售额…同比增长率高于所在市平均水平 5 个百分点";
    /// issue #14 item 13): judged by the statistics target views once the plan is filed (PLAN-03).
    /// </summary>
    public List<GrowthTarget> GrowthTargets { get; set; } = [];
}

/// <summary>A growth target "高于所在市平均水平 N 个百分点" for an indicator (statistics catalogue code), every year from <see cref="FromYear"/> (null: every year).</summary>
public sealed class GrowthTarget
{
    /// <summary>Statistics indicator code: <c>online_retail</c> or <c>total_output</c>.</summary>
    public string Indicator { get; set; } = "";
    public decimal PointsAboveCity { get; set; }
    public int? FromYear { get; set; }
    /// <summary>Where the plan says it (e.g. "实施方案 六(三) 经济效益").</summary>
    public string? Source { get; set; }
}

/// <summary>
/// One e-town's cultivation plan and budget (PLAN-01, PLAN-04). The county drafts it; filing freezes it
/// (edits → ETOWN-PLAN-0001, 409) until a province-wide caller reopens it with a reason. Budget lines are rows
/// of their own (<see cref="PlanBudgetLine"/>) so later modules (payments, acceptance) can refer to them.
/// </summary>
public class CultivationPlan : IEtownOwned, ICreatedAt, IUpdatedAt, IVersioned
{
    /// <summary>Optimistic concurrency (issue #17 finding 13): bumped on every update, sent as ETag.</summary>
    public int Version { get; set; }

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    /// <summary>GB/T 2260 county code of the e-town; drives the data scope filter.</summary>
    public required string CountyCode { get; set; }
    /// <summary>Code of the construction-standard version that applies (e.g. "SX-2022", "KL-2022"); no foreign key.</summary>
    public string StandardVersion { get; set; } = "SX-2022";
    public string ContentJson { get; private set; } = "{}";
    /// <summary>省级专项资金下达额度（元）, e.g. 10 000 000 for 岢岚.</summary>
    public decimal AllocationYuan { get; set; }
    public PlanStatus Status { get; private set; } = PlanStatus.Draft;
    public DateTimeOffset? FiledAt { get; private set; }
    public string? FiledBy { get; private set; }
    public DateTimeOffset? ReopenedAt { get; private set; }
    public string? ReopenReason { get; private set; }
    /// <summary>
    /// DISC-02: the last change of the plan's content or budget (the fund rules). A draft edited while on the public column
    /// is noticed again from this day (<see cref="PlanFilingNotice.StartsOn"/>); a save that changes nothing does not count.
    /// </summary>
    public DateTimeOffset? ContentChangedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The county's written justification for a budget outside the FUND-03 bands ("原则上", 002 line 113) and the city's
    /// decision on it (issue #14 item 12). Shown wherever the budget is shown.
    /// </summary>
    public string? BandJustification { get; private set; }
    public JustificationStatus BandJustificationStatus { get; private set; } = JustificationStatus.None;
    public DateTimeOffset? BandJustificationDecidedAt { get; private set; }
    public string? BandJustificationDecidedBy { get; private set; }
    public string? BandJustificationNote { get; private set; }

    public bool BandJustificationApproved => BandJustificationStatus == JustificationStatus.Approved;

    /// <summary>The county submits (or rewrites) its justification; the city decides again.</summary>
    public void SubmitBandJustification(string text)
    {
        RequireEditable("修改预算说明");
        BandJustification = text; BandJustificationStatus = JustificationStatus.Submitted;
        BandJustificationDecidedAt = null; BandJustificationDecidedBy = null; BandJustificationNote = null;
    }

    /// <summary>The city approves or rejects a submitted justification.</summary>
    public void DecideBandJustification(bool approve, string? note, DateTimeOffset now, string? by)
    {
        if (BandJustificationStatus != JustificationStatus.Submitted)
            throw new DomainException(PlanErrors.JustificationState, "没有待审核的预算比例说明。", 409);
        BandJustificationStatus = approve ? JustificationStatus.Approved : JustificationStatus.Rejected;
        BandJustificationDecidedAt = now; BandJustificationDecidedBy = by; BandJustificationNote = note;
    }

    /// <summary>A changed budget is no longer the one the city approved: the justification goes back to the city.</summary>
    public void BudgetChanged()
    {
        if (BandJustificationStatus == JustificationStatus.Approved)
        {
            BandJustificationStatus = JustificationStatus.Submitted;
            BandJustificationDecidedAt = null; BandJustificationDecidedBy = null; BandJustificationNote = "预算已修改，须市级重新审核。";
        }
    }

    public static string JustificationLabel(JustificationStatus s) => s switch
    {
        JustificationStatus.Submitted => "待市级审核",
        JustificationStatus.Approved => "市级已同意",
        JustificationStatus.Rejected => "市级未同意",
        _ => "未提交",
    };

    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public PlanContent Content => JsonSerializer.Deserialize<PlanContent>(ContentJson, Json) ?? new PlanContent();

    public bool IsEditable => Status == PlanStatus.Draft;

    public void SetContent(PlanContent content)
    {
        RequireEditable("修改培育方案");
        ContentJson = JsonSerializer.Serialize(content, Json);
    }

    /// <summary>DISC-02: the content or budget of the draft changed (restarts its notice on the column).</summary>
    public void ContentChanged(DateTimeOffset now)
    {
        RequireEditable("修改培育方案");
        ContentChangedAt = now;
    }

    internal void ContentChangedForTest(DateTimeOffset? at) => ContentChangedAt = at;

    /// <summary>Guard for every change of the plan or its budget.</summary>
    public void RequireEditable(string action)
    {
        if (!IsEditable)
            throw new DomainException(PlanErrors.Filed, $"不能{action}：培育方案已提交备案，如需修改请由省级重新打开。", 409);
    }

    public void File(DateTimeOffset now, string? by)
    {
        if (Status != PlanStatus.Draft)
            throw new DomainException(PlanErrors.FilingState, "培育方案已提交备案，不能重复提交。", 409);
        Status = PlanStatus.Filed; FiledAt = now; FiledBy = by;
    }

    public void Reopen(DateTimeOffset now, string reason)
    {
        if (Status != PlanStatus.Filed)
            throw new DomainException(PlanErrors.FilingState, "只有已备案的培育方案可以重新打开。", 409);
        Status = PlanStatus.Draft; ReopenedAt = now; ReopenReason = reason;
    }

    internal void FileForSeed(DateTimeOffset at, string by) { Status = PlanStatus.Filed; FiledAt = at; FiledBy = by; }

    public static string StatusLabel(PlanStatus s) => s switch
    {
        PlanStatus.Draft => "草稿",
        PlanStatus.Filed => "已备案",
        _ => s.ToString(),
    };
}

/// <summary>A stored budget line of a plan (PLAN-04); carries the county code so its scope filter needs no join.</summary>
public class PlanBudgetLine
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public required string CountyCode { get; set; }
    public int SortOrder { get; set; }
    public int ItemNo { get; set; }
    public string Content { get; set; } = "";
    public FundCategory Category { get; set; }
    public decimal ProvincialYuan { get; set; }
    public decimal CountyYuan { get; set; }

    public BudgetLine ToLine() => new() { ItemNo = ItemNo, Content = Content, Category = Category, ProvincialYuan = ProvincialYuan, CountyYuan = CountyYuan };
}
