using ETown.Web.Platform.Approval;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Declarations;

public enum DeclarationTrigger
{
    Submit,           // 县级提交（草稿或退回后）
    Recommend,        // 市级推荐（附推荐意见）
    Return,           // 市级退回（附原因）
    StartReview,      // 省级分配评审专家（可追加）
    List,             // 省级评审决定：拟入选
    Reject,           // 省级评审决定：不予入选（附理由）
    StartNotice,      // 省级发布公示
    SustainObjection, // 公示异议成立（附处理意见）
    CompleteListing,  // 公示期满入选
}

/// <summary>
/// DECL-07 as one table: county submits → city recommends or returns with a reason → province review (expert
/// assignment) → decision → public notice → listed, or withdrawn on a sustained objection. <see cref="Declaration"/>
/// fires these triggers on its own <see cref="Declaration.Status"/>; region and permission stay with the resource handler.
/// </summary>
public static class DeclarationWorkflow
{
    public static readonly ApprovalFlow<DeclarationStatus, DeclarationTrigger> Definition =
        ApprovalFlow<DeclarationStatus, DeclarationTrigger>.Define("申报", DeclarationErrors.IllegalTransition, Declaration.StatusLabel)
            .Trigger(DeclarationTrigger.Submit, "提交", ScopeLevel.County)
            .TriggerWithReason(DeclarationTrigger.Recommend, "市级推荐", ScopeLevel.City, "opinion", "请填写市级推荐意见。")
            .TriggerWithReason(DeclarationTrigger.Return, "退回", ScopeLevel.City, "reason", "退回时请写明原因。")
            .Trigger(DeclarationTrigger.StartReview, "分配评审专家", ScopeLevel.Province)
            .Trigger(DeclarationTrigger.List, "省级评审决定", ScopeLevel.Province)
            .TriggerWithReason(DeclarationTrigger.Reject, "省级评审决定", ScopeLevel.Province, "note", "不予入选时请写明理由。")
            .Trigger(DeclarationTrigger.StartNotice, "公示", ScopeLevel.Province)
            .TriggerWithReason(DeclarationTrigger.SustainObjection, "异议成立", ScopeLevel.Province, "resolution", "请填写处理意见。")
            .Trigger(DeclarationTrigger.CompleteListing, "公示期满入选", ScopeLevel.Province)
            .Permit(DeclarationStatus.Draft, DeclarationTrigger.Submit, DeclarationStatus.Submitted)
            .Permit(DeclarationStatus.Returned, DeclarationTrigger.Submit, DeclarationStatus.Submitted)
            .Permit(DeclarationStatus.Submitted, DeclarationTrigger.Recommend, DeclarationStatus.Recommended)
            .Permit(DeclarationStatus.Submitted, DeclarationTrigger.Return, DeclarationStatus.Returned)
            .Permit(DeclarationStatus.Recommended, DeclarationTrigger.StartReview, DeclarationStatus.UnderReview)
            .Permit(DeclarationStatus.UnderReview, DeclarationTrigger.StartReview, DeclarationStatus.UnderReview) // more experts
            .Permit(DeclarationStatus.UnderReview, DeclarationTrigger.List, DeclarationStatus.Approved)
            .Permit(DeclarationStatus.UnderReview, DeclarationTrigger.Reject, DeclarationStatus.Rejected)
            .Permit(DeclarationStatus.Approved, DeclarationTrigger.StartNotice, DeclarationStatus.InNotice)
            .Permit(DeclarationStatus.InNotice, DeclarationTrigger.SustainObjection, DeclarationStatus.Withdrawn)
            .Permit(DeclarationStatus.InNotice, DeclarationTrigger.CompleteListing, DeclarationStatus.Listed)
            .ApprovedBy(DeclarationStatus.Recommended, ScopeLevel.City)
            .ApprovedBy(DeclarationStatus.Approved, ScopeLevel.Province)
            .RefuseWith((s, t, _) => $"不能{t.Action}：当前状态为“{Declaration.StatusLabel(s)}”。")
            .Build();
}
