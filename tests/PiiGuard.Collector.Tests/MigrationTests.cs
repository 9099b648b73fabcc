using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Npgsql;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// The collector makes and migrates its own schema when it starts: a database of the previous schema version keeps
/// its rows and is brought to the newest; a database that holds another payload's submissions stops the start.
/// </summary>
public abstract class MigrationTests(TestStorage storage) : IAsyncLifetime
{
    /// <summary>The previous schema version, which <see cref="CreatePreviousVersionAsync"/> makes.</summary>
    protected const int PreviousVersion = 1;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "piiguard-collector-migrations", Guid.NewGuid().ToString("N"));
    private TestDatabase? _database;

    /// <summary>Gets the SQLite database file of the test.</summary>
    protected string SqlitePath => Path.Combine(_data, "collector.db");

    /// <summary>Gets the PostgreSQL database of the test.</summary>
    protected TestDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        if (storage == TestStorage.PostgreSql)
        {
            _database = await PostgresServer.CreateDatabaseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_of_the_previous_schema_version_keeps_its_rows_and_is_migrated_on_start()
    {
        Guid stored = Guid.NewGuid();
        await CreatePreviousVersionAsync(stored, new DateOnly(2024, 11, 4));

        await using CollectorHost host = await StartAsync();

        Assert.Equal(host.Store.LatestVersion, await host.Store.SchemaVersionAsync());
        Assert.True(host.Store.LatestVersion > PreviousVersion);
        Assert.Equal(1, await Submissions.CountAsync(host, stored));
        using HttpClient client = host.Client();

        // The old row still counts as that installation's week (a retry is a duplicate) and still limits it.
        Assert.Equal(HttpStatusCode.OK, await Submissions.SubmitAsync(host, client, stored, Submissions.LastWeek));
        Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, Guid.NewGuid(), Submissions.LastWeek));
        Assert.Equal(2, await host.CountSubmissionsAsync());
    }

    [Fact]
    public async Task Starting_again_on_the_newest_schema_changes_nothing()
    {
        Guid id = Guid.NewGuid();
        await using (CollectorHost host = await StartAsync())
        {
            using HttpClient client = host.Client();
            Assert.Equal(HttpStatusCode.Created, await Submissions.SubmitAsync(host, client, id, Submissions.LastWeek));
        }

        await using CollectorHost again = await StartAsync();
        Assert.Equal(again.Store.LatestVersion, await again.Store.SchemaVersionAsync());
        Assert.Equal(1, await Submissions.CountAsync(again, id));
    }

    [Fact]
    public async Task A_database_of_another_payload_stops_the_start_with_a_message_that_says_so()
    {
        using (CollectorStore store = CreateStore())
        {
            store.Migrate("another_payload");
        }

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(StartAsync);
        Assert.Contains("'another_payload'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'printernizer_usage'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Makes the previous schema version with one stored submission, as a collector of that version left it.</summary>
    protected abstract Task CreatePreviousVersionAsync(Guid installationId, DateOnly week);

    /// <summary>A store on the test's database.</summary>
    internal CollectorStore CreateStore() =>
        storage == TestStorage.PostgreSql ? new PostgreSqlCollectorStore(Database.ConnectionString) : new SqliteCollectorStore(SqlitePath);

    private Task<CollectorHost> StartAsync() =>
        storage == TestStorage.PostgreSql
            ? CollectorHost.StartAsync(storage, null, Database)
            : CollectorHost.StartAsync(storage, null, null, $"--Collector:DatabasePath={SqlitePath}");
}

/// <summary>
/// The migrations on SQLite. The previous version is the database of the reference collector before it became a
/// library: its tables, made with its own statements, without a schema-version table.
/// </summary>
public sealed class MigrationTestsOnSqlite() : MigrationTests(TestStorage.Sqlite)
{
    protected override Task CreatePreviousVersionAsync(Guid installationId, DateOnly week)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SqlitePath)!);
        using var connection = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS submissions (
                installation_id TEXT NOT NULL,
                week_start TEXT NOT NULL,
                received_hour TEXT NOT NULL,
                schema_version TEXT NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (installation_id, week_start)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS submissions_by_week ON submissions (week_start);
            CREATE TABLE IF NOT EXISTS rate_limits (
                installation_id TEXT NOT NULL PRIMARY KEY,
                not_before TEXT NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO submissions VALUES ($id, $week, '2024-11-14T09:00:00Z', '1.0', $payload);
            INSERT INTO rate_limits VALUES ($id, '2024-11-14T10:01:00Z');
            """;
        command.Parameters.AddWithValue("$id", installationId.ToString("D"));
        command.Parameters.AddWithValue("$week", week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$payload", TelemetrySerializer.SerializeToString(Submissions.Report(installationId, Submissions.LastWeek)));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}

/// <summary>The migrations on PostgreSQL: the previous version made by the collector's own migrations up to it.</summary>
public sealed class MigrationTestsOnPostgreSql() : MigrationTests(TestStorage.PostgreSql)
{
    protected override async Task CreatePreviousVersionAsync(Guid installationId, DateOnly week)
    {
        using (CollectorStore store = CreateStore())
        {
            store.Migrate("printernizer_usage", PreviousVersion);
        }

        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO submissions VALUES (@id, @week, '2024-11-14T09:00:00Z', '1.0', @payload); INSERT INTO rate_limits VALUES (@id, '2024-11-14T10:01:00Z');",
            connection);
        command.Parameters.AddWithValue("id", installationId);
        command.Parameters.AddWithValue("week", week);
        command.Parameters.AddWithValue("payload", TelemetrySerializer.SerializeToString(Submissions.Report(installationId, Submissions.LastWeek)));
        await command.ExecuteNonQueryAsync();
    }
}
