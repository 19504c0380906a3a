using ETown.Web.Platform.Approval;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Statistics;

public enum StatReportTrigger
{
    Submit,           // 报送（运营方、县级或市级统计联络员）
    Approve,          // 县级审核（锁定）
    AcceptByCity,     // 市级接收
    AcceptByProvince, // 省级接收
    Unlock,           // 解锁：每一级只解锁本级审核或接收的报表
}

/// <summary>
/// STAT-05 as one table: draft → submitted → county approved → city accepted → province accepted; each level unlocks
/// only its own step, with a reason, back to draft, and the chain repeats. <see cref="StatReport"/> fires these triggers
/// on its own <see cref="StatReport.Status"/>; the region and permission checks stay in <see cref="StatReportAuthorizationHandler"/>.
/// </summary>
public static class StatReportFlow
{
    public static readonly ApprovalFlow<StatReportStatus, StatReportTrigger> Definition =
        ApprovalFlow<StatReportStatus, StatReportTrigger>.Define("统计报表", StatisticsErrors.IllegalTransition, StatReport.StatusLabel)
            .Trigger(StatReportTrigger.Submit, "报送")
            .Trigger(StatReportTrigger.Approve, "县级审核", ScopeLevel.County)
            .Trigger(StatReportTrigger.AcceptByCity, "市级接收（须先经县级审核）", ScopeLevel.City)
            .Trigger(StatReportTrigger.AcceptByProvince, "省级接收（须先经市级接收）", ScopeLevel.Province)
            .Unlock(StatReportTrigger.Unlock, "解锁", "reason", "解锁时请写明原因。")
            .Permit(StatReportStatus.Draft, StatReportTrigger.Submit, StatReportStatus.Submitted)
            .Permit(StatReportStatus.Submitted, StatReportTrigger.Approve, StatReportStatus.CountyApproved)
            .Permit(StatReportStatus.CountyApproved, StatReportTrigger.AcceptByCity, StatReportStatus.CityAccepted)
            .Permit(StatReportStatus.CityAccepted, StatReportTrigger.AcceptByProvince, StatReportStatus.ProvinceAccepted)
            .Permit(StatReportStatus.CountyApproved, StatReportTrigger.Unlock, StatReportStatus.Draft)
            .Permit(StatReportStatus.CityAccepted, StatReportTrigger.Unlock, StatReportStatus.Draft)
            .Permit(StatReportStatus.ProvinceAccepted, StatReportTrigger.Unlock, StatReportStatus.Draft)
            .ApprovedBy(StatReportStatus.CountyApproved, ScopeLevel.County)
            .ApprovedBy(StatReportStatus.CityAccepted, ScopeLevel.City)
            .ApprovedBy(StatReportStatus.ProvinceAccepted, ScopeLevel.Province)
            .RefuseWith(Refusal)
            .Build();

    static string Refusal(StatReportStatus status, ApprovalTrigger<StatReportTrigger> t, ScopeLevel? level)
    {
        var label = StatReport.StatusLabel(status);
        if (!t.IsUnlock || level is not { } l) return $"当前状态为“{label}”，不能{t.Action}。";
        var own = Definition.StateApprovedBy(l);
        var why = status switch
        {
            StatReportStatus.Draft or StatReportStatus.Submitted => "只能解锁已审核或已接收的报表",
            _ when own is { } from && status > from => $"已被上级接收，只能由{StatReport.UnlockerOf(status)}解锁",
            _ => $"本期应由{StatReport.UnlockerOf(status)}解锁",
        };
        return $"当前状态为“{label}”，不能{ApprovalFlow<StatReportStatus, StatReportTrigger>.LevelName(l)}解锁：{why}。";
    }
}
