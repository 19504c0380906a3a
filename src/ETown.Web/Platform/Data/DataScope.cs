using System.Diagnostics.CodeAnalysis;

namespace ETown.Web.Platform.Data;

/// <summary>The administrative level a caller acts at (issue #2 §5, issue #9 item 3).</summary>
public enum ScopeLevel
{
    /// <summary>The province (140000) and the system actor: sees everything.</summary>
    Province,
    /// <summary>A city (xxxx00): its own counties.</summary>
    City,
    /// <summary>A county (xxxxxx): only itself.</summary>
    County,
    /// <summary>Operators, third parties, market entities: the e-towns they are assigned or commissioned to.</summary>
    Etown,
    /// <summary>An assignment-scoped organisation without a running assignment: only its own organisation.</summary>
    Organisation,
    /// <summary>The anonymous public: only what is published.</summary>
    Public,
}

/// <summary>
/// What the caller may see (issue #2 §5): province sees all; a city its counties (region-code
/// prefix "1404"); a county its own ("140406"); operators, third parties and market entities only
/// the e-towns they are assigned or commissioned to; the anonymous public only what is published.
/// <see cref="EtownDbContext"/> turns this into global query filters, so no page or endpoint
/// writes scope logic of its own. This is the only place that knows how GB/T 2260 codes encode the
/// level (xx0000 province, xxxx00 city, otherwise county); everything else asks <see cref="Level"/>
/// or the named helpers below.
/// </summary>
public sealed record DataScope
{
    public bool All { get; init; }
    /// <summary>GB/T 2260 code prefix: "1404" a city, "140406" a county. Used by the query filters.</summary>
    public string? RegionPrefix { get; init; }
    /// <summary>The caller's own organisation, always visible to it.</summary>
    public Guid? OrganisationId { get; init; }
    public Guid[] EtownIds { get; init; } = [];
    public bool PublishedOnly { get; init; }
    /// <summary>The signed-in user, for records assigned to a person (e.g. an expert's declarations).</summary>
    public Guid? UserId { get; init; }
    /// <summary>Start-up, seeding and background work: sees everything, drafts included.</summary>
    public bool IsSystem { get; init; }

    public static readonly DataScope System = new() { All = true, IsSystem = true };
    public static readonly DataScope Public = new() { PublishedOnly = true };

    const int CityPrefixLength = 4;
    const int CodeLength = 6;

    /// <summary>The level, derived from the fields above so it can never disagree with the query filters.</summary>
    public ScopeLevel Level =>
        All ? ScopeLevel.Province
        : RegionPrefix?.Length == CityPrefixLength ? ScopeLevel.City
        : RegionPrefix?.Length == CodeLength ? ScopeLevel.County
        : EtownIds.Length > 0 ? ScopeLevel.Etown
        : PublishedOnly ? ScopeLevel.Public
        : ScopeLevel.Organisation;

    public bool IsProvince => Level == ScopeLevel.Province;
    public bool IsCity => Level == ScopeLevel.City;
    public bool IsCounty => Level == ScopeLevel.County;
    /// <summary>A city or a county: a region below the province.</summary>
    public bool IsCityOrCounty => IsCity || IsCounty;

    /// <summary>The 4-digit city part of a city or county scope ("1404"); null otherwise.</summary>
    public string? CityPrefix => IsCityOrCounty ? RegionPrefix![..CityPrefixLength] : null;

    /// <summary>The 6-digit code of the city ("140400") of a city or county scope; null otherwise.</summary>
    public string? CityCode => CityPrefix is { } p ? p + "00" : null;

    /// <summary>The 6-digit county code of a county scope ("140406"); null otherwise.</summary>
    public string? CountyCode => IsCounty ? RegionPrefix : null;

    /// <summary>Province code → all; city code (xxxx00) → 4-digit prefix; county → its own code.</summary>
    public static DataScope ForRegion(string regionCode, Guid organisationId) =>
        LevelOfCode(regionCode) == ScopeLevel.Province
            ? new DataScope { All = true, OrganisationId = organisationId }
            : new DataScope
            {
                RegionPrefix = LevelOfCode(regionCode) == ScopeLevel.City ? regionCode[..CityPrefixLength] : regionCode,
                OrganisationId = organisationId,
            };

    /// <summary>Operators, third parties and market entities: the e-towns they are assigned to.</summary>
    public static DataScope ForAssignments(Guid[] etownIds, Guid organisationId) =>
        new() { EtownIds = etownIds, OrganisationId = organisationId };

    public bool CoversRegion(string regionCode) =>
        All || (RegionPrefix is not null && regionCode.StartsWith(RegionPrefix, StringComparison.Ordinal));

    /// <summary>This city or county scope lies in (or is) the given city; a city code or any code of the city.</summary>
    public bool IsInCity(string cityCode) => CityPrefix is { } p && cityCode.StartsWith(p, StringComparison.Ordinal);

    public string Describe() =>
        All ? "全省" : RegionPrefix is not null ? $"区划 {RegionPrefix}*" : PublishedOnly ? "公开信息" : $"受托的 {EtownIds.Length} 个e镇";

    // ---- GB/T 2260 codes: the code-length knowledge lives here and only here.

    /// <summary>The level a 6-digit region code names: xx0000 province, xxxx00 city, otherwise county.</summary>
    public static ScopeLevel LevelOfCode(string regionCode) =>
        regionCode.EndsWith("0000", StringComparison.Ordinal) ? ScopeLevel.Province
        : regionCode.EndsWith("00", StringComparison.Ordinal) ? ScopeLevel.City
        : ScopeLevel.County;

    /// <summary>A complete 6-digit city code (xxxx00, not the province), e.g. a city filter.</summary>
    public static bool IsCityCode([NotNullWhen(true)] string? code) =>
        code?.Length == CodeLength && LevelOfCode(code) == ScopeLevel.City;

    /// <summary>The 4-digit prefix every county code of a city (or the city's own code) starts with.</summary>
    public static string CityPrefixOf(string code) => code[..CityPrefixLength];

    /// <summary>A list's city filter: the 4-digit prefix of a 6-digit code, null for an empty or malformed filter.</summary>
    public static string? CityFilterPrefix(string? cityCode) =>
        cityCode?.Length == CodeLength ? cityCode[..CityPrefixLength] : null;

    /// <summary>What every code under a region starts with: "1406" for the city 140600, the code itself for a county.</summary>
    public static string PrefixUnder(string regionCode) =>
        LevelOfCode(regionCode) == ScopeLevel.County ? regionCode : regionCode[..CityPrefixLength];

    /// <summary>The city code ("140400") of any city or county code.</summary>
    public static string CityCodeOf(string code) => CityPrefixOf(code) + "00";
}
