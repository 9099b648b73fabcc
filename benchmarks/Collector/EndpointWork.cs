using System;
using PiiGuard.Collector;
using Printernizer;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// What <c>SubmissionEndpoints.SubmitAsync</c> does with a body it has read, in the same order and with the same
/// calls: the strict reader, the rules, the canonical payload JSON and <see cref="CollectorStore.Store"/>. Left out:
/// the content-type and Idempotency-Key header checks and writing the JSON answer.
/// </summary>
internal static class EndpointWork
{
    /// <summary>The collector's default body limit, which it passes to the reader.</summary>
    public static readonly int MaxBodyBytes = new CollectorOptions().MaxBodyBytes;

    /// <summary>Reads, checks and stores one submission; throws unless it is valid.</summary>
    public static StoreOutcome Submit(CollectorStore store, byte[] body, DateTimeOffset now)
    {
        TelemetrySubmission<UsageReport> submission = TelemetryEnvelope.Read<UsageReport>(body, MaxBodyBytes);
        if (SubmissionRules.Check(submission, now) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        UsageReport report = submission.Payload;
        DateOnly week = DateOnly.FromDateTime(report.Period.Start.UtcDateTime);
        var stored = new StoredSubmission(report.Installation.InstallationId, week, submission.SchemaVersion.ToString(), TelemetrySerializer.SerializeToString(report));
        return store.Store(stored, now).Outcome;
    }
}
