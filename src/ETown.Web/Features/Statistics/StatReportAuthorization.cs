using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Statistics;

/// <summary>
/// A statistics report, as far as authorization cares: its e-town and county, and the step it stands at.
/// <see cref="Any"/> asks only whether the caller's level does this at all (checked before the report is loaded).
/// </summary>
public sealed record StatReportResource(Guid? EtownId, string? CountyCode, StatReportStatus? Status = null)
{
    public static readonly StatReportResource Any = new(null, null);
}

public static class StatReportOperations
{
    /// <summary>STAT-02/05: operators, the county and the city liaison enter; the province never enters.</summary>
    public static readonly Operation Enter = new("StatReport.Enter", "填报统计数据");
    /// <summary>STAT-05: the county approves (and locks) what its e-towns submitted.</summary>
    public static readonly Operation Approve = new("StatReport.Approve", "县级审核");
    public static readonly Operation AcceptByCity = new("StatReport.AcceptByCity", "市级接收");
    public static readonly Operation AcceptByProvince = new("StatReport.AcceptByProvince", "省级接收");
    /// <summary>Issue #4 item 5: a whole period at once, by the city or the province.</summary>
    public static readonly Operation AcceptPeriod = new("StatReport.AcceptPeriod", "本期整体接收");
    /// <summary>STAT-05: each level reopens only its own step — the county its approval, the city and province their acceptance.</summary>
    public static readonly Operation Unlock = new("StatReport.Unlock", "解锁统计报表");
}

/// <summary>The bottom-up approval chain of STAT-05: county → city → province, each level on its own region only.</summary>
public sealed class StatReportAuthorizationHandler : IResourceHandler<StatReportResource>
{
    public Decision Decide(Operation operation, StatReportResource r, Caller caller)
    {
        var scope = caller.Scope;
        var covers = r.CountyCode is null || scope.CoversRegion(r.CountyCode);
        if (operation == StatReportOperations.Enter)
        {
            if (!caller.Has(Permissions.Statistics.Enter)) return Decision.Lacks(Permissions.Statistics.Enter);
            if (!StatEntryScope.MayEnterAtLevel(caller)) return Decision.Deny(StatEntryScope.ProvinceMessage);
            return Decision.When(r.CountyCode is null || StatEntryScope.MayEnter(caller, r.EtownId ?? Guid.Empty, r.CountyCode), "只能填报本辖区或受托e镇的统计数据。");
        }
        if (operation == StatReportOperations.Approve)
            return !caller.Has(Permissions.Statistics.Approve) ? Decision.Lacks(Permissions.Statistics.Approve)
                : Decision.When(scope.IsCounty && covers, "县级审核与解锁由县级业务管理员办理。");
        if (operation == StatReportOperations.AcceptByCity)
            return !caller.Has(Permissions.Statistics.Accept) ? Decision.Lacks(Permissions.Statistics.Accept)
                : Decision.When(scope.IsCity && covers, "市级接收由市级业务管理员办理。");
        if (operation == StatReportOperations.AcceptByProvince)
            return !caller.Has(Permissions.Statistics.Accept) ? Decision.Lacks(Permissions.Statistics.Accept)
                : Decision.When(scope.IsProvince, "省级接收由省级业务管理员办理。");
        if (operation == StatReportOperations.AcceptPeriod)
            return !caller.Has(Permissions.Statistics.Accept) ? Decision.Lacks(Permissions.Statistics.Accept)
                : Decision.When(scope.IsCity || scope.IsProvince, "本期整体接收由市级或省级业务管理员办理。");
        if (operation == StatReportOperations.Unlock)
            return Unlock(r, caller, covers);
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a statistics-report operation.");
    }

    /// <summary>The county unlocks its approval (<c>Unlock</c>); the city and the province their acceptance (<c>UnlockAccepted</c>).</summary>
    static Decision Unlock(StatReportResource r, Caller caller, bool covers)
    {
        var scope = caller.Scope;
        var permission = UnlockPermissionOf(scope.Level);
        if (!caller.Has(permission)) return Decision.Lacks(permission);
        if (!(scope.IsCounty || scope.IsCity || scope.IsProvince))
            return Decision.Deny("统计报表由县级（已审核）、市级或省级（已接收）业务管理员解锁。");
        if (!covers) return Decision.Deny("只能解锁本辖区的统计报表。");
        // The level that approved the step, as StatReportFlow says, alone reopens it.
        var ownStep = r.Status is not { } status || StatReportFlow.Definition.ApprovedBy(status) == scope.Level;
        return Decision.When(ownStep, "每一级只能解锁本级审核或接收的报表。");
    }

    public static string UnlockPermissionOf(Platform.Data.ScopeLevel level) =>
        level is Platform.Data.ScopeLevel.City or Platform.Data.ScopeLevel.Province ? Permissions.Statistics.UnlockAccepted : Permissions.Statistics.Unlock;
}
