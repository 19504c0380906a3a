namespace ETown.Web.Features.Supervision;

/// <summary>
/// Stable error codes of 日常监管（ETOWN-SUP-*）. Never change a published value, only add.
/// </summary>
public static class SupervisionErrors
{
    /// <summary>整改流程状态不允许此操作（SUP-05）</summary>
    public const string IllegalTransition = "ETOWN-SUP-0001";
    /// <summary>检查记录已签认，只读；更正须另起新版本（SUP-04）</summary>
    public const string InspectionSigned = "ETOWN-SUP-0002";
    /// <summary>检查日期在未来或早于e镇入选</summary>
    public const string BadInspectionDate = "ETOWN-SUP-0003";
    /// <summary>整改期限不是有效的工作日数</summary>
    public const string BadDeadline = "ETOWN-SUP-0004";
    /// <summary>监管规则集代码或名称无效</summary>
    public const string BadRuleSet = "ETOWN-SUP-0005";
    /// <summary>监管规则集代码已存在</summary>
    public const string RuleSetCodeTaken = "ETOWN-SUP-0006";
    /// <summary>监管规则集已在使用中</summary>
    public const string RuleSetInUse = "ETOWN-SUP-0007";
    /// <summary>监管规则集地区超出上级版本范围</summary>
    public const string RuleSetRegion = "ETOWN-SUP-0008";
    /// <summary>只能上传图片（JPG/PNG）作为检查照片</summary>
    public const string NotAnImage = "ETOWN-SUP-0009";
    /// <summary>问题已销号，不能再答复或处理</summary>
    public const string ProblemClosed = "ETOWN-SUP-0010";
    /// <summary>检查频次规则无效</summary>
    public const string BadFrequency = "ETOWN-SUP-0011";
    /// <summary>统计期格式无效</summary>
    public const string BadPeriod = "ETOWN-SUP-0012";
    /// <summary>月报月份无效：在未来、早于承办合同签订，或格式不对（SUP-06）</summary>
    public const string BadReportMonth = "ETOWN-SUP-0013";
    /// <summary>该月月报已报送，请修改原月报（SUP-06）</summary>
    public const string DuplicateReport = "ETOWN-SUP-0014";
    /// <summary>月报已由县级确认，不能再修改（SUP-06）</summary>
    public const string ReportAcknowledged = "ETOWN-SUP-0015";
    /// <summary>运营协议期限无效（SUP-08）</summary>
    public const string BadAgreement = "ETOWN-SUP-0016";
    /// <summary>督导决定事项状态不允许此操作</summary>
    public const string ActionClosed = "ETOWN-SUP-0017";
}
