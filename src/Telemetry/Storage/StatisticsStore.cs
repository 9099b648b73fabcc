using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PiiGuard.Telemetry.Recording;
using PiiGuard.Telemetry.Submission;

namespace PiiGuard.Telemetry.Storage;

/// <summary>
/// The statistics store: every SQL statement the runtime runs, behind methods that speak of consent, aggregates,
/// weeks, submissions and deletion requests. Each method is one transaction; the ones that delete also rebuild the
/// file (<c>VACUUM</c>, WAL truncated) so that nothing deleted stays on disk. The file itself, its pragmas and its
/// migrations are <see cref="TelemetryDatabase"/>'s and <see cref="Migrations"/>'.
/// </summary>
/// <remarks>Not thread-safe beyond the connection's own lock: the runtime calls it under its lock.</remarks>
internal sealed partial class StatisticsStore : IDisposable
{
    private const string OptedInKey = "opted_in";
    private const string ConsentVersionKey = "consent_schema_version";
    private const string InstallationIdKey = "installation_id";
    private const string FirstSeenKey = "first_seen";
    private const string NextSubmissionKey = "next_submission_at";
    private const string FailuresKey = "submission_failures";

    private const string UpsertStatistic =
        "INSERT INTO statistics (day, kind, metric, key, component_metric, component, value) VALUES ($day, $kind, $metric, $key, $cm, $c, $value) " +
        "ON CONFLICT (day, kind, metric, key, component_metric, component) DO UPDATE SET value = ";

    private StatisticsStore(TelemetryDatabase database) => Database = database;

    /// <summary>Gets the file underneath, for tests that reach below the domain (pragmas, a full disk).</summary>
    internal TelemetryDatabase Database { get; }

    /// <summary>Opens the store; see <see cref="TelemetryDatabase.Open"/> for <paramref name="create"/> and damaged files.</summary>
    /// <returns>The store, or null when the file does not exist and <paramref name="create"/> is false.</returns>
    /// <exception cref="TelemetryStoreException">The store cannot be opened or created; the message says why.</exception>
    public static StatisticsStore? Open(string directory, string fileName, TimeSpan busyTimeout, ILogger logger, bool create) =>
        TelemetryDatabase.Open(directory, fileName, busyTimeout, logger, create) is { } database ? new StatisticsStore(database) : null;

    /// <summary>Reads the consent the file holds (another process may have changed it).</summary>
    public StoredConsent ReadConsent() => Database.Read(static (connection, transaction) => ConsentFrom(ReadSettings(connection, transaction)));

    /// <summary>Stores an opt-in to <paramref name="schemaVersion"/> under <paramref name="installationId"/>.</summary>
    public void WriteOptIn(string schemaVersion, Guid installationId, DateTimeOffset firstSeen) =>
        Database.Write((connection, transaction) =>
        {
            SetSetting(connection, transaction, OptedInKey, "1");
            SetSetting(connection, transaction, ConsentVersionKey, schemaVersion);
            SetSetting(connection, transaction, InstallationIdKey, installationId.ToString("D"));
            SetSetting(connection, transaction, FirstSeenKey, FormatDay(firstSeen));
            return 0;
        });

    /// <summary>
    /// Stores an opt-out: forgets the installation id, queues a deletion request for <paramref name="deleteRemote"/>
    /// when given, and deletes the local statistics or, with <paramref name="keepLocalData"/>, withdraws every week
    /// not yet sent (the current one included) so that none is ever sent. Then rebuilds the file.
    /// </summary>
    public void WriteOptOut(Guid? deleteRemote, bool keepLocalData, DateTimeOffset now)
    {
        Database.Write((connection, transaction) =>
        {
            SetSetting(connection, transaction, OptedInKey, "0");
            DeleteSetting(connection, transaction, InstallationIdKey);
            DeleteSetting(connection, transaction, FirstSeenKey);
            if (deleteRemote is { } id)
            {
                QueueDeletion(connection, transaction, id, now);
            }

            if (keepLocalData)
            {
                // Kept for the user to see, never to send: a later opt-in starts afresh.
                DateTimeOffset nextWeek = TelemetryPeriods.StartOf(now, Period.Week).AddDays(7);
                foreach (DateTimeOffset week in PendingWeeks(connection, transaction, nextWeek))
                {
                    SetWeekState(connection, transaction, week, WeekState.Withdrawn);
                }
            }
            else
            {
                DeleteLocalRows(connection, transaction);
            }

            return 0;
        });
        Database.Compact();
    }

    /// <summary>Replaces the installation id, queuing a deletion request for <paramref name="deleteRemote"/> when given; then rebuilds the file.</summary>
    public void ReplaceInstallationId(Guid installationId, Guid? deleteRemote, DateTimeOffset now)
    {
        Database.Write((connection, transaction) =>
        {
            SetSetting(connection, transaction, InstallationIdKey, installationId.ToString("D"));
            if (deleteRemote is { } old)
            {
                QueueDeletion(connection, transaction, old, now);
            }

            return 0;
        });
        Database.Compact();
    }

