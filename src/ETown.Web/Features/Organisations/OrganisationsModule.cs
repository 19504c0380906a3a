using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Organisations;

/// <summary>Organisations, users and the organisations' API keys.</summary>
public sealed class OrganisationsModule : IEtownModule
{
    public string Name => "organisations";
    public int Order => 80;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<OrganisationService>();
        services.AddScoped<UserService>();
        services.AddScoped<ApiKeyService>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapOrganisationEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.OrgGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Org.OrganisationRead, P.Org.UserRead),
        new(R.CityOfficer, P.Org.OrganisationRead, P.Org.UserRead),
        new(R.CountyOfficer, P.Org.OrganisationRead, P.Org.UserRead, P.Org.ApiKeyManage),
        new(R.Operator, P.Org.ApiKeyManage),
        new(R.Discipline, P.Org.OrganisationRead),
        new(R.SystemAdmin, P.Org.OrganisationRead, P.Org.OrganisationManage, P.Org.UserRead, P.Org.UserManage),
        new(R.SecurityAdmin, P.Org.UserRead, P.Org.UserUnmask),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock)
    {
        var items = new List<MenuEntry>();
        if (caller.Has(P.Org.OrganisationRead)) items.Add(new("组织机构", "/admin/organisations", "fa-solid fa-sitemap"));
        if (caller.Has(P.Org.UserRead)) items.Add(new("用户", "/admin/users", "fa-solid fa-users"));
        if (caller.Has(P.Org.ApiKeyManage)) items.Add(new("接口密钥", "/admin/api-keys", "fa-solid fa-key"));
        yield return new("组织与安全", "fa-solid fa-shield-halved", Order, items);
    }
}
