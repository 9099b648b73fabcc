using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PiiGuard.Telemetry.Storage;

/// <summary>
/// The store's schema, as forward-only steps: <c>PRAGMA user_version</c> says how many have run. A step runs in one
/// transaction with the version bump, so a crash leaves either the old schema or the new one. A file written by a
/// newer PiiGuard (a version this build does not know) is left untouched.
/// </summary>
internal static class Migrations
{
    /// <summary>The steps, in order: step <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>.</summary>
    internal static readonly string[] Steps =
    [
        // 1: consent and settings, statistics per UTC day, the fate of each week, the submission log and the queue of
        // remote deletion requests. No column holds a point in time finer than the day, except the scheduling times
        // of the next attempts, which say nothing about how the app is used.
        """
        CREATE TABLE settings (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE statistics (
            day TEXT NOT NULL,
            kind INTEGER NOT NULL,
            metric TEXT NOT NULL,
            key TEXT NOT NULL,
            component_metric TEXT NOT NULL,
            component TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (day, kind, metric, key, component_metric, component)
        ) WITHOUT ROWID;
        CREATE TABLE weeks (
            week_start TEXT NOT NULL PRIMARY KEY,
            state TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE submission_log (
            id INTEGER PRIMARY KEY,
            week_start TEXT NOT NULL,
            attempted_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            status_code INTEGER
        );
        CREATE TABLE deletion_requests (
            installation_id TEXT NOT NULL PRIMARY KEY,
            requested_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Steps.Length;

    /// <summary>Brings the schema to <see cref="CurrentVersion"/>.</summary>
    /// <exception cref="TelemetryStoreException">The file's schema is newer than this build knows.</exception>
    public static void Apply(SqliteConnection connection) => Apply(connection, Steps);

    /// <summary>Brings the schema to the last of <paramref name="steps"/>; for tests of the mechanism.</summary>
    internal static void Apply(SqliteConnection connection, string[] steps)
    {
        int version = Convert.ToInt32(TelemetryDatabase.Scalar(connection, null, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > steps.Length)
        {
            throw new TelemetryStoreException(
                $"the statistics database has schema version {version}, newer than this version of PiiGuard knows ({steps.Length}); it was left as it is");
        }

        for (int step = version; step < steps.Length; step++)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            TelemetryDatabase.Execute(connection, transaction, steps[step]);
            TelemetryDatabase.Execute(connection, transaction, "PRAGMA user_version = " + (step + 1).ToString(CultureInfo.InvariantCulture) + ";");
            transaction.Commit();
        }
    }
}
