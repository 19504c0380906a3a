namespace ETown.Web.Features.Declarations;

/// <summary>
/// Stable error codes of 申报与评审（DECL-*）及申报资格规则集（ETOWN-DECL-*, ETOWN-ELIG-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class DeclarationErrors
{
    /// <summary>状态机不允许的操作（DECL-07）</summary>
    public const string IllegalTransition = "ETOWN-DECL-0001";
    /// <summary>申报县不能更改</summary>
    public const string CountyChanged = "ETOWN-DECL-0002";
    /// <summary>该年度申报尚未开放</summary>
    public const string RoundNotOpen = "ETOWN-DECL-0003";
    /// <summary>申报窗口外提交（DECL-07）</summary>
    public const string OutsideWindow = "ETOWN-DECL-0004";
    /// <summary>材料不全（DECL-08）</summary>
    public const string MaterialsMissing = "ETOWN-DECL-0005";
    /// <summary>提交后不能更换材料</summary>
    public const string MaterialsLocked = "ETOWN-DECL-0006";
    /// <summary>该年度评审已结束</summary>
    public const string RoundFinalised = "ETOWN-DECL-0007";
    /// <summary>公示开始后不能修改评分表</summary>
    public const string ScoreSheetLocked = "ETOWN-DECL-0008";
    /// <summary>所选用户不是评审专家</summary>
    public const string NotAnExpert = "ETOWN-DECL-0009";
    /// <summary>不在专家评审阶段</summary>
    public const string NotUnderReview = "ETOWN-DECL-0010";
    /// <summary>尚无专家评分</summary>
    public const string NoScores = "ETOWN-DECL-0011";
    /// <summary>该年度已发布公示</summary>
    public const string NoticeAlreadyPublished = "ETOWN-DECL-0012";
    /// <summary>没有拟入选的申报</summary>
    public const string NothingToNotice = "ETOWN-DECL-0013";
    /// <summary>仍有申报未作出评审决定</summary>
    public const string UndecidedDeclarations = "ETOWN-DECL-0014";
    /// <summary>只能对公示中的申报登记异议</summary>
    public const string NotInNotice = "ETOWN-DECL-0015";
    /// <summary>该异议已处理</summary>
    public const string ObjectionHandled = "ETOWN-DECL-0016";
    /// <summary>尚未发布公示</summary>
    public const string NoNotice = "ETOWN-DECL-0017";
    /// <summary>公示期未满（DECL-07）</summary>
    public const string NoticeNotOver = "ETOWN-DECL-0018";
    /// <summary>仍有未处理的公示异议</summary>
    public const string OpenObjections = "ETOWN-DECL-0019";
    /// <summary>申报表 .xlsx 导入有错误，未写入</summary>
    public const string ImportFailed = "ETOWN-DECL-0020";
    /// <summary>该年度入选名单已确认</summary>
    public const string ListFinalised = "ETOWN-DECL-0021";
    /// <summary>市级报省逾期（DECL-07：逾期未申报的视为自动放弃）</summary>
    public const string CityLate = "ETOWN-DECL-0022";
    /// <summary>市级设定的县级截止日期无效（晚于报省截止日期或不在申报期内）</summary>
    public const string CityDeadlineInvalid = "ETOWN-DECL-0023";
    /// <summary>已启用的规则集不可修改</summary>
    public const string RuleSetInUse = "ETOWN-ELIG-0001";
    /// <summary>市级派生规则集只能从严</summary>
    public const string RuleSetLooser = "ETOWN-ELIG-0002";
    /// <summary>规则集代码已存在</summary>
    public const string RuleSetCodeTaken = "ETOWN-ELIG-0003";
    /// <summary>规则集代码、名称、阈值或市代码无效</summary>
    public const string RuleSetInvalid = "ETOWN-ELIG-0004";
    /// <summary>只能派生同一市的规则集</summary>
    public const string RuleSetOtherCity = "ETOWN-ELIG-0005";
}
