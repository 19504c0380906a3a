using ETown.Tests.Infrastructure;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ETown.Tests.Integration;

/// <summary>
/// Real installs upgrade in place (architecture "What not to copy"): data written under the initial migration survives the
/// start-up (migrate, reference data, roles). Issue #9 squashed the earlier migrations into one initial migration per
/// provider (nothing was in production); upgrades are tested from that baseline, and every later migration is checked here.
/// </summary>
public class MigrationTests
{
    static EtownDbContext Context(string provider, string connectionString) =>
        new EtownDb(new DatabaseSettings(provider == Databases.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, connectionString),
            TimeProvider.System).CreateSystem();

    [Theory, SqliteData, PostgresData]
    public async Task Upgrade_FromInitialMigration_KeepsRows_AndAddsAuditTriggers(string provider)
    {
        var configValue = Databases.CreateDatabase(provider, out var cleanup);
        var cs = EtownAppFactory.ConnectionStringOf(provider, configValue);
        var orgId = Guid.NewGuid(); var etownId = Guid.NewGuid();
        string initial;
        await using (var ctx = Context(provider, cs))
        {
            initial = ctx.Database.GetMigrations().First();
            Assert.EndsWith("_Initial", initial);
            await ctx.GetService<IMigrator>().MigrateAsync(initial);
            Assert.Equal([initial], await ctx.Database.GetAppliedMigrationsAsync());

            var sqlite = provider == Databases.Sqlite;
            string G(Guid g) => sqlite ? g.ToString().ToUpperInvariant() : g.ToString();
            var t = sqlite ? "1" : "true"; var f = sqlite ? "0" : "false"; var now = sqlite ? "0" : "now()";
            var sql = $"""
                INSERT INTO "Regions" ("Code", "Name", "Level", "ParentCode", "CountyClass", "IsNationalDemoCounty") VALUES
                  ('140000', '山西省', 'Province', NULL, NULL, {f}),
                  ('140400', '长治市', 'City', '140000', NULL, {f}),
                  ('140406', '潞城区', 'County', '140400', 'Advancing', {t});
                INSERT INTO "Organisations" ("Id", "Name", "Kind", "RegionCode", "CreditCode", "IsActive") VALUES
                  ('{G(orgId)}', '升级前建立的e镇办', 'CountyEtownOffice', '140406', NULL, {t});
                INSERT INTO "Etowns" ("Id", "Name", "CountyCode", "PlannedAreaKm2", "FloorAreaM2", "BoundaryText", "LeadingIndustries",
                    "FeaturedProducts", "Address", "BatchYear", "Status", "IsPublished", "CreatedAt", "UpdatedAt") VALUES
                  ('{G(etownId)}', '升级前登记的e镇', '140406', 4.8, NULL, '四至', '大葱', '大葱', NULL, 2022, 'UnderConstruction', {t}, {now}, {now});
                """;
            await ctx.Database.ExecuteSqlRawAsync(sql); // test-made literals only
        }

        await using (var app = EtownAppFactory.OnExisting(provider, configValue, cleanup, demo: false).Start())
        {
            await using var ctx = app.SystemContext();
            Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
            var etown = await ctx.Etowns.SingleAsync(e => e.Id == etownId);
            Assert.Equal("升级前登记的e镇", etown.Name);
            Assert.Equal(4.8m, etown.PlannedAreaKm2);
            Assert.Equal(ETown.Web.Features.Etowns.EtownStatus.UnderConstruction, etown.Status);
            Assert.Equal("升级前建立的e镇办", (await ctx.Organisations.SingleAsync(o => o.Id == orgId)).Name);
            Assert.True((await ctx.Regions.SingleAsync(r => r.Code == "140406")).IsNationalDemoCounty); // not overwritten by reference data
            Assert.Equal(129, await ctx.Regions.CountAsync());

            var triggers = provider == Databases.Sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_records_%'"
                : "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'audit_records_%' AND NOT tgisinternal";
            Assert.Equal(2L, Convert.ToInt64(await app.ScalarAsync(triggers)));
            var anon = await app.Anonymous().GetAsync("/api/v1/etowns");
            Assert.Contains("升级前登记的e镇", await anon.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public void Model_HasNoChangesMissingAMigration_Sqlite()
    {
        using var ctx = new SqliteEtownDbContext(new DbContextOptionsBuilder<SqliteEtownDbContext>().UseSqlite("Data Source=:memory:").Options,
            Caller.System(), TimeProvider.System);
        Assert.False(ctx.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteEtownDbContext");
    }

    [Fact]
    public void Model_HasNoChangesMissingAMigration_Postgres()
    {
        using var ctx = new PostgresEtownDbContext(new DbContextOptionsBuilder<PostgresEtownDbContext>().UseNpgsql("Host=localhost;Database=drift").Options,
            Caller.System(), TimeProvider.System);
        Assert.False(ctx.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context PostgresEtownDbContext");
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrationNames()
    {
        using var s = Context(Databases.Sqlite, "Data Source=:memory:");
        using var p = Context(Databases.Postgres, "Host=localhost;Database=drift");
        static IEnumerable<string> Names(DbContext c) => c.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(s), Names(p));
    }
}
