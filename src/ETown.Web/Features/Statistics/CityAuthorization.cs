using ETown.Web.Platform.Auth;

namespace ETown.Web.Features.Statistics;

/// <summary>A city's own statistics work (official figures, the monthly progress report). Null city = "any city" (a level check).</summary>
public sealed record CityResource(string? CityCode)
{
    public static readonly CityResource Any = new((string?)null);
}

public static class CityOperations
{
    /// <summary>The city's official output growth (STD-33 city average), entered by the city or the province.</summary>
    public static readonly Operation SetFigure = new("City.SetFigure", "填报本市官方数据");
    /// <summary>The city's monthly progress report (issue #4): the province for any city, a city for itself.</summary>
    public static readonly Operation GenerateReport = new("City.GenerateReport", "生成市级月度进展报告");
}

public sealed class CityAuthorizationHandler : IResourceHandler<CityResource>
{
    public Decision Decide(Operation operation, CityResource c, Caller caller)
    {
        var (permission, reason) =
            operation == CityOperations.SetFigure ? (Permissions.Statistics.CityFigureSet, "只能填报本市的官方数据。")
            : operation == CityOperations.GenerateReport ? (Permissions.Statistics.CityReportGenerate, "只能生成本市的月度进展报告。")
            : throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "Not a city operation.");
        if (!caller.Has(permission)) return Decision.Lacks(permission);
        var scope = caller.Scope;
        return Decision.When(scope.IsProvince || (scope.IsCity && (c.CityCode is null || c.CityCode == scope.CityCode)), reason);
    }
}
