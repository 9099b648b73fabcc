using System.Data.Common;
using Npgsql;

namespace PiiGuard.Collector.Storage;

/// <summary>
/// The collector on a PostgreSQL database, for any number of collector instances: no state in the process. Each
/// submission is one READ COMMITTED transaction whose conditional upsert of the installation's rate-limit row takes
/// the hour or not (PostgreSQL makes a concurrent upsert of the same row wait and then see the new row), and whose
/// insert meets the primary key (installation_id, week_start). Migrations run in a transaction under a
/// transaction-scoped advisory lock, so instances that start at once migrate one after the other.
/// </summary>
internal sealed class PostgreSqlCollectorStore : CollectorStore
{
    // The advisory lock key of the collector's migrations: "PiiGuard" in ASCII.
    private const long MigrationLock = 0x5069_6947_7561_7264;

    private static readonly string[] PostgreSqlMigrations =
    [
        """
        CREATE TABLE submissions (
            installation_id uuid NOT NULL,
            week_start date NOT NULL,
            received_hour timestamptz NOT NULL,
            schema_version text NOT NULL,
            payload text NOT NULL,
            PRIMARY KEY (installation_id, week_start)
        );
        CREATE INDEX submissions_by_week ON submissions (week_start);
        CREATE TABLE rate_limits (
            installation_id uuid NOT NULL PRIMARY KEY,
            not_before timestamptz NOT NULL
        );
        """,
        """
        CREATE INDEX rate_limits_by_time ON rate_limits (not_before);
        CREATE TABLE collector_settings (
            key text NOT NULL PRIMARY KEY,
            value text NOT NULL
        );
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Connects to the database of <paramref name="connectionString"/>; <see cref="CollectorStore.Migrate"/> makes its schema.</summary>
    /// <param name="connectionString">The connection string.</param>
    public PostgreSqlCollectorStore(string connectionString)
    {
        // No logger factory: Npgsql logs nothing of the collector's statements or parameters.
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        NpgsqlConnectionStringBuilder settings = builder.ConnectionStringBuilder;

        // The pool is the collector's own and its statements leave no session state (the migration lock is
        // transaction-scoped), so a returned connection needs no DISCARD ALL, which Npgsql otherwise sends as a second
        // transaction per submission; and its few statements are prepared once per connection instead of parsed and
        // planned on every submission (benchmarks/README.md, "SQLite, PostgreSQL x1 and PostgreSQL x2": one instance
        // accepts about 30 % more). What the connection string says explicitly wins.
        // (NpgsqlConnectionStringBuilder knows every keyword; the string as given says which were set.)
        string[] given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToArray();
        if (!given.Contains("NoResetOnClose", StringComparer.OrdinalIgnoreCase))
        {
            settings.NoResetOnClose = true;
        }

        if (!given.Contains("MaxAutoPrepare", StringComparer.OrdinalIgnoreCase))
        {
            settings.MaxAutoPrepare = 16;
        }

        _dataSource = builder.Build();
    }

    /// <summary>The connection settings the store's pool uses (without a password), for tests.</summary>
    internal string PoolSettings => _dataSource.ConnectionString;

    /// <inheritdoc/>
    protected override IReadOnlyList<string> Migrations => PostgreSqlMigrations;

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc/>
    protected override async ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);

    /// <inheritdoc/>
    protected override void LockMigrations(DbConnection connection, DbTransaction transaction) =>
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key);", ("@key", MigrationLock));

    /// <inheritdoc/>
    protected override object Id(Guid id) => id;

    /// <inheritdoc/>
    protected override object Day(DateOnly day) => day;

    /// <inheritdoc/>
    protected override object Time(DateTimeOffset value) => value.ToUniversalTime();

    /// <inheritdoc/>
    protected override DateOnly ReadDay(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    /// <inheritdoc/>
    protected override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    /// <inheritdoc/>
    protected override DateTimeOffset ReadTime(object value) => value switch
    {
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException("not_before is not a timestamp."),
    };

    /// <inheritdoc/>
    public override void Dispose() => _dataSource.Dispose();
}
