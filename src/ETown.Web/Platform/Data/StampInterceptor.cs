using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ETown.Web.Platform.Data;

/// <summary>
/// Creation and update times for every <see cref="ICreatedAt"/>/<see cref="IUpdatedAt"/> entity, from the
/// context's clock: one rule instead of a line per entity. A time the code set itself in this change
/// (seeding history, an imported record) is kept.
/// </summary>
public sealed class StampInterceptor : SaveChangesInterceptor
{
    public static readonly StampInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    static void Stamp(DbContext? context)
    {
        if (context is not EtownDbContext db) return;
        var now = db.Clock.GetUtcNow();
        // The first interceptor of every save: it reads the save's entries for the others (SavingEntries).
        foreach (var e in SavingEntries.Begin(db))
        {
            if (e.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (e.Entity is ICreatedAt c && e.State == EntityState.Added && c.CreatedAt == default) c.CreatedAt = now;
            if (e.Entity is IUpdatedAt u)
            {
                var set = e.State == EntityState.Added ? u.UpdatedAt != default : e.Property(nameof(IUpdatedAt.UpdatedAt)).IsModified;
                if (!set) u.UpdatedAt = now;
            }
        }
    }
}
