using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Etowns;

/// <summary>An e-town, as far as authorization cares: its id (null for a new one) and its county.</summary>
public sealed record EtownResource(Guid? Id, string CountyCode)
{
    public static EtownResource Of(Etown e) => new(e.Id, e.CountyCode);
    public static EtownResource Of(EtownDetail e) => new(e.Id, e.CountyCode);
}

public static class EtownOperations
{
    public static readonly Operation Create = new("Etown.Create", "登记e镇");
    public static readonly Operation Update = new("Etown.Update", "修改e镇");
    public static readonly Operation ChangeStatus = new("Etown.ChangeStatus", "变更e镇状态");
    public static readonly Operation Publish = new("Etown.Publish", "发布e镇");
    public static readonly Operation ManageAssignments = new("Etown.ManageAssignments", "指派承办企业");
    /// <summary>Standards: evidence is submitted by the covering region or an operator assigned to the e-town.</summary>
    public static readonly Operation SubmitEvidence = new("Etown.SubmitEvidence", "提交佐证材料");
    public static readonly Operation ReviewEvidence = new("Etown.ReviewEvidence", "审核佐证材料");
    public static readonly Operation EnterFigures = new("Etown.EnterFigures", "填报达标数据");
}

/// <summary>
/// Registry writes are region-bound (issue #2 §5): the province, the city and the county that cover the e-town; operators
/// and third parties never write the registry, but an assigned operator submits evidence for its e-town.
/// </summary>
public sealed class EtownAuthorizationHandler : IResourceHandler<EtownResource>
{
    const string OutOfRegion = "只能维护本辖区内的e镇。";

    public Decision Decide(Operation operation, EtownResource e, Caller caller)
    {
        var covers = caller.Scope.CoversRegion(e.CountyCode);
        var assigned = e.Id is { } id && caller.Scope.EtownIds.Contains(id);
        var (permission, allowed) =
            operation == EtownOperations.Create ? (Permissions.Registry.EtownCreate, covers)
            : operation == EtownOperations.Update ? (Permissions.Registry.EtownUpdate, covers)
            : operation == EtownOperations.ChangeStatus ? (Permissions.Registry.EtownChangeStatus, covers)
            : operation == EtownOperations.Publish ? (Permissions.Registry.EtownPublish, covers)
            : operation == EtownOperations.ManageAssignments ? (Permissions.Registry.AssignmentManage, covers)
            : operation == EtownOperations.SubmitEvidence ? (Permissions.Standard.EvidenceSubmit, covers || assigned)
            : operation == EtownOperations.ReviewEvidence ? (Permissions.Standard.EvidenceReview, covers)
            : operation == EtownOperations.EnterFigures ? (Permissions.Standard.FigureEnter, covers)
            : throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not an e-town operation.");
        return !caller.Has(permission) ? Decision.Lacks(permission) : Decision.When(allowed, OutOfRegion);
    }
}
