using System.Net;
using ETown.Tests.Infrastructure;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Integration;

/// <summary>Issue #2 §7: the audit log is append-only and hash-chained; tampering is found at the first broken link.</summary>
public class AuditChainTests(DemoApps apps) : IClassFixture<DemoApps>
{
    [Theory, SqliteData, PostgresData]
    public async Task Chain_AfterWrites_VerifiesIntact_ForTheAuditAdmin(string provider)
    {
        var app = apps[provider];
        var lucheng = await app.SignInAsync("lucheng");
        var id = (await (await lucheng.GetAsync("/api/v1/etowns")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await lucheng.PostAsync($"/api/v1/etowns/{id}/publication",
            System.Net.Http.Json.JsonContent.Create(new { published = false }))).StatusCode);

        var audit = await app.SignInAsync("auditadmin");
        var r = await audit.PostAsync("/api/v1/audit-records/verification", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var v = await r.JsonAsync();
        Assert.True(v.GetProperty("isIntact").GetBoolean(), v.ToString());
        Assert.True(v.GetProperty("checked").GetInt64() > 300);
        await using var ctx = app.SystemContext();
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "VerifyAuditChain"));
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Action == "Update" && a.EntityType == "Etown" && a.EntityId == id.ToString()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task AuditRecords_RefuseUpdateAndDelete_ThroughTheApplicationsConnection(string provider)
    {
        var app = apps[provider];
        await using var ctx = app.SystemContext();
        await Assert.ThrowsAnyAsync<Exception>(() =>
            ctx.Database.ExecuteSqlRawAsync("UPDATE \"AuditRecords\" SET \"After\" = 'x' WHERE \"Sequence\" = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            ctx.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => ctx.AuditRecords.Where(a => a.Sequence == 2).ExecuteDeleteAsync());
        if (provider == Databases.Postgres)
            await Assert.ThrowsAnyAsync<Exception>(() => ctx.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditRecords\""));
        Assert.True((await AuditService.VerifyChainAsync(app.Services.GetRequiredService<EtownDb>())).IsIntact);
    }

    public enum Tamper { EditAfter, DeleteMiddleRow, ReorderSequences }


    [Theory]
    [InlineData(Databases.Sqlite, Tamper.EditAfter, 50L)]
    [InlineData(Databases.Sqlite, Tamper.DeleteMiddleRow, 50L)]
    [InlineData(Databases.Sqlite, Tamper.ReorderSequences, 40L)]
    [PostgresTamper(Tamper.EditAfter, 50L)]
    [PostgresTamper(Tamper.DeleteMiddleRow, 50L)]
    [PostgresTamper(Tamper.ReorderSequences, 40L)]
    public async Task Tampering_IsReportedAtTheFirstBrokenSequence(string provider, Tamper tamper, long expectedBroken)
    {
        // Own database per case: tampering cannot be undone through the app.
        await using var app = new EtownAppFactory(provider, demo: false).Start();
        var db = app.Services.GetRequiredService<EtownDb>();
        var before = await AuditService.VerifyChainAsync(db);
        Assert.True(before.IsIntact, before.Message);
        Assert.True(before.Checked > 100);

        // Someone with the database file / superuser first disables the append-only guard.
        if (provider == Databases.Sqlite)
            await app.ExecAsync("DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete;");
        else
            await app.ExecAsync("ALTER TABLE \"AuditRecords\" DISABLE TRIGGER USER");

        switch (tamper)
        {
            case Tamper.EditAfter:
                Assert.Equal(1, await app.ExecAsync("UPDATE \"AuditRecords\" SET \"After\" = '{\"tampered\":true}' WHERE \"Sequence\" = 50"));
                break;
            case Tamper.DeleteMiddleRow:
                Assert.Equal(1, await app.ExecAsync("DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 50"));
                break;
            case Tamper.ReorderSequences:
                await app.ExecAsync("""
                    UPDATE "AuditRecords" SET "Sequence" = -1 WHERE "Sequence" = 40;
                    UPDATE "AuditRecords" SET "Sequence" = 40 WHERE "Sequence" = 60;
                    UPDATE "AuditRecords" SET "Sequence" = 60 WHERE "Sequence" = -1;
                    """);
                break;
        }

        var after = await AuditService.VerifyChainAsync(db);
        Assert.False(after.IsIntact);
        Assert.Equal(expectedBroken, after.FirstBrokenSequence);
        Assert.Equal(expectedBroken - 1, after.Checked);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Tampering_IsReportedThroughTheApi(string provider)
    {
        await using var app = new EtownAppFactory(provider).Start();
        var audit = await app.SignInAsync("auditadmin");
        Assert.True((await (await audit.PostAsync("/api/v1/audit-records/verification", null)).JsonAsync()).GetProperty("isIntact").GetBoolean());
        if (provider == Databases.Sqlite) await app.ExecAsync("DROP TRIGGER audit_records_no_update");
        else await app.ExecAsync("ALTER TABLE \"AuditRecords\" DISABLE TRIGGER USER");
        await app.ExecAsync("UPDATE \"AuditRecords\" SET \"UserName\" = 'someone-else' WHERE \"Sequence\" = 7");
        var v = await (await audit.PostAsync("/api/v1/audit-records/verification", null)).JsonAsync();
        Assert.False(v.GetProperty("isIntact").GetBoolean());
        Assert.Equal(7, v.GetProperty("firstBrokenSequence").GetInt64());
    }
}

/// <summary>A PostgreSQL row of the tamper theory, skipped like <see cref="PostgresDataAttribute"/>.</summary>
public sealed class PostgresTamperAttribute : Xunit.Sdk.DataAttribute
{
    readonly object[] _row;

    public PostgresTamperAttribute(AuditChainTests.Tamper tamper, long expected)
    {
        _row = [Databases.Postgres, tamper, expected];
        if (Databases.PostgresSkipReason is { } reason) Skip = reason;
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [_row];
}
