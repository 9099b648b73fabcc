using System;
using PiiGuard.Collector;
using PiiGuard.Collector.Storage;
using Printernizer;
using PrinternizerCollector;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// What the collector's <c>POST /v1/submissions</c> does with a body it has read, in the same order and with the same
/// calls: the strict reader, the checks (the library's and Printernizer's), the canonical payload JSON and the store.
/// Left out: the content-type and Idempotency-Key header checks and writing the JSON answer.
/// </summary>
internal static class EndpointWork
{
    /// <summary>The collector's default body limit, which it passes to the reader.</summary>
    public static readonly int MaxBodyBytes = new TelemetryCollectorOptions().MaxBodyBytes;

    /// <summary>The collector's options for Printernizer's reports.</summary>
    public static readonly TelemetryCollectorOptions<UsageReport> Options = CreateOptions();

    private static readonly string IdPath = TelemetryEnvelope.InstallationIdPath<UsageReport>()!;

    /// <summary>A SQLite store at <paramref name="path"/>, with its schema.</summary>
    public static SqliteCollectorStore NewStore(string path)
    {
        var store = new SqliteCollectorStore(path);
        store.Migrate(TelemetrySchema.For<UsageReport>().Name);
        return store;
    }

    /// <summary>Reads and checks one submission; throws unless it is valid.</summary>
    public static StoredSubmission ReadAndCheck(byte[] body, DateTimeOffset now)
    {
        TelemetrySubmission<UsageReport> submission = TelemetryEnvelope.Read<UsageReport>(body, MaxBodyBytes);
        if (SubmissionChecks.Check(submission, now, Options, IdPath, out Guid id, out DateOnly week) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        return new StoredSubmission(id, week, submission.SchemaVersion.ToString(), TelemetrySerializer.SerializeToString(submission.Payload));
    }

    /// <summary>Reads, checks and stores one submission; throws unless it is valid.</summary>
    public static StoreOutcome Submit(CollectorStore store, byte[] body, DateTimeOffset now) =>
        store.StoreAsync(ReadAndCheck(body, now), now).GetAwaiter().GetResult().Outcome;

    private static TelemetryCollectorOptions<UsageReport> CreateOptions()
    {
        var options = new TelemetryCollectorOptions<UsageReport>();
        PrinternizerRules.Apply(options);
        return options;
    }
}
