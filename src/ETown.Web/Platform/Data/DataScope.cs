namespace ETown.Web.Platform.Data;

/// <summary>
/// What the caller may see (issue #2 §5): province sees all; a city its counties (region-code
/// prefix "1404"); a county its own ("140406"); operators, third parties and market entities only
/// the e-towns they are assigned or commissioned to; the anonymous public only what is published.
/// <see cref="EtownDbContext"/> turns this into global query filters, so no page or endpoint
/// writes scope logic of its own.
/// </summary>
public sealed record DataScope
{
    public bool All { get; init; }
    /// <summary>GB/T 2260 code prefix: "1404" a city, "140406" a county.</summary>
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

    /// <summary>Province code → all; city code (xxxx00) → 4-digit prefix; county → its own code.</summary>
    public static DataScope ForRegion(string regionCode, Guid organisationId) =>
        regionCode == "140000" || regionCode.EndsWith("0000", StringComparison.Ordinal)
            ? new DataScope { All = true, OrganisationId = organisationId }
            : new DataScope
            {
                RegionPrefix = regionCode.EndsWith("00", StringComparison.Ordinal) ? regionCode[..4] : regionCode,
                OrganisationId = organisationId,
            };

    /// <summary>The 4-digit city part of a city or county scope.</summary>
    public string? CityPrefix => RegionPrefix is { Length: >= 4 } r ? r[..4] : null;

    public bool CoversRegion(string regionCode) =>
        All || (RegionPrefix is not null && regionCode.StartsWith(RegionPrefix, StringComparison.Ordinal));

    public string Describe() =>
        All ? "全省" : RegionPrefix is not null ? $"区划 {RegionPrefix}*" : PublishedOnly ? "公开信息" : $"受托的 {EtownIds.Length} 个e镇";
}
