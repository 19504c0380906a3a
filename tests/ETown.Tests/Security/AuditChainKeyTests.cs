using ETown.Tests.Infrastructure;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ETown.Tests.Security;

/// <summary>
/// Issue #17 finding 9: with database access an attacker dropped the triggers, changed the actor of one record,
/// recomputed the (unkeyed) SHA-256 chain, restored the triggers — and verification said "intact"; deleting the
/// newest 30 rows was not noticed either. Now records are HMAC-keyed outside the database and the head is
/// checkpointed outside it. Each case tampers with its own database.
/// </summary>
public class AuditChainKeyTests
{
    static async Task Tamper(EtownAppFactory app, Func<EtownDbContext, Task> change)
    {
        var sqlite = app.Provider == Databases.Sqlite;
        await app.ExecAsync(string.Join("\n", sqlite ? AuditSchema.SqliteDown : AuditSchema.PostgresDown));
        await using (var ctx = app.SystemContext()) await change(ctx);
        await app.ExecAsync(string.Join("\n", sqlite ? AuditSchema.SqliteUp : AuditSchema.PostgresUp));
    }

    [Theory, SqliteData, PostgresData]
    public async Task RewritingTheChainWithoutTheKey_IsReported(string provider)
    {
        await using var app = new EtownAppFactory(provider).Start();
        var db = app.Services.GetRequiredService<EtownDb>();
        var checkpoints = app.Services.GetRequiredService<AuditCheckpoints>();
        await using (var ctx = app.SystemContext()) Assert.True(await ctx.AuditRecords.AllAsync(a => a.KeyId != null), "new records are keyed");
        Assert.NotNull(await checkpoints.WriteAsync(db));
        Assert.True((await AuditService.VerifyChainAsync(db, checkpoints)).IsIntact);

        // The attack of the report: one actor changed, the chain recomputed the only way possible without the key.
        await Tamper(app, async ctx =>
        {
            var rows = await ctx.AuditRecords.OrderBy(a => a.Sequence).ToListAsync();
            rows[20].UserName = "someone-else";
            var prev = AuditChain.Genesis;
            foreach (var r in rows.Skip(20)) { prev = rows[(int)r.Sequence - 2].Hash; r.PreviousHash = prev; r.Hash = AuditChain.ComputeHash(r); }
            await ctx.SaveChangesAsync();
        });
        var v = await AuditService.VerifyChainAsync(db, checkpoints);
        Assert.False(v.IsIntact);
        Assert.Equal(21, v.FirstBrokenSequence);

        // Worse: every record downgraded to plain SHA-256 from the start — internally consistent, so only the checkpoint tells.
        await Tamper(app, async ctx =>
        {
            var rows = await ctx.AuditRecords.OrderBy(a => a.Sequence).ToListAsync();
            var prev = AuditChain.Genesis;
            foreach (var r in rows) { r.KeyId = null; r.PreviousHash = prev; r.Hash = prev = AuditChain.ComputeHash(r); }
            await ctx.SaveChangesAsync();
        });
        Assert.True((await AuditService.VerifyChainAsync(db)).IsIntact, "without the checkpoint the rewrite is invisible");
        var withCheckpoint = await AuditService.VerifyChainAsync(db, checkpoints);
        Assert.False(withCheckpoint.IsIntact);
        Assert.Contains("检查点", withCheckpoint.Message);
    }

    [Theory, SqliteData, PostgresData]
    public async Task DeletingTheNewest30Rows_IsReported(string provider)
    {
        await using var app = new EtownAppFactory(provider).Start();
        var db = app.Services.GetRequiredService<EtownDb>();
        var checkpoints = app.Services.GetRequiredService<AuditCheckpoints>();
        var cp = await checkpoints.WriteAsync(db);
        Assert.NotNull(cp);
        await Tamper(app, async ctx => await ctx.AuditRecords.Where(a => a.Sequence > cp!.Sequence - 30).ExecuteDeleteAsync());
        var v = await AuditService.VerifyChainAsync(db, checkpoints);
        Assert.False(v.IsIntact);
        Assert.Contains("末尾记录被删除", v.Message);
    }

    [Theory, SqliteData]
    public async Task AForgedCheckpoint_IsReported(string provider)
    {
        await using var app = new EtownAppFactory(provider).Start();
        var db = app.Services.GetRequiredService<EtownDb>();
        var checkpoints = app.Services.GetRequiredService<AuditCheckpoints>();
        var cp = (await checkpoints.WriteAsync(db))!;
        await File.AppendAllTextAsync(checkpoints.FilePath, (cp with { Sequence = cp.Sequence - 5 }).Line + "\n");
        Assert.Contains("签名无效", (await AuditService.VerifyChainAsync(db, checkpoints)).Message);
    }

    [Fact]
    public void TheKey_IsCreatedOnFirstStart_OutsideTheDatabase_AndRotatesByAppendingALine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "etown-tests", "auditkey-" + Guid.NewGuid().ToString("N"));
        try
        {
            var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:Path"] = dir }).Build();
            var first = AuditKeyRing.Load(config, dir);
            Assert.True(File.Exists(Path.Combine(dir, "audit.key")));
            Assert.Equal(32, first.Current.Length);
            File.AppendAllText(Path.Combine(dir, "audit.key"), "k2:" + Convert.ToBase64String(new byte[32]) + "\n");
            var rotated = AuditKeyRing.Load(config, dir);
            Assert.Equal("k2", rotated.CurrentId);
            Assert.Equal(first.Current, rotated.Find(first.CurrentId));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
