using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PiiGuard.Collector;

/// <summary>What one accepted submission becomes: its installation, its week and the canonical payload JSON.</summary>
/// <param name="InstallationId">The client's random installation id.</param>
/// <param name="WeekStart">The Monday its statistics cover.</param>
/// <param name="SchemaVersion">The payload's schema version.</param>
/// <param name="PayloadJson">The payload as the generated serializer writes it.</param>
public sealed record StoredSubmission(Guid InstallationId, DateOnly WeekStart, string SchemaVersion, string PayloadJson);

/// <summary>What storing a submission did.</summary>
public enum StoreOutcome
{
    /// <summary>Stored.</summary>
    Accepted,

    /// <summary>That installation's week is already stored: a retry, counted once.</summary>
    Duplicate,

    /// <summary>The installation submitted less than an hour ago.</summary>
    RateLimited,
}

/// <summary>
/// The collector's SQLite database: one row per installation and week, and the time each installation may submit
/// again. There is no column for a client address, a request time finer than the hour, or anything else a request
/// carries besides the validated payload.
/// </summary>
public sealed class CollectorStore
{
    /// <summary>The least time between two accepted submissions of one installation.</summary>
    public static readonly TimeSpan SubmissionInterval = TimeSpan.FromHours(1);

    private const string Schema = """
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
        """;

    private readonly string _connectionString;

    // SQLite has one writer at a time; writers that meet in SQLite's busy handler sleep in steps and leave the lock
    // idle (benchmarks/README.md, "Collector benchmarks"). Taking turns here first keeps them in order.
    private readonly object _writeGate = new();

    /// <summary>Opens (and creates) the database at <paramref name="path"/>, owner-only with its folder (see <see cref="OwnerOnly"/>).</summary>
    /// <param name="path">The database file.</param>
    public CollectorStore(string path)
    {
        OwnerOnly.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        OwnerOnly.PrepareDatabase(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 10 }.ToString();
        using SqliteConnection connection = Open();
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        Execute(connection, null, Schema);
    }

    /// <summary>
    /// Stores a submission unless that installation's week is already stored (a retry: nothing changes) or the
    /// installation submitted less than <see cref="SubmissionInterval"/> ago.
    /// </summary>
    /// <param name="submission">The validated submission.</param>
    /// <param name="now">The current time.</param>
    /// <returns>What happened, and for <see cref="StoreOutcome.RateLimited"/> how long until the installation may submit.</returns>
    public (StoreOutcome Outcome, TimeSpan RetryAfter) Store(StoredSubmission submission, DateTimeOffset now)
    {
        lock (_writeGate)
        {
            return StoreLocked(submission, now);
        }
    }

    private (StoreOutcome Outcome, TimeSpan RetryAfter) StoreLocked(StoredSubmission submission, DateTimeOffset now)
    {
        using SqliteConnection connection = Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        string id = submission.InstallationId.ToString("D");
        if (Scalar(connection, transaction, "SELECT 1 FROM submissions WHERE installation_id = $id AND week_start = $week;", ("$id", id), ("$week", Day(submission.WeekStart))) is not null)
        {
            return (StoreOutcome.Duplicate, TimeSpan.Zero);
        }

        if (Scalar(connection, transaction, "SELECT not_before FROM rate_limits WHERE installation_id = $id;", ("$id", id)) is string text &&
            DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) is var notBefore && notBefore > now)
        {
            return (StoreOutcome.RateLimited, notBefore - now);
        }

        Execute(connection, transaction,
            "INSERT INTO submissions (installation_id, week_start, received_hour, schema_version, payload) VALUES ($id, $week, $hour, $version, $payload);",
            ("$id", id), ("$week", Day(submission.WeekStart)), ("$hour", Hour(TelemetryEnvelope.TruncateToHour(now))),
            ("$version", submission.SchemaVersion), ("$payload", submission.PayloadJson));
        Execute(connection, transaction,
            "INSERT INTO rate_limits (installation_id, not_before) VALUES ($id, $at) ON CONFLICT (installation_id) DO UPDATE SET not_before = excluded.not_before;",
            ("$id", id), ("$at", Minute(now + SubmissionInterval)));
        transaction.Commit();
        return (StoreOutcome.Accepted, TimeSpan.Zero);
    }

    /// <summary>Deletes every row of an installation, at once.</summary>
    /// <param name="installationId">The installation.</param>
    /// <returns>How many submissions were deleted.</returns>
    public int DeleteInstallation(Guid installationId)
    {
        lock (_writeGate)
        {
            return DeleteInstallationLocked(installationId);
        }
    }

    private int DeleteInstallationLocked(Guid installationId)
    {
        using SqliteConnection connection = Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        string id = installationId.ToString("D");
        int deleted = Execute(connection, transaction, "DELETE FROM submissions WHERE installation_id = $id;", ("$id", id));
        Execute(connection, transaction, "DELETE FROM rate_limits WHERE installation_id = $id;", ("$id", id));
        transaction.Commit();
        return deleted;
    }

    /// <summary>How many submissions an installation has: for the admin's deletion checks only.</summary>
    /// <param name="installationId">The installation.</param>
    /// <returns>The count.</returns>
    public long CountInstallation(Guid installationId)
    {
        using SqliteConnection connection = Open();
        return (long)Scalar(connection, null, "SELECT COUNT(*) FROM submissions WHERE installation_id = $id;", ("$id", installationId.ToString("D")))!;
    }

    /// <summary>Deletes submissions of weeks that started before <paramref name="cutoff"/> and rate limits that have run out.</summary>
    /// <param name="cutoff">The oldest week start kept.</param>
    /// <param name="now">The current time.</param>
    /// <returns>How many submissions were deleted.</returns>
    public int Purge(DateOnly cutoff, DateTimeOffset now)
    {
        lock (_writeGate)
        {
            return PurgeLocked(cutoff, now);
        }
    }

    private int PurgeLocked(DateOnly cutoff, DateTimeOffset now)
    {
        using SqliteConnection connection = Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        int deleted = Execute(connection, transaction, "DELETE FROM submissions WHERE week_start < $cutoff;", ("$cutoff", Day(cutoff)));
        Execute(connection, transaction, "DELETE FROM rate_limits WHERE not_before <= $now;", ("$now", Minute(now)));
        transaction.Commit();
        return deleted;
    }

    /// <summary>Every stored payload, week by week, for the population-level statistics.</summary>
    /// <returns>(week start, payload JSON) pairs, oldest week first.</returns>
    public List<(DateOnly WeekStart, string PayloadJson)> ReadPayloads()
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT week_start, payload FROM submissions ORDER BY week_start, installation_id;";
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<(DateOnly, string)>();
        while (reader.Read())
        {
            rows.Add((DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>The number of stored submissions.</summary>
    /// <returns>The count.</returns>
    public long CountSubmissions()
    {
        using SqliteConnection connection = Open();
        return (long)Scalar(connection, null, "SELECT COUNT(*) FROM submissions;")!;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Hour(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH':00:00Z'", CultureInfo.InvariantCulture);

    // Rounded up to the minute: when to accept again, nothing finer.
    private static string Minute(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        long remainder = ticks % TimeSpan.TicksPerMinute;
        var rounded = new DateTime(remainder == 0 ? ticks : ticks - remainder + TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        return rounded.ToString("yyyy-MM-dd'T'HH':'mm':00Z'", CultureInfo.InvariantCulture);
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;");
        return connection;
    }
}
