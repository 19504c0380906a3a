using System.Collections.Concurrent;
using ETown.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ETown.Web.Platform.Data
{
    public abstract partial class EtownDbContext
    {
        /// <summary>Data generations: counters every write of the data they cover bumps in its own transaction (issue #16).</summary>
        public DbSet<Caching.DataGeneration> DataGenerations => Set<Caching.DataGeneration>();

        /// <summary>Per e-town stamps: bumped with the generation for each e-town whose own rows a save changes (issue #16).</summary>
        public DbSet<Caching.EtownDataStamp> EtownDataStamps => Set<Caching.EtownDataStamp>();

        /// <summary>A covered write saved outside a transaction: bump the generation once it has committed.</summary>
        internal bool GenerationPending { get; set; }

        /// <summary>The e-towns whose own covered rows the pending save changes (their stamps are bumped with the generation).</summary>
        internal HashSet<Guid>? StampsPending { get; set; }
    }
}

namespace ETown.Web.Platform.Caching
{
    /// <summary>
    /// A counter of the writes to one area of data (issue #16). <see cref="GenerationInterceptor"/> adds one to it inside the
    /// transaction of every SaveChanges that changes an entity of the area, so a reader that sees generation N sees every write
    /// before N — on every app instance, since the counter is a row of the shared database.
    /// </summary>
    public class DataGeneration : IProvinceWide
    {
        /// <summary>The figures derived from statistics, standards, e-towns, declarations, plans and acceptance (dashboards, matrix).</summary>
        public const string Derived = "derived";

        public required string Area { get; set; }
        public long Value { get; set; }
    }

    /// <summary>
    /// The per e-town counterpart of <see cref="DataGeneration"/>: <see cref="GenerationInterceptor"/> adds one to it in the same
    /// transaction for every e-town whose own rows (<see cref="IEtownOwned"/>) of the covered modules a save changes. A read that
    /// derives figures e-town by e-town keeps what it derived for the e-towns whose stamp did not move (StatFactsCache): after one
    /// liaison's save only that e-town is read again, not the province. No row = never written since the table was added (0).
    /// </summary>
    public class EtownDataStamp : IProvinceWide
    {
        public Guid EtownId { get; set; }
        public long Value { get; set; }
    }

    sealed class EtownDataStampConfiguration : IEntityTypeConfiguration<EtownDataStamp>
    {
        public void Configure(EntityTypeBuilder<EtownDataStamp> e) => e.HasKey(x => x.EtownId);
    }

    sealed class DataGenerationConfiguration : IEntityTypeConfiguration<DataGeneration>
    {
        public void Configure(EntityTypeBuilder<DataGeneration> e)
        {
            e.HasKey(x => x.Area);
            e.Property(x => x.Area).HasMaxLength(32);
            e.HasData(new DataGeneration { Area = DataGeneration.Derived, Value = 0 });
        }
    }

    /// <summary>
    /// Bumps <see cref="DataGeneration.Derived"/> when a save changes covered data: after the domain rows are written and before
    /// the audit interceptor (registered after this one) appends its records and commits the transaction it opened — so the bump
    /// commits or rolls back with the write, and the generation row is locked only for the audit step that serialises writers anyway.
    /// A reader that reads the new generation reads the new data, and the writer's own request returns only after the commit.
    /// </summary>
    public sealed class GenerationInterceptor : SaveChangesInterceptor
    {
        public static readonly GenerationInterceptor Instance = new();

        /// <summary>
        /// The modules whose data the cached reads derive from (StatAnalyticsService.ScopeAsync, StandardService.MatrixAsync):
        /// statistics, standards (figures, evidence, versions), e-towns, declarations (targets), plans (pinned versions, own
        /// growth targets) and acceptance (acceptance years). A module a cached read comes to depend on is added here.
        /// </summary>
        static readonly string[] DerivedFrom =
        [
            "ETown.Web.Features.Statistics", "ETown.Web.Features.Standards", "ETown.Web.Features.Etowns",
            "ETown.Web.Features.Declarations", "ETown.Web.Features.Plans", "ETown.Web.Features.Acceptance",
        ];

        static readonly ConcurrentDictionary<Type, bool> Watched = new();

        public static bool Covers(Type t) => Watched.GetOrAdd(t, static t =>
            t.Namespace is { } ns && DerivedFrom.Any(p => ns == p || ns.StartsWith(p + ".", StringComparison.Ordinal)));

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Mark(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken ct = default)
        {
            Mark(eventData.Context);
            return ValueTask.FromResult(result);
        }

