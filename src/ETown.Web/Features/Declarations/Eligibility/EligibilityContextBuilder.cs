using ETown.Web.Features.Regions;
using ETown.Web.Features.Standards;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Declarations.Eligibility;

/// <summary>Declaration counts for DECL-02 (one per county; counties with two ≤ 30% of the city's units).</summary>
public sealed record DeclarationCounts(int ExistingInCounty, int CountiesWithTwoInCity);

/// <summary>
/// Where DECL-02's counts come from. There is no Declarations table yet, so the default answers
/// zeros; the declarations module replaces the registration with a real query (counting only
/// declarations that are still alive: not withdrawn or rejected).
/// </summary>
public interface IDeclarationCounts
{
    /// <param name="excludeDeclarationId">The declaration being checked, when it is already stored, so it does not count against itself.</param>
    Task<DeclarationCounts> CountAsync(string countyCode, string cityCode, Guid? excludeDeclarationId = null, CancellationToken ct = default);
}

public sealed class NoDeclarationCounts : IDeclarationCounts
{
    public Task<DeclarationCounts> CountAsync(string countyCode, string cityCode, Guid? excludeDeclarationId = null, CancellationToken ct = default) =>
        Task.FromResult(new DeclarationCounts(0, 0));
}

/// <summary>
/// Builds the <see cref="EligibilityContext"/> for a form from the region directory, the declaration counts and the
/// standard version in force for the county (resolved as the compliance view resolves it: <see cref="StandardsInForce"/>).
/// </summary>
public sealed class EligibilityContextBuilder(RegionDirectory regions, IDeclarationCounts counts, EtownDb db, Caller caller)
{
    public async Task<EligibilityContext> BuildAsync(DeclarationForm form, decimal? boundaryAreaKm2 = null,
        Guid? excludeDeclarationId = null, CancellationToken ct = default)
    {
        var county = regions.Find(form.CountyCode);
        StandardVersion? standard;
        await using (var ctx = db.Create(caller))
            standard = (await StandardsInForce.LoadAsync(ctx, regions, [], ct)).For(form.CountyCode ?? "");
        if (county is not { Level: RegionLevel.County, ParentCode: { } cityCode })
            return new EligibilityContext { BoundaryAreaKm2 = boundaryAreaKm2, StandardItems = standard?.Items, StandardVersionCode = standard?.Code };
        var c = await counts.CountAsync(county.Code, cityCode, excludeDeclarationId, ct);
        return new EligibilityContext
        {
            CountyLevelUnitsInCity = regions.CountiesOf(cityCode).Count(r => r.Level == RegionLevel.County),
            CountiesWithTwoInCity = c.CountiesWithTwoInCity,
            ExistingDeclarationsInCounty = c.ExistingInCounty,
            RegionCountyClass = county.CountyClass,
            BoundaryAreaKm2 = boundaryAreaKm2,
            CountyName = county.Name,
            CityName = regions.NameOf(cityCode),
            StandardItems = standard?.Items,
            StandardVersionCode = standard?.Code,
        };
    }
}
