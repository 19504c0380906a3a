using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ETown.Web.Platform.Data;

/// <summary>
/// Large inserts of one save without EF's per-row commands (issue #16 target 3: a province file adds 2 000 values and
/// 2 100 audit records). EF's SQLite provider sends one command per inserted row (about 0.1 ms each); here SQLite runs one
/// prepared INSERT per row and PostgreSQL one binary COPY, on the save's connection and transaction. Columns, type
/// mappings and value converters come from the EF model, so the stored values are the ones EF would store.
/// <para>Only plain "leaf" rows qualify (<see cref="Qualifies"/>): no row refers to them, no store-generated value, no
/// inheritance, owned or complex types; they are written after EF's own inserts, so their principals exist. Everything
/// else about the save is unchanged: stamps, text-length checks and the audit snapshot run on the tracked entries first.</para>
/// </summary>
public static class BulkInsert
{
    /// <summary>Fewer added rows of one type than this go through EF as usual.</summary>
    public const int Threshold = 64;

    /// <summary>
    /// Called while saving, after the other interceptors: takes the added entries of qualifying types with at least
    /// <see cref="Threshold"/> rows out of EF's insert (marked Unchanged) and returns them for <see cref="WriteAsync"/>.
    /// </summary>
    public static List<EntityEntry> Detach(IEnumerable<EntityEntry> entries)
    {
        var taken = new List<EntityEntry>();
        foreach (var group in entries.Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata))
        {
            var rows = group.ToList();
            if (rows.Count < Threshold || !Qualifies(group.Key)) continue;
            foreach (var e in rows) e.State = EntityState.Unchanged;
            taken.AddRange(rows);
        }
        return taken;
    }

    /// <summary>After a failed save: the detached rows are pending again, as EF leaves added rows.</summary>
    public static void Restore(IEnumerable<EntityEntry> entries)
    {
        foreach (var e in entries) e.State = EntityState.Added;
    }

    /// <summary>A table no other row refers to, whose every column value is known before the insert.</summary>
    public static bool Qualifies(IEntityType type) =>
        type.BaseType is null && !type.GetDerivedTypes().Any() && !type.IsOwned()
        && !type.GetComplexProperties().Any() && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && !type.GetReferencingForeignKeys().Any()
        && type.GetTableName() is not null
        && type.GetProperties().All(p => p.ValueGenerated == ValueGenerated.Never
                                         || (p.IsPrimaryKey() && p.ClrType == typeof(Guid) && !p.IsShadowProperty()));

    /// <summary>
    /// A type whose new rows may skip change tracking altogether (<see cref="EtownDbContext.AddUntracked"/>): it qualifies for
    /// the bulk insert, every value lives on the object (no shadow property), and no saving interceptor but the text-length
    /// check, the data generation and the audit has anything to set on it (no stamps, no version).
    /// </summary>
    public static bool QualifiesUntracked(IEntityType type) =>
        Qualifies(type) && !type.GetProperties().Any(p => p.IsShadowProperty())
        && !typeof(ICreatedAt).IsAssignableFrom(type.ClrType) && !typeof(IUpdatedAt).IsAssignableFrom(type.ClrType)
        && !typeof(IVersioned).IsAssignableFrom(type.ClrType);

    /// <summary>A property's value read from the object (no change tracker involved).</summary>
    public static object? ValueOf(IProperty property, object row) => property.GetGetter().GetClrValueUsingContainingEntity(row);

    /// <summary>Inserts the untracked rows (<see cref="EtownDbContext.AddUntracked"/>), type by type, on the current transaction.</summary>
    public static async Task<int> WriteUntrackedAsync(DbContext db, IReadOnlyList<object> rows, CancellationToken ct)
    {
        var n = 0;
        foreach (var group in rows.GroupBy(r => r.GetType()))
            n += await WriteTypeAsync(db, db.Model.FindEntityType(group.Key)!, group, static (row, p) => ValueOf(p, row), ct);
        return n;
    }

    /// <summary>Inserts the rows <see cref="Detach"/> took, type by type, on the current transaction.</summary>
    public static async Task<int> WriteAsync(DbContext db, IReadOnlyList<EntityEntry> entries, CancellationToken ct)
    {
        var n = 0;
        foreach (var group in entries.GroupBy(e => e.Metadata))
            n += await WriteTypeAsync(db, group.Key, group, static (e, p) => e.CurrentValues[p], ct);
        return n;
    }

    /// <summary>The rows of one type, each value read by <paramref name="value"/>, in the table's mapped columns.</summary>
    static Task<int> WriteTypeAsync<TRow>(DbContext db, IEntityType type, IEnumerable<TRow> rows, Func<TRow, IProperty, object?> value, CancellationToken ct)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var key = type.FindPrimaryKey()!.Properties[0];
        var values = rows.Select(r =>
        {
            if (value(r, key) is Guid g && g == Guid.Empty) throw new InvalidOperationException($"{type.ClrType.Name}: a bulk-inserted row has no key");
            return columns.Select(p => value(r, p)).ToArray();
        }).ToList();
        return InsertAsync(db, type, columns, values, ct);
    }

    /// <summary>Inserts <paramref name="rows"/> (values in the order of <paramref name="columns"/>) into the table of <paramref name="type"/>.</summary>
    public static async Task<int> InsertAsync(DbContext db, IEntityType type, IReadOnlyList<IProperty> columns, IReadOnlyList<object?[]> rows,
        CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var timeout = db.Database.GetCommandTimeout();
        string Name(int i) => sql.GenerateParameterName("b" + i.ToString(CultureInfo.InvariantCulture));
        void Bind(DbCommand command, object?[] row)
        {
            for (var k = 0; k < columns.Count; k++)
                command.Parameters.Add(mappings[k].CreateParameter(command, Name(k), row[k], columns[k].IsNullable));
        }
        try
        {
            if (db.Database.IsSqlite())
            {
                // In-process: one statement, prepared once and stepped per row, is the fastest SQLite insert (a long
                // multi-row statement makes it look up every parameter name among thousands).
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                if (timeout is { } t) command.CommandTimeout = t;
                command.CommandText = head + "(" + string.Join(", ", columns.Select((_, k) => Name(k))) + ")";
                foreach (var row in rows)
                {
                    command.Parameters.Clear();
                    Bind(command, row);
                    await command.ExecuteNonQueryAsync(ct);
                }
                return rows.Count;
            }
            // PostgreSQL (the only other provider): one binary COPY.
            await CopyAsync((NpgsqlConnection)connection, sql, table, columns, mappings, rows, timeout, ct);
            return rows.Count;
        }
        catch (DbException e)
        {
            // As EF reports a failed insert, so callers that map constraint violations keep working.
            throw new DbUpdateException($"插入 {type.ClrType.Name} 失败：{e.Message}", e);
        }
    }

    /// <summary>
    /// PostgreSQL: one binary COPY on the save's connection (it runs inside the connection's open transaction), instead of
    /// multi-row INSERTs whose tens of thousands of parameters Npgsql must name, rewrite and bind (issue #16 target 3: the
    /// audit records of one import file took about 0.3 s that way). Each value passes the property's value converter and is
    /// written as the column's store type, as EF's parameter would be.
    /// </summary>
    static async Task CopyAsync(NpgsqlConnection connection, ISqlGenerationHelper sql, StoreObjectIdentifier table, IReadOnlyList<IProperty> columns,
        RelationalTypeMapping[] mappings, IReadOnlyList<object?[]> rows, int? timeout, CancellationToken ct)
    {
        var converters = mappings.Select(m => m.Converter).ToArray();
        var types = mappings.Select(m => CopyTypeName(m.StoreType)).ToArray();
        var copy = $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
        if (timeout is { } t) writer.Timeout = TimeSpan.FromSeconds(t);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var k = 0; k < columns.Count; k++)
            {
                var v = row[k];
                if (v is not null && converters[k] is { } c) v = c.ConvertToProvider(v);
                if (v is null or DBNull) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(v, types[k], ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>"numeric(18,4)" → "numeric", "character varying(64)" → "character varying": COPY's binary format has no facets.</summary>
    internal static string CopyTypeName(string storeType)
    {
        var open = storeType.IndexOf('(');
        if (open < 0) return storeType;
        var close = storeType.IndexOf(')', open);
        return (storeType[..open] + (close < 0 ? "" : storeType[(close + 1)..])).Trim();
    }
}
