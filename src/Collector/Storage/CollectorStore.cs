using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace PiiGuard.Collector.Storage;

/// <summary>What one accepted submission becomes: its installation, its week and the canonical payload JSON.</summary>
/// <param name="InstallationId">The client's random installation id.</param>
/// <param name="WeekStart">The Monday its statistics cover.</param>
/// <param name="SchemaVersion">The payload's schema version.</param>
/// <param name="PayloadJson">The payload as the generated serializer writes it.</param>
internal sealed record StoredSubmission(Guid InstallationId, DateOnly WeekStart, string SchemaVersion, string PayloadJson);

/// <summary>What storing a submission did.</summary>
internal enum StoreOutcome
{
    /// <summary>Stored.</summary>
    Accepted,

    /// <summary>That installation's week is already stored: a retry, counted once.</summary>
    Duplicate,

    /// <summary>The installation submitted less than an hour ago.</summary>
    RateLimited,
}

/// <summary>One stored row, for the population statistics.</summary>
internal readonly record struct StoredRow(DateOnly WeekStart, Guid InstallationId, string PayloadJson);

/// <summary>
/// The collector's database, on any provider: one row per installation and week (primary key (installation_id,
/// week_start)), and one row per installation with the time it may submit again. There is no column for a client
/// address, a request time finer than the hour, or anything else a request carries besides the validated payload.
/// Every guarantee is the database's: a submission is one transaction; the hourly limit is a conditional upsert of
/// the installation's rate-limit row that either takes it or not (and waits for a concurrent one on the same row);
/// a retry meets the primary key. Providers differ in how they connect, begin a transaction and convert values.
/// </summary>
internal abstract class CollectorStore : IDisposable
{
    /// <summary>The migrations, in order: index + 1 is the schema version each brings.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Gets the newest schema version.</summary>
    public int LatestVersion => Migrations.Count;

    /// <summary>Opens a connection.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction.</summary>
    protected abstract ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Takes the provider's turn for writers, if it has one (SQLite: one writer at a time in this process).</summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Serializes the schema migrations of every process on the database, inside <paramref name="transaction"/>.</summary>
    protected abstract void LockMigrations(DbConnection connection, DbTransaction transaction);

    /// <summary>An installation id as the provider stores it.</summary>
    protected abstract object Id(Guid id);

    /// <summary>A day as the provider stores it.</summary>
    protected abstract object Day(DateOnly day);

    /// <summary>A point in time as the provider stores it; <paramref name="value"/> is whole seconds.</summary>
    protected abstract object Time(DateTimeOffset value);

    /// <summary>Reads a day.</summary>
    protected abstract DateOnly ReadDay(DbDataReader reader, int ordinal);

    /// <summary>Reads an installation id.</summary>
    protected abstract Guid ReadId(DbDataReader reader, int ordinal);

    /// <summary>Reads a point in time.</summary>
    protected abstract DateTimeOffset ReadTime(object value);

    /// <summary>Creates the schema or brings it to <paramref name="targetVersion"/> (by default the newest), and checks the payload.</summary>
    /// <param name="payloadName">The public name of the payload this collector reads; the database holds one payload's submissions.</param>
    /// <param name="targetVersion">The version to migrate to; lower only in tests of migrations.</param>
    /// <exception cref="InvalidOperationException">The database is newer than this collector, or holds another payload.</exception>
    public void Migrate(string payloadName, int? targetVersion = null)
    {
        int target = targetVersion ?? LatestVersion;
        using DbConnection connection = OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using DbTransaction transaction = BeginAsync(connection, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        LockMigrations(connection, transaction);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS collector_schema (version INTEGER NOT NULL);");
        object? current = Scalar(connection, transaction, "SELECT MAX(version) FROM collector_schema;");
        int version = current is null or DBNull ? 0 : Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture);
        if (version > LatestVersion)
        {
            throw new InvalidOperationException($"The collector's database has schema version {version}, newer than this collector's {LatestVersion}: update the collector.");
        }

        for (int next = version + 1; next <= target; next++)
        {
            Execute(connection, transaction, Migrations[next - 1]);
        }

        if (target > version)
        {
            Execute(connection, transaction, "DELETE FROM collector_schema;");
            Execute(connection, transaction, "INSERT INTO collector_schema (version) VALUES (@version);", ("@version", target));
        }

        if (target >= 2)
        {
            Execute(connection, transaction, "INSERT INTO collector_settings (key, value) VALUES ('payload', @name) ON CONFLICT (key) DO NOTHING;", ("@name", payloadName));
            string stored = (string)Scalar(connection, transaction, "SELECT value FROM collector_settings WHERE key = 'payload';")!;
            if (stored != payloadName)
            {
                throw new InvalidOperationException($"The collector's database holds submissions of the payload '{stored}', and this collector reads '{payloadName}': give each payload its own database.");
            }
        }

        transaction.Commit();
    }

