using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Calendar;
using ETown.Web.Platform.Data.Seeding;
using ETown.Web.Platform.Modules;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Regions;

/// <summary>基础数据: administrative regions (GB/T 2260, county class) and the working-day calendar. First: everything else refers to them.</summary>
public sealed class ReferenceModule : IEtownModule
{
    public string Name => "reference";
    public int Order => 0;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<RegionService>();
        services.AddScoped<CalendarService>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapReferenceEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.ReferenceGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Reference.RegionUpdate),
        new(R.SystemAdmin, P.Reference.CalendarUpdate),
    ];

    // Reference data is open to everyone, signed in or not.
    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock) =>
        [new("基础数据", "fa-solid fa-database", 85, [new("行政区划", "/reference/regions", "fa-solid fa-map"), new("节假日日历", "/reference/calendar", "fa-solid fa-calendar")])];

    public Task SeedReferenceAsync(Platform.Data.EtownDbContext db, IServiceProvider services, CancellationToken ct) =>
        ReferenceData.LoadAsync(db, ct);
}
