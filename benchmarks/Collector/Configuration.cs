using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// One configuration of the throughput harness (a mode and a number of senders) and what its measured rounds gave:
/// the accepted submissions per second of each round, every submission's latency, the server's time per request
/// (HTTP modes), the process's CPU time, and the rows its database holds at the end.
/// </summary>
internal abstract class Configuration(string folder, int senders, Mode mode) : IAsyncDisposable
{
    private readonly List<double> _rounds = [];
    private readonly List<long> _latencies = [];
    private readonly List<long> _serverLatencies = [];
    private TimeSpan _cpu;
    private TimeSpan _elapsed;
    private long _measured;
    private long _sent;
    private long _failures;
    private long _rows = -1;
    private long _installations = -1;

    public virtual string Name => string.Create(CultureInfo.InvariantCulture, $"{Throughput.Describe(Mode)}, {Senders} sender(s)");

    public bool IsGood => _failures == 0 && _rows == _sent && _installations == _sent;

    protected string Folder { get; } = folder;

    public int Senders { get; } = senders;

    public Mode Mode { get; } = mode;

    /// <summary>The accepted submissions per second of each measured round, in the order they ran.</summary>
    public IReadOnlyList<double> Rounds => _rounds;

    /// <summary>The process's CPU time (user + sys) over the measured rounds.</summary>
    public TimeSpan Cpu => _cpu;

    /// <summary>The wall time of the measured rounds.</summary>
    public TimeSpan Elapsed => _elapsed;

    /// <summary>The submissions sent in measured rounds.</summary>
    public long Measured => _measured;

    /// <summary>The submissions sent in all rounds, warm-up included.</summary>
    public long Sent => _sent;

    /// <summary>The rows the database held at the end (after <see cref="CountRows"/>).</summary>
    public long Rows => _rows;

    protected string DatabasePath => Path.Combine(Folder, "collector.db");

    /// <summary>
    /// The measured rounds of every configuration, interleaved (round 1 in order, round 2 in the reverse order, and so
    /// on), so that a burst of other load falls on all of them rather than on one; each round's rate is printed.
    /// <paramref name="around"/>, if given, runs each round (the function it gets) and may measure around it.
    /// </summary>
    public static async Task RunInterleavedAsync<T>(IReadOnlyList<T> configurations, int rounds, int count, Func<T, Func<Task<double>>, Task<double>>? around = null)
        where T : Configuration
    {
        for (int round = 0; round < rounds; round++)
        {
            IEnumerable<T> order = round % 2 == 0 ? configurations : configurations.Reverse();
            foreach (T configuration in order)
            {
                Func<Task<double>> run = () => configuration.RunRoundAsync(count, measured: true);
                double rate = around is null ? await run() : await around(configuration, run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1}/{rounds}, {configuration.Name}: {rate:F0} accepted/s, load average {Throughput.LoadAverage()}"));
            }
        }
    }

    public abstract Task StartAsync();

    /// <summary>Sends <paramref name="count"/> submissions of new installations; returns the accepted submissions per second.</summary>
    public abstract Task<double> RunRoundAsync(int count, bool measured);

    public abstract ValueTask DisposeAsync();

    /// <summary>Counts the rows with a connection of its own; call it after the collector stopped.</summary>
    public void CountRows()
    {
        (_rows, _installations) = CountStored();
        if (!IsGood)
        {
            Console.WriteLine($"{Name}: {_failures} failures; {_rows:N0} rows of {_installations:N0} installations for {_sent:N0} sent.");
        }
    }

    /// <summary>The rows and distinct installations in the configuration's database, counted by a connection of its own.</summary>
    protected virtual (long Rows, long Installations) CountStored()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT installation_id) FROM submissions;";
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The latency at <paramref name="fraction"/> (0.5 for the median) of every measured submission, in ms.</summary>
    public double Latency(double fraction) => Percentile(_latencies, fraction);

    /// <summary>The server's time at <paramref name="fraction"/> of every measured request, in ms (NaN without HTTP).</summary>
    public double ServerLatency(double fraction) => Percentile(_serverLatencies, fraction);

    /// <summary>What went wrong, for the table's last column; "all 201; N rows = N sent" when nothing did.</summary>
    public string CheckedText => IsGood
        ? string.Create(CultureInfo.InvariantCulture, $"{(_serverLatencies.Count == 0 ? "all accepted" : "all 201")}; {_rows:N0} rows = {_sent:N0} sent")
        : string.Create(CultureInfo.InvariantCulture, $"**{_failures} failures; {_rows:N0} rows for {_sent:N0} sent**");

    public string TableRow()
    {
        double[] rounds = [.. _rounds.Order()];
        string server = _serverLatencies.Count == 0
            ? "–"
            : string.Create(CultureInfo.InvariantCulture, $"{Percentile(_serverLatencies, 0.50):F2} / {Percentile(_serverLatencies, 0.99):F2}");
        string checkedText = CheckedText;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Throughput.Describe(Mode)} | {Senders} | {rounds[rounds.Length / 2]:N0} | {rounds[0]:N0}–{rounds[^1]:N0} | " +
            $"{Percentile(_latencies, 0.50):F2} | {Percentile(_latencies, 0.90):F2} | {Percentile(_latencies, 0.99):F2} | {Percentile(_latencies, 1.0):F2} | " +
            $"{server} | {_cpu.TotalMilliseconds / _measured:F2} | {checkedText} |");
    }

    /// <summary>Records a round; returns its accepted submissions per second.</summary>
    protected double Record(int count, int failures, long[] latencies, IEnumerable<long> serverLatencies, TimeSpan elapsed, TimeSpan cpu, bool measured)
    {
        _sent += count;
        _failures += failures;
        double rate = (count - failures) / elapsed.TotalSeconds;
        if (measured)
        {
            _rounds.Add(rate);
            _latencies.AddRange(latencies);
            _serverLatencies.AddRange(serverLatencies);
            _cpu += cpu;
            _elapsed += elapsed;
            _measured += count;
        }

        return rate;
    }

    /// <summary>A body of its own installation for each of <paramref name="count"/> submissions, built before the clock starts.</summary>
    protected static (byte[][] Bodies, string[] Keys) Build(int count)
    {
        var bodies = new byte[count][];
        var keys = new string[count];
        for (int i = 0; i < count; i++)
        {
            Guid id = Guid.NewGuid();
            bodies[i] = Submissions.Body(id);
            keys[i] = Submissions.IdempotencyKey(id);
        }

        return (bodies, keys);
    }

    protected static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double Percentile(List<long> latencies, double fraction)
    {
        if (latencies.Count == 0)
        {
            return double.NaN;
        }

        long[] sorted = [.. latencies.Order()];
        int index = Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }
}
