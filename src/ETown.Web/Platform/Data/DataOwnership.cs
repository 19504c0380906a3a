namespace ETown.Web.Platform.Data;

// Marker interfaces (issue #9 item 2): an entity says once whose data it is, and EtownDbContext builds
// its query filter from that (see ScopeFilter). An entity with none of these must say why it needs no
// row scope (IProvinceWide) or describe its own rule (IScopeRule<T> on its configuration); a test fails
// for an entity that does neither.

/// <summary>Rows of one county: the province, that city and that county see them (GB/T 2260 code prefix).</summary>
public interface IRegionOwned
{
    string CountyCode { get; }
}

/// <summary>Rows of one e-town: region-owned, and also seen by the organisations assigned to the e-town (operator, third party, market entity).</summary>
public interface IEtownOwned : IRegionOwned
{
    Guid EtownId { get; }
}

/// <summary>Rows of one organisation: seen by that organisation (and the province).</summary>
public interface IOrganisationOwned
{
    Guid OrganisationId { get; }
}

/// <summary>Rows of one city (a city's official figures): seen within the city, its counties included.</summary>
public interface ICityOwned
{
    string CityCode { get; }
}

/// <summary>Rows the county may publish: the anonymous public sees them once published.</summary>
public interface IPublishable
{
    bool IsPublished { get; }
}

/// <summary>
/// Province-wide data without row scope: reference data, rule sets and catalogues (everyone reads them,
/// permissions guard the writes) and platform logs (read only through audit permissions).
/// </summary>
public interface IProvinceWide;

/// <summary>Creation time, set once when the row is added (unless the code set it).</summary>
public interface ICreatedAt
{
    DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Last change time, set on every add and update (unless the code set it in that change).</summary>
public interface IUpdatedAt
{
    DateTimeOffset UpdatedAt { get; set; }
}