        static void Mark(DbContext? context)
        {
            if (context is not EtownDbContext db) return;
            foreach (var row in Data.SavingEntries.Of(db).Select(e => e.Entity).Concat(db.UntrackedAdds))
            {
                if (!Covers(row.GetType())) continue;
                db.GenerationPending = true;
                if (row is IEtownOwned owned) (db.StampsPending ??= []).Add(owned.EtownId);
            }
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
            SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
        {
            if (eventData.Context is EtownDbContext { GenerationPending: true } db)
            {
                db.GenerationPending = false;
                await BumpAsync(db, ct);
                var stamps = db.StampsPending;
                db.StampsPending = null;
                if (stamps is { Count: > 0 }) await BumpEtownsAsync(db, stamps, ct);
            }
            return result;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData)
        {
            if (eventData.Context is not EtownDbContext db) return;
            db.GenerationPending = false;
            db.StampsPending = null;
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
        {
            SaveChangesFailed(eventData);
            return Task.CompletedTask;
        }

        /// <summary>
        /// The e-towns' stamps plus one (a row is created at an e-town's first write), in the saving transaction: one statement per 500 e-towns (an import file touches a hundred: one round trip,
        /// not a hundred; issue #16 target 3), in id order so two writers lock the rows in the same order (no deadlock).
        /// </summary>
        public static async Task BumpEtownsAsync(EtownDbContext db, IEnumerable<Guid> etownIds, CancellationToken ct = default)
        {
            foreach (var chunk in etownIds.Distinct().Order().Chunk(500))
            {
                // Only parameter placeholders {0}, {1}, … are put into the text; the ids are parameters.
                var sql = "INSERT INTO \"EtownDataStamps\" (\"EtownId\", \"Value\") VALUES "
                          + string.Join(", ", chunk.Select((_, i) => "({" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}, 1)"))
                          + " ON CONFLICT (\"EtownId\") DO UPDATE SET \"Value\" = \"EtownDataStamps\".\"Value\" + 1";
                await db.Database.ExecuteSqlRawAsync(sql, chunk.Cast<object>(), ct);
            }
        }

        /// <summary>For writes that bypass SaveChanges (ExecuteUpdate, raw SQL) of the covered data: call it in their transaction.</summary>
        public static Task BumpAsync(EtownDbContext db, CancellationToken ct = default) =>
            db.DataGenerations.IgnoreQueryFilters().Where(g => g.Area == DataGeneration.Derived)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Value, g => g.Value + 1), ct);
    }

    /// <summary>
    /// Results of expensive scoped reads, shared across requests and circuits of one app instance, valid for one data generation
    /// (issue #16). The key names the caller's data scope (everything its query filters read), so a county never gets a city's
    /// rows; each lookup reads the current generation first (one primary-key read), so a write committed on any instance is
    /// seen by the next read. Without the generation row (a database not migrated yet) nothing is cached.
    /// </summary>
    public sealed class ReadCache(EtownDb db)
    {
        const int MaxEntries = 512;
        readonly ConcurrentDictionary<string, (long Generation, object Value)> _entries = new(StringComparer.Ordinal);
        readonly ConcurrentDictionary<string, Lazy<Task<object>>> _inflight = new(StringComparer.Ordinal);
        long _newest = -1;

        public async Task<long?> GenerationAsync(CancellationToken ct)
        {
            await using var ctx = db.CreateSystem();
            return await ctx.DataGenerations.AsNoTracking().Where(g => g.Area == DataGeneration.Derived).Select(g => (long?)g.Value).FirstOrDefaultAsync(ct);
        }

        /// <summary>The value for <paramref name="key"/> at the current generation, computed by <paramref name="compute"/> when missing.</summary>
        /// <remarks>The generation is read before <paramref name="compute"/> reads any data: a value stored under N never predates N.</remarks>
        public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute, CancellationToken ct) where T : class
        {
            var generation = await GenerationAsync(ct);
            if (generation is not { } g) return await compute();
            if (_entries.TryGetValue(key, out var hit) && hit.Generation == g && hit.Value is T value) return value;
            var fresh = await ComputeOnceAsync(key, g, compute, ct);
            if (g > Interlocked.Read(ref _newest))
            {
                Interlocked.Exchange(ref _newest, g);
                foreach (var old in _entries.Where(e => e.Value.Generation < g).Select(e => e.Key).ToList()) _entries.TryRemove(old, out _);
            }
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[key] = (g, fresh);
            return fresh;
        }

        /// <summary>
        /// One computation per key and generation at a time: at month-end many users open the same board right after a save, and
        /// each computing it alone would put N times the work on the database at the moment it is busiest. The later callers
        /// await the first one's result, which is the value at the same generation they read. If that computation is cancelled
        /// (its request went away) while this caller still wants the value, this caller computes it itself.
        /// </summary>
        async Task<T> ComputeOnceAsync<T>(string key, long generation, Func<Task<T>> compute, CancellationToken ct) where T : class
        {
            var flightKey = generation.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + key;
            Lazy<Task<object>> mine = null!;
            mine = new Lazy<Task<object>>(RunAsync, LazyThreadSafetyMode.ExecutionAndPublication);
            var flight = _inflight.GetOrAdd(flightKey, mine);
            // The first caller awaits its own computation to the end: it runs on this request's services.
            if (ReferenceEquals(flight, mine)) return (T)await mine.Value;
            try
            {
                return (T)await flight.Value.WaitAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The first caller's request went away (cancelled, its services disposed) or failed: compute for this caller.
                return await compute();
            }

            async Task<object> RunAsync()
            {
                try { return await compute(); }
                finally { _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(flightKey, mine)); }
            }
        }

        /// <summary>Everything a query filter reads of the caller's scope; a province-wide caller's filters read only <c>All</c> and <c>IsSystem</c>.</summary>
        public static string ScopeKey(DataScope s) => s.All
            ? $"all:{s.IsSystem}:{s.RegionPrefix}"
            : $"{s.RegionPrefix}:{s.OrganisationId}:{s.UserId}:{s.PublishedOnly}:{string.Join(',', s.EtownIds.Order())}";
    }
}
