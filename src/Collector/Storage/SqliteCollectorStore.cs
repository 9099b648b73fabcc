using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PiiGuard.Collector.Storage;

/// <summary>
/// The collector on one SQLite file, owner-only with its folder (see <see cref="OwnerOnly"/>), in WAL mode. Times are
/// text (<c>yyyy-MM-ddTHH:mm:ssZ</c>, which sorts as it counts), ids text in the <c>D</c> format. SQLite has one
/// writer at a time: writers of this process take turns in a gate before SQLite's lock (writers that meet in SQLite's
/// busy handler sleep in steps and leave the lock idle); the guarantees themselves are the transactions' and the
/// primary key's, as on PostgreSQL.
/// </summary>
internal sealed class SqliteCollectorStore : CollectorStore
{
    // Version 1 is the schema of the reference collector before it became a library (samples/Collector), which made
    // it with CREATE ... IF NOT EXISTS and no version table: on such a database it changes nothing, and is recorded.
    private static readonly string[] SqliteMigrations =
    [
        """
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
        """,
        """
        CREATE INDEX IF NOT EXISTS rate_limits_by_time ON rate_limits (not_before);
        CREATE TABLE IF NOT EXISTS collector_settings (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ];

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Opens (and creates) the database at <paramref name="path"/>; <see cref="CollectorStore.Migrate"/> makes its schema.</summary>
    /// <param name="path">The database file.</param>
    public SqliteCollectorStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        OwnerOnly.CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
        OwnerOnly.PrepareDatabase(Path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 10 }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
    }

    /// <summary>Gets the database file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> Migrations => SqliteMigrations;

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Execute(connection, null, "PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;");
        return connection;
    }

    /// <inheritdoc/>
    protected override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false)); // BEGIN IMMEDIATE: the write lock first

    /// <inheritdoc/>
    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new Turn(_writeGate);
    }

    /// <inheritdoc/>
    protected override void LockMigrations(DbConnection connection, DbTransaction transaction)
    {
        // BEGIN IMMEDIATE took the database's write lock: another process migrating waits for this one.
    }

    /// <inheritdoc/>
    protected override object Id(Guid id) => id.ToString("D");

    /// <inheritdoc/>
    protected override object Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override object Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override DateOnly ReadDay(DbDataReader reader, int ordinal) => DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override Guid ReadId(DbDataReader reader, int ordinal) => Guid.ParseExact(reader.GetString(ordinal), "D");

    /// <inheritdoc/>
    protected override DateTimeOffset ReadTime(object value) =>
        DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <inheritdoc/>
    public override void Dispose()
    {
        _writeGate.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
