using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Platform;

/// <summary>
/// Issue #9 item 2, kept true: every entity of the model either has a scope filter (from its ownership
/// markers or its own scope rule) or says it is province-wide; and query filters are built in one place.
/// </summary>
public class DataOwnershipTests
{
    [Fact]
    public void EveryEntity_IsScoped_OrDeclaredProvinceWide()
    {
        using var ctx = new SqliteDesignFactory().CreateDbContext([]);
        var unscoped = ctx.Model.GetEntityTypes()
            .Where(t => t.BaseType is null && !t.IsOwned() && !t.GetDeclaredQueryFilters().Any())
            .Select(t => t.ClrType)
            .Where(t => !typeof(IProvinceWide).IsAssignableFrom(t))
            // ASP.NET Identity's own tables: users and roles are read through UserService/RoleService, which scope them.
            .Where(t => t.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true && t != typeof(AppUser) && t != typeof(AppRole))
            .Select(t => t.Name).Order().ToList();
        Assert.True(unscoped.Count == 0, "Entities with neither an ownership marker (IRegionOwned, IEtownOwned, …), an IScopeRule nor IProvinceWide:\n" + string.Join("\n", unscoped));
    }

    [Fact]
    public void ProvinceWideEntities_HaveNoFilter_AndOwnedOnesDo()
    {
        using var ctx = new SqliteDesignFactory().CreateDbContext([]);
        foreach (var t in ctx.Model.GetEntityTypes().Where(t => t.BaseType is null))
        {
            if (typeof(IProvinceWide).IsAssignableFrom(t.ClrType)) Assert.Empty(t.GetDeclaredQueryFilters());
            if (typeof(IRegionOwned).IsAssignableFrom(t.ClrType) || typeof(IOrganisationOwned).IsAssignableFrom(t.ClrType))
                Assert.Single(t.GetDeclaredQueryFilters());
        }
    }

    [Fact]
    public void QueryFilters_AreBuiltOnlyByScopeFilter()
    {
        var offenders = RepositoryFiles.Under("src", ".cs")
            .Where(f => !f.EndsWith("ScopeFilter.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => x.line.Contains("HasQueryFilter(", StringComparison.Ordinal))
            .Select(x => $"{RepositoryFiles.Relative(x.f)}:{x.i + 1}")
            .ToList();
        Assert.True(offenders.Count == 0, "Declare ownership with a marker or an IScopeRule instead of a query filter:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheContext_NamesNoFeature()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src/ETown.Web/Platform/Data/EtownDbContext.cs"));
        Assert.DoesNotContain("Features.", text);
        Assert.True(text.Split('\n').Length < 250, "EtownDbContext.cs should stay small: mappings belong to the features");
    }
}
