namespace ETown.Web.Features.Standards;

/// <summary>
/// Stable error codes of 建设标准（ETOWN-STD-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class StandardErrors
{
    /// <summary>已启用的版本不可修改</summary>
    public const string VersionInUse = "ETOWN-STD-0001";
    /// <summary>版本代码、名称或地区代码无效</summary>
    public const string InvalidCodeOrRegion = "ETOWN-STD-0002";
    /// <summary>版本代码已存在</summary>
    public const string CodeTaken = "ETOWN-STD-0003";
    /// <summary>条目（含判定规则 JSON）不合理</summary>
    public const string ItemInvalid = "ETOWN-STD-0004";
    /// <summary>只能派生同一地区或下属县的版本</summary>
    public const string OtherRegion = "ETOWN-STD-0005";
    /// <summary>证据已审核</summary>
    public const string EvidenceReviewed = "ETOWN-STD-0006";
}
