using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PiiGuard.Telemetry.Storage;

namespace PiiGuard;

public sealed partial class UsageStatistics
{
    /// <summary>Every stored statistic, day by day: the user's right to see what is kept (after a flush of what is in memory).</summary>
    /// <returns>The statistics, ordered by day, kind, metric and key.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public IReadOnlyList<StoredStatistic> ReadStatistics()
    {
        lock (_gate)
        {
            FlushCore(force: false);
            return ExistingDatabase() is { } database
                ? database.Read((connection, transaction) => ReadRows(connection, transaction, null, null))
                : [];
        }
    }

    /// <summary>
    /// The exact bytes the next submission would send: the oldest completed week waiting to be sent or, when none is
    /// waiting, the week in progress so far. Null when the user has not opted in (there is nothing to send).
    /// </summary>
    /// <returns>The preview, or null.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public SubmissionPreview? PreviewNextSubmission()
    {
        lock (_gate)
        {
            FlushCore(force: false);
            if (ExistingDatabase() is not { } database || !_consent.OptedIn)
            {
                return null;
            }

            DateTimeOffset now = _time.GetUtcNow();
            DateTimeOffset currentWeek = TelemetryPeriods.StartOf(now, Period.Week);
            List<DateTimeOffset> pending = database.Read((connection, transaction) => PendingWeeks(connection, transaction, currentWeek));
            bool complete = pending.Count > 0;
            DateTimeOffset week = complete ? pending[0] : currentWeek;
            byte[] body = BuildBody(database, week, complete, now);
            return new SubmissionPreview(week, complete, body);
        }
    }

    /// <summary>
    /// Everything the store holds, as indented JSON: consent, the installation id, every statistic, the state of each
    /// week, the submission log and pending deletion requests. The user's right to a complete, machine-readable copy.
    /// </summary>
    /// <returns>The export.</returns>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public string ExportJson() => Encoding.UTF8.GetString(ExportBytes().WrittenSpan);

