namespace ETown.Web.Features.Acceptance;

/// <summary>
/// Stable error codes of 验收评价 (ETOWN-ACC-*). API clients and tests branch on these values: never change one, only add.
/// </summary>
public static class AcceptanceErrors
{
    /// <summary>当前步骤不允许此操作（验收流程）</summary>
    public const string IllegalTransition = "ETOWN-ACC-0001";
    /// <summary>合同不属于该e镇或不存在（ACC-01）</summary>
    public const string UnknownContract = "ETOWN-ACC-0002";
    /// <summary>申报的累计进度低于已验收进度（ACC-01）</summary>
    public const string ProgressBelowAccepted = "ETOWN-ACC-0003";
    /// <summary>该范围已验收合格或正在验收（ACC-01）</summary>
    public const string ScopeAlreadyAccepted = "ETOWN-ACC-0004";
    /// <summary>验收清单有未填写结果的条目（ACC-04）</summary>
    public const string ChecklistOpen = "ETOWN-ACC-0005";
    /// <summary>有不符合的条目时不能作出合格结论（ACC-06）</summary>
    public const string PassWithUnmetLines = "ETOWN-ACC-0006";
    /// <summary>公示只能在验收合格后发布，且只发布一次（ACC-07）</summary>
    public const string NoticeState = "ETOWN-ACC-0007";
    /// <summary>不在公示期内，不能提出异议（ACC-07）</summary>
    public const string NotInNotice = "ETOWN-ACC-0008";
    /// <summary>异议已答复</summary>
    public const string ObjectionAnswered = "ETOWN-ACC-0009";
    /// <summary>备案的前提未满足（合格且公示期满无异议）（ACC-07）</summary>
    public const string FilingState = "ETOWN-ACC-0010";
    /// <summary>e镇尚不能认定为已验收（整体验收合格、公示期满且无未答复异议）（ACC-06）</summary>
    public const string NotFinal = "ETOWN-ACC-0011";
    /// <summary>验收组成员与申请单位存在利害关系（ACC-02）</summary>
    public const string TeamConflict = "ETOWN-ACC-0012";
    /// <summary>材料只能在待初审或整改期间上传</summary>
    public const string MaterialsClosed = "ETOWN-ACC-0013";
    /// <summary>省级已评价，自评报告不能再更换（EVAL-01）</summary>
    public const string EvaluationClosed = "ETOWN-ACC-0014";
    /// <summary>绩效评价指标表无效（代码、名称、指标）（EVAL-01）</summary>
    public const string SheetInvalid = "ETOWN-ACC-0015";
    /// <summary>指标权重之和不为 100（EVAL-01）</summary>
    public const string SheetWeights = "ETOWN-ACC-0016";
    /// <summary>指标表代码已存在</summary>
    public const string SheetCodeTaken = "ETOWN-ACC-0017";
    /// <summary>指标表已在使用中，不能修改（EVAL-01）</summary>
    public const string SheetInUse = "ETOWN-ACC-0018";
    /// <summary>没有已发布的绩效评价指标表（EVAL-01）</summary>
    public const string NoSheetInForce = "ETOWN-ACC-0019";
    /// <summary>年度不在培育期内（EVAL-01）</summary>
    public const string YearOutsideProgramme = "ETOWN-ACC-0020";
    /// <summary>评分超出 0–满分 范围或缺项（EVAL-01）</summary>
    public const string ScoreOutOfRange = "ETOWN-ACC-0021";
    /// <summary>专家未被分配评价该e镇（EVAL-01）</summary>
    public const string NotAssignedExpert = "ETOWN-ACC-0022";
    /// <summary>所选用户不是评审专家，或与该e镇存在利害关系（EVAL-01）</summary>
    public const string ExpertInvalid = "ETOWN-ACC-0023";
    /// <summary>评价已定稿，不能修改（EVAL-01）</summary>
    public const string EvaluationFinalised = "ETOWN-ACC-0024";
    /// <summary>尚有专家未完成评分（EVAL-01）</summary>
    public const string ScoresMissing = "ETOWN-ACC-0025";
    /// <summary>整体验收后尚无第三方核查报告，或其整改未完成（ACC-08）</summary>
    public const string ThirdPartyPending = "ETOWN-ACC-0026";
    /// <summary>e镇尚未通过整体验收，不能上传第三方核查报告（ACC-08）</summary>
    public const string NotFinallyAccepted = "ETOWN-ACC-0027";
    /// <summary>整改事项当前状态不允许此操作（EVAL-02）</summary>
    public const string FindingState = "ETOWN-ACC-0028";
    /// <summary>省级验收须在省级确认收到整体验收备案之后进行（ACC-09）</summary>
    public const string ProvincialNotDue = "ETOWN-ACC-0029";
    /// <summary>省级验收已记录，不能重复记录（ACC-09）</summary>
    public const string ProvincialRecorded = "ETOWN-ACC-0030";
}
