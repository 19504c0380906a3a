namespace ETown.Web.Features.Plans;

/// <summary>
/// Stable error codes of 培育方案与预算（ETOWN-PLAN-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class PlanErrors
{
    /// <summary>已备案的方案不可修改（PLAN-03）</summary>
    public const string Filed = "ETOWN-PLAN-0001";
    /// <summary>重复备案或重新打开未备案的方案</summary>
    public const string FilingState = "ETOWN-PLAN-0002";
    /// <summary>预算未通过核对，不能备案</summary>
    public const string BudgetNotPassing = "ETOWN-PLAN-0003";
    /// <summary>方案内容不完整（PLAN-01）</summary>
    public const string ContentMissing = "ETOWN-PLAN-0004";
    /// <summary>预算比例说明不在可审核的状态（FUND-03，issue #14）</summary>
    public const string JustificationState = "ETOWN-PLAN-0005";
    /// <summary>方案未在公开专栏公示满 5 个工作日，不能备案（DISC-02）</summary>
    public const string NoticeNotComplete = "ETOWN-PLAN-0006";
    /// <summary>类别占比低于下限（FUND-03）</summary>
    public const string CategoryBelowBand = "ETOWN-PLAN-0101";
    /// <summary>类别占比高于上限（FUND-03）</summary>
    public const string CategoryAboveBand = "ETOWN-PLAN-0102";
    /// <summary>省级合计与下达额度不一致（PLAN-04）</summary>
    public const string TotalNotAllocation = "ETOWN-PLAN-0103";
    /// <summary>金额为负（PLAN-04）</summary>
    public const string NegativeAmount = "ETOWN-PLAN-0104";
    /// <summary>条目序号不在 1–39</summary>
    public const string ItemNumber = "ETOWN-PLAN-0105";
    /// <summary>未填写下达额度</summary>
    public const string NoAllocation = "ETOWN-PLAN-0106";
    /// <summary>资金类别无效</summary>
    public const string Category = "ETOWN-PLAN-0107";
    /// <summary>预算中没有省级资金</summary>
    public const string NoProvincialMoney = "ETOWN-PLAN-0108";
}
