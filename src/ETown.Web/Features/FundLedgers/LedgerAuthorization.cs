using ETown.Web.Features.Organisations;
using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.FundLedgers;

/// <summary>The ledgers of one e-town, as far as authorization cares. <see cref="Any"/>: before an e-town is chosen.</summary>
public sealed record LedgerResource(Guid? EtownId, string? CountyCode)
{
    public static readonly LedgerResource Any = new(null, null);
}

public static class LedgerOperations
{
    public static readonly Operation Read = new("Ledger.Read", "查看专账与资产台账");
    /// <summary>FUND-12: the operator keeps its own e-town's ledger; the county, the city and the province read it.</summary>
    public static readonly Operation WriteExpense = new("Ledger.WriteExpense", "登记专账支出");
    public static readonly Operation WriteAsset = new("Ledger.WriteAsset", "登记资产台账");
    /// <summary>FUND-03 "原则上": the county approves a justified exception for its own e-towns.</summary>
    public static readonly Operation ApproveException = new("Ledger.ApproveException", "批准资金类别比例例外");
}

public sealed class LedgerAuthorizationHandler : IResourceHandler<LedgerResource>
{
    public Decision Decide(Operation operation, LedgerResource r, Caller caller)
    {
        var scope = caller.Scope;
        var sees = r.EtownId is null
                   || (r.CountyCode is not null && scope.CoversRegion(r.CountyCode))
                   || scope.EtownIds.Contains(r.EtownId.Value);
        if (operation == LedgerOperations.Read)
            return !caller.Has(Permissions.Ledgers.Read) ? Decision.Lacks(Permissions.Ledgers.Read)
                : Decision.When(sees, "只能查看本辖区或受托e镇的台账。");
        if (operation == LedgerOperations.WriteExpense || operation == LedgerOperations.WriteAsset)
        {
            var permission = operation == LedgerOperations.WriteExpense ? Permissions.Ledgers.ExpenseWrite : Permissions.Ledgers.AssetWrite;
            if (!caller.Has(permission)) return Decision.Lacks(permission);
            // 临猗 第十五条: the operator (承办主体) keeps its own special account; nobody books into it for them.
            var isOperator = scope.Level == Platform.Data.ScopeLevel.Etown && caller.OrganisationKind == OrganisationKind.Operator;
            if (!isOperator) return Decision.Deny("专账和资产台账由承办企业登记。");
            return Decision.When(r.EtownId is null || scope.EtownIds.Contains(r.EtownId.Value), "只能登记本单位承办的e镇的台账。");
        }
        if (operation == LedgerOperations.ApproveException)
            return !caller.Has(Permissions.Ledgers.ExceptionApprove) ? Decision.Lacks(Permissions.Ledgers.ExceptionApprove)
                : Decision.When(scope.IsCounty && (r.CountyCode is null || scope.CoversRegion(r.CountyCode)), "比例例外由e镇所在县批准。");
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a ledger operation.");
    }
}
