using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Statistics;

/// <summary>
/// Who may write statistics values, in one place for the page, the API, the API key, the template and the import.
/// STAT-02/05: operators (their assigned e-towns) and the county's information liaison (its county) enter; issue #4
/// item 9 adds a city liaison who fills the city's e-towns at once (a role holding <c>Statistics.Report.Enter</c> at city
/// level, e.g. <see cref="BuiltInRoles.CityStatisticsLiaison"/>). The province never enters: it accepts. Entering is not
/// approving — the county still approves, so the bottom-up chain (STAT-05) is unchanged.
/// </summary>
public static class StatEntryScope
{
    public const string ProvinceMessage = "统计数据由承办企业、县级或市级信息联络员填报，省级负责接收。";

    /// <summary>The caller's level may enter at all (everyone but the province; the seeding system may).</summary>
    public static bool MayEnterAtLevel(Caller caller) => caller.Scope.IsSystem || !caller.Scope.IsProvince;

    /// <summary>The caller may enter this e-town: its region covers the county, or the e-town is assigned to its organisation.</summary>
    public static bool MayEnter(Caller caller, Guid etownId, string countyCode) =>
        caller.Scope.IsSystem || (!caller.Scope.IsProvince && (caller.Scope.CoversRegion(countyCode) || caller.Scope.EtownIds.Contains(etownId)));
}
