namespace ETown.Web.Features.Organisations;

/// <summary>Kinds of organisation in the programme (domain.md §1 actors; issue #2 §4).</summary>
public enum OrganisationKind
{
    ProvinceCommerce,      // 省商务厅
    ProvinceFinance,       // 省财政厅
    ProvinceRevitalisation,// 省乡村振兴局
    CityBureau,            // 市商务局 / 财政局 / 乡村振兴局
    CountyGovernment,      // 县(市、区)政府
    CountyEtownOffice,     // e镇办
    CountyDepartment,      // 县直部门
    Operator,              // 承办企业 / 运营主体
    ThirdParty,            // 第三方机构
    MarketEntity,          // 市场主体
    DisciplineAudit,       // 纪检监察 / 审计
    PlatformAdministration,// 平台运维（系统/安全/审计管理员所在单位）
}

public class Organisation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    /// <summary>GB/T 2260 code of the region the organisation is bound to.</summary>
    public required string RegionCode { get; set; }
    /// <summary>统一社会信用代码 (GB 32100-2015), optional for government bodies.</summary>
    public string? CreditCode { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Organisations of these kinds see only the e-towns they are assigned or commissioned to,
    /// not the whole region they sit in (issue #2 §5).
    /// </summary>
    public static bool IsAssignmentScoped(OrganisationKind kind) =>
        kind is OrganisationKind.Operator or OrganisationKind.ThirdParty or OrganisationKind.MarketEntity;

    public static string KindLabel(OrganisationKind k) => k switch
    {
        OrganisationKind.ProvinceCommerce => "省商务厅",
        OrganisationKind.ProvinceFinance => "省财政厅",
        OrganisationKind.ProvinceRevitalisation => "省乡村振兴局",
        OrganisationKind.CityBureau => "市级主管部门",
        OrganisationKind.CountyGovernment => "县级人民政府",
        OrganisationKind.CountyEtownOffice => "县e镇办",
        OrganisationKind.CountyDepartment => "县直部门",
        OrganisationKind.Operator => "承办企业",
        OrganisationKind.ThirdParty => "第三方机构",
        OrganisationKind.MarketEntity => "市场主体",
        OrganisationKind.DisciplineAudit => "纪检监察/审计",
        OrganisationKind.PlatformAdministration => "平台运维单位",
        _ => k.ToString(),
    };
}

public enum AssignmentKind
{
    /// <summary>Contracted or assigned operator (承办企业).</summary>
    Operator,
    /// <summary>Third party commissioned for this e-town (第三方委托).</summary>
    Commissioned,
    /// <summary>Market entity located in the e-town.</summary>
    MarketEntity,
}

/// <summary>Binds an assignment-scoped organisation to an e-town; drives its data scope.</summary>
public class EtownAssignment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public Guid EtownId { get; set; }
    public AssignmentKind Kind { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}
