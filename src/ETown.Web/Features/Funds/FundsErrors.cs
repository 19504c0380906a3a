namespace ETown.Web.Features.Funds;

/// <summary>
/// Stable error codes of 资金管理 (ETOWN-FUND-*). API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where these codes are written (source scan in ErrorCodeTests).
/// </summary>
public static class FundsErrors
{
    /// <summary>金额无效：须大于 0、最多两位小数（万元）</summary>
    public const string Amount = "ETOWN-FUND-0001";
    /// <summary>输入不完整或无效</summary>
    public const string Invalid = "ETOWN-FUND-0002";
    /// <summary>数据已被他人修改（并发冲突）</summary>
    public const string Conflict = "ETOWN-FUND-0003";
    /// <summary>状态不允许此操作</summary>
    public const string State = "ETOWN-FUND-0004";
    /// <summary>同一e镇同一年度已有下达额度</summary>
    public const string AllocationExists = "ETOWN-FUND-0005";
    /// <summary>承办主体不具备资格条件（FUND-10）</summary>
    public const string NotQualified = "ETOWN-FUND-0101";
    /// <summary>承办主体资格已取消（FUND-11）</summary>
    public const string QualificationCancelled = "ETOWN-FUND-0102";
    /// <summary>承办主体不是承办企业</summary>
    public const string NotAnOperator = "ETOWN-FUND-0103";
    /// <summary>合同编号重复</summary>
    public const string ContractNumberTaken = "ETOWN-FUND-0201";
    /// <summary>合同金额超过e镇下达额度</summary>
    public const string ContractAboveAllocation = "ETOWN-FUND-0202";
    /// <summary>招标合同未经律师审核（FUND-04/16）</summary>
    public const string LawyerReviewMissing = "ETOWN-FUND-0203";
    /// <summary>合同变更须书面申请并经上级批准（FUND-09）</summary>
    public const string ChangeNeedsApproval = "ETOWN-FUND-0204";
    /// <summary>首笔（启动）资金超过合同金额的比例上限（FUND-04）</summary>
    public const string StartUpAboveShare = "ETOWN-FUND-0301";
    /// <summary>启动资金只能是合同的第一笔拨付</summary>
    public const string StartUpNotFirst = "ETOWN-FUND-0302";
    /// <summary>累计拨付超过已验收进度（FUND-05）</summary>
    public const string AboveAcceptedProgress = "ETOWN-FUND-0303";
    /// <summary>质保金（10%）在终验通过并公示期满前不得拨付（FUND-05）</summary>
    public const string RetentionHeld = "ETOWN-FUND-0304";
    /// <summary>验收结果公示未满规定工作日或有未处理异议（FUND-06）</summary>
    public const string NoticeNotEnded = "ETOWN-FUND-0305";
    /// <summary>存在未完成的整改（FUND-06）</summary>
    public const string OpenRectification = "ETOWN-FUND-0306";
    /// <summary>累计拨付超过合同金额</summary>
    public const string AboveContract = "ETOWN-FUND-0307";
    /// <summary>累计拨付超过e镇下达额度</summary>
    public const string AboveAllocation = "ETOWN-FUND-0308";
    /// <summary>缺少必需的申请材料（FUND-07）</summary>
    public const string MaterialsMissing = "ETOWN-FUND-0309";
    /// <summary>审核与财政审批须由不同人员办理（职责分离）</summary>
    public const string SameReviewer = "ETOWN-FUND-0310";
    /// <summary>凭证号重复</summary>
    public const string VoucherTaken = "ETOWN-FUND-0311";
    /// <summary>尚无终验结果，不能申请尾款</summary>
    public const string NoFinalAcceptance = "ETOWN-FUND-0312";
    /// <summary>没有可用的拨付规则集</summary>
    public const string NoRuleSet = "ETOWN-FUND-0313";
    /// <summary>拨付规则集在用不可修改</summary>
    public const string RuleSetInUse = "ETOWN-FUND-0401";
    /// <summary>拨付规则集代码重复</summary>
    public const string RuleSetCodeTaken = "ETOWN-FUND-0402";
    /// <summary>拨付规则集代码、名称或参数无效</summary>
    public const string RuleSetInvalid = "ETOWN-FUND-0403";
    /// <summary>拨付规则集只能为本县派生</summary>
    public const string RuleSetRegion = "ETOWN-FUND-0404";
    /// <summary>导入：未选择文件</summary>
    public const string ImportNoFile = "ETOWN-FUND-0501";
    /// <summary>导入：不是 .xlsx 工作簿</summary>
    public const string ImportNotXlsx = "ETOWN-FUND-0502";
    /// <summary>导入：文件过大</summary>
    public const string ImportTooLarge = "ETOWN-FUND-0503";
    /// <summary>购买服务须通过政府采购程序（公开招标或竞争性谈判/磋商）确定承接主体（FUND-02）</summary>
    public const string ServicePurchaseNeedsProcurement = "ETOWN-FUND-0206";
    /// <summary>重复投资预警须书面说明（FUND-15）</summary>
    public const string DuplicateInvestment = "ETOWN-FUND-0205";
}
