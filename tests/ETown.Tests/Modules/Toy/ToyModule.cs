using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Modules.Toy;

// A minimal module written the way a newcomer writes one (issue #9 "Done when"): one folder — this file —
// and one registration line (Modules:Extra in ToyModuleTests). One entity, one endpoint, one permission,
// one page, a menu entry, a role grant and demo rows; scope, audit and authorization come from the platform.

/// <summary>A note on an e-town: e-town-owned, so the platform scopes it like every statistics row.</summary>
public class ToyNote : IEtownOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid EtownId { get; set; }
    public required string CountyCode { get; set; }
    public required string Text { get; set; }
}

sealed class ToyNoteConfiguration : IEntityTypeConfiguration<ToyNote>
{
    public void Configure(EntityTypeBuilder<ToyNote> e)
    {
        e.ToTable("ToyNotes");
        e.Property(x => x.CountyCode).HasMaxLength(6);
        e.Property(x => x.Text).HasMaxLength(200);
    }
}

public static class ToyPermissions
{
    public const string Read = "Toy.Note.Read";
}

public sealed record ToyNoteRow(Guid EtownId, string Text);

public sealed class ToyNoteService(EtownDb db, Caller caller)
{
    public async Task<IReadOnlyList<ToyNoteRow>> ListAsync(CancellationToken ct)
    {
        caller.Require(ToyPermissions.Read);
        await using var ctx = db.Create(caller);
        return await ctx.Set<ToyNote>().OrderBy(n => n.Text).Select(n => new ToyNoteRow(n.EtownId, n.Text)).ToListAsync(ct);
    }
}

public sealed class ToyModule : IEtownModule
{
    public string Name => "toy";

    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<ToyNoteService>();

    public void MapEndpoints(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/toy/notes", async (ToyNoteService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .RequireAuthorization(PermissionPolicyProvider.Prefix + ToyPermissions.Read).WithTags("示例模块");

    public IReadOnlyList<Permissions.Node> Permissions =>
        [new("Toy", "示例模块", [new("Toy.Note", "便签", [new(ToyPermissions.Read, "查看便签", [])])])];

    public IReadOnlyList<RoleGrant> RoleGrants =>
        [new(BuiltInRoles.ProvinceOfficer, ToyPermissions.Read), new(BuiltInRoles.CountyOfficer, ToyPermissions.Read)];

    public IEnumerable<MenuSection> Menu(Caller caller, TimeProvider clock) =>
        caller.Has(ToyPermissions.Read) ? [new MenuSection("示例模块", "fa-solid fa-note-sticky", 200, [new("便签", "/toy", "fa-solid fa-note-sticky")])] : [];

    // A real module gets its table from the provider migrations (dotnet ef migrations add); a test module makes its own.
    public Task SeedReferenceAsync(EtownDbContext db, IServiceProvider services, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
            ? """CREATE TABLE IF NOT EXISTS "ToyNotes" ("Id" uuid PRIMARY KEY, "EtownId" uuid NOT NULL, "CountyCode" varchar(6) NOT NULL, "Text" varchar(200) NOT NULL)"""
            : """CREATE TABLE IF NOT EXISTS "ToyNotes" ("Id" TEXT PRIMARY KEY, "EtownId" TEXT NOT NULL, "CountyCode" TEXT NOT NULL, "Text" TEXT NOT NULL)""", ct);

    public Task SeedDemoAsync(DemoSeed demo, CancellationToken ct)
    {
        foreach (var town in demo.Etowns.Take(2)) // 潞城 and 岢岚
            demo.Db.Add(new ToyNote { EtownId = town.Id, CountyCode = town.CountyCode, Text = "便签：" + town.Name });
        return Task.CompletedTask;
    }
}

/// <summary>The module's one page, a plain component class (no Razor compiler in the test project).</summary>
[Route("/toy")]
[RequirePermission(ToyPermissions.Read)]
public sealed class ToyPage : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder b)
    {
        b.OpenElement(0, "h1");
        b.AddContent(1, "示例模块便签");
        b.CloseElement();
    }
}

/// <summary>The module's rows in the authorization matrix.</summary>
public sealed class ToyMatrix : Integration.IModuleMatrix
{
    public Type Module => typeof(ToyModule);

    public IReadOnlyDictionary<string, Integration.AuthorizationMatrixTests.Row> Rows => new Dictionary<string, Integration.AuthorizationMatrixTests.Row>
    {
        ["GET /api/v1/toy/notes"] = new("province @counties", Integration.AuthorizationMatrixTests.Probe.Get),
        ["PAGE /toy"] = new("province @counties", Integration.AuthorizationMatrixTests.Probe.Page),
    };
}

/// <summary>A module that forgot its matrix rows: the coverage check must name its endpoint.</summary>
public sealed class UndeclaredToyModule : IEtownModule
{
    public string Name => "toy-undeclared";

    public void MapEndpoints(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/toy-undeclared", () => TypedResults.Ok()).RequireAuthorization();
}
