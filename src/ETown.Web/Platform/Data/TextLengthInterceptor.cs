using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ETown.Web.Platform.Data;

/// <summary>
/// Every text column with a length limit in the model is checked before anything is written (issue #17 finding 12,
/// 等保 2.0 数据有效性检验): an over-long text is a 400 with a Chinese message naming the field and its limit, and the
/// whole save writes nothing — instead of a PostgreSQL 500 ("value too long") or SQLite silently storing it.
/// Forms check their own fields earlier, with their labels; this is the one backstop for every write path.
/// </summary>
public sealed class TextLengthInterceptor : SaveChangesInterceptor
{
    public static readonly TextLengthInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    static void Check(DbContext? context)
    {
        if (context is null) return;
        var errors = new FieldErrors();
        foreach (var entry in SavingEntries.Of(context))
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var limited = LimitedTexts(entry.Metadata);
            if (limited.Length == 0) continue;
            var values = entry.CurrentValues;
            foreach (var property in limited)
            {
                if (entry.State == EntityState.Modified && !entry.Property(property).IsModified) continue;
                Check(errors, property, values[property]);
            }
        }
        if (context is EtownDbContext { UntrackedAdds.Count: > 0 } db)
            foreach (var row in db.UntrackedAdds)
                foreach (var property in LimitedTexts(db.Model.FindEntityType(row.GetType())!))
                    Check(errors, property, BulkInsert.ValueOf(property, row));
        errors.ThrowIfAny();
    }

    /// <summary>Per entity type, its text properties with a length limit (most rows of a large save have two or three).</summary>
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IEntityType,
        Microsoft.EntityFrameworkCore.Metadata.IProperty[]> Limited = new();

    static Microsoft.EntityFrameworkCore.Metadata.IProperty[] LimitedTexts(Microsoft.EntityFrameworkCore.Metadata.IEntityType type) =>
        Limited.GetValue(type, static t => [.. t.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is not null)]);

    /// <summary>One value against its column's limit (also used for the audit records appended without EF, AuditBatchWriter).</summary>
    internal static void Check(FieldErrors errors, Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty property, object? value)
    {
        if (property.ClrType != typeof(string) || property.GetMaxLength() is not { } max) return;
        if (value is string text && text.Length > max)
            errors.Add(Camel(property.Name), $"内容过长：不能超过 {max} 字（当前 {text.Length} 字）。");
    }

    static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
