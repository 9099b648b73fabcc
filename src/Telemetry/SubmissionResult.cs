using System;
using System.Collections.Generic;

namespace PiiGuard;

/// <summary>What one <see cref="UsageStatistics.SubmitAsync"/> call did with the statistics, and when the next submission may go.</summary>
/// <remarks>
/// Made by <see cref="UsageStatistics.SubmitAsync"/> only. A record with init-only properties and no public
/// constructor, so that properties can be added without breaking callers; it compares by value (except
/// <see cref="DeletionRequests"/>, compared by reference).
/// </remarks>
public sealed record SubmissionResult
{
    internal SubmissionResult()
    {
    }

    /// <summary>Gets what happened to the statistics.</summary>
    public required SubmissionOutcome Outcome { get; init; }

    /// <summary>Gets the week it concerned, if any.</summary>
    public DateTimeOffset? WeekStart { get; init; }

    /// <summary>Gets the collector's HTTP status for the week, if it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the earliest time of the next submission, if one is scheduled.</summary>
    public DateTimeOffset? NextSubmissionNotBefore { get; init; }

    /// <summary>
    /// Gets what the call did with the deletion requests that were due (after an opt-out, or a new installation id
    /// with remote deletion), oldest first: it sends them before it looks at the statistics, whatever
    /// <see cref="Outcome"/> then says. Empty when none was due or no endpoint is configured.
    /// </summary>
    public IReadOnlyList<DeletionRequestResult> DeletionRequests { get; init; } = [];
}
