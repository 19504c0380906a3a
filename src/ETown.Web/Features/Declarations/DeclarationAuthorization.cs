using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Declarations;

/// <summary>A declaration, as far as authorization cares: the county that declares it. Null = "any declaration" (a level check).</summary>
public sealed record DeclarationResource(string? CountyCode)
{
    public static readonly DeclarationResource Any = new((string?)null);
    public static DeclarationResource Of(Declaration d) => new(d.CountyCode);
}

public static class DeclarationOperations
{
    /// <summary>DECL-02: the applicant is the county government — only the county itself drafts, submits, withdraws.</summary>
    public static readonly Operation ActAsApplicant = new("Declaration.ActAsApplicant", "以申报县身份办理");
    /// <summary>Create and edit the county's own declarations (permission <c>Declaration.Edit</c>).</summary>
    public static readonly Operation Edit = new("Declaration.Edit", "编辑申报");
    /// <summary>The city of the county recommends or returns (permission <c>Declaration.Recommend</c>).</summary>
    public static readonly Operation Recommend = new("Declaration.Recommend", "市级推荐");
    /// <summary>The province organises review, scoring and notice (permission <c>Declaration.ReviewManage</c>).</summary>
    public static readonly Operation ManageReview = new("Declaration.ReviewManage", "组织评审");
    /// <summary>The per-city overview with the DECL-02 quota: the province and the cities.</summary>
    public static readonly Operation ViewCityOverview = new("Declaration.CityOverview", "查看各市申报情况");
}

public sealed class DeclarationAuthorizationHandler : IResourceHandler<DeclarationResource>
{
    public Decision Decide(Operation operation, DeclarationResource d, Caller caller)
    {
        var scope = caller.Scope;
        var ownCounty = scope.IsCounty && (d.CountyCode is null || d.CountyCode == scope.CountyCode);
        if (operation == DeclarationOperations.ActAsApplicant)
            return Decision.When(ownCounty, "申报由县（市、区）填报，只能填报本县的申报。");
        if (operation == DeclarationOperations.Edit)
            return !caller.Has(Permissions.Declaration.Edit) ? Decision.Lacks(Permissions.Declaration.Edit)
                : Decision.When(ownCounty, "申报由县（市、区）填报，只能填报本县的申报。");
        if (operation == DeclarationOperations.Recommend)
            return !caller.Has(Permissions.Declaration.Recommend) ? Decision.Lacks(Permissions.Declaration.Recommend)
                : Decision.When(scope.IsCity && (d.CountyCode is null || scope.CoversRegion(d.CountyCode)), "只有所属市可以推荐。");
        if (operation == DeclarationOperations.ManageReview)
            return !caller.Has(Permissions.Declaration.ReviewManage) ? Decision.Lacks(Permissions.Declaration.ReviewManage)
                : Decision.When(scope.IsProvince, "评审由省级组织。");
        if (operation == DeclarationOperations.ViewCityOverview)
            return Decision.When(scope.IsProvince || scope.IsCity, "各市申报情况由省级和市级查看。");
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a declaration operation.");
    }
}
