using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace ETown.Web.Platform.Audit;

/// <summary>
/// Every create/update/delete is saved together with its audit records in one transaction (issue #2 §7).
/// Before the save the changes are captured (the domain rows are written first so generated keys are
/// known); after it the chain head is read under a lock — once per save — and the records are chained in one
/// pass (one HMAC instance) and appended in bulk (BulkInsert) on the same connection and transaction
/// (<see cref="AuditBatchWriter"/>; a province-year import appends 24 000 records, issue #16 target 3), then the
/// transaction commits. A failed save rolls everything back. One stateless instance serves every context; the
/// per-save state lives on the context (<see cref="EtownDbContext.AuditState"/>).
/// </summary>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    public static readonly AuditChainInterceptor Instance = new();

    static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash", "KeyXml"];
    static readonly HashSet<Type> Unaudited = [typeof(AuditRecord), typeof(Auth.LoginEvent)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is not EtownDbContext db || db.AuditState.Appending) return result;
        // The stamps set by the interceptors before this one become modified properties of the snapshot.
        db.ChangeTracker.DetectChanges();
        var entries = SavingEntries.Of(db).Where(e => !Unaudited.Contains(e.Entity.GetType())).ToList();
        var state = db.AuditState;
        if (entries.Count == 0 && state.PendingEvents.Count == 0 && db.UntrackedAdds.Count == 0) return result;

        var writer = new SnapshotWriter();
        state.Changes = entries.Select(e => new Change(e, e.State switch
        {
            EntityState.Added => "Create",
            EntityState.Modified => "Update",
            _ => "Delete",
        }, e.State == EntityState.Added ? null : Snapshot(e, original: true, writer),
           e.State == EntityState.Deleted ? null : Snapshot(e, original: false, writer))).ToList();
        // Rows added untracked (EtownDbContext.AddUntracked) are creations like tracked added rows: the same snapshot, read from the object.
        state.Untracked = [.. db.UntrackedAdds];
        state.UntrackedRecords = state.Untracked.Select(row =>
        {
            var type = db.Model.FindEntityType(row.GetType())!;
            return new AuditRecord
            {
                Action = "Create", EntityType = type.ClrType.Name, EntityId = KeyOf(type, p => BulkInsert.ValueOf(p, row)),
                Before = null, After = Snapshot(type, p => BulkInsert.ValueOf(p, row), modifiedOnly: null, writer), Outcome = "Success",
                PreviousHash = "", Hash = "",
            };
        }).ToList();
        // Many plain new rows of one type (an import's values) are written after EF's inserts, in the same transaction.
        state.Bulk = BulkInsert.Detach(entries);
        if (db.Database.CurrentTransaction is null) state.Transaction = await db.Database.BeginTransactionAsync(ct);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is not EtownDbContext db || db.AuditState.Appending) return result;
        SavingEntries.End(db);
        if (db.AuditState.Changes is null) return result;
        var state = db.AuditState;
        var records = state.Changes.Select(c => new AuditRecord
        {
            Action = c.Action, EntityType = c.Entry.Metadata.ClrType.Name,
            EntityId = KeyOf(c.Entry), Before = c.Before, After = c.After, Outcome = "Success",
            PreviousHash = "", Hash = "",
        }).Concat(state.UntrackedRecords).Concat(state.PendingEvents).ToList();
        state.PendingEvents.Clear();
        state.Changes = null;
        var bulk = state.Bulk;
        state.Bulk = [];
        var untracked = state.Untracked;
        state.Untracked = [];
        state.UntrackedRecords = [];

        state.Appending = true;
        try
        {
            if (bulk.Count > 0)
            {
                try { result += await BulkInsert.WriteAsync(db, bulk, ct); }
                catch { BulkInsert.Restore(bulk); throw; }
            }
            if (untracked.Count > 0) result += await BulkInsert.WriteUntrackedAsync(db, untracked, ct);
            await db.LockAuditChainAsync(ct);
            var head = await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
            var seq = head?.Sequence ?? 0;
            var prev = head?.Hash ?? AuditChain.Genesis;
            var time = AuditChain.Truncate(db.Clock.GetUtcNow());
            using var hmac = db.AuditKeys is { } ring ? new HMACSHA256(ring.Current) : null;
            foreach (var r in records)
            {
                r.Sequence = ++seq;
                r.TimeUtc = time;
                if (r.UserName is null)
                {
                    r.UserId = db.Caller.UserId;
                    r.UserName = db.Caller.UserName ?? "anonymous";
                    r.OrganisationId = db.Caller.OrganisationId;
                }
                r.Ip ??= db.Caller.Ip;
                r.PreviousHash = prev;
                r.KeyId = db.AuditKeys?.CurrentId;
                r.Hash = prev = hmac is null ? AuditChain.ComputeHash(r) : AuditChain.ComputeHash(r, hmac);
            }
            await AuditBatchWriter.InsertAsync(db, records, ct);
            if (state.Transaction is { } tx) await tx.CommitAsync(ct);
            // Saved: they are rows of the database now (after a failure they stay pending, as EF leaves added rows).
            foreach (var row in untracked) db.UntrackedAdds.Remove(row);
        }
        finally
        {
            state.Appending = false;
            await DisposeTransactionAsync(state);
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is not EtownDbContext db || db.AuditState.Appending) return;
        SavingEntries.End(db);
        db.AuditState.Changes = null;
        db.AuditState.Untracked = [];
        db.AuditState.UntrackedRecords = [];
        BulkInsert.Restore(db.AuditState.Bulk);
        db.AuditState.Bulk = [];
        await DisposeTransactionAsync(db.AuditState); // rolls back the domain rows with the chain
    }

    static async Task DisposeTransactionAsync(AuditSaveState state)
    {
        if (state.Transaction is null) return;
        await state.Transaction.DisposeAsync();
        state.Transaction = null;
    }

    static string? KeyOf(EntityEntry e) => KeyOf(e.Metadata, p => e.CurrentValues[p]);

    static string? KeyOf(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, Func<Microsoft.EntityFrameworkCore.Metadata.IProperty, object?> value)
    {
        var key = type.FindPrimaryKey();
        if (key is null) return null;
        if (key.Properties.Count == 1) return Convert.ToString(value(key.Properties[0]), System.Globalization.CultureInfo.InvariantCulture);
        return string.Join(",", key.Properties.Select(p => Convert.ToString(value(p), System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The row as JSON, properties in ordinal name order, secrets masked — written straight to a reused buffer rather than
    /// through a sorted dictionary of boxed values (an import file snapshots 2 000 rows; issue #16 target 3). The text is the
    /// one <c>JsonSerializer.Serialize(SortedDictionary&lt;string, object?&gt;, AuditChain.Json)</c> gave: the same names,
    /// order, encoder and each value's own converter.
    /// </summary>
    static string Snapshot(EntityEntry e, bool original, SnapshotWriter w)
    {
        var values = original ? e.OriginalValues : e.CurrentValues;
        // For updates keep only what changed, so the record shows the change, not the row.
        return Snapshot(e.Metadata, p => values[p], e.State == EntityState.Modified ? p => e.Property(p).IsModified : null, w);
    }

    static string Snapshot(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, Func<Microsoft.EntityFrameworkCore.Metadata.IProperty, object?> value,
        Func<Microsoft.EntityFrameworkCore.Metadata.IProperty, bool>? modifiedOnly, SnapshotWriter w)
    {
        var json = w.Start();
        json.WriteStartObject();
        foreach (var (p, secret, name) in ShapeOf(type))
        {
            if (modifiedOnly is not null && !p.IsPrimaryKey() && !modifiedOnly(p)) continue;
            var v = value(p);
            json.WritePropertyName(name);
            if (secret && v is not null) json.WriteStringValue("***");
            else WriteValue(json, v);
        }
        json.WriteEndObject();
        return w.Finish();
    }

    static void WriteValue(Utf8JsonWriter json, object? v)
    {
        switch (v)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case Guid g: json.WriteStringValue(g); break;
            case decimal m: json.WriteNumberValue(m); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case bool b: json.WriteBooleanValue(b); break;
            case DateTimeOffset d: json.WriteStringValue(d); break;
            default: JsonSerializer.Serialize(json, v, v.GetType(), AuditChain.Json); break;
        }
    }

    /// <summary>Per entity type: its properties in ordinal name order, whether the value is masked, the encoded name.</summary>
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IEntityType,
        (Microsoft.EntityFrameworkCore.Metadata.IProperty Property, bool Secret, JsonEncodedText Name)[]> Shapes = new();

    static (Microsoft.EntityFrameworkCore.Metadata.IProperty Property, bool Secret, JsonEncodedText Name)[] ShapeOf(
        Microsoft.EntityFrameworkCore.Metadata.IEntityType type) =>
        Shapes.GetValue(type, static t => [.. t.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p,
            Secret.Contains(p.Name) || (p.Name == "Value" && t.ClrType.Name.StartsWith("IdentityUserToken", StringComparison.Ordinal)),
            JsonEncodedText.Encode(p.Name, AuditChain.Json.Encoder)))]);

    /// <summary>One buffer and writer for all the snapshots of a save.</summary>
    sealed class SnapshotWriter
    {
        readonly ArrayBufferWriter<byte> _buffer = new(1024);
        Utf8JsonWriter? _json;

        public Utf8JsonWriter Start()
        {
            _buffer.ResetWrittenCount();
            if (_json is null) _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = AuditChain.Json.Encoder });
            else _json.Reset(_buffer);
            return _json;
        }

        public string Finish()
        {
            _json!.Flush();
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }
    }

    internal sealed record Change(EntityEntry Entry, string Action, string? Before, string? After);
}