    /// <summary>Writes <see cref="ExportJson"/>'s export as UTF-8 to <paramref name="output"/>.</summary>
    /// <param name="output">Where it goes; not closed.</param>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public void Export(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(ExportBytes().WrittenSpan);
    }

    private ArrayBufferWriter<byte> ExportBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Export(buffer);
        return buffer;
    }

    /// <summary>
    /// Deletes every local statistic, the submission log and the installation id, then rebuilds the file
    /// (<c>secure_delete</c>, <c>VACUUM</c>, WAL truncated) so that nothing of it remains on disk. A user who stays
    /// opted in gets a new random installation id. Deletion requests still waiting for the collector keep their id
    /// until the collector acknowledges them. The file itself stays, holding the user's decision (an opt-out is
    /// remembered) and those requests; before any decision there is no file and nothing is created.
    /// </summary>
    /// <exception cref="TelemetryStoreException">The statistics database is unavailable.</exception>
    public void DeleteLocalData()
    {
        lock (_gate)
        {
            TelemetryDatabase? existing = ExistingDatabase();
            _aggregator.Clear();
            if (existing is not { } database)
            {
                // Nothing was ever stored.
                return;
            }

            Consent consent = _consent;
            Consent next = consent.OptedIn
                ? consent with { InstallationId = Guid.NewGuid(), FirstSeen = TelemetryPeriods.StartOf(_time.GetUtcNow(), Period.Week) }
                : consent with { InstallationId = null, FirstSeen = null };
            database.Write((connection, transaction) =>
            {
                DeleteLocalRows(connection, transaction);
                DeleteSetting(connection, transaction, InstallationIdKey);
                DeleteSetting(connection, transaction, FirstSeenKey);
                if (next.InstallationId is { } id)
                {
                    SetSetting(connection, transaction, InstallationIdKey, id.ToString("D"));
                    SetSetting(connection, transaction, FirstSeenKey, FormatDay(next.FirstSeen!.Value));
                }

                return 0;
            });
            database.Compact();
            _consent = next;
        }

        TelemetryLog.LocalDataDeleted(_logger);
    }

    private void Export(IBufferWriter<byte> output)
    {
        lock (_gate)
        {
            FlushCore(force: false);
            TelemetryDatabase? database = ExistingDatabase();
            DateTimeOffset now = _time.GetUtcNow();
            Consent consent = _consent;
            if (database is null)
            {
                // No file (the user has not decided): the export says so and lists nothing, and nothing is created.
                WriteExport(output, consent, now, null, null);
                return;
            }

            database.Read((connection, transaction) =>
            {
                WriteExport(output, consent, now, connection, transaction);
                return 0;
            });
        }
    }

    // Under _gate. Without a connection (no file), every list is empty.
    private void WriteExport(IBufferWriter<byte> output, Consent consent, DateTimeOffset now, SqliteConnection? connection, SqliteTransaction? transaction)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", "piiguard-usage-statistics");
        json.WriteNumber("format_version", 1);
        json.WriteString("exported_at", FormatTime(TelemetryEnvelope.TruncateToHour(now)));
        json.WriteStartObject("consent");
        json.WriteString("state", consent.OptedIn ? "opted_in" : consent.Decided ? "opted_out" : "not_asked");
        json.WriteBoolean("opted_in", consent.OptedIn);
        WriteStringOrNull(json, "consented_schema_version", consent.SchemaVersion);
        json.WriteString("current_schema_version", SchemaVersion);
        json.WriteBoolean("needs_consent", consent.OptedIn && NeedsConsent(consent));
        json.WriteEndObject();
        WriteStringOrNull(json, "installation_id", consent.InstallationId?.ToString("D"));
        WriteStringOrNull(json, "first_seen", consent.FirstSeen is { } firstSeen ? FormatDay(firstSeen) : null);
        WriteStringOrNull(json, "country_code", _country?.ToString());
        WriteStringOrNull(json, "endpoint", _endpoint?.GetLeftPart(UriPartial.Authority));

        json.WriteStartArray("statistics");
        foreach (StoredStatistic row in connection is null ? [] : ReadRows(connection, transaction!, null, null))
        {
            json.WriteStartObject();
            json.WriteString("day", FormatDay(row.Day));
            json.WriteString("kind", KindName(row.Kind));
            json.WriteString("metric", row.Metric);
            json.WriteString("key", row.Key);
            if (row.Kind == StatisticKind.Error)
            {
                json.WriteString("component_metric", row.ComponentMetric);
                json.WriteString("component", row.Component);
            }

            json.WriteNumber("value", row.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("weeks");
        foreach (DateTimeOffset week in connection is null ? [] : PendingWeeks(connection, transaction!, TelemetryPeriods.StartOf(now, Period.Week)))
        {
            json.WriteStartObject();
            json.WriteString("week_start", FormatDay(week));
            json.WriteString("state", "pending");
            json.WriteEndObject();
        }

        ForEach(connection, transaction, "SELECT week_start, state FROM weeks ORDER BY week_start;", reader =>
        {
            json.WriteStartObject();
            json.WriteString("week_start", reader.GetString(0));
            json.WriteString("state", reader.GetString(1));
            json.WriteEndObject();
        });
        json.WriteEndArray();

        json.WriteStartArray("submission_log");
        ForEach(connection, transaction, "SELECT week_start, attempted_at, outcome, status_code FROM submission_log ORDER BY id;", reader =>
        {
            json.WriteStartObject();
            json.WriteString("week_start", reader.GetString(0));
            json.WriteString("attempted_at", reader.GetString(1));
            json.WriteString("outcome", reader.GetString(2));
            if (reader.IsDBNull(3))
            {
                json.WriteNull("status_code");
            }
            else
            {
                json.WriteNumber("status_code", reader.GetInt32(3));
            }

            json.WriteEndObject();
        });
        json.WriteEndArray();

        json.WriteStartArray("pending_deletion_requests");
        ForEach(connection, transaction, "SELECT installation_id, requested_at, attempts FROM deletion_requests ORDER BY requested_at;", reader =>
        {
            json.WriteStartObject();
            json.WriteString("installation_id", reader.GetString(0));
            json.WriteString("requested_at", reader.GetString(1));
            json.WriteNumber("attempts", reader.GetInt32(2));
            json.WriteEndObject();
        });
        json.WriteEndArray();

        json.WriteStartObject("submission_schedule");
        Dictionary<string, string> settings = connection is null ? [] : ReadSettings(connection, transaction!);
        WriteStringOrNull(json, "next_submission_not_before", settings.GetValueOrDefault(NextSubmissionKey));
        json.WriteNumber("consecutive_failures", int.TryParse(settings.GetValueOrDefault(FailuresKey), out int failures) ? failures : 0);
        json.WriteEndObject();

        json.WriteEndObject();
        json.Flush();
    }

    private static string KindName(StatisticKind kind) => kind switch
    {
        StatisticKind.Counter => "counter",
        StatisticKind.Gauge => "gauge",
        StatisticKind.Flag => "flag",
        _ => "error",
    };

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void ForEach(SqliteConnection? connection, SqliteTransaction? transaction, string sql, Action<SqliteDataReader> row)
    {
        if (connection is null)
        {
            return;
        }

        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private static List<StoredStatistic> ReadRows(SqliteConnection connection, SqliteTransaction transaction, DateOnly? from, DateOnly? until)
    {
        var rows = new List<StoredStatistic>();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT day, kind, metric, key, component_metric, component, value FROM statistics " +
            "WHERE day >= $from AND day < $until ORDER BY day, kind, metric, key, component_metric, component;";
        command.Parameters.AddWithValue("$from", from is { } f ? FormatDay(f) : "0000-00-00");
        command.Parameters.AddWithValue("$until", until is { } u ? FormatDay(u) : "9999-99-99");
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new StoredStatistic(
                ParseDay(reader.GetString(0)),
                (StatisticKind)reader.GetInt32(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt64(6)));
        }

        return rows;
    }

    // Completed weeks (before currentWeek) that hold statistics and have no fate yet (sent, dropped, rejected), oldest first.
    private static List<DateTimeOffset> PendingWeeks(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset currentWeek)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        ForEach(connection, transaction, "SELECT week_start FROM weeks;", reader => done.Add(reader.GetString(0)));
        var weeks = new SortedSet<DateTimeOffset>();
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT DISTINCT day FROM statistics WHERE day < $current;";
        command.Parameters.AddWithValue("$current", FormatDay(currentWeek));
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            DateTimeOffset week = TelemetryPeriods.StartOf(DayStart(ParseDay(reader.GetString(0))), Period.Week);
            if (!done.Contains(FormatDay(week)))
            {
                weeks.Add(week);
            }
        }

        return [.. weeks];
    }

    // Under _gate.
    private byte[] BuildBody(TelemetryDatabase database, DateTimeOffset weekStart, bool complete, DateTimeOffset now)
    {
        Consent consent = _consent;
        DateOnly from = DateOnly.FromDateTime(weekStart.UtcDateTime);
        List<StoredStatistic> rows = database.Read((connection, transaction) => ReadRows(connection, transaction, from, from.AddDays(7)));
        var week = new StatisticsWeek(
            consent.InstallationId ?? Guid.Empty,
            consent.FirstSeen ?? weekStart,
            weekStart,
            complete,
            _country,
            rows);
        var buffer = new ArrayBufferWriter<byte>(2048);
        try
        {
            _payload.Write(week, buffer, now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"Building the usage statistics payload of the week of {FormatDay(weekStart)} failed ({e.GetType().Name}); the app's payload builder or its payload type has a bug.",
                e);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private (int Pending, int Sent, int Dropped, int Rejected, DateTimeOffset? Next, int Deletions) ReadQueueState(TelemetryDatabase database)
    {
        try
        {
            DateTimeOffset currentWeek = TelemetryPeriods.StartOf(_time.GetUtcNow(), Period.Week);
            return database.Read((connection, transaction) =>
            {
                int pending = PendingWeeks(connection, transaction, currentWeek).Count;
                var states = new Dictionary<string, int>(StringComparer.Ordinal);
                ForEach(connection, transaction, "SELECT state, COUNT(*) FROM weeks GROUP BY state;", reader => states[reader.GetString(0)] = reader.GetInt32(1));
                int deletions = Convert.ToInt32(TelemetryDatabase.Scalar(connection, transaction, "SELECT COUNT(*) FROM deletion_requests;"), System.Globalization.CultureInfo.InvariantCulture);
                DateTimeOffset? next = ReadNextSubmission(connection, transaction);
                return (pending, states.GetValueOrDefault(WeekState.Sent), states.GetValueOrDefault(WeekState.Dropped), states.GetValueOrDefault(WeekState.Rejected), next, deletions);
            });
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            return default;
        }
    }

    private static class WeekState
    {
        public const string Sent = "sent";
        public const string Dropped = "dropped";
        public const string Rejected = "rejected";
        public const string Withdrawn = "withdrawn";
    }
}
