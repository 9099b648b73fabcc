using System;
using System.Threading.Tasks;
using Npgsql;

namespace PiiGuard.Collector.Tests;

/// <summary>Where the collector keeps its data in a test.</summary>
public enum TestStorage
{
    /// <summary>A SQLite file in the host's temporary data folder.</summary>
    Sqlite,

    /// <summary>A fresh database on the PostgreSQL server of <see cref="PostgresServer.Variable"/>.</summary>
    PostgreSql,
}

/// <summary>
/// The PostgreSQL server the tests use: the connection string in the environment variable
/// <see cref="Variable"/>, which tools/postgres.sh prints and tools/test.sh sets. Without it, every PostgreSQL test
/// fails with a message saying how to start one: the suite never passes by skipping them.
/// </summary>
public static class PostgresServer
{
    /// <summary>The environment variable with the server's connection string (to a database the tests may create databases from).</summary>
    public const string Variable = "PIIGUARD_TEST_POSTGRES";

    /// <summary>Gets the server's connection string.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run. Run every test with tools/test.sh, which starts a " +
                $"throwaway PostgreSQL server and stops it afterwards; or start one with eval \"$(tools/postgres.sh start)\" (it exports {Variable}), " +
                "run the tests, then tools/postgres.sh stop.");

    /// <summary>Creates a database with a random name; dispose it to drop it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        string name = "piiguard_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString());
    }
}

/// <summary>A database the tests made: dropped, with every connection to it, when disposed.</summary>
public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    /// <summary>Gets the database's name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the connection string to it.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }
}
