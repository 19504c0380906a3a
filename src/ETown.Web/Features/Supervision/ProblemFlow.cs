using ETown.Web.Platform.Approval;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Supervision;

/// <summary>
/// SUP-05 (临猗 退出要求): written rectification notice → the operator's response with evidence → county verification →
/// closed, or a second written notice with a new deadline → response → closed, or escalation (request the county government
/// to terminate the contract / mark the operator's qualification for cancellation). The system (no level) also fires
/// IssueSecondNotice and Escalate when a deadline passes (SupervisionScheduler).
/// </summary>
public static class ProblemFlow
{
    public static readonly ApprovalFlow<ProblemStatus, ProblemTrigger> Definition =
        ApprovalFlow<ProblemStatus, ProblemTrigger>.Define("整改", SupervisionErrors.IllegalTransition, Label)
            .Trigger(ProblemTrigger.IssueNotice, "下发整改通知", ScopeLevel.County)
            .Trigger(ProblemTrigger.Respond, "答复整改", ScopeLevel.Etown)
            .Trigger(ProblemTrigger.Close, "核查销号", ScopeLevel.County)
            .TriggerWithReason(ProblemTrigger.IssueSecondNotice, "再次行文限期整改", ScopeLevel.County, "note", "请写明整改未到位的情况。")
            .TriggerWithReason(ProblemTrigger.Escalate, "升级处理", ScopeLevel.County, "note", "请写明升级处理的理由。")
            .Permit(ProblemStatus.Open, ProblemTrigger.IssueNotice, ProblemStatus.Noticed)
            .Permit(ProblemStatus.Noticed, ProblemTrigger.Respond, ProblemStatus.Responded)
            .Permit(ProblemStatus.Noticed, ProblemTrigger.IssueSecondNotice, ProblemStatus.SecondNotice)
            .Permit(ProblemStatus.Responded, ProblemTrigger.Close, ProblemStatus.Closed)
            .Permit(ProblemStatus.Responded, ProblemTrigger.IssueSecondNotice, ProblemStatus.SecondNotice)
            .Permit(ProblemStatus.SecondNotice, ProblemTrigger.Respond, ProblemStatus.SecondResponded)
            .Permit(ProblemStatus.SecondNotice, ProblemTrigger.Escalate, ProblemStatus.Escalated)
            .Permit(ProblemStatus.SecondResponded, ProblemTrigger.Close, ProblemStatus.Closed)
            .Permit(ProblemStatus.SecondResponded, ProblemTrigger.Escalate, ProblemStatus.Escalated)
            .RefuseWith((s, t, level) => s == ProblemStatus.Closed
                ? "该问题已整改销号，不能再" + t.Action + "。"
                : t.By is { } by && level is { } l && by != l && level != null
                    ? $"{t.Action}由{ApprovalFlow<ProblemStatus, ProblemTrigger>.LevelName(by)}办理。"
                    : $"当前状态为“{Label(s)}”，不能{t.Action}。")
            .Build();

    public static string Label(ProblemStatus s) => s switch
    {
        ProblemStatus.Open => "待下发整改通知",
        ProblemStatus.Noticed => "整改中（首次通知）",
        ProblemStatus.Responded => "已答复待核查",
        ProblemStatus.SecondNotice => "整改中（再次通知）",
        ProblemStatus.SecondResponded => "再次答复待核查",
        ProblemStatus.Closed => "已销号",
        ProblemStatus.Escalated => "已升级处理",
        _ => s.ToString(),
    };

    /// <summary>States in which the operator is working against a deadline (the scheduler escalates these when overdue).</summary>
    public static bool AwaitsOperator(ProblemStatus s) => s is ProblemStatus.Noticed or ProblemStatus.SecondNotice;

    public static string SeverityLabel(ProblemSeverity s) => s switch
    {
        ProblemSeverity.Minor => "一般",
        ProblemSeverity.Major => "较重",
        _ => "严重",
    };

    public static string MethodLabel(InspectionMethod m) => m switch
    {
        InspectionMethod.OnSite => "实地检查",
        InspectionMethod.HearReport => "听取汇报",
        InspectionMethod.ReviewMaterials => "查看材料",
        _ => "抽查",
    };

    public static string EscalationLabel(EscalationAction a) => a switch
    {
        EscalationAction.RequestContractTermination => "提请县政府终止合同",
        EscalationAction.CancelQualification => "取消承办企业资格",
        _ => "报市级督导",
    };
}
