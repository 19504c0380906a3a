using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Data;
using ETown.Web.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Audit;

public sealed record AuditQuery(string? UserName = null, string? EntityType = null, string? EntityId = null, string? Action = null,
    DateOnly? From = null, DateOnly? To = null, int? Page = 1, int? PageSize = 50);

public sealed record AuditRow(long Sequence, DateTimeOffset TimeUtc, string? UserName, Guid? OrganisationId, string Action,
    string EntityType, string? EntityId, string? Before, string? After, string Outcome, string? Ip);

/// <summary>Result of walking the chain: the first broken link, if any.</summary>
public sealed record AuditVerification(bool IsIntact, long Checked, long? FirstBrokenSequence, string Message);

/// <summary>
/// Reading and verifying the audit log — the audit administrator alone (三权分立). Reading the log
/// is itself not audited row by row, but verification runs are.
/// </summary>
public sealed class AuditService(EtownDb db, Caller caller, AuditCheckpoints checkpoints)
{
    public async Task<PagedResult<AuditRow>> ListAsync(AuditQuery q, CancellationToken ct = default)
    {
        caller.Require(Permissions.Audit.LogRead);
        await using var ctx = db.Create(caller);
        var query = ctx.AuditRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.UserName)) query = query.Where(a => a.UserName!.Contains(q.UserName));
        if (!string.IsNullOrWhiteSpace(q.EntityType)) query = query.Where(a => a.EntityType == q.EntityType);
        if (!string.IsNullOrWhiteSpace(q.EntityId)) query = query.Where(a => a.EntityId == q.EntityId);
        if (!string.IsNullOrWhiteSpace(q.Action)) query = query.Where(a => a.Action == q.Action);
        if (q.From is { } from) { var f = ChinaTime.StartOfDay(from); query = query.Where(a => a.TimeUtc >= f); }
        if (q.To is { } to) { var t = ChinaTime.StartOfDay(to.AddDays(1)); query = query.Where(a => a.TimeUtc < t); }
        var (page, size) = Paging.Normalise(q.Page, q.PageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Sequence).Skip((page - 1) * size).Take(size)
            .Select(a => new AuditRow(a.Sequence, a.TimeUtc, a.UserName, a.OrganisationId, a.Action, a.EntityType, a.EntityId,
                a.Before, a.After, a.Outcome, a.Ip)).ToListAsync(ct);
        return new(rows, total, page, size);
    }

    /// <summary>
    /// Walks the whole chain in sequence order, recomputing each hash. Detects an edited row (hash
    /// mismatch), a deleted row (sequence gap / previous-hash mismatch) and reordered rows.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        caller.Require(Permissions.Audit.LogVerify);
        var result = await VerifyChainAsync(db, checkpoints, ct);
        if (result.IsIntact) await checkpoints.WriteAsync(db, ct); // a verified head becomes the next checkpoint
        await using var ctx = db.Create(caller);
        ctx.AddAuditEvent("VerifyAuditChain", nameof(AuditRecord), null, result.IsIntact ? "Success" : "Broken",
            after: new { result.Checked, result.FirstBrokenSequence });
        await ctx.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// Walks the chain, recomputing each hash (HMAC with the key of its <see cref="AuditRecord.KeyId"/>), then
    /// compares the head with the last signed checkpoint outside the database (issue #17 finding 9).
    /// </summary>
    public static async Task<AuditVerification> VerifyChainAsync(EtownDb db, AuditCheckpoints? checkpoints = null, CancellationToken ct = default)
    {
        await using var ctx = db.CreateSystem();
        var keys = db.AuditKeys;
        var cp = checkpoints?.Last();
        if (cp is not null && !checkpoints!.IsAuthentic(cp))
            return Broken(0, null, "审计链检查点文件的签名无效，检查点可能被篡改。");
        var expectedPrev = AuditChain.Genesis;
        long expectedSeq = 1, checkedCount = 0;
        const int batch = 5000;
        long lastSeq = 0;
        var keyed = false;
        string? hashAtCheckpoint = null;
        while (true)
        {
            var rows = await ctx.AuditRecords.AsNoTracking().Where(a => a.Sequence > lastSeq)
                .OrderBy(a => a.Sequence).Take(batch).ToListAsync(ct);
            if (rows.Count == 0) break;
            foreach (var r in rows)
            {
                if (r.Sequence != expectedSeq)
                    return Broken(checkedCount, expectedSeq, $"第 {expectedSeq} 条记录缺失（下一条为第 {r.Sequence} 条），记录可能被删除。");
                if (r.PreviousHash != expectedPrev)
                    return Broken(checkedCount, r.Sequence, $"第 {r.Sequence} 条记录的前序哈希与上一条不符，记录可能被删除、插入或调换顺序。");
                string expected;
                if (r.KeyId is null)
                {
                    // A plain SHA-256 record after keyed ones means someone recomputed the chain without the key.
                    if (keyed) return Broken(checkedCount, r.Sequence, $"第 {r.Sequence} 条记录未使用审计密钥签名，记录可能被篡改。");
                    expected = AuditChain.ComputeHash(r);
                }
                else
                {
                    keyed = true;
                    if (keys?.Find(r.KeyId) is not { } key)
                        return Broken(checkedCount, r.Sequence, $"第 {r.Sequence} 条记录的审计密钥 {r.KeyId} 不在密钥文件中，无法校验。");
                    expected = AuditChain.ComputeHash(r, key);
                }
                if (!string.Equals(expected, r.Hash, StringComparison.Ordinal))
                    return Broken(checkedCount, r.Sequence, $"第 {r.Sequence} 条记录的内容与其哈希不符，记录可能被篡改。");
                if (cp is not null && r.Sequence == cp.Sequence) hashAtCheckpoint = r.Hash;
                expectedPrev = r.Hash;
                expectedSeq++;
                checkedCount++;
                lastSeq = r.Sequence;
            }
        }
        if (cp is not null)
        {
            if (lastSeq < cp.Sequence)
                return Broken(checkedCount, lastSeq + 1, $"审计链只到第 {lastSeq} 条，但 {ChinaTime.Format(cp.TimeUtc)} 的检查点记录到第 {cp.Sequence} 条：末尾记录被删除。");
            if (hashAtCheckpoint != cp.Hash)
                return Broken(checkedCount, cp.Sequence, $"第 {cp.Sequence} 条记录的哈希与 {ChinaTime.Format(cp.TimeUtc)} 的检查点不符：审计链被改写。");
        }
        return new(true, checkedCount, null, $"审计链完整：共校验 {checkedCount} 条记录" + (cp is null ? "。" : $"，与第 {cp.Sequence} 条的检查点一致。"));
    }

    static AuditVerification Broken(long n, long? seq, string message) => new(false, n, seq, message);
}
