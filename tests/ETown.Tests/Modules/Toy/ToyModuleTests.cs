using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Tests.Integration;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Modules.Toy;

/// <summary>
/// Issue #9 "Done when": a module is a folder plus one registration line. The toy module is added to a
/// real app (SQLite and PostgreSQL, demo data) by configuration only; its entity is scoped by its marker,
/// its permission reaches the built-in roles, its endpoint and page obey the authorization matrix, and a
/// module without matrix rows is reported.
/// </summary>
public class ToyModuleTests
{
    static EtownAppFactory AppWith(string provider, params Type[] modules)
    {
        // The one registration line: the module's type in Modules:Extra.
        var settings = new Dictionary<string, string?> { ["Modules:Extra"] = string.Join(';', modules.Select(m => m.AssemblyQualifiedName)) };
        return new EtownAppFactory(provider, settings: settings).Start();
    }

    [Theory, SqliteData, PostgresData]
    public async Task ToyModule_PlugsIn_WithScopeAuthorizationMenuAndMatrix(string provider)
    {
        await using var app = AppWith(provider, typeof(ToyModule));

        // The matrix covers every endpoint of this app, the toy ones through ToyMatrix.
        Assert.Empty(AuthorizationMatrixTests.EndpointsWithoutRow(app));

        // Its entity is in the model with a scope filter built from IEtownOwned, and audited on save.
        await using (var ctx = app.SystemContext())
        {
            Assert.NotNull(ctx.Model.FindEntityType(typeof(ToyNote))!.GetDeclaredQueryFilters().SingleOrDefault());
            Assert.Equal(2, await ctx.Set<ToyNote>().CountAsync());
            Assert.True(await ctx.AuditRecords.AnyAsync(a => a.EntityType == nameof(ToyNote) && a.Action == "Create"));
        }

        // Allowed callers read, in their own scope: the county sees only its e-town's note.
        var province = await (await app.SignInAsync("province")).GetAsync("/api/v1/toy/notes");
        Assert.Equal(HttpStatusCode.OK, province.StatusCode);
        Assert.Equal(2, (await province.JsonAsync()).GetArrayLength());
        var county = await (await app.SignInAsync("lucheng")).GetAsync("/api/v1/toy/notes");
        var countyNotes = await county.JsonAsync();
        Assert.Equal(1, countyNotes.GetArrayLength());
        Assert.Contains("潞城", countyNotes[0].GetProperty("text").GetString());

        // Everyone else is refused, as the matrix row says.
        var row = new ToyMatrix().Rows["GET /api/v1/toy/notes"];
        var allowed = AuthorizationMatrixTests.AllowedOf(row);
        foreach (var who in new[] { "changzhi", "operator", "sysadmin", "expert1" })
        {
            Assert.DoesNotContain(who, allowed);
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync(who)).GetAsync("/api/v1/toy/notes")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/toy/notes")).StatusCode);

        // Its page is routed and guarded by its permission.
        var page = await (await app.SignInAsync("province")).GetAsync("/toy");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("示例模块便签", await page.Content.ReadAsStringAsync());
        var denied = await (await app.SignInAsync("changzhi")).GetAsync("/toy");
        var deniedHtml = await denied.Content.ReadAsStringAsync();
        Assert.True(denied.StatusCode != HttpStatusCode.OK || deniedHtml.Contains("data-testid=\"forbidden\"", StringComparison.Ordinal),
            $"/toy as changzhi: {(int)denied.StatusCode}");
        Assert.DoesNotContain("示例模块便签", deniedHtml);

        // Its permission is in the tree and granted to the built-in roles; its menu entry reaches those who may use it.
        var modules = app.Services.GetRequiredService<ModuleCatalog>();
        Assert.Contains(ToyPermissions.Read, modules.AllPermissions);
        Assert.Contains(ToyPermissions.Read, modules.Roles().Single(r => r.Name == BuiltInRoles.CountyOfficer).Permissions);
        Assert.Contains(modules.Menu(Caller.System(), TimeProvider.System), s => s.Items.Any(i => i.Url == "/toy"));
    }

    [Fact]
    public async Task ModuleWithoutMatrixRows_IsReported()
    {
        await using var app = AppWith(Databases.Sqlite, typeof(UndeclaredToyModule));
        // (The toy page is listed too: its assembly is this test project, and ToyModule, whose rows cover it, is not in this app.)
        Assert.Contains("GET /api/v1/toy-undeclared", AuthorizationMatrixTests.EndpointsWithoutRow(app));
    }

    [Fact]
    public void BuiltInModules_EachContributeTheirOwnPermissionGroups()
    {
        var modules = ModuleCatalog.BuiltIn;
        Assert.Equal(modules.AllPermissions.Count, modules.AllPermissions.Distinct().Count());
        Assert.All(modules.Modules.Where(m => m.Permissions.Count > 0), m => Assert.NotEmpty(m.RoleGrants));
        // Every permission a module grants is one some module declares.
        Assert.All(modules.Modules.SelectMany(m => m.RoleGrants).SelectMany(g => g.Permissions), p => Assert.Contains(p, modules.AllPermissions));
    }
}
