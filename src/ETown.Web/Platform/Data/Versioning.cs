using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ETown.Web.Platform.Data;

/// <summary>
/// Optimistic concurrency for an editable aggregate (issue #17 finding 13). Implementing this interface
/// is all an entity needs: <see cref="EtownDbContext"/> marks <see cref="Version"/> as the concurrency
/// token by convention and <see cref="VersionInterceptor"/> increments it on every update, so a stale
/// save fails (→ 409 "已被他人修改，请刷新后重试" with the current version). A module whose aggregate already
/// has <c>public int Version { get; set; }</c> adds <c>IVersioned</c> to its base list — one word.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>
/// The version the client saw, for the aggregate it is saving: set from <c>If-Match</c> by
/// <see cref="Http.VersionTags"/> (API), or by a page around its save call
/// (<c>using (ExpectedVersion.Expect(id, version)) await service.UpdateAsync(…)</c>). Flows with the async call.
/// </summary>
public static class ExpectedVersion
{
    static readonly AsyncLocal<(Guid Id, int Version)?> Current = new();

    public static (Guid Id, int Version)? Value => Current.Value;

    public static IDisposable Expect(Guid id, int version)
    {
        var previous = Current.Value;
        Current.Value = (id, version);
        return new Restore(previous);
    }

    sealed class Restore((Guid, int)? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>Increments <see cref="IVersioned.Version"/> on update, checking it against <see cref="ExpectedVersion"/> when one is set.</summary>
public sealed class VersionInterceptor : SaveChangesInterceptor
{
    public static readonly VersionInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Bump(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Bump(eventData.Context);
        return ValueTask.FromResult(result);
    }

    static void Bump(DbContext? context)
    {
        if (context is null) return;
        var expected = ExpectedVersion.Value;
        foreach (var entry in SavingEntries.Of(context))
        {
            if (entry.Entity is not IVersioned versioned) continue;
            if (entry.State == EntityState.Added && versioned.Version == 0) { versioned.Version = 1; continue; }
            if (entry.State != EntityState.Modified) continue;
            var version = entry.Property(nameof(IVersioned.Version));
            if (version.IsModified && !Equals(version.CurrentValue, version.OriginalValue)) continue; // already bumped in this save
            // The client's version becomes the WHERE condition: a stale client fails like a racing one.
            if (expected is { } x && entry.Metadata.FindPrimaryKey()?.Properties is [var key] && Equals(entry.Property(key.Name).CurrentValue, x.Id))
                version.OriginalValue = x.Version;
            version.CurrentValue = (int)version.OriginalValue! + 1;
        }
    }
}