    /// <summary>
    /// Deletes every statistic, the weeks' fates, the submission log, the schedule and the installation id (a new
    /// one is stored when given), keeping the decision and the deletion requests; then rebuilds the file.
    /// </summary>
    public void DeleteAll(Guid? newInstallationId, DateTimeOffset? firstSeen)
    {
        Database.Write((connection, transaction) =>
        {
            DeleteLocalRows(connection, transaction);
            DeleteSetting(connection, transaction, InstallationIdKey);
            DeleteSetting(connection, transaction, FirstSeenKey);
            if (newInstallationId is { } id)
            {
                SetSetting(connection, transaction, InstallationIdKey, id.ToString("D"));
                SetSetting(connection, transaction, FirstSeenKey, FormatDay(firstSeen!.Value));
            }

            return 0;
        });
        Database.Compact();
    }

    /// <summary>
    /// Adds what was recorded in memory: counters and errors are summed, gauges and flags replaced. In the same
    /// transaction the stored consent is read and given to <paramref name="mayWrite"/> first; nothing is written
    /// unless it says yes (another process on the same file may have opted out).
    /// </summary>
    public void AddAggregates(IReadOnlyList<Aggregator.Delta> deltas, Func<StoredConsent, bool> mayWrite) =>
        Database.Write((connection, transaction) =>
        {
            if (mayWrite(ConsentFrom(ReadSettings(connection, transaction))))
            {
                WriteDeltas(connection, transaction, deltas);
            }

            return 0;
        });

    /// <summary>The stored statistics of the days from <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive), all when null.</summary>
    public List<StoredStatistic> ReadStatistics(DateOnly? from = null, DateOnly? until = null) =>
        Database.Read((connection, transaction) => ReadRows(connection, transaction, from, until));

    /// <summary>Completed weeks (before <paramref name="currentWeek"/>) that hold statistics and have no fate yet, oldest first.</summary>
    public List<DateTimeOffset> ReadPendingWeeks(DateTimeOffset currentWeek) =>
        Database.Read((connection, transaction) => PendingWeeks(connection, transaction, currentWeek));

    /// <summary>The counts and the schedule the status reports.</summary>
    public QueueState ReadQueueState(DateTimeOffset currentWeek) =>
        Database.Read((connection, transaction) =>
        {
            int pending = PendingWeeks(connection, transaction, currentWeek).Count;
            var states = new Dictionary<string, int>(StringComparer.Ordinal);
            ForEach(connection, transaction, "SELECT state, COUNT(*) FROM weeks GROUP BY state;", reader => states[reader.GetString(0)] = reader.GetInt32(1));
            int deletions = Convert.ToInt32(TelemetryDatabase.Scalar(connection, transaction, "SELECT COUNT(*) FROM deletion_requests;"), CultureInfo.InvariantCulture);
            Dictionary<string, string> settings = ReadSettings(connection, transaction);
            return new QueueState(
                pending,
                states.GetValueOrDefault(WeekState.Sent),
                states.GetValueOrDefault(WeekState.Dropped),
                states.GetValueOrDefault(WeekState.Rejected),
                ParseTime(settings.GetValueOrDefault(NextSubmissionKey)),
                deletions);
        });

    /// <summary>The weeks waiting to be sent, when the next submission may be made, and the failures in a row.</summary>
    public SubmissionState ReadSubmissionState(DateTimeOffset currentWeek) =>
        Database.Read((connection, transaction) =>
        {
            Dictionary<string, string> settings = ReadSettings(connection, transaction);
            return new SubmissionState(
                PendingWeeks(connection, transaction, currentWeek),
                ParseTime(settings.GetValueOrDefault(NextSubmissionKey)),
                ParseFailures(settings));
        });

    /// <summary>Marks <paramref name="weeks"/> as never to be sent: over the limit of weeks that may wait.</summary>
    public void DropWeeks(IReadOnlyList<DateTimeOffset> weeks) =>
        Database.Write((connection, transaction) =>
        {
            foreach (DateTimeOffset week in weeks)
            {
                SetWeekState(connection, transaction, week, WeekState.Dropped);
            }

            return 0;
        });

    /// <summary>Stores when the next submission may be made at the earliest (before an attempt: the rate limit holds if the process dies).</summary>
    public void WriteNextSubmission(DateTimeOffset notBefore) =>
        Database.Write((connection, transaction) =>
        {
            SetSetting(connection, transaction, NextSubmissionKey, FormatTime(notBefore));
            return 0;
        });

