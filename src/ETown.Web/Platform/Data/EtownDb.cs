using ETown.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace ETown.Web.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Which database the app runs on. Set <c>Database:Provider</c> (env <c>Database__Provider</c>) to
/// <c>Postgres</c> and <c>ConnectionStrings:Postgres</c> (env <c>ConnectionStrings__Postgres</c>);
/// the default is an SQLite file in <c>Database:SqlitePath</c> (default <c>data/etown.db</c>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration config, string contentRoot)
    {
        var providerText = config["Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new StartupException($"未知的数据库类型 Database:Provider = \"{providerText}\"，可选 Sqlite 或 Postgres。");
        if (provider == DatabaseProvider.Postgres)
        {
            var cs = config.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(cs))
                throw new StartupException("已选择 PostgreSQL，但未设置连接串 ConnectionStrings:Postgres（环境变量 ConnectionStrings__Postgres）。");
            return new(provider, cs);
        }
        var path = config["Database:SqlitePath"] ?? "data/etown.db";
        if (!Path.IsPathRooted(path)) path = Path.Combine(contentRoot, path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new(provider, $"Data Source={path};Foreign Keys=True;Pooling=True");
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource})"
        : $"PostgreSQL ({new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}:{new NpgsqlConnectionStringBuilder(ConnectionString).Port}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database})";
}

/// <summary>A configuration or environment problem reported to the operator in plain words.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Creates short-lived contexts for a given caller (the factory pattern Blazor Server needs:
/// one context per operation, never one per circuit).
/// </summary>
public sealed class EtownDb(DatabaseSettings settings, TimeProvider clock, Modules.ModuleCatalog? modules = null, Audit.AuditKeyRing? auditKeys = null)
{
    public Audit.AuditKeyRing? AuditKeys => auditKeys;

    readonly DbContextOptions _options = BuildOptions(settings);

    public DatabaseSettings Settings => settings;

    public static DbContextOptions BuildOptions(DatabaseSettings s) => s.Provider switch
    {
        DatabaseProvider.Sqlite => new DbContextOptionsBuilder<SqliteEtownDbContext>()
            .UseSqlite(s.ConnectionString).Options,
        _ => new DbContextOptionsBuilder<PostgresEtownDbContext>()
            .UseNpgsql(s.ConnectionString).Options,
    };

    public EtownDbContext Create(Caller caller)
    {
        EtownDbContext ctx = settings.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteEtownDbContext(_options, caller, clock, modules),
            _ => new PostgresEtownDbContext(_options, caller, clock, modules),
        };
        ctx.AuditKeys = auditKeys;
        return ctx;
    }

    public EtownDbContext CreateSystem() => Create(Caller.System());
}

// Design-time factories: `dotnet ef migrations add X --context SqliteEtownDbContext` (see docs/operations.md).
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteEtownDbContext>
{
    public SqliteEtownDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEtownDbContext>().UseSqlite("Data Source=design.db").Options,
            Caller.System(), TimeProvider.System);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresEtownDbContext>
{
    public PostgresEtownDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEtownDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
            Caller.System(), TimeProvider.System);
}