/// <summary>What one context carries between "saving" and "saved", and the events queued for its next save.</summary>
public sealed class AuditSaveState
{
    internal List<AuditRecord> PendingEvents { get; } = [];
    internal List<AuditChainInterceptor.Change>? Changes { get; set; }
    /// <summary>The untracked rows this save inserts (<see cref="EtownDbContext.AddUntracked"/>) and their creation records.</summary>
    internal List<object> Untracked { get; set; } = [];
    internal List<AuditRecord> UntrackedRecords { get; set; } = [];
    /// <summary>Added rows taken out of EF's insert by <see cref="BulkInsert.Detach"/>, written before the chain is appended.</summary>
    internal List<EntityEntry> Bulk { get; set; } = [];
    internal IDbContextTransaction? Transaction { get; set; }
    internal bool Appending { get; set; }
}

/// <summary>Hash chain arithmetic, shared by append and verification.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    internal static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Truncate so the hashed time survives the round trip on both providers: PostgreSQL keeps
    /// microseconds, SQLite's DateTimeOffsetToBinaryConverter only 0.1 ms (1000 ticks).
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % 1000, TimeSpan.Zero);

    /// <summary>
    /// HMAC-SHA256 with the key outside the database when <paramref name="key"/> is given (issue #17 finding 9):
    /// without the key nobody can recompute the chain after changing a row. Without a key: plain SHA-256
    /// (records written before keying, and design-time contexts).
    /// </summary>
    public static string ComputeHash(AuditRecord r, byte[]? key)
    {
        if (key is null) return ComputeHash(r);
        return AuditKeyRing.Hmac(key, Canonical(r) + '\u001f' + r.KeyId);
    }

    /// <summary>The same HMAC as <see cref="ComputeHash(AuditRecord, byte[])"/> with an instance reused for a whole batch.</summary>
    internal static string ComputeHash(AuditRecord r, HMACSHA256 hmac)
    {
        var text = Canonical(r) + '\u001f' + r.KeyId;
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[32];
            hmac.TryComputeHash(buffer.AsSpan(0, n), hash, out _);
            return Convert.ToHexStringLower(hash);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    public static string ComputeHash(AuditRecord r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(r))));

    static string Canonical(AuditRecord r)
    {
        var canonical = string.Join('\u001f',
            r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (r.TimeUtc.UtcTicks / 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.UserId?.ToString() ?? "", r.UserName ?? "", r.OrganisationId?.ToString() ?? "",
            r.Action, r.EntityType, r.EntityId ?? "", r.Before ?? "", r.After ?? "", r.Outcome, r.Ip ?? "",
            r.PreviousHash);
        return canonical;
    }
}

