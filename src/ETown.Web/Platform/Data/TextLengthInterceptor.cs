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
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                Check(errors, property.Metadata, property.CurrentValue);
            }
        }
        errors.ThrowIfAny();
    }

    /// <summary>One value against its column's limit (also used for the audit records appended without EF, AuditBatchWriter).</summary>
    internal static void Check(FieldErrors errors, Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty property, object? value)
    {
        if (property.ClrType != typeof(string) || property.GetMaxLength() is not { } max) return;
        if (value is string text && text.Length > max)
            errors.Add(Camel(property.Name), $"内容过长：不能超过 {max} 字（当前 {text.Length} 字）。");
    }

    static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
