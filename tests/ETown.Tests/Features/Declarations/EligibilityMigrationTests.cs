using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Tests.Features.Declarations;

/// <summary>The EligibilityRuleSets migration matches the model on both providers (no drift).</summary>
public class EligibilityMigrationTests
{
    [Fact]
    public void Sqlite_HasNoPendingModelChanges()
    {
        using var ctx = new SqliteDesignFactory().CreateDbContext([]);
        Assert.False(ctx.Database.HasPendingModelChanges());
        Assert.Contains(ctx.Database.GetMigrations(), m => m.EndsWith("_EligibilityRuleSets", StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_HasNoPendingModelChanges()
    {
        using var ctx = new PostgresDesignFactory().CreateDbContext([]);
        Assert.False(ctx.Database.HasPendingModelChanges());
        Assert.Contains(ctx.Database.GetMigrations(), m => m.EndsWith("_EligibilityRuleSets", StringComparison.Ordinal));
    }
}
