using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PiiGuard.Telemetry.Recording;

namespace PiiGuard.Telemetry.Storage;

// The statements themselves, each inside a transaction the public methods open.
internal sealed partial class StatisticsStore
{
    private static StoredConsent ConsentFrom(Dictionary<string, string> settings) => new(
        settings.ContainsKey(OptedInKey),
        settings.GetValueOrDefault(OptedInKey) == "1",
        settings.GetValueOrDefault(ConsentVersionKey),
        settings.TryGetValue(InstallationIdKey, out string? id) && Guid.TryParseExact(id, "D", out Guid parsed) ? parsed : null,
        settings.TryGetValue(FirstSeenKey, out string? day) && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly firstSeen)
            ? DayStart(firstSeen)
            : null);

    private static Dictionary<string, string> ReadSettings(SqliteConnection connection, SqliteTransaction transaction)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        ForEach(connection, transaction, "SELECT key, value FROM settings;", reader => settings[reader.GetString(0)] = reader.GetString(1));
        return settings;
    }

    private static void SetSetting(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private static void DeleteSetting(SqliteConnection connection, SqliteTransaction transaction, string key)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM settings WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        command.ExecuteNonQuery();
    }

    private static void DeleteLocalRows(SqliteConnection connection, SqliteTransaction transaction) =>
        TelemetryDatabase.Execute(connection, transaction,
            "DELETE FROM statistics; DELETE FROM weeks; DELETE FROM submission_log; " +
            "DELETE FROM settings WHERE key IN ('" + NextSubmissionKey + "', '" + FailuresKey + "');");

    private static void QueueDeletion(SqliteConnection connection, SqliteTransaction transaction, Guid id, DateTimeOffset now)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO deletion_requests (installation_id, requested_at, attempts, next_attempt_at) VALUES ($id, $at, 0, $at) " +
            "ON CONFLICT (installation_id) DO NOTHING;";
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        command.Parameters.AddWithValue("$at", FormatTime(TelemetryEnvelope.TruncateToHour(now)));
        command.ExecuteNonQuery();
    }

    private static void SetWeekState(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset week, string state)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO weeks (week_start, state) VALUES ($week, $state) ON CONFLICT (week_start) DO UPDATE SET state = excluded.state;";
        command.Parameters.AddWithValue("$week", FormatDay(week));
        command.Parameters.AddWithValue("$state", state);
        command.ExecuteNonQuery();
    }

    private static void WriteDeltas(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Aggregator.Delta> deltas)
    {
        using SqliteCommand add = connection.CreateCommand();
        add.Transaction = transaction;
        add.CommandText = UpsertStatistic + "value + excluded.value;";
        using SqliteCommand set = connection.CreateCommand();
        set.Transaction = transaction;
        set.CommandText = UpsertStatistic + "excluded.value;";
        foreach (SqliteCommand command in new[] { add, set })
        {
            foreach (string name in new[] { "$day", "$kind", "$metric", "$key", "$cm", "$c", "$value" })
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
        }

        foreach (Aggregator.Delta delta in deltas)
        {
            (int typeId, int index, int componentTypeId, int componentIndex) = Aggregator.Unpack(delta.Key);
            EnumKeyType type = EnumKeys.Get(typeId);
            SqliteCommand command = delta.Kind is StatisticKind.Counter or StatisticKind.Error ? add : set;
            command.Parameters[0].Value = FormatDay(delta.Day);
            command.Parameters[1].Value = (int)delta.Kind;
            command.Parameters[2].Value = type.Metric;
            command.Parameters[3].Value = type.Names[index];
            if (delta.Kind == StatisticKind.Error)
            {
                EnumKeyType componentType = EnumKeys.Get(componentTypeId);
                command.Parameters[4].Value = componentType.Metric;
                command.Parameters[5].Value = componentType.Names[componentIndex];
            }
            else
            {
                command.Parameters[4].Value = "";
                command.Parameters[5].Value = "";
            }

            command.Parameters[6].Value = delta.Value;
            command.ExecuteNonQuery();
        }
    }

    private static List<StoredStatistic> ReadRows(SqliteConnection connection, SqliteTransaction transaction, DateOnly? from, DateOnly? until)
    {
        var rows = new List<StoredStatistic>();
        ForEach(
            connection,
            transaction,
            "SELECT day, kind, metric, key, component_metric, component, value FROM statistics " +
            "WHERE day >= $from AND day < $until ORDER BY day, kind, metric, key, component_metric, component;",
            reader => rows.Add(new StoredStatistic
            {
                Day = ParseDay(reader.GetString(0)),
                Kind = (StatisticKind)reader.GetInt32(1),
                Metric = reader.GetString(2),
                Key = reader.GetString(3),
                ComponentMetric = reader.GetString(4),
                Component = reader.GetString(5),
                Value = reader.GetInt64(6),
            }),
            ("$from", from is { } f ? FormatDay(f) : "0000-00-00"),
            ("$until", until is { } u ? FormatDay(u) : "9999-99-99"));
        return rows;
    }

    // Completed weeks (before currentWeek) that hold statistics and have no fate yet, oldest first.
    private static List<DateTimeOffset> PendingWeeks(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset currentWeek)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        ForEach(connection, transaction, "SELECT week_start FROM weeks;", reader => done.Add(reader.GetString(0)));
        var weeks = new SortedSet<DateTimeOffset>();
        ForEach(
            connection,
            transaction,
            "SELECT DISTINCT day FROM statistics WHERE day < $current;",
            reader =>
            {
                DateTimeOffset week = TelemetryPeriods.StartOf(DayStart(ParseDay(reader.GetString(0))), Period.Week);
                if (!done.Contains(FormatDay(week)))
                {
                    weeks.Add(week);
                }
            },
            ("$current", FormatDay(currentWeek)));
        return [.. weeks];
    }

    // Runs a query with its parameters and hands each row to `row`.
    private static void ForEach(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteDataReader> row, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