/// <summary>
/// Appends chained audit records through <see cref="BulkInsert"/> on the saving context's connection and transaction,
/// instead of a second EF SaveChanges that tracks them, sends one command per record on SQLite and runs every interceptor
/// again (issue #16 target 3: 2 100 records per import file). The text-length backstop of <see cref="TextLengthInterceptor"/>
/// applies as it did.
/// </summary>
static class AuditBatchWriter
{
    static readonly Dictionary<string, Func<AuditRecord, object?>> Values = new(StringComparer.Ordinal)
    {
        [nameof(AuditRecord.Sequence)] = r => r.Sequence,
        [nameof(AuditRecord.TimeUtc)] = r => r.TimeUtc,
        [nameof(AuditRecord.UserId)] = r => r.UserId,
        [nameof(AuditRecord.UserName)] = r => r.UserName,
        [nameof(AuditRecord.OrganisationId)] = r => r.OrganisationId,
        [nameof(AuditRecord.Action)] = r => r.Action,
        [nameof(AuditRecord.EntityType)] = r => r.EntityType,
        [nameof(AuditRecord.EntityId)] = r => r.EntityId,
        [nameof(AuditRecord.Before)] = r => r.Before,
        [nameof(AuditRecord.After)] = r => r.After,
        [nameof(AuditRecord.Outcome)] = r => r.Outcome,
        [nameof(AuditRecord.Ip)] = r => r.Ip,
        [nameof(AuditRecord.PreviousHash)] = r => r.PreviousHash,
        [nameof(AuditRecord.Hash)] = r => r.Hash,
        [nameof(AuditRecord.KeyId)] = r => r.KeyId,
    };

    public static async Task InsertAsync(EtownDbContext db, IReadOnlyList<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(AuditRecord)) ?? throw new InvalidOperationException("AuditRecord is not in the model");
        // Every column but the store-generated Id; a property added to AuditRecord without a line above fails loudly.
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var getters = columns.Select(p => Values.GetValueOrDefault(p.Name) ?? throw new InvalidOperationException($"AuditBatchWriter does not write AuditRecord.{p.Name}")).ToArray();
        var rows = records.Select(r => getters.Select(g => g(r)).ToArray()).ToList();

        // The backstop every EF save has (TextLengthInterceptor): an over-long text is a 400 and nothing is written.
        var errors = new FieldErrors();
        foreach (var row in rows)
            for (var k = 0; k < columns.Count; k++) TextLengthInterceptor.Check(errors, columns[k], row[k]);
        errors.ThrowIfAny();
        await BulkInsert.InsertAsync(db, entity, columns, rows, ct);
    }
}
