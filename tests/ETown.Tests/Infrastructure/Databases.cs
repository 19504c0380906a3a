using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Sdk;

namespace ETown.Tests.Infrastructure;

/// <summary>
/// Which databases the data tests run on. SQLite always; PostgreSQL when <c>ETOWN_TEST_PG</c> holds an
/// admin connection string to a throw-away server. Without it the PostgreSQL rows are skipped, unless
/// <c>CI=true</c> or <c>ETOWN_REQUIRE_PG=1</c>: then they run and fail, so CI cannot silently lose them.
/// </summary>
public static class Databases
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("ETOWN_TEST_PG") is { Length: > 0 } s ? s : null;

    public static bool PostgresRequired =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("ETOWN_REQUIRE_PG") == "1";

    public const string SkipMessage =
        "PostgreSQL tests skipped: set ETOWN_TEST_PG to an admin connection string of a throw-away server " +
        "(e.g. Host=127.0.0.1;Port=55432;Username=postgres;Password=...;Database=postgres). " +
        "With CI=true or ETOWN_REQUIRE_PG=1 they fail instead of being skipped.";

    public static string? PostgresSkipReason => PostgresAdmin is null && !PostgresRequired ? SkipMessage : null;

    /// <summary>A fresh, empty database; returns its connection string.</summary>
    public static string CreateDatabase(string provider, out string cleanupToken)
    {
        if (provider == Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "etown-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            cleanupToken = dir;
            return Path.Combine(dir, "etown.db");
        }
        var admin = PostgresAdmin ?? throw new InvalidOperationException(
            "PostgreSQL tests are required here (CI=true or ETOWN_REQUIRE_PG=1) but ETOWN_TEST_PG is not set. " + SkipMessage);
        var name = "etown_test_" + Guid.NewGuid().ToString("N");
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            cmd.ExecuteNonQuery();
        }
        cleanupToken = name;
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public static void DropDatabase(string provider, string cleanupToken)
    {
        try
        {
            if (provider == Sqlite)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(cleanupToken, recursive: true);
                return;
            }
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(PostgresAdmin!);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{cleanupToken}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NpgsqlException)
        {
            // Best effort: a leftover temp folder or database must not fail the suite.
        }
    }
}

/// <summary>Row "Sqlite" for a theory taking the provider name.</summary>
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[Databases.Sqlite]];
}

/// <summary>Row "Postgres": skipped with a clear message when no server is configured (and not required).</summary>
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (Databases.PostgresSkipReason is { } reason) Skip = reason;
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[Databases.Postgres]];
}
