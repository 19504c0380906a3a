using ETown.Web.Platform.Approval;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Acceptance;

public enum AcceptanceTrigger
{
    AcceptForReview,     // ACC-02 初审通过，组织验收
    RefuseAtPreCheck,    // ACC-02 初审不予验收（写明未满足的条件）
    Pass,                // ACC-06 验收合格
    Fail,                // ACC-06 验收不合格，提出整改意见
    AnswerRectification, // ACC-06 整改完成，申请复验
}

/// <summary>
/// ACC-02/03/06 as one table: 已申请 → 初审不予验收 | 验收中 → 合格 | 不合格 → (整改答复) → 验收中 → …
/// The county e镇办 checks, organises and records the conclusion; the applicant (operator, or the county for the whole
/// e-town) answers the rectification. Region and assignment checks stay in <see cref="AcceptanceAuthorizationHandler"/>.
/// </summary>
public static class AcceptanceFlow
{
    public static readonly ApprovalFlow<AcceptanceStatus, AcceptanceTrigger> Definition =
        ApprovalFlow<AcceptanceStatus, AcceptanceTrigger>.Define("验收", AcceptanceErrors.IllegalTransition, AcceptanceApplication.StatusLabel)
            .Trigger(AcceptanceTrigger.AcceptForReview, "初审通过并组织验收", ScopeLevel.County)
            .TriggerWithReason(AcceptanceTrigger.RefuseAtPreCheck, "初审不予验收", ScopeLevel.County, "reason", "不予验收时请写明未满足的条件。")
            .Trigger(AcceptanceTrigger.Pass, "作出验收合格结论", ScopeLevel.County)
            .TriggerWithReason(AcceptanceTrigger.Fail, "作出验收不合格结论", ScopeLevel.County, "rectificationOpinions", "验收不合格时请写明整改意见。")
            .TriggerWithReason(AcceptanceTrigger.AnswerRectification, "答复整改并申请复验", null, "answer", "请写明整改情况。")
            .Permit(AcceptanceStatus.Submitted, AcceptanceTrigger.AcceptForReview, AcceptanceStatus.UnderReview)
            .Permit(AcceptanceStatus.Submitted, AcceptanceTrigger.RefuseAtPreCheck, AcceptanceStatus.PreCheckRefused)
            .Permit(AcceptanceStatus.UnderReview, AcceptanceTrigger.Pass, AcceptanceStatus.Passed)
            .Permit(AcceptanceStatus.UnderReview, AcceptanceTrigger.Fail, AcceptanceStatus.Failed)
            .Permit(AcceptanceStatus.Failed, AcceptanceTrigger.AnswerRectification, AcceptanceStatus.UnderReview)
            .Build();
}
