using System;

namespace PiiGuard;

/// <summary>What one <see cref="UsageStatistics.SubmitAsync"/> call did with one queued deletion request.</summary>
/// <remarks>
/// Listed in <see cref="SubmissionResult.DeletionRequests"/>. A record with init-only properties and no public
/// constructor, so that properties can be added without breaking callers; it compares by value.
/// </remarks>
public sealed record DeletionRequestResult
{
    internal DeletionRequestResult()
    {
    }

    /// <summary>Gets whether the collector acknowledged it.</summary>
    public required DeletionRequestOutcome Outcome { get; init; }

    /// <summary>Gets the collector's HTTP status, if it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// Gets when it is tried again, if it was not acknowledged; null when it was, or when the store became unavailable
    /// before the answer could be recorded (the request then stays queued and goes at the next call).
    /// </summary>
    public DateTimeOffset? NextAttemptNotBefore { get; init; }
}
