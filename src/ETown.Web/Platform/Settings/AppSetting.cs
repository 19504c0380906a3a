using ETown.Web.Platform.Data;
namespace ETown.Web.Platform.Settings;

/// <summary>A runtime setting the system administrator manages (e.g. idle sign-out minutes).</summary>
public class AppSetting : IProvinceWide
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public string? Description { get; set; }
}
