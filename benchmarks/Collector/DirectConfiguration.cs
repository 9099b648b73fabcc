using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// The endpoint's work (<see cref="EndpointWork"/>: read, check, store) called by N threads of the harness on a fresh
/// SQLite store: what the collector's database side accepts without HTTP, TLS and Kestrel. With
/// <c>locked</c>, the threads take turns through a lock in the harness (the collector has none), so that SQLite never
/// sees two writers at once.
/// </summary>
internal sealed class DirectConfiguration(string folder, int threads, bool locked)
    : Configuration(folder, threads, locked ? Mode.DirectLocked : Mode.Direct)
{
    private readonly object? _gate = locked ? new object() : null;
    private SqliteCollectorStore _store = null!;

    public override Task StartAsync()
    {
        _store = EndpointWork.NewStore(DatabasePath);
        return Task.CompletedTask;
    }

    public override Task<double> RunRoundAsync(int count, bool measured)
    {
        byte[][] bodies = Build(count).Bodies;
        var latencies = new long[count];
        int next = -1;
        int failures = 0;
        TimeSpan cpuBefore = ProcessCpu();
        long start = Stopwatch.GetTimestamp();
        Thread[] workers = [.. Enumerable.Range(0, Senders).Select(_ => new Thread(() =>
        {
            for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                long begun = Stopwatch.GetTimestamp();
                StoreOutcome? outcome = null;
                try
                {
                    if (_gate is null)
                    {
                        outcome = EndpointWork.Submit(_store, bodies[i], Submissions.Now);
                    }
                    else
                    {
                        lock (_gate)
                        {
                            outcome = EndpointWork.Submit(_store, bodies[i], Submissions.Now);
                        }
                    }
                }
                catch (SqliteException e)
                {
                    Console.WriteLine("  failure: " + e.Message);
                }

                latencies[i] = Stopwatch.GetTimestamp() - begun;
                if (outcome != StoreOutcome.Accepted)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }))];
        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        return Task.FromResult(Record(count, failures, latencies, [], elapsed, ProcessCpu() - cpuBefore, measured));
    }

    public override ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
