using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// The end-to-end throughput harness. Each configuration is a mode and a number of senders: the real collector over
/// HTTPS with kept-alive connections or a new connection per submission (<see cref="HttpConfiguration"/>), or, for
/// comparison, the endpoint's work without HTTP called by N threads (<see cref="DirectConfiguration"/>). Every
/// configuration gets a fresh SQLite database and its warm-up first; then the measured rounds run interleaved (round
/// 1 of every configuration, then round 2 in the reverse order, and so on), so that a burst of other load on this
/// shared machine falls on all of them rather than on one. Every submission must be accepted, and every database must
/// hold exactly one row per submission sent.
/// </summary>
internal static class Throughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Settings.Usage);
            return 0;
        }

        Settings settings;
        try
        {
            settings = new Settings();
            settings.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Settings.Usage);
            return 2;
        }

        Console.WriteLine($"# Collector throughput, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {LoadAverage()}");
        Console.WriteLine($"Senders {string.Join(", ", settings.Senders)}; modes: {string.Join(", ", settings.Modes.Select(Describe))}; " +
            $"per configuration {settings.Warmup:N0} warm-up submissions, then {settings.Rounds} interleaved round(s) of {settings.Count:N0}.");
        string root = Path.Combine(settings.DataRoot ?? Path.GetTempPath(), "piiguard-collector-bench-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Data folder {root}; fsync of a 1 KiB write there: {FsyncLatency(root)}; {SqliteDescription(root)}.");
        Console.WriteLine();

        var configurations = new List<Configuration>();
        try
        {
            foreach (Mode mode in settings.Modes)
            {
                foreach (int senders in settings.Senders)
                {
                    string folder = Path.Combine(root, mode.ToString().ToLowerInvariant() + "-" + senders.ToString(CultureInfo.InvariantCulture));
                    Configuration configuration = mode switch
                    {
                        Mode.KeepAlive => new HttpConfiguration(folder, senders, newConnections: false),
                        Mode.NewConnection => new HttpConfiguration(folder, senders, newConnections: true),
                        Mode.Direct => new DirectConfiguration(folder, senders, locked: false),
                        _ => new DirectConfiguration(folder, senders, locked: true),
                    };
                    configurations.Add(configuration);
                    await configuration.StartAsync();
                    await configuration.RunRoundAsync(settings.Warmup, measured: false);
                }
            }

            await Configuration.RunInterleavedAsync(configurations, settings.Rounds, settings.Count);
        }
        finally
        {
            foreach (Configuration configuration in configurations)
            {
                await configuration.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
        }

        // Counted by a connection of our own, after every collector stopped.
        foreach (Configuration configuration in configurations)
        {
            configuration.CountRows();
        }

        Directory.Delete(root, recursive: true);
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Mode | Senders or threads | Accepted/s, median of rounds | Rounds (min–max) | p50 (ms) | p90 (ms) | p99 (ms) | Max (ms) | Server p50 / p99 (ms) | CPU per submission (ms) | Checked |");
        Console.WriteLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (Configuration configuration in configurations)
        {
            Console.WriteLine(configuration.TableRow());
        }

        bool allGood = configurations.All(configuration => configuration.IsGood);
        Console.WriteLine();
        Console.WriteLine(allGood
            ? "Every HTTP response was 201 \"accepted\", every direct submission was accepted, and every database holds exactly one row per submission sent."
            : "FAILED: see the failures above.");
        return allGood ? 0 : 1;
    }

    public static string Describe(Mode mode) => mode switch
    {
        Mode.KeepAlive => "HTTPS, keep-alive",
        Mode.NewConnection => "HTTPS, new connection each",
        Mode.Direct => "no HTTP: N threads",
        _ => "no HTTP: N threads, one at a time",
    };

    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    // The SQLite library in use, and the synchronous setting that a connection to a WAL database gets by default (the
    // collector sets journal_mode=WAL and leaves synchronous alone).
    internal static string SqliteDescription(string folder)
    {
        string path = Path.Combine(folder, "probe.db");
        string connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var setup = new SqliteConnection(connectionString))
        {
            setup.Open();
            using SqliteCommand wal = setup.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (x);";
            wal.ExecuteNonQuery();
        }

        string version;
        long synchronous;
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT sqlite_version(), (SELECT COUNT(*) FROM sqlite_master);";
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                reader.Read();
                version = reader.GetString(0);
            }

            command.CommandText = "PRAGMA synchronous;";
            synchronous = (long)command.ExecuteScalar()!;
        }

        foreach (string file in Directory.GetFiles(folder, "probe.db*"))
        {
            File.Delete(file);
        }

        string name = synchronous switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL: the WAL is synced at every commit", _ => "EXTRA" };
        return string.Create(CultureInfo.InvariantCulture, $"SQLite {version}, WAL with synchronous={synchronous} ({name})");
    }

    // The median time of a 1 KiB write followed by fsync in the data folder: SQLite in WAL mode (synchronous=FULL,
    // the default) syncs the WAL at every commit.
    internal static string FsyncLatency(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "fsync-probe");
        var times = new double[200];
        byte[] block = new byte[1024];
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            for (int i = 0; i < times.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                stream.Write(block);
                stream.Flush(flushToDisk: true);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        File.Delete(path);
        Array.Sort(times);
        return string.Create(CultureInfo.InvariantCulture, $"median {times[times.Length / 2]:F3} ms, p90 {times[times.Length * 9 / 10]:F3} ms");
    }

    private sealed class Settings : RunSettings
    {
        public const string Usage = """
            Usage: throughput [--quick] [--senders 1,4,16] [--count N] [--rounds N] [--warmup N]
                              [--modes keep-alive,new,direct,locked] [--data-dir FOLDER]
              --quick     a smoke run: 1 round of 400 submissions after 100 warm-up ones per configuration
              --senders   concurrent senders, each with its own HttpClient, or threads (default 1,4,16)
              --count     submissions per measured round (default 2400)
              --rounds    measured rounds per configuration, interleaved (default 5)
              --warmup    warm-up submissions per configuration, not measured (default 500)
              --modes     keep-alive: HTTPS, one connection per sender; new: HTTPS, a new TLS connection per
                          submission; direct: no HTTP, the endpoint's work called by N threads; locked: the same, the
                          threads taking turns through a lock in the harness (default: all four)
              --data-dir  where the temporary databases go (default: the system's temporary folder)
            """;

        private static readonly Dictionary<string, Mode> Names = new()
        {
            ["keep-alive"] = Mode.KeepAlive,
            ["new"] = Mode.NewConnection,
            ["direct"] = Mode.Direct,
            ["locked"] = Mode.DirectLocked,
        };

        public Settings()
            : base(senders: [1, 4, 16], count: 2400, modes: [Mode.KeepAlive, Mode.NewConnection, Mode.Direct, Mode.DirectLocked])
        {
        }

        protected override IReadOnlyDictionary<string, Mode> ModeNames => Names;
    }
}

/// <summary>What a configuration sends submissions through.</summary>
internal enum Mode
{
    /// <summary>HTTPS, one kept-alive connection per sender.</summary>
    KeepAlive,

    /// <summary>HTTPS, a new connection (TCP and TLS handshake) per submission, as a real client's weekly submission.</summary>
    NewConnection,

    /// <summary>No HTTP: the endpoint's work called by N threads at once.</summary>
    Direct,

    /// <summary>No HTTP: the endpoint's work called by N threads that take turns through a lock in the harness.</summary>
    DirectLocked,
}
