using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ETown.Web.Platform.Data;

/// <summary>
/// The entries a save writes (added, modified or deleted), read once per save and shared by the saving interceptors
/// (stamps, versions, text lengths, data generation, audit). Each of them used to call <c>ChangeTracker.Entries()</c>,
/// which detects changes over every tracked row and wraps each in a new entry: five walks of 2 200 rows for one import
/// file (issue #16 target 3). <see cref="StampInterceptor"/>, registered first, reads the list at the start of every save
/// (<see cref="Begin"/>); the others take it from the context. No interceptor adds or removes tracked rows or moves one
/// between states before the audit interceptor detaches the bulk rows, so the list stays the save's list; the values the
/// interceptors set (stamps, versions) are still detected by EF's own <c>DetectChanges</c> and, for the audit snapshot,
/// by the one the audit interceptor runs before it snapshots.
/// </summary>
public static class SavingEntries
{
    /// <summary>Reads the list for the save that is starting.</summary>
    public static IReadOnlyList<EntityEntry> Begin(DbContext context)
    {
        var entries = Read(context);
        if (context is EtownDbContext db) db.CurrentSaveEntries = entries;
        return entries;
    }

    /// <summary>The list of the save in progress (read by <see cref="Begin"/>), or a fresh one for a context without it.</summary>
    public static IReadOnlyList<EntityEntry> Of(DbContext context) =>
        context is EtownDbContext { CurrentSaveEntries: { } entries } ? entries : Read(context);

    /// <summary>The save is over (saved or failed): the next one reads its own list.</summary>
    public static void End(DbContext? context)
    {
        if (context is EtownDbContext db) db.CurrentSaveEntries = null;
    }

    static List<EntityEntry> Read(DbContext context)
    {
        var list = new List<EntityEntry>();
        foreach (var e in context.ChangeTracker.Entries()) // detects changes once
            if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) list.Add(e);
        return list;
    }
}
