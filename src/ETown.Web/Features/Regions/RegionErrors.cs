namespace ETown.Web.Features.Regions;

/// <summary>
/// Stable error codes of 行政区划（ETOWN-REGION-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class RegionErrors
{
    /// <summary>只有县级单位有县域类别和示范县标志</summary>
    public const string NotACounty = "ETOWN-REGION-0001";
}
