namespace ETown.Web.Features.Etowns;

/// <summary>
/// Stable error codes of e镇登记（ETOWN-ETOWN-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class EtownErrors
{
    /// <summary>生命周期外的状态变更</summary>
    public const string IllegalStatusChange = "ETOWN-ETOWN-0001";
    /// <summary>机构类型不能作此指派</summary>
    public const string WrongOrganisationKind = "ETOWN-ETOWN-0003";
    /// <summary>有效期截止早于开始</summary>
    public const string AssignmentDates = "ETOWN-ETOWN-0004";
    /// <summary>该机构已指派到此e镇</summary>
    public const string AlreadyAssigned = "ETOWN-ETOWN-0005";
    /// <summary>该状态只能由申报确认、验收或省级更正设置（issue #17）</summary>
    public const string StatusReserved = "ETOWN-ETOWN-0006";
    /// <summary>省级更正状态或撤销须填写理由</summary>
    public const string StatusReasonRequired = "ETOWN-ETOWN-0007";
    /// <summary>未入选的e镇不能发布</summary>
    public const string NotPublishable = "ETOWN-ETOWN-0008";
}
