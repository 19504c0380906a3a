using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Supervision;

/// <summary>An e-town's supervision records as far as authorization cares: whose e-town, in which county.</summary>
public sealed record SupervisionResource(Guid EtownId, string CountyCode);

public static class SupervisionOperations
{
    public static readonly Operation Read = new("Supervision.Read", "查看监督检查");
    /// <summary>SUP-04: the county records and signs off inspections of its own e-towns.</summary>
    public static readonly Operation Record = new("Supervision.Record", "记录监督检查");
    /// <summary>SUP-05: the county issues notices, verifies and escalates.</summary>
    public static readonly Operation Rectify = new("Supervision.Rectify", "整改管理");
    /// <summary>SUP-05: the operator answers for the e-towns it is assigned to, and only those.</summary>
    public static readonly Operation Respond = new("Supervision.Respond", "答复整改");
    /// <summary>SUP-06: the operator writes the monthly report of the e-towns it is assigned to, and only those.</summary>
    public static readonly Operation Report = new("Supervision.Report", "报送月度进展报告");
    /// <summary>SUP-06: the county of the e-town reads and acknowledges the report.</summary>
    public static readonly Operation Acknowledge = new("Supervision.Acknowledge", "确认承办企业月报");
    /// <summary>SUP-08: the operator of the e-town or its county keeps the team and agreement record.</summary>
    public static readonly Operation KeepOperatorRecord = new("Supervision.OperatorRecord", "登记运营团队与运营协议");
}

/// <summary>Who may act on an e-town's supervision: the county writes, the operator of that e-town answers, readers read.</summary>
public sealed class SupervisionAuthorizationHandler : IResourceHandler<SupervisionResource>
{
    public Decision Decide(Operation operation, SupervisionResource r, Caller caller)
    {
        var scope = caller.Scope;
        if (caller.IsSystem) return Decision.Allow;
        if (operation == SupervisionOperations.Read)
            return !caller.Has(Permissions.Supervision.Read) ? Decision.Lacks(Permissions.Supervision.Read)
                : Decision.When(scope.All || scope.CoversRegion(r.CountyCode) || scope.EtownIds.Contains(r.EtownId), "只能查看本辖区或受托e镇的监督检查。");
        if (operation == SupervisionOperations.Record)
            return !caller.Has(Permissions.Supervision.Record) ? Decision.Lacks(Permissions.Supervision.Record)
                : Decision.When(scope.IsCounty && scope.CoversRegion(r.CountyCode), "监督检查由e镇所在县的业务管理员记录。");
        if (operation == SupervisionOperations.Rectify)
            return !caller.Has(Permissions.Supervision.Rectify) ? Decision.Lacks(Permissions.Supervision.Rectify)
                : Decision.When(scope.IsCounty && scope.CoversRegion(r.CountyCode), "整改通知、核查与升级由e镇所在县办理。");
        if (operation == SupervisionOperations.Respond)
            return !caller.Has(Permissions.Supervision.Respond) ? Decision.Lacks(Permissions.Supervision.Respond)
                : Decision.When(scope.Level == Platform.Data.ScopeLevel.Etown && scope.EtownIds.Contains(r.EtownId), "只能答复本企业承办的e镇的整改通知。");
        if (operation == SupervisionOperations.Report)
            return !caller.Has(Permissions.Supervision.Report) ? Decision.Lacks(Permissions.Supervision.Report)
                : Decision.When(scope.Level == Platform.Data.ScopeLevel.Etown && scope.EtownIds.Contains(r.EtownId), "只能为本企业承办的e镇报送月度进展报告。");
        if (operation == SupervisionOperations.Acknowledge)
            return !caller.Has(Permissions.Supervision.Acknowledge) ? Decision.Lacks(Permissions.Supervision.Acknowledge)
                : Decision.When(scope.IsCounty && scope.CoversRegion(r.CountyCode), "承办企业月报由e镇所在县确认。");
        if (operation == SupervisionOperations.KeepOperatorRecord)
        {
            if (caller.Has(Permissions.Supervision.Report) && scope.Level == Platform.Data.ScopeLevel.Etown && scope.EtownIds.Contains(r.EtownId)) return Decision.Allow;
            if (caller.Has(Permissions.Supervision.Acknowledge) && scope.IsCounty && scope.CoversRegion(r.CountyCode)) return Decision.Allow;
            return Decision.Deny("运营团队与运营协议由该e镇的承办企业或所在县登记。");
        }
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a supervision operation.");
    }
}
