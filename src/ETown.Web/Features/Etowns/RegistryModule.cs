using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Etowns;

/// <summary>e镇登记: the e-town register, its assignments to operators and third parties, publication.</summary>
public sealed class RegistryModule : IEtownModule
{
    public string Name => "registry";
    public int Order => 10;

    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<EtownService>();

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapEtownEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.RegistryGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Registry.EtownRead, P.Registry.EtownCreate, P.Registry.EtownUpdate, P.Registry.EtownChangeStatus, P.Registry.EtownPublish, P.Registry.AssignmentManage),
        new(R.CityOfficer, P.Registry.EtownRead),
        new(R.CityStatisticsLiaison, P.Registry.EtownRead),
        new(R.CountyOfficer, P.Registry.EtownRead, P.Registry.EtownCreate, P.Registry.EtownUpdate, P.Registry.EtownChangeStatus, P.Registry.EtownPublish, P.Registry.AssignmentManage),
        new(R.Operator, P.Registry.EtownRead),
        new(R.ThirdParty, P.Registry.EtownRead),
        new(R.MarketEntity, P.Registry.EtownRead),
        new(R.Discipline, P.Registry.EtownRead),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        if (caller.Has(P.Registry.EtownRead))
            yield return new("e镇登记", "fa-solid fa-city", Order, [new("e镇名录", "/etowns", "fa-solid fa-list")]);
    }
}