    /// <summary>The schema version of the database.</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        object? value = Scalar(connection, null, "SELECT MAX(version) FROM collector_schema;");
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Stores a submission unless that installation's week is already stored (a retry: nothing changes) or the
    /// installation had one accepted less than <see cref="TelemetryCollectorOptions.SubmissionInterval"/> ago.
    /// </summary>
    /// <returns>What happened, and for <see cref="StoreOutcome.RateLimited"/> how long until the installation may submit.</returns>
    public async Task<(StoreOutcome Outcome, TimeSpan RetryAfter)> StoreAsync(StoredSubmission submission, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using IDisposable? turn = await EnterWriteAsync(cancellationToken);
        await using DbConnection connection = await OpenAsync(cancellationToken);
        await using DbTransaction transaction = await BeginAsync(connection, cancellationToken);
        object id = Id(submission.InstallationId);
        object week = Day(submission.WeekStart);
        if (await ExistsAsync(connection, transaction, id, week, cancellationToken))
        {
            return (StoreOutcome.Duplicate, TimeSpan.Zero);
        }

        // Takes the installation's turn, or not: the row is updated only when its time has come. A concurrent
        // submission of the same installation waits here for the other transaction's end, then sees its new time.
        DateTimeOffset second = WholeSeconds(now);
        object? took = await ScalarAsync(connection, transaction,
            "INSERT INTO rate_limits (installation_id, not_before) VALUES (@id, @next) " +
            "ON CONFLICT (installation_id) DO UPDATE SET not_before = excluded.not_before WHERE rate_limits.not_before <= @now RETURNING 1;",
            cancellationToken, ("@id", id), ("@next", Time(RoundUpToMinute(now + TelemetryCollectorOptions.SubmissionInterval))), ("@now", Time(second)));
        if (took is null)
        {
            // Not this installation's turn. A concurrent retry of this very week that took it is a duplicate.
            if (await ExistsAsync(connection, transaction, id, week, cancellationToken))
            {
                return (StoreOutcome.Duplicate, TimeSpan.Zero);
            }

            object? notBefore = await ScalarAsync(connection, transaction, "SELECT not_before FROM rate_limits WHERE installation_id = @id;", cancellationToken, ("@id", id));
            TimeSpan wait = notBefore is null or DBNull ? TimeSpan.FromSeconds(1) : ReadTime(notBefore) - now;
            return (StoreOutcome.RateLimited, wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
        }

        object? inserted = await ScalarAsync(connection, transaction,
            "INSERT INTO submissions (installation_id, week_start, received_hour, schema_version, payload) VALUES (@id, @week, @hour, @version, @payload) " +
            "ON CONFLICT (installation_id, week_start) DO NOTHING RETURNING 1;",
            cancellationToken, ("@id", id), ("@week", week), ("@hour", Time(TelemetryEnvelope.TruncateToHour(now))),
            ("@version", submission.SchemaVersion), ("@payload", submission.PayloadJson));
        if (inserted is null)
        {
            // Stored in the meantime by a transaction that did not need this installation's turn: a duplicate, and the
            // turn taken above is given back with the rollback.
            await transaction.RollbackAsync(cancellationToken);
            return (StoreOutcome.Duplicate, TimeSpan.Zero);
        }

        await transaction.CommitAsync(cancellationToken);
        return (StoreOutcome.Accepted, TimeSpan.Zero);
    }

    /// <summary>Deletes every row of an installation, at once.</summary>
    /// <returns>How many submissions were deleted.</returns>
    public async Task<int> DeleteInstallationAsync(Guid installationId, CancellationToken cancellationToken = default)
    {
        using IDisposable? turn = await EnterWriteAsync(cancellationToken);
        await using DbConnection connection = await OpenAsync(cancellationToken);
        await using DbTransaction transaction = await BeginAsync(connection, cancellationToken);
        object id = Id(installationId);

        // The rate-limit row first: a submission of this installation in flight holds it until it commits, so the
        // deletion of its submissions, a statement later, sees what it stored.
        await ExecuteAsync(connection, transaction, "DELETE FROM rate_limits WHERE installation_id = @id;", cancellationToken, ("@id", id));
        int deleted = await ExecuteAsync(connection, transaction, "DELETE FROM submissions WHERE installation_id = @id;", cancellationToken, ("@id", id));
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>How many submissions an installation has: for the admin's deletion checks only.</summary>
    public async Task<long> CountInstallationAsync(Guid installationId, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM submissions WHERE installation_id = @id;", cancellationToken, ("@id", Id(installationId))), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The number of stored submissions.</summary>
    public async Task<long> CountSubmissionsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM submissions;", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Deletes submissions of weeks that started before <paramref name="cutoff"/> (a range of the week index: the
    /// old rows only, however many weeks are kept) and rate limits that have run out.
    /// </summary>
    /// <returns>How many submissions were deleted.</returns>
    public async Task<int> PurgeAsync(DateOnly cutoff, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        int deleted;
        using (IDisposable? turn = await EnterWriteAsync(cancellationToken))
        {
            await using DbConnection connection = await OpenAsync(cancellationToken);
            await using DbTransaction transaction = await BeginAsync(connection, cancellationToken);
            deleted = await ExecuteAsync(connection, transaction, "DELETE FROM submissions WHERE week_start < @cutoff;", cancellationToken, ("@cutoff", Day(cutoff)));
            await transaction.CommitAsync(cancellationToken);
        }

        using (IDisposable? turn = await EnterWriteAsync(cancellationToken))
        {
            await using DbConnection connection = await OpenAsync(cancellationToken);
            await using DbTransaction transaction = await BeginAsync(connection, cancellationToken);
            await ExecuteAsync(connection, transaction, "DELETE FROM rate_limits WHERE not_before <= @now;", cancellationToken, ("@now", Time(WholeSeconds(now))));
            await transaction.CommitAsync(cancellationToken);
        }

        return deleted;
    }

    /// <summary>Every stored submission, week by week (oldest first), for the population statistics.</summary>
    public async IAsyncEnumerable<StoredRow> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, "SELECT week_start, installation_id, payload FROM submissions ORDER BY week_start, installation_id;", []);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredRow(ReadDay(reader, 0), ReadId(reader, 1), reader.GetString(2));
        }
    }

    /// <inheritdoc/>
    public virtual void Dispose()
    {
    }

    /// <summary>Rounded up to the minute: when to accept again, nothing finer.</summary>
    internal static DateTimeOffset RoundUpToMinute(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        long remainder = ticks % TimeSpan.TicksPerMinute;
        return new DateTimeOffset(remainder == 0 ? ticks : ticks - remainder + TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    // Whole seconds, rounded down: every stored time is a whole minute, so "not_before <= now" keeps its meaning.
    private static DateTimeOffset WholeSeconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, object id, object week, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, transaction, "SELECT 1 FROM submissions WHERE installation_id = @id AND week_start = @week;", cancellationToken, ("@id", id), ("@week", week)) is not null;

    /// <summary>Runs a statement.</summary>
    protected static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using DbCommand command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using DbCommand command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        object? value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
