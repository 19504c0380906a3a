namespace ETown.Web.Features.Disclosure;

/// <summary>Stable error codes of 信息公开（ETOWN-DISC-*）. Never change a published value, only add.</summary>
public static class DisclosureErrors
{
    /// <summary>公开项不属于该e镇，或来源不存在</summary>
    public const string UnknownSource = "ETOWN-DISC-0001";
    /// <summary>该项已公开</summary>
    public const string AlreadyPublished = "ETOWN-DISC-0002";
    /// <summary>撤回须说明理由</summary>
    public const string ReasonRequired = "ETOWN-DISC-0003";
    /// <summary>人机验证未通过</summary>
    public const string HumanCheck = "ETOWN-DISC-0004";
    /// <summary>提交过于频繁</summary>
    public const string TooMany = "ETOWN-DISC-0005";
    /// <summary>查询码无效</summary>
    public const string WrongCode = "ETOWN-DISC-0006";
    /// <summary>举报办理步骤不合规定顺序</summary>
    public const string IllegalStep = "ETOWN-DISC-0007";
    /// <summary>本年度已答过满意度调查</summary>
    public const string AlreadyAnswered = "ETOWN-DISC-0008";
    /// <summary>意见已审核</summary>
    public const string AlreadyModerated = "ETOWN-DISC-0009";
}
