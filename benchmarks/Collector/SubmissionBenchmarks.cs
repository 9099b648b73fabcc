using System;
using System.Globalization;
using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using PiiGuard.Collector.Storage;
using Printernizer;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// What one submission costs the collector without the network, on one thread: the steps of
/// <c>POST /v1/submissions</c> after the body is read, against a real SQLite store (SQLite, WAL, on
/// disk in a temporary folder). Every invocation submits a new installation (a new v4 id written into the body in
/// place, about 0.1 µs), so every one is accepted and inserts its rows in one transaction: the table grows during
/// the run, as a real collector's does.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class SubmissionBenchmarks
{
    private string _folder = null!;
    private SqliteCollectorStore _store = null!;
    private byte[] _body = null!;
    private int _idOffset;
    private string _payloadJson = null!;
    private long _stored;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "piiguard-collector-bench-" + Guid.NewGuid().ToString("N"));
        _store = EndpointWork.NewStore(Path.Combine(_folder, "collector.db"));
        (_body, _idOffset) = Submissions.Template();
        _payloadJson = TelemetrySerializer.SerializeToString(Submissions.Report(Guid.NewGuid()));

        // The checks that keep the numbers honest: a submission is accepted and lands as a row, and a second
        // submission of the same installation is not (so the benchmarks below really insert every time).
        Guid id = Submissions.NewId(_body, _idOffset);
        StoreOutcome first = (StoreOutcome)ReadCheckStore();
        StoreOutcome again = _store.StoreAsync(new StoredSubmission(id, Submissions.Week, "1.0", _payloadJson), Submissions.Now).GetAwaiter().GetResult().Outcome;
        if (first != StoreOutcome.Accepted || again != StoreOutcome.Duplicate || _store.CountSubmissionsAsync().GetAwaiter().GetResult() != 1 || _store.CountInstallationAsync(id).GetAwaiter().GetResult() != 1)
        {
            throw new InvalidOperationException($"The set-up check failed: {first}, {again}, {_store.CountSubmissionsAsync().GetAwaiter().GetResult()} rows.");
        }

        _stored = 1;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        long rows = _store.CountSubmissionsAsync().GetAwaiter().GetResult();
        long bytes = 0;
        foreach (string file in Directory.GetFiles(_folder))
        {
            bytes += new FileInfo(file).Length;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Collector store: {rows:N0} rows ({_stored:N0} accepted), {bytes / 1048576.0:F1} MiB with the WAL."));
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        if (_stored > 0 && rows != _stored)
        {
            throw new InvalidOperationException($"{rows} rows for {_stored} accepted submissions.");
        }
    }

    /// <summary>Everything the endpoint does with a body it has read: read, check, canonical JSON, store (<see cref="EndpointWork"/>).</summary>
    [Benchmark(Baseline = true, Description = "Read + Check + Store (the endpoint's work)")]
    public int Submit()
    {
        Submissions.NewId(_body, _idOffset);
        return ReadCheckStore();
    }

    /// <summary>The strict reader and the rules alone: no SQLite.</summary>
    [Benchmark(Description = "Read + Check (no SQLite)")]
    public DateOnly ReadAndCheck()
    {
        Submissions.NewId(_body, _idOffset);
        return EndpointWork.ReadAndCheck(_body, Submissions.Now).WeekStart;
    }

    /// <summary>The SQLite part alone: the store's StoreAsync of a prepared submission, one transaction.</summary>
    [Benchmark(Description = "Store (SQLite only)")]
    public int Store()
    {
        StoreOutcome outcome = _store.StoreAsync(new StoredSubmission(Guid.NewGuid(), Submissions.Week, "1.0", _payloadJson), Submissions.Now).GetAwaiter().GetResult().Outcome;
        return Accepted(outcome);
    }

    // The outcome as a number: the store's types are internal to the collector library, and a benchmark is public.
    private int ReadCheckStore() => Accepted(EndpointWork.Submit(_store, _body, Submissions.Now));

    private int Accepted(StoreOutcome outcome)
    {
        if (outcome != StoreOutcome.Accepted)
        {
            throw new InvalidOperationException("Not accepted: " + outcome);
        }

        _stored++;
        return (int)outcome;
    }
}
