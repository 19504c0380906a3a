using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;
using P = ETown.Web.Platform.Auth.Permissions;
using R = ETown.Web.Platform.Auth.BuiltInRoles;

namespace ETown.Web.Features.Archives;

/// <summary>档案管理 (ARCH-01): checklist per stage, automatic filing through <see cref="IArchiveSource"/>, completeness, signage, bundle, retention.</summary>
public sealed class ArchivesModule : IEtownModule
{
    public string Name => "archives";
    public int Order => 85;

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<ArchiveService>();
        services.AddScoped<Platform.WorkDesk.IWorkItemSource, ArchiveWorkItems>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app) => app.MapArchivesEndpoints();

    public IReadOnlyList<P.Node> Permissions => [P.ArchivesGroup];

    public IReadOnlyList<RoleGrant> RoleGrants =>
    [
        new(R.ProvinceOfficer, P.Archives.Read, P.Archives.Checklist),
        new(R.CityOfficer, P.Archives.Read),
        new(R.CountyOfficer, P.Archives.Read, P.Archives.Manage, P.Archives.Download),
        // Auditors: discipline/audit of the region and the commissioned third party (临猗 第十四条 第三方审计, 第十六条 审计、监察).
        new(R.Discipline, P.Archives.Read, P.Archives.Download),
        new(R.ThirdParty, P.Archives.Read, P.Archives.Download),
    ];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock) =>
        caller.Has(P.Archives.Read)
            ? [new MenuSection("档案管理", "fa-solid fa-box-archive", Order, [new("档案完整性", "/archives", "fa-solid fa-folder-tree")])]
            : [];

    /// <summary>The checklist: each missing key is added; existing entries (possibly edited by the province) are left alone.</summary>
    public async Task SeedReferenceAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var have = await db.ArchiveChecklistItems.Select(i => i.Key).ToListAsync(ct);
        var added = false;
        foreach (var item in ArchiveChecklist.Defaults().Where(i => !have.Contains(i.Key)))
        {
            item.UpdatedBy = "系统（初始清单）";
            db.ArchiveChecklistItems.Add(item);
            added = true;
        }
        if (added) await db.SaveChangesAsync(ct);
    }

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct) => ArchivesDemo.SeedAsync(demo, ct);
}
