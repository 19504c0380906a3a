using ETown.Web.Platform.Data;
namespace ETown.Web.Features.Statistics.Analytics;

/// <summary>
/// An annual target entered for an e-town where its approved declaration carries none (an e-town listed
/// without a 附件2 form, or a year after the form's 2022–2025 columns). A declaration target always wins:
/// targets are what the province approved, not what the county would like to be measured against.
/// </summary>
public class StatTarget : IEtownOwned, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    /// <summary>Copied from the e-town so the region scope filter needs no join.</summary>
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public required string IndicatorCode { get; set; }
    public decimal Value { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// The city's official growth of an indicator for the months 1…M of a year (Period "YYYY-MM"), as published by the
/// city statistics bureau; STD-33 compares an e-town's output growth with it (+2 points). Where the city has not
/// entered it, the average is computed from the city's e-towns (see <see cref="DerivedCalculator.CityGrowth"/>).
/// </summary>
public class StatCityFigure : ICityOwned, IUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>GB/T 2260 city code, e.g. 140900.</summary>
    public required string CityCode { get; set; }
    public required string Period { get; set; }
    public required string IndicatorCode { get; set; }
    public decimal GrowthPercent { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
