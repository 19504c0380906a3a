namespace ETown.Web.Platform.Geo;

/// <summary>
/// Stable error codes of the boundary geometry (ETOWN-GEO-*). API clients and tests branch on these values: never
/// change one, only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class GeoErrors
{
    /// <summary>Every boundary error starts with this (the eligibility panel shows them beside the map).</summary>
    public const string Prefix = "ETOWN-GEO-";

    /// <summary>边界为空</summary>
    public const string Empty = "ETOWN-GEO-0001";
    /// <summary>GeoJSON 格式错误或不是多边形</summary>
    public const string BadGeoJson = "ETOWN-GEO-0002";
    /// <summary>坐标文本格式错误</summary>
    public const string BadCoordinates = "ETOWN-GEO-0003";
    /// <summary>不同坐标点少于 3 个</summary>
    public const string TooFewPoints = "ETOWN-GEO-0004";
    /// <summary>坐标超出山西省范围</summary>
    public const string OutsideShanxi = "ETOWN-GEO-0005";
    /// <summary>多边形无效（自相交等）</summary>
    public const string InvalidPolygon = "ETOWN-GEO-0006";
    /// <summary>面积为零</summary>
    public const string ZeroArea = "ETOWN-GEO-0007";
}
