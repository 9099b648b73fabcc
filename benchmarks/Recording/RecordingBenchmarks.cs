using System;
using BenchmarkDotNet.Attributes;
using Printernizer;

namespace PiiGuard.Benchmarks.Recording;

/// <summary>
/// What recording costs the app, on one thread, on an opted-in store: each benchmark records 1,000 times per
/// invocation (OperationsPerInvoke), so the times are per record. Values accumulate in memory (nothing is flushed
/// during a measurement).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class RecordingBenchmarks
{
    private const int Operations = 1000;

    private Store _store = null!;
    private UsageStatistics _statistics = null!;
    private Exception _exception = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = Store.Open();
        _statistics = _store.Statistics;
        try
        {
            throw new TimeoutException("Printer at 192.168.1.5 did not answer within 30 s.");
        }
        catch (TimeoutException e)
        {
            _exception = e;
        }

        // The check that keeps the numbers honest: a record really reaches the store.
        _statistics.Increment(UsageCounter.Jobs);
        if (!_statistics.Flush() || _store.Total(UsageCounter.Jobs) != 1)
        {
            throw new InvalidOperationException("Increment did not store its count.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "Increment(UsageCounter.Jobs)")]
    public void Increment()
    {
        UsageStatistics statistics = _statistics;
        for (int i = 0; i < Operations; i++)
        {
            statistics.Increment(UsageCounter.Jobs);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "SetGauge(PrinterType.BambuLab, n)")]
    public void SetGauge()
    {
        UsageStatistics statistics = _statistics;
        for (int i = 0; i < Operations; i++)
        {
            statistics.SetGauge(PrinterType.BambuLab, i);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "RecordError(exception, Component.PrinterService)")]
    public void RecordError()
    {
        UsageStatistics statistics = _statistics;
        Exception exception = _exception;
        for (int i = 0; i < Operations; i++)
        {
            statistics.RecordError(exception, Component.PrinterService);
        }
    }
}
