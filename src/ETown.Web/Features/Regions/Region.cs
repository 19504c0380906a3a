using ETown.Web.Platform.Data;
namespace ETown.Web.Features.Regions;

public enum RegionLevel { Province, City, County }

/// <summary>County class that tiers the construction-standard targets (P §四(二), 附件1; STD items 33, 35, 36).</summary>
public enum CountyClass
{
    /// <summary>先行示范县</summary>
    Pilot,
    /// <summary>整体推进县</summary>
    Advancing,
    /// <summary>重点帮扶县</summary>
    Assisted,
}

/// <summary>A GB/T 2260 division of Shanxi. Join on <see cref="Code"/>, never on name (two districts are called 城区).</summary>
public class Region : IProvinceWide
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public RegionLevel Level { get; set; }
    public string? ParentCode { get; set; }
    /// <summary>Editable by the province (no official list is public; demo values seeded).</summary>
    public CountyClass? CountyClass { get; set; }
    /// <summary>National 电子商务进农村综合示范县 flag (DECL-01 priority, DECL-09 form field).</summary>
    public bool IsNationalDemoCounty { get; set; }

    public static string ClassLabel(CountyClass? c) => c switch
    {
        Regions.CountyClass.Pilot => "先行示范县",
        Regions.CountyClass.Advancing => "整体推进县",
        Regions.CountyClass.Assisted => "重点帮扶县",
        _ => "未定",
    };

    public static string LevelLabel(RegionLevel l) => l switch
    {
        RegionLevel.Province => "省",
        RegionLevel.City => "市",
        _ => "县(市、区)",
    };
}