    /// <summary>
    /// Records an attempt to send <paramref name="week"/>: <paramref name="decide"/> gets the failures in a row so far
    /// (read in the same transaction) and says what follows; the week's fate, the schedule and a log row are written.
    /// </summary>
    /// <returns>What <paramref name="decide"/> said.</returns>
    public UploadDecision RecordSubmission(DateTimeOffset week, DateTimeOffset attemptedAt, TransportOutcome transportOutcome, int? statusCode, Func<int, UploadDecision> decide) =>
        Database.Write((connection, transaction) =>
        {
            UploadDecision decision = decide(ParseFailures(ReadSettings(connection, transaction)));
            if (decision.Outcome is SubmissionOutcome.Sent or SubmissionOutcome.Rejected)
            {
                SetWeekState(connection, transaction, week, decision.Outcome == SubmissionOutcome.Sent ? WeekState.Sent : WeekState.Rejected);
            }

            SetSetting(connection, transaction, FailuresKey, decision.Failures.ToString(CultureInfo.InvariantCulture));
            SetSetting(connection, transaction, NextSubmissionKey, FormatTime(decision.Next));
            using SqliteCommand log = connection.CreateCommand();
            log.Transaction = transaction;
            log.CommandText = "INSERT INTO submission_log (week_start, attempted_at, outcome, status_code) VALUES ($week, $at, $outcome, $status);";
            log.Parameters.AddWithValue("$week", FormatDay(week));
            log.Parameters.AddWithValue("$at", FormatTime(TelemetryEnvelope.TruncateToHour(attemptedAt)));
            log.Parameters.AddWithValue("$outcome", transportOutcome.ToString().ToLowerInvariant());
            log.Parameters.AddWithValue("$status", statusCode is { } status ? status : DBNull.Value);
            log.ExecuteNonQuery();
            return decision;
        });

    /// <summary>The deletion requests whose next attempt is due at <paramref name="now"/>, oldest request first.</summary>
    public List<DeletionRequest> ReadDueDeletionRequests(DateTimeOffset now) =>
        Database.Read((connection, transaction) =>
        {
            var rows = new List<DeletionRequest>();
            ForEach(
                connection,
                transaction,
                "SELECT installation_id, attempts FROM deletion_requests WHERE next_attempt_at <= $now ORDER BY requested_at;",
                reader =>
                {
                    if (Guid.TryParseExact(reader.GetString(0), "D", out Guid id))
                    {
                        rows.Add(new DeletionRequest(id, reader.GetInt32(1)));
                    }
                },
                ("$now", FormatTime(now)));
            return rows;
        });

    /// <summary>Removes an acknowledged deletion request (and with it the last trace of its id); then rebuilds the file.</summary>
    public void DeleteDeletionRequest(Guid installationId)
    {
        Database.Write((connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM deletion_requests WHERE installation_id = $id;";
            command.Parameters.AddWithValue("$id", installationId.ToString("D"));
            return command.ExecuteNonQuery();
        });
        Database.Compact();
    }

    /// <summary>Counts a failed attempt of a deletion request and stores when it goes again.</summary>
    public void RescheduleDeletionRequest(Guid installationId, DateTimeOffset next) =>
        Database.Write((connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE deletion_requests SET attempts = attempts + 1, next_attempt_at = $next WHERE installation_id = $id;";
            command.Parameters.AddWithValue("$id", installationId.ToString("D"));
            command.Parameters.AddWithValue("$next", FormatTime(next));
            return command.ExecuteNonQuery();
        });

    /// <summary>Everything the store holds, in one read transaction: the user's export is written from it.</summary>
    public StoreSnapshot ExportAll(DateTimeOffset currentWeek) =>
        Database.Read((connection, transaction) =>
        {
            var weeks = new List<(string, string)>();
            ForEach(connection, transaction, "SELECT week_start, state FROM weeks ORDER BY week_start;", reader => weeks.Add((reader.GetString(0), reader.GetString(1))));
            var log = new List<SubmissionLogEntry>();
            ForEach(connection, transaction, "SELECT week_start, attempted_at, outcome, status_code FROM submission_log ORDER BY id;", reader =>
                log.Add(new SubmissionLogEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3))));
            var deletions = new List<DeletionRequestEntry>();
            ForEach(connection, transaction, "SELECT installation_id, requested_at, attempts FROM deletion_requests ORDER BY requested_at;", reader =>
                deletions.Add(new DeletionRequestEntry(reader.GetString(0), reader.GetString(1), reader.GetInt32(2))));
            Dictionary<string, string> settings = ReadSettings(connection, transaction);
            return new StoreSnapshot(
                ReadRows(connection, transaction, null, null),
                PendingWeeks(connection, transaction, currentWeek),
                weeks,
                log,
                deletions,
                settings.GetValueOrDefault(NextSubmissionKey),
                ParseFailures(settings));
        });

    /// <inheritdoc/>
    public void Dispose() => Database.Dispose();

    /// <summary>A day as the store writes it: <c>yyyy-MM-dd</c>, UTC.</summary>
    public static string FormatDay(DateTimeOffset day) => day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A scheduling time as the store writes it: to the minute, UTC.</summary>
    public static string FormatTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH':'mm':00Z'", CultureInfo.InvariantCulture);

    private static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset DayStart(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH':'mm':00Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time) ? time : null;

    private static int ParseFailures(Dictionary<string, string> settings) =>
        int.TryParse(settings.GetValueOrDefault(FailuresKey), NumberStyles.None, CultureInfo.InvariantCulture, out int failures) ? failures : 0;
}
