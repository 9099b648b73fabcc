using System;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;
using Printernizer;

namespace PiiGuard.Benchmarks.Recording;

/// <summary>
/// What the store's side costs: writing a day's values to SQLite (one transaction), and building and serializing
/// the week's submission from SQLite (what a settings page's preview and every weekly submission do).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class StoreBenchmarks
{
    private Store _flushStore = null!;
    private Store _weekStore = null!;
    private int _day;

    [GlobalSetup]
    public void Setup()
    {
        _flushStore = Store.Open();

        // A complete week of 7 days x 20 keys, seen from the Monday after it: the next submission is that week.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        _weekStore = Store.Open(time);
        for (int day = 0; day < 7; day++)
        {
            Store.RecordDay(_weekStore.Statistics, day);
            if (!_weekStore.Statistics.Flush())
            {
                throw new InvalidOperationException("Flushing the week failed.");
            }

            time.Advance(TimeSpan.FromDays(1));
        }

        SubmissionPreview preview = _weekStore.Statistics.PreviewNextSubmission()
            ?? throw new InvalidOperationException("No preview.");
        if (!preview.IsComplete || !preview.BodyText.Contains("\"job_count\":161,", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The preview is not the complete week of 7 x 23 jobs: " + preview.BodyText);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _flushStore.Dispose();
        _weekStore.Dispose();
    }

    /// <summary>A day's 20 values recorded, then written to SQLite in one transaction (upserts into today's rows).</summary>
    [Benchmark(Description = "Record a day's 20 keys + Flush()")]
    public bool RecordDayAndFlush()
    {
        Store.RecordDay(_flushStore.Statistics, _day++);
        return _flushStore.Statistics.Flush();
    }

    /// <summary>The week's 140 rows read from SQLite, the payload built (UsageReports.Build) and serialized in its envelope.</summary>
    [Benchmark(Description = "PreviewNextSubmission() of a 7 x 20 week")]
    public int PreviewNextSubmission() => _weekStore.Statistics.PreviewNextSubmission()!.Body.Length;
}
