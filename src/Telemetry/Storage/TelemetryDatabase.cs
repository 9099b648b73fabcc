using System;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PiiGuard.Telemetry.Storage;

/// <summary>
/// The one SQLite file that holds an installation's statistics, consent and submission state: WAL, a busy timeout,
/// <c>secure_delete</c> always on, a schema versioned by <c>PRAGMA user_version</c> with forward-only migrations,
/// and owner-only file permissions where the OS has them. One connection, used under a lock.
/// </summary>
internal sealed class TelemetryDatabase : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteConnection _connection;

    private TelemetryDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>Gets the database file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the database. With <paramref name="create"/>, creates it and its folder when needed; without, returns
    /// null when the file does not exist, and creates nothing (no folder, no file, no WAL). A file that is not a
    /// SQLite database, or fails SQLite's integrity check, is moved aside (never deleted) and a new one is created,
    /// with a warning.
    /// </summary>
    /// <exception cref="TelemetryStoreException">The store cannot be opened or created; the message says why.</exception>
    public static TelemetryDatabase? Open(string directory, string fileName, TimeSpan busyTimeout, ILogger logger, bool create)
    {
        string folder = System.IO.Path.GetFullPath(directory);
        string path = System.IO.Path.Combine(folder, fileName);
        try
        {
            if (create)
            {
                CreateOwnerOnlyFolder(folder);
                CreateOwnerOnlyFile(path);
            }
            else if (!File.Exists(path))
            {
                // Nothing on disk before the user decides: the file appears at the first opt-in or opt-out.
                return null;
            }
            else
            {
                CreateOwnerOnlyFile(path);
            }

            try
            {
                // An existing file is opened without the create flag: deleted meanwhile, it is not silently recreated.
                return OpenChecked(path, busyTimeout, create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite);
            }
            catch (CorruptDatabaseException)
            {
                string aside = MoveAside(path);
                TelemetryLog.CorruptStoreMovedAside(logger, System.IO.Path.GetFileName(aside));
                CreateOwnerOnlyFile(path);
                return OpenChecked(path, busyTimeout, SqliteOpenMode.ReadWriteCreate);
            }
        }
        catch (CorruptDatabaseException)
        {
            throw new TelemetryStoreException("the statistics database is damaged and could not be recreated");
        }
        catch (SqliteException e)
        {
            throw new TelemetryStoreException($"the statistics database could not be opened (SQLite error {e.SqliteErrorCode})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TelemetryStoreException($"the statistics folder or file could not be created ({e.GetType().Name})", e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction under the connection's lock; commits when it returns.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
            T result = work(_connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one read transaction (a consistent snapshot) under the connection's lock.</summary>
    public T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction(deferred: true);
            return work(_connection, transaction);
        }
    }

    /// <summary>
    /// Rebuilds the file with <c>VACUUM</c> and empties the WAL, so that deleted rows leave no trace in the database
    /// file or beside it (<c>secure_delete</c> has already overwritten their pages).
    /// </summary>
    public void Compact()
    {
        lock (_gate)
        {
            Execute(_connection, null, "VACUUM;");
            Execute(_connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    internal static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static TelemetryDatabase OpenChecked(string path, TimeSpan busyTimeout, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            // No pool: closing the store closes the file, so that the app (or a test) can move or delete it.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };

        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            int busyMilliseconds = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
            Execute(connection, null, "PRAGMA busy_timeout = " + busyMilliseconds.ToString(CultureInfo.InvariantCulture) + ";");
            if (Scalar(connection, null, "PRAGMA quick_check;") is not "ok")
            {
                throw new CorruptDatabaseException();
            }

            Scalar(connection, null, "PRAGMA journal_mode = WAL;");
            Execute(connection, null, "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;");
            Migrations.Apply(connection);
            return new TelemetryDatabase(path, connection);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT, SQLITE_NOTADB.
            connection.Dispose();
            throw new CorruptDatabaseException();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string MoveAside(string path)
    {
        SqliteConnection.ClearAllPools();
        for (int n = 1; ; n++)
        {
            string aside = path + ".corrupt-" + n.ToString(CultureInfo.InvariantCulture);
            if (File.Exists(aside))
            {
                continue;
            }

            File.Move(path, aside);
            foreach (string suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Move(path + suffix, aside + suffix);
                }
            }

            return aside;
        }
    }

    private static void CreateOwnerOnlyFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void CreateOwnerOnlyFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // SQLite gives its -wal and -shm files the database file's permissions: creating it 0600 covers all three.
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private sealed class CorruptDatabaseException : Exception
    {
    }
}
