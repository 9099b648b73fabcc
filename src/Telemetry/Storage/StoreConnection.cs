using System;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PiiGuard.Telemetry.Storage;

/// <summary>
/// Keeps the statistics store open, or knows why it is not: the file does not exist (nothing is wrong, the user has
/// not decided), or it cannot be opened (then it is tried again at most once a minute, and the problem is logged once,
/// not at every attempt). It never creates the file unless asked to.
/// </summary>
/// <remarks>Not thread-safe: the runtime calls it under its lock.</remarks>
internal sealed class StoreConnection : IDisposable
{
    private static readonly TimeSpan s_reopenInterval = TimeSpan.FromMinutes(1);

    private readonly string _directory;
    private readonly string _fileName;
    private readonly TimeSpan _busyTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateTimeOffset _nextOpenAttempt;
    private bool _disposed;

    public StoreConnection(string directory, string fileName, TimeSpan busyTimeout, TimeProvider time, ILogger logger)
    {
        _directory = directory;
        _fileName = fileName;
        _busyTimeout = busyTimeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the open store, or null.</summary>
    public StatisticsStore? Current { get; private set; }

    /// <summary>Gets whether the last attempt found no file: no decision yet, and nothing created.</summary>
    public bool Absent { get; private set; }

    /// <summary>Gets why the store could not be opened the last time, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Gets whether the store is closed and the time to try again has come.</summary>
    public bool ReopenDue => Current is null && !_disposed && _time.GetUtcNow() >= _nextOpenAttempt;

    /// <summary>
    /// Opens the store (creating it and its folder with <paramref name="create"/>), and runs <paramref name="opened"/>
    /// on it; a storage failure in either leaves it closed, logged once per problem, and due again in a minute.
    /// </summary>
    /// <returns>Whether it is open now.</returns>
    public bool TryOpen(bool create, Action<StatisticsStore> opened)
    {
        if (_disposed)
        {
            return false;
        }

        StatisticsStore? store = null;
        try
        {
            store = StatisticsStore.Open(_directory, _fileName, _busyTimeout, _logger, create);
            if (store is null)
            {
                Current = null;
                Absent = true;
                Problem = null;
                return false;
            }

            Absent = false;
            opened(store);
            Current = store;
            Problem = null;
            return true;
        }
        catch (Exception e) when (e is TelemetryStoreException or SqliteException or IOException or UnauthorizedAccessException)
        {
            store?.Dispose();
            Current = null;
            Absent = false;
            _nextOpenAttempt = _time.GetUtcNow() + s_reopenInterval;
            string problem = Describe(e);
            if (problem != Problem)
            {
                // Once per problem, not at every attempt to reopen.
                TelemetryLog.StoreUnavailable(_logger, problem);
            }

            Problem = problem;
            return false;
        }
    }

    /// <summary>Stops opening: the store stays as it is (open or not) until <see cref="Dispose"/>; nothing opens it again.</summary>
    public void StopOpening() => _disposed = true;

    /// <summary>Closes the store; the next use opens it again at once (a damaged file is then moved aside).</summary>
    public void Close()
    {
        Current?.Dispose();
        Current = null;
        _nextOpenAttempt = default;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        Current?.Dispose();
        Current = null;
    }

    /// <summary>Whether <paramref name="e"/> is the store failing (the disk, SQLite, a lock), not a bug.</summary>
    public static bool IsStorageFailure(Exception e) =>
        e is SqliteException or IOException or UnauthorizedAccessException or TelemetryStoreException or InvalidOperationException;

    /// <summary>Whether <paramref name="e"/> says the file was damaged under our feet (SQLITE_CORRUPT, SQLITE_NOTADB).</summary>
    public static bool IsDamage(Exception e) => e is SqliteException { SqliteErrorCode: 11 or 26 };

    /// <summary>What went wrong, without a path or anything else a message could hold.</summary>
    public static string Describe(Exception e) => e is SqliteException sqlite
        ? "SQLite error " + sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture) + (sqlite.SqliteErrorCode switch
        {
            5 => ", the file is locked",
            6 => ", a table is locked",
            8 => ", read-only",
            10 => ", I/O error",
            11 or 26 => ", the file is damaged",
            13 => ", the disk is full",
            _ => "",
        })
        : e is TelemetryStoreException ? e.Message : e.GetType().Name;
}
