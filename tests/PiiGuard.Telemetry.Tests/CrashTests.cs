using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Printernizer;
using Xunit.Abstractions;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Telemetry.Tests;

/// <summary>
/// A process killed mid-write reopens with every committed count intact: a child process
/// (tests/PiiGuard.Telemetry.Child) records and flushes in a loop, printing each committed total, and is killed hard
/// at a random moment; the store it leaves behind must open as it is (SQLite's WAL recovers it, nothing is moved
/// aside) and hold exactly a total the child committed, or the one whose flush was in flight: never part of a flush.
/// </summary>
public sealed class CrashTests : IDisposable
{
    /// <summary>Jobs per flush in the child; a stored total is always its start plus a whole number of batches.</summary>
    private const int Batch = 1000;

    /// <summary>How long to wait for the child before giving up: a guard against a hung test, not a measurement.</summary>
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "piiguard-crash-" + Guid.NewGuid().ToString("N"));

    public CrashTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void A_process_killed_mid_write_reopens_with_every_committed_count_intact()
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        _output.WriteLine($"Seed {seed}.");
        long stored = 0;
        Guid? installationId = null;

        for (int run = 1; run <= 3; run++)
        {
            // Kill after a random number of flushes have begun, then after a random spin of up to 200 µs, so that the
            // kill lands anywhere in the loop, most often in or near a flush: in its transaction, at a WAL checkpoint,
            // printing, recording. The second run records on two threads.
            int flushesBeforeKill = random.Next(5, 400);
            int spinMicroseconds = random.Next(0, 200);
            int threads = run == 2 ? 2 : 1;
            ChildOutput child = RunChildUntilKilled(flushesBeforeKill, spinMicroseconds, threads);
            string context = $"Run {run} (seed {seed}, {threads} recording thread(s), killed after {flushesBeforeKill} flushes began + {spinMicroseconds} µs). Child output: {child.Describe()}";

            Assert.True(child.Start == stored, $"The child must start from the stored total {stored}, not {child.Start}. {context}");
            Assert.True(child.Committed.Count >= flushesBeforeKill - 1, $"The child printed fewer commits than were waited for. {context}");
            long lastCommitted = child.Committed[^1];
            long lastAnnounced = child.Announced[^1];

            using (UsageStatistics reopened = UsageStatistics.Open(Options(), week => UsageReports.Build(week)))
            {
                TelemetryStatus status = reopened.GetStatus();
                Assert.True(status.StoreAvailable, $"The store must open after the kill. {context}");
                Assert.True(status.OptedIn, $"Consent must survive the kill. {context}");
                installationId ??= status.InstallationId;
                Assert.True(status.InstallationId is not null && status.InstallationId == installationId, $"The installation id must survive the kill. {context}");

                IReadOnlyList<StoredStatistic> rows = reopened.ReadStatistics();
                long jobs = Total(rows, nameof(UsageCounter.Jobs));
                long files = Total(rows, nameof(UsageCounter.Files));
                _output.WriteLine(
                    $"Run {run}: started at {child.Start}, last committed {lastCommitted}, last announced {lastAnnounced}; stored {jobs}: " +
                    (lastAnnounced == lastCommitted ? "killed between flushes."
                        : jobs == lastCommitted ? "killed during a flush, which did not commit."
                        : "killed after a flush committed, before it was printed."));

                Assert.True(jobs >= lastCommitted, $"The store lost committed counts: {jobs} stored, {lastCommitted} committed. {context}");
                Assert.True(
                    jobs == lastCommitted || jobs == lastAnnounced,
                    $"The stored total {jobs} is neither the last committed total {lastCommitted} nor the flush in flight ({lastAnnounced}). {context}");
                Assert.True((jobs - child.Start) % Batch == 0, $"The stored total {jobs} holds part of a flush. {context}");
                Assert.True(files == jobs, $"Jobs ({jobs}) and Files ({files}) were written in the same flushes, so they must be equal: a flush is one transaction. {context}");
                stored = jobs;
            }

            string[] movedAside = Directory.GetFiles(_folder, "*.corrupt-*");
            Assert.True(movedAside.Length == 0, $"The database was moved aside as damaged ({string.Join(", ", movedAside.Select(Path.GetFileName))}): WAL recovery must keep it. {context}");
        }

        Assert.True(stored >= 3 * 4 * Batch, $"Three runs of at least four commits each must have stored at least {3 * 4 * Batch} jobs; stored {stored}.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private static long Total(IEnumerable<StoredStatistic> rows, string key) =>
        rows.Where(r => r.Kind == StatisticKind.Counter && r.Metric == typeof(UsageCounter).FullName && r.Key == key).Sum(r => r.Value);

    private static string ChildAssemblyPath() => ChildProcess.AssemblyPath(typeof(CrashTests).Assembly, "PiiGuardTelemetryChildPath");

    private static string DotnetExecutable() => ChildProcess.DotnetExecutable();

    private static void SpinFor(int microseconds)
    {
        long until = Stopwatch.GetTimestamp() + (microseconds * Stopwatch.Frequency / 1_000_000);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(10);
        }
    }

    private PiiGuardTelemetryOptions Options() => new() { DataDirectory = _folder, FlushInterval = TimeSpan.FromDays(1) };

    /// <summary>Starts the child on the folder, waits until <paramref name="flushes"/> flushes have begun, kills it, and returns everything it printed.</summary>
    private ChildOutput RunChildUntilKilled(int flushes, int spinMicroseconds, int threads)
    {
        var startInfo = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { ChildAssemblyPath(), _folder, "--batch", Batch.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var lines = new BlockingCollection<string>();
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        var reader = new Thread(() =>
        {
            // Everything the child printed, up to its death: the pipe keeps what it wrote just before the kill.
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(line);
            }

            lines.CompleteAdding();
        })
        {
            IsBackground = true,
            Name = "child stdout",
        };
        reader.Start();

        var seen = new List<string>();
        int flushing = 0;
        var waited = Stopwatch.StartNew();
        try
        {
            while (flushing < flushes)
            {
                TimeSpan left = s_hangGuard - waited.Elapsed;
                string? line = null;
                if (left <= TimeSpan.Zero || !lines.TryTake(out line, left))
                {
                    // Died by itself, or hung: either way not what this test is about.
                    lock (errors)
                    {
                        throw new Xunit.Sdk.XunitException(
                            $"The child {(process.HasExited ? "exited with " + process.ExitCode.ToString(CultureInfo.InvariantCulture) : "did not commit in time")} " +
                            $"after {flushing} of {flushes} flushes. Stdout: {string.Join(" | ", seen.TakeLast(10))} Stderr: {errors}");
                    }
                }

                seen.Add(line);
                if (line.StartsWith("flushing ", StringComparison.Ordinal))
                {
                    flushing++;
                }
            }

            SpinFor(spinMicroseconds);
            Assert.False(process.HasExited, "The child must still be running when it is killed.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
        }

        Assert.True(reader.Join(s_hangGuard), "The child's output did not end after it was killed.");
        seen.AddRange(lines.GetConsumingEnumerable());
        return ChildOutput.Parse(seen);
    }

    /// <summary>What the child printed: <c>start N</c>, then <c>flushing N</c> before and <c>committed N</c> after each flush.</summary>
    private sealed record ChildOutput(long Start, List<long> Announced, List<long> Committed, List<string> Lines)
    {
        public static ChildOutput Parse(List<string> lines)
        {
            Assert.True(lines.Count > 0 && lines[0].StartsWith("start ", StringComparison.Ordinal), "The child's first line must be 'start N': " + string.Join(" | ", lines.Take(5)));
            long start = long.Parse(lines[0]["start ".Length..], CultureInfo.InvariantCulture);
            var announced = new List<long>();
            var committed = new List<long>();
            foreach (string line in lines.Skip(1))
            {
                string[] parts = line.Split(' ');
                List<long>? list = parts[0] switch
                {
                    "flushing" => announced,
                    "committed" => committed,
                    _ => null,
                };

                // A line cut short by the kill would read as a smaller number: every total is the start plus whole
                // batches and grows, so such a line is left out.
                if (list is not null && parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long value) &&
                    value > start && (value - start) % Batch == 0 && (list.Count == 0 || value > list[^1]))
                {
                    list.Add(value);
                }
            }

            return new ChildOutput(start, announced, committed, lines);
        }

        public string Describe() =>
            $"{Lines.Count} lines; start {Start}; last lines: {string.Join(" | ", Lines.TakeLast(4))}";
    }
}
