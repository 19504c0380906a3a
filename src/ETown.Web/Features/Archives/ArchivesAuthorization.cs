using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Archives;

/// <summary>An e-town's archive as far as authorization cares.</summary>
public sealed record ArchiveResource(Guid EtownId, string CountyCode);

public static class ArchiveOperations
{
    public static readonly Operation Read = new("Archives.Read", "查看档案");
    /// <summary>ARCH-01: the county keeps its e-towns' archives (省方案 四(九) "各县（市、区）要建立乡村 e 镇档案").</summary>
    public static readonly Operation Manage = new("Archives.Manage", "管理档案");
    /// <summary>ARCH-01: the bundle goes to the county and to the auditors of the e-town's region (临猗 第十六条 审计、监察).</summary>
    public static readonly Operation Download = new("Archives.Download", "下载档案包");
}

/// <summary>Readers read in their scope; the county manages its own e-towns; the bundle only within the e-town's region or commission.</summary>
public sealed class ArchiveAuthorizationHandler : IResourceHandler<ArchiveResource>
{
    public Decision Decide(Operation operation, ArchiveResource r, Caller caller)
    {
        if (caller.IsSystem) return Decision.Allow;
        var scope = caller.Scope;
        if (operation == ArchiveOperations.Read)
            return !caller.Has(Permissions.Archives.Read) ? Decision.Lacks(Permissions.Archives.Read)
                : Decision.When(scope.CoversRegion(r.CountyCode) || scope.EtownIds.Contains(r.EtownId), "只能查看本辖区或受托e镇的档案。");
        if (operation == ArchiveOperations.Manage)
            return !caller.Has(Permissions.Archives.Manage) ? Decision.Lacks(Permissions.Archives.Manage)
                : Decision.When(scope.IsCounty && scope.CoversRegion(r.CountyCode), "档案由e镇所在县的业务管理员管理。");
        if (operation == ArchiveOperations.Download)
            return !caller.Has(Permissions.Archives.Download) ? Decision.Lacks(Permissions.Archives.Download)
                : Decision.When(scope.CoversRegion(r.CountyCode) || scope.EtownIds.Contains(r.EtownId), "档案包只提供给e镇所在县及本辖区的审计、受托第三方。");
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not an archive operation.");
    }
}
