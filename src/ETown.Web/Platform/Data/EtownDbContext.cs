using System.Text.Json;
using ETown.Web.Platform.Audit;
using ETown.Web.Platform.Auth;
using ETown.Web.Platform.Modules;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ETown.Web.Platform.Data;

/// <summary>
/// The one model, shared by both providers (provider subclasses exist only so each keeps its own
/// generated migrations, see docs/architecture.md). The context names no feature: each module owns its
/// entity configurations (<c>IEntityTypeConfiguration</c> in its folder, found in the module assemblies)
/// and its <c>DbSet</c>s (a <c>*Persistence.cs</c> part of this class). Two mechanisms no feature may
/// forget are built here once: the data-scope query filters, from each entity's ownership markers
/// (<see cref="ScopeFilter"/>), and — through interceptors — the creation/update stamps and the
/// hash-chained audit on save (<see cref="StampInterceptor"/>, <see cref="AuditChainInterceptor"/>).
/// </summary>
public abstract partial class EtownDbContext(DbContextOptions options, Caller caller, TimeProvider clock, ModuleCatalog? modules = null)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public Caller Caller { get; } = caller;
    public TimeProvider Clock { get; } = clock;

    /// <summary>The modules whose entities make up this model (the built-in set unless a host added more).</summary>
    public ModuleCatalog Modules { get; } = modules ?? ModuleCatalog.BuiltIn;

    internal AuditSaveState AuditState { get; } = new();

    /// <summary>The rows the save in progress writes, shared by the saving interceptors (<see cref="SavingEntries"/>).</summary>
    internal IReadOnlyList<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry>? CurrentSaveEntries { get; set; }

    /// <summary>New rows added with <see cref="AddUntracked"/>, inserted by the next save.</summary>
    internal List<object> UntrackedAdds { get; } = [];

    /// <summary>
    /// Adds a new row that the next save inserts — with the same text-length check, data-generation bump and audit record
    /// as a tracked one — but without change tracking: for the thousands of new rows of one save (a province import file
    /// adds 2 000 statistics values; tracking them was a quarter of the import, issue #16 target 3). Only for plain rows
    /// <see cref="BulkInsert"/> can write (<see cref="BulkInsert.QualifiesUntracked"/>); the row is inserted as it is at
    /// the save, after EF's own inserts (so the rows it refers to exist), and is not tracked afterwards.
    /// </summary>
    public void AddUntracked<T>(T row) where T : class
    {
        var type = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        if (!BulkInsert.QualifiesUntracked(type)) throw new InvalidOperationException($"{typeof(T).Name} cannot be added untracked");
        UntrackedAdds.Add(row);
    }

    /// <summary>Takes back a row <see cref="AddUntracked"/> added before the save (as removing an added row untracks it).</summary>
    public bool RemoveUntracked(object row) => UntrackedAdds.Remove(row);

    /// <summary>The key that signs new audit records (issue #17 finding 9); null only for design-time contexts.</summary>
    public AuditKeyRing? AuditKeys { get; internal set; }

    // The caller's scope as flat members of the context: query filters read them, so EF parameterises
    // them per context instance (ScopeFilter puts this context in the filter expressions).
    public bool ScopeAll => Caller.Scope.All;
    public string? ScopeRegionPrefix => Caller.Scope.RegionPrefix;
    /// <summary>The city part of a city or county scope: a county sees what its city publishes.</summary>
    public string? ScopeCityPrefix => Caller.Scope.CityPrefix;
    public Guid[] ScopeEtownIds => Caller.Scope.EtownIds;
    public Guid? ScopeOrganisationId => Caller.Scope.OrganisationId;
    public bool ScopePublishedOnly => Caller.Scope.PublishedOnly;
    public Guid? ScopeUserId => Caller.Scope.UserId;
    public bool ScopeIsSystem => Caller.Scope.IsSystem;

    protected override void OnConfiguring(DbContextOptionsBuilder b)
    {
        b.ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeyFactory>()
         .AddInterceptors(StampInterceptor.Instance, VersionInterceptor.Instance, TextLengthInterceptor.Instance,
             Caching.GenerationInterceptor.Instance, // before the audit interceptor: it bumps inside the transaction that one commits (#16)
             AuditChainInterceptor.Instance);
        // A host with modules beyond the built-in ones (a test's toy module) has tables the built-in
        // migrations do not know; the built-in model itself is guarded by MigrationTests.
        if (Modules != ModuleCatalog.BuiltIn) b.ConfigureWarnings(w => w.Log(RelationalEventId.PendingModelChangesWarning));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        b.Properties<decimal>().HavePrecision(18, 4);
        ConfigureProviderConventions(b);
    }

    /// <summary>Provider-specific conventions (SQLite cannot order DateTimeOffset, so it stores ticks).</summary>
    protected virtual void ConfigureProviderConventions(ModelConfigurationBuilder b) { }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        var scopeRules = new Dictionary<Type, object>();
        foreach (var assembly in Modules.Assemblies) ApplyConfigurations(b, assembly, scopeRules);
        StoreEnumsAsStrings(b);
        MarkVersionsAsConcurrencyTokens(b);
        ScopeFilter.ApplyAll(b, this, scopeRules);
        ConfigureProviderModel(b);
    }

    /// <summary>Provider-specific SQL translations (<see cref="ExactSums"/>).</summary>
    protected virtual void ConfigureProviderModel(ModelBuilder b) { }

    /// <summary>Every <c>IEntityTypeConfiguration</c> in a module assembly; the ones that are also an <see cref="IScopeRule{T}"/> are kept for the filters.</summary>
    static void ApplyConfigurations(ModelBuilder b, System.Reflection.Assembly assembly, Dictionary<Type, object> scopeRules)
    {
        var apply = typeof(ModelBuilder).GetMethods().Single(m => m.Name == nameof(ModelBuilder.ApplyConfiguration)
            && m.GetParameters()[0].ParameterType.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>));
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
            foreach (var i in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
            {
                var config = Activator.CreateInstance(type, nonPublic: true)!;
                var entity = i.GetGenericArguments()[0];
                apply.MakeGenericMethod(entity).Invoke(b, [config]);
                if (typeof(IScopeRule<>).MakeGenericType(entity).IsAssignableFrom(type)) scopeRules[entity] = config;
            }
    }

    /// <summary>Every <see cref="IVersioned"/> entity: its Version is the optimistic-concurrency token (issue #17 finding 13).</summary>
    static void MarkVersionsAsConcurrencyTokens(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType) && t.BaseType is null).ToList())
            b.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken().HasDefaultValue(0);
    }

    /// <summary>Enums are stored as strings (architecture pattern 8): readable and safe to reorder.</summary>
    static void StoreEnumsAsStrings(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var p in entity.GetProperties().Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType).IsEnum).ToList())
                b.Entity(entity.ClrType).Property(p.Name).HasConversion<string>().HasMaxLength(32);
    }

    /// <summary>Queue a security or business event (sign-in, unmasking …) to be chained on the next save.</summary>
    public void AddAuditEvent(string action, string entityType, string? entityId, string outcome,
        object? before = null, object? after = null, Guid? actorId = null, string? actorName = null)
    {
        AuditState.PendingEvents.Add(new AuditRecord
        {
            UserId = actorId, UserName = actorName,
            Action = action, EntityType = entityType, EntityId = entityId, Outcome = outcome,
            Before = before is null ? null : JsonSerializer.Serialize(before, AuditChain.Json),
            After = after is null ? null : JsonSerializer.Serialize(after, AuditChain.Json),
            PreviousHash = "", Hash = "",
        });
    }

    /// <summary>Serialises appends to the chain; SQLite already holds the write lock here.</summary>
    protected internal virtual Task LockAuditChainAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>One EF model per module set: a test host with a toy module must not reuse the built-in model, nor the reverse.</summary>
sealed class ModuleModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as EtownDbContext)?.Modules.Signature, designTime);
}

public sealed class SqliteEtownDbContext(DbContextOptions options, Caller caller, TimeProvider clock, ModuleCatalog? modules = null)
    : EtownDbContext(options, caller, clock, modules)
{
    protected override void ConfigureProviderConventions(ModelConfigurationBuilder b)
    {
        // SQLite has no native DateTimeOffset: store ticks so ordering and comparison work in SQL.
        b.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        b.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void ConfigureProviderModel(ModelBuilder b) => ExactSums.RegisterSqlite(b);
}

public sealed class PostgresEtownDbContext(DbContextOptions options, Caller caller, TimeProvider clock, ModuleCatalog? modules = null)
    : EtownDbContext(options, caller, clock, modules)
{
    protected internal override Task LockAuditChainAsync(CancellationToken ct) =>
        Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20220510)", ct);

    protected override void ConfigureProviderModel(ModelBuilder b) => ExactSums.RegisterPostgres(b);
}
