using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PiiGuard;
using PiiGuard.Telemetry.Storage;
using Printernizer;

namespace PiiGuard.Telemetry.Tests;

public sealed class StoreFaultTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly FakeTimeProvider _time = TestStore.Clock();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_store_is_one_WAL_file_with_a_versioned_schema_and_secure_delete()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time);
        statistics.OptIn();
        Assert.Equal(_folder.DatabasePath, statistics.DatabasePath);
        Assert.Equal("wal", TestStore.Scalar(_folder, "PRAGMA journal_mode;"));
        Assert.Equal((long)Migrations.CurrentVersion, TestStore.Scalar(_folder, "PRAGMA user_version;"));
        Assert.Equal(1L, statistics.DatabaseForTesting!.Read((connection, transaction) => (long)TelemetryDatabase.Scalar(connection, transaction, "PRAGMA secure_delete;")!));
        Assert.Equal(5000L, statistics.DatabaseForTesting!.Read((connection, transaction) => (long)TelemetryDatabase.Scalar(connection, transaction, "PRAGMA busy_timeout;")!));
    }

    [Fact]
    public void Files_are_owner_only_where_the_OS_has_permissions()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        string folder = Path.Combine(_folder.Path, "new-data-folder");
        using UsageStatistics statistics = TestStore.Open(_folder, _time, options => options.DataDirectory = folder);
        statistics.OptIn();
        statistics.Increment(UsageCounter.Jobs);
        statistics.Flush();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        string[] files = Directory.GetFiles(folder);
        Assert.Contains(files, file => file.EndsWith("-wal", StringComparison.Ordinal));
        foreach (string file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void Migrations_run_in_order_from_any_older_version_and_each_bumps_the_version()
    {
        string path = Path.Combine(_folder.Path, "migrations.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        string[] steps = ["CREATE TABLE a (x INTEGER);", "CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (1);", "ALTER TABLE a ADD COLUMN z TEXT;"];
        Migrations.Apply(connection, steps[..1]);
        Assert.Equal(1L, TelemetryDatabase.Scalar(connection, null, "PRAGMA user_version;"));

        Migrations.Apply(connection, steps);
        Assert.Equal(3L, TelemetryDatabase.Scalar(connection, null, "PRAGMA user_version;"));
        Assert.Equal(1L, TelemetryDatabase.Scalar(connection, null, "SELECT COUNT(*) FROM b;"));
        Assert.Equal(2L, TelemetryDatabase.Scalar(connection, null, "SELECT COUNT(*) FROM pragma_table_info('a');"));

        // Running again changes nothing.
        Migrations.Apply(connection, steps);
        Assert.Equal(1L, TelemetryDatabase.Scalar(connection, null, "SELECT COUNT(*) FROM b;"));

        // A failing step leaves the schema as it was.
        string[] broken = [.. steps, "CREATE TABLE c (v INTEGER); THIS IS NOT SQL;"];
        Assert.Throws<SqliteException>(() => Migrations.Apply(connection, broken));
        Assert.Equal(3L, TelemetryDatabase.Scalar(connection, null, "PRAGMA user_version;"));
        Assert.Equal(0L, TelemetryDatabase.Scalar(connection, null, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'c';"));
    }

    [Fact]
    public async Task A_database_from_a_newer_PiiGuard_is_left_untouched_and_recording_does_not_throw()
    {
        using (UsageStatistics first = TestStore.Open(_folder, _time))
        {
            first.OptIn();
            first.Increment(UsageCounter.Jobs);
        }

        TestStore.Scalar(_folder, "PRAGMA user_version = 99;");
        byte[] before = File.ReadAllBytes(_folder.DatabasePath);
        var logger = new CapturingLogger();
        using (UsageStatistics statistics = TestStore.Open(_folder, _time, logger: logger))
        {
            Assert.False(statistics.GetStatus().StoreAvailable);
            Assert.False(statistics.IsRecording);
            // Consent is unknown without the store, so nothing is recorded: there is nothing to lose.
            statistics.Increment(UsageCounter.Jobs);
            Assert.True(statistics.Flush());
            TelemetryStoreException problem = Assert.Throws<TelemetryStoreException>(() => statistics.ReadStatistics());
            Assert.Contains("newer", problem.Message, StringComparison.Ordinal);
            Assert.Throws<TelemetryStoreException>(() => statistics.OptIn());
            Assert.Equal(SubmissionOutcome.StoreUnavailable, (await statistics.SubmitAsync()).Outcome);
        }

        Assert.Equal(before, File.ReadAllBytes(_folder.DatabasePath));
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(_folder.Path, logger.Entries.Select(entry => entry.Message).FirstOrDefault() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("damaged")]
    public void A_corrupt_database_is_moved_aside_and_a_new_one_created_with_a_warning(string how)
    {
        using (UsageStatistics first = TestStore.Open(_folder, _time))
        {
            first.OptIn();
            first.Add(UsageCounter.Jobs, 3);
        }

        SqliteConnection.ClearAllPools();
        byte[] original = File.ReadAllBytes(_folder.DatabasePath);
        byte[] corrupt = how == "garbage"
            ? "This is not a SQLite database, just text that someone wrote over it."u8.ToArray()
            : Damage(original);
        File.WriteAllBytes(_folder.DatabasePath, corrupt);

        var logger = new CapturingLogger();
        using UsageStatistics statistics = TestStore.Open(_folder, _time, logger: logger);
        TelemetryStatus status = statistics.GetStatus();
        Assert.True(status.StoreAvailable);
        Assert.False(status.OptedIn);
        Assert.Empty(statistics.ReadStatistics());
        string aside = _folder.DatabasePath + ".corrupt-1";
        Assert.Equal(corrupt, File.ReadAllBytes(aside));
        LogEntry warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("moved aside", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_folder.Path, warning.Message, StringComparison.Ordinal);

        statistics.OptIn();
        statistics.Increment(UsageCounter.Jobs);
        Assert.Equal(1, statistics.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));
    }

    [Fact]
    public void A_full_disk_keeps_the_counts_in_memory_until_there_is_room_again()
    {
        var logger = new CapturingLogger();
        using UsageStatistics statistics = TestStore.Open(_folder, _time, logger: logger);
        statistics.OptIn();
        statistics.Increment(UsageCounter.Jobs);
        Assert.True(statistics.Flush());
        TelemetryDatabase database = statistics.DatabaseForTesting!;

        // SQLite's page limit makes the next write fail exactly as a full disk does: SQLITE_FULL.
        long pages = database.Read((connection, transaction) => (long)TelemetryDatabase.Scalar(connection, transaction, "PRAGMA page_count;")!);
        database.Read((connection, transaction) => TelemetryDatabase.Scalar(connection, transaction, $"PRAGMA max_page_count = {pages};"));
        for (int day = 0; day < 40; day++)
        {
            statistics.Add(UsageCounter.Jobs, 2);
            statistics.RecordError(new TimeoutException(), Component.PrinterService);
            statistics.SetGauge(PrinterType.Prusa, day);
            _time.Advance(TimeSpan.FromDays(1));
        }

        Assert.False(statistics.Flush());
        Assert.False(statistics.Flush());
        Assert.Single(logger.Entries, entry => entry.Message.Contains("disk is full", StringComparison.Ordinal));

        database.Read((connection, transaction) => TelemetryDatabase.Scalar(connection, transaction, "PRAGMA max_page_count = 1073741823;"));
        Assert.True(statistics.Flush());
        var rows = statistics.ReadStatistics();
        Assert.Equal(81, rows.Total(StatisticKind.Counter, "Jobs"));
        Assert.Equal(40, rows.Where(row => row.Kind == StatisticKind.Error).Sum(row => row.Value));
        Assert.Equal(39, rows.Where(row => row.Key == "Prusa").MaxBy(row => row.Day)!.Value);
    }

    [Fact]
    public void A_file_locked_by_another_process_delays_the_write_without_losing_or_throwing()
    {
        using UsageStatistics statistics = TestStore.Open(_folder, _time, options => options.BusyTimeout = TimeSpan.FromMilliseconds(200));
        statistics.OptIn();
        statistics.Add(UsageCounter.Jobs, 5);

        using (var other = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False"))
        {
            other.Open();
            using SqliteTransaction exclusive = other.BeginTransaction(System.Data.IsolationLevel.Serializable);
            TelemetryDatabase.Execute(other, exclusive, "INSERT INTO settings (key, value) VALUES ('lock', 'held');");
            statistics.Add(UsageCounter.Jobs, 2);
            Assert.False(statistics.Flush());
            exclusive.Rollback();
        }

        Assert.True(statistics.Flush());
        Assert.Equal(7, statistics.ReadStatistics().Total(StatisticKind.Counter, "Jobs"));
    }

    [Fact]
    public void A_folder_that_cannot_be_created_leaves_the_app_running()
    {
        string blocker = Path.Combine(_folder.Path, "a-file");
        File.WriteAllText(blocker, "not a folder");
        using UsageStatistics statistics = TestStore.Open(_folder, _time, options => options.DataDirectory = Path.Combine(blocker, "data"));
        // Before the user decides nothing is created, so nothing has failed yet.
        Assert.True(statistics.GetStatus().StoreAvailable);
        statistics.Increment(UsageCounter.Jobs);
        Assert.True(statistics.Flush());
        TelemetryStoreException problem = Assert.Throws<TelemetryStoreException>(() => statistics.OptIn());
        Assert.DoesNotContain(blocker, problem.Message, StringComparison.Ordinal);
        TelemetryStatus status = statistics.GetStatus();
        Assert.False(status.StoreAvailable);
        Assert.Equal(ConsentState.Unknown, status.Consent);
    }

    private static byte[] Damage(byte[] database)
    {
        // Overwrite everything after the header's first page with noise: SQLite's integrity check fails.
        byte[] damaged = (byte[])database.Clone();
        var random = new Random(7);
        for (int i = 100; i < damaged.Length; i++)
        {
            damaged[i] = (byte)random.Next(256);
        }

        return damaged;
    }
}
