using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;

namespace ETown.Web.Features.Disclosure;

/// <summary>An e-town's public column as far as authorization cares.</summary>
public sealed record ColumnResource(Guid EtownId, string CountyCode);

/// <summary>A whistle-blowing report: the region it concerns and the discipline/audit organisation it is routed to.</summary>
public sealed record ReportResource(string CountyCode, Guid HandlerOrganisationId);

public static class DisclosureOperations
{
    public static readonly Operation Read = new("Disclosure.Read", "查看公开专栏管理");
    /// <summary>DISC-01: the county publishes its own e-towns' items.</summary>
    public static readonly Operation Publish = new("Disclosure.Publish", "公开或撤回专栏信息");
    public static readonly Operation Moderate = new("Disclosure.Moderate", "审核公众意见");
    /// <summary>DISC-01: only the discipline/audit organisation the report is routed to.</summary>
    public static readonly Operation Handle = new("Disclosure.Handle", "办理举报");
    public static readonly Operation Unmask = new("Disclosure.Unmask", "查看举报人联系方式");
}

public sealed class ColumnAuthorizationHandler : IResourceHandler<ColumnResource>
{
    public Decision Decide(Operation operation, ColumnResource r, Caller caller)
    {
        if (caller.IsSystem) return Decision.Allow;
        var scope = caller.Scope;
        if (operation == DisclosureOperations.Read)
            return !caller.Has(Permissions.Disclosure.Read) ? Decision.Lacks(Permissions.Disclosure.Read)
                : Decision.When(scope.CoversRegion(r.CountyCode), "只能查看本辖区e镇的公开专栏管理。");
        if (operation == DisclosureOperations.Publish)
            return !caller.Has(Permissions.Disclosure.Publish) ? Decision.Lacks(Permissions.Disclosure.Publish)
                : Decision.When(scope.IsCounty && scope.CoversRegion(r.CountyCode), "公开专栏由e镇所在县发布。");
        if (operation == DisclosureOperations.Moderate)
            return !caller.Has(Permissions.Disclosure.Moderate) ? Decision.Lacks(Permissions.Disclosure.Moderate)
                : Decision.When(scope.IsCounty && scope.CoversRegion(r.CountyCode), "公众意见由e镇所在县审核。");
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a column operation.");
    }
}

/// <summary>
/// DISC-01: a report is read only by the discipline/audit organisation it was routed to (an organisation of that kind
/// whose region covers the county) — never by the county e镇办, the operator or the province's business officers.
/// </summary>
public sealed class ReportAuthorizationHandler : IResourceHandler<ReportResource>
{
    public Decision Decide(Operation operation, ReportResource r, Caller caller)
    {
        if (caller.IsSystem) return Decision.Allow;
        var permission = operation == DisclosureOperations.Unmask ? Permissions.Disclosure.Unmask
            : operation == DisclosureOperations.Handle ? Permissions.Disclosure.HandleReports
            : throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a report operation.");
        if (!caller.Has(permission)) return Decision.Lacks(permission);
        return Decision.When(caller.OrganisationId is { } org && org == r.HandlerOrganisationId && caller.Scope.CoversRegion(r.CountyCode),
            "举报只由受理的纪检监察、审计机构查阅办理。");
    }
}
