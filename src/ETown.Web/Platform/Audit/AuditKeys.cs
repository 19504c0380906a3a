using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace ETown.Web.Platform.Audit;

/// <summary>
/// The secret that keys the audit chain (issue #17 finding 9, 等保 2.0 8.1.4.3 安全审计 c: 审计记录应受到保护),
/// kept outside the database: environment <c>ETOWN_AUDIT_KEY</c> (base64, id <c>ETOWN_AUDIT_KEY_ID</c>) or the key
/// file <c>Audit:KeyPath</c> (default <c>data/audit/audit.key</c>, created with a random key on first start). The
/// file holds one <c>id:base64</c> line per key; the last is current, earlier ones verify older records (rotation:
/// append a line). With database access alone nobody can recompute the chain.
/// </summary>
public sealed class AuditKeyRing
{
    readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    public string CurrentId { get; }
    public byte[] Current => _keys[CurrentId];
    public string? Source { get; }

    public AuditKeyRing(IReadOnlyList<(string Id, byte[] Key)> keys, string? source = null)
    {
        if (keys.Count == 0) throw new ArgumentException("no audit key", nameof(keys));
        foreach (var (id, key) in keys) _keys[id] = key;
        CurrentId = keys[^1].Id;
        Source = source;
    }

    public byte[]? Find(string id) => _keys.GetValueOrDefault(id);

    public static string DirectoryOf(IConfiguration config, string contentRoot) =>
        config["Audit:Path"] is { Length: > 0 } p ? (Path.IsPathRooted(p) ? p : Path.Combine(contentRoot, p)) : Path.Combine(contentRoot, "data", "audit");

    public static AuditKeyRing Load(IConfiguration config, string contentRoot, TimeProvider? clock = null)
    {
        if (Environment.GetEnvironmentVariable("ETOWN_AUDIT_KEY") is { Length: > 0 } env && config["Audit:KeyPath"] is null)
        {
            try { return new([(Environment.GetEnvironmentVariable("ETOWN_AUDIT_KEY_ID") ?? "env", Convert.FromBase64String(env))], "ETOWN_AUDIT_KEY"); }
            catch (FormatException) { throw new StartupException("环境变量 ETOWN_AUDIT_KEY 不是有效的 Base64 密钥。"); }
        }
        var path = config["Audit:KeyPath"] is { Length: > 0 } kp ? kp : Path.Combine(DirectoryOf(config, contentRoot), "audit.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var id = "k" + (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            File.WriteAllText(path, id + ":" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var keys = new List<(string, byte[])>();
        foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || colon > 16) throw new StartupException($"审计密钥文件 {path} 格式错误：每行应为“密钥编号:Base64密钥”。");
            try { keys.Add((line[..colon], Convert.FromBase64String(line[(colon + 1)..]))); }
            catch (FormatException) { throw new StartupException($"审计密钥文件 {path} 中的密钥不是有效的 Base64。"); }
        }
        if (keys.Count == 0) throw new StartupException($"审计密钥文件 {path} 中没有密钥。");
        return new(keys, path);
    }

    public static string Hmac(byte[] key, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}

/// <summary>One signed checkpoint: the chain head at a moment.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset TimeUtc, string KeyId, string Signature)
{
    public string Payload => $"{Sequence.ToString(CultureInfo.InvariantCulture)}\t{Hash}\t{TimeUtc.UtcTicks.ToString(CultureInfo.InvariantCulture)}";
    public string Line => $"{Payload}\t{KeyId}\t{Signature}";
}

/// <summary>
/// Signed checkpoints of the chain head written outside the database (issue #17 finding 9): appended to
/// <c>data/audit/checkpoints.log</c> (a file the operator backs up) and to the application log. Verification
/// compares the chain with the last one, so rewriting the chain and deleting its newest rows are both reported.
/// </summary>
public sealed class AuditCheckpoints(AuditKeyRing keys, IConfiguration config, IWebHostEnvironment env, TimeProvider clock, ILogger<AuditCheckpoints> log)
{
    readonly Lock _gate = new();
    public string FilePath { get; } = Path.Combine(AuditKeyRing.DirectoryOf(config, env.ContentRootPath), "checkpoints.log");

    public async Task<AuditCheckpoint?> WriteAsync(EtownDb db, CancellationToken ct = default)
    {
        await using var ctx = db.CreateSystem();
        var head = await ctx.AuditRecords.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (head is null) return null;
        var cp = new AuditCheckpoint(head.Sequence, head.Hash, clock.GetUtcNow(), keys.CurrentId, "");
        cp = cp with { Signature = AuditKeyRing.Hmac(keys.Current, cp.Payload) };
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            if (Last() is { } last)
            {
                if (last.Sequence == cp.Sequence && last.Hash == cp.Hash) return last; // nothing new
                // A checkpoint never moves backwards or over a changed head: that is the tampering it exists to reveal
                // (issue #17 finding 9), so the last good checkpoint stays the reference for verification.
                if (cp.Sequence < last.Sequence || (cp.Sequence == last.Sequence && cp.Hash != last.Hash))
                {
                    log.LogWarning("审计链末尾与上一检查点 {Sequence} 不一致（疑似删除或改写），不写入新检查点，请立即校验审计链。", last.Sequence);
                    return last;
                }
            }
            File.AppendAllText(FilePath, cp.Line + "\n");
        }
        log.LogInformation("审计链检查点 {Sequence} {Hash} {KeyId} {Signature}", cp.Sequence, cp.Hash, cp.KeyId, cp.Signature);
        return cp;
    }

    /// <summary>The newest checkpoint in the file, or null when there is none.</summary>
    public AuditCheckpoint? Last()
    {
        if (!File.Exists(FilePath)) return null;
        var line = File.ReadLines(FilePath).LastOrDefault(l => l.Trim().Length > 0);
        if (line is null) return null;
        var f = line.Trim().Split('\t');
        if (f.Length != 5 || !long.TryParse(f[0], out var seq) || !long.TryParse(f[2], out var ticks))
            return new AuditCheckpoint(-1, "", default, "", ""); // unreadable: reported as an invalid checkpoint
        return new AuditCheckpoint(seq, f[1], new DateTimeOffset(ticks, TimeSpan.Zero), f[3], f[4]);
    }

    public bool IsAuthentic(AuditCheckpoint cp) =>
        keys.Find(cp.KeyId) is { } key && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(AuditKeyRing.Hmac(key, cp.Payload)), Encoding.ASCII.GetBytes(cp.Signature));
}

/// <summary>Writes a checkpoint at start and every <c>Audit:CheckpointMinutes</c> (default 10).</summary>
public sealed class AuditCheckpointService(AuditCheckpoints checkpoints, EtownDb db, IConfiguration config, ILogger<AuditCheckpointService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var minutes = Math.Clamp(config.GetValue("Audit:CheckpointMinutes", 10), 1, 24 * 60);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        do
        {
            try { await checkpoints.WriteAsync(db, ct); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "审计链检查点写入失败"); }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
