using System;
using System.Collections.Generic;

namespace PiiGuard.Telemetry.Storage;

/// <summary>The fate a week can have in the store; a week without one is pending (if completed) or in progress.</summary>
internal static class WeekState
{
    public const string Sent = "sent";
    public const string Dropped = "dropped";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";
}

/// <summary>What the status needs from the store: counts of weeks by fate, the schedule and the deletion queue.</summary>
internal readonly record struct QueueState(int Pending, int Sent, int Dropped, int Rejected, DateTimeOffset? NextSubmission, int Deletions);

/// <summary>What the submission needs from the store before it sends: the weeks that wait and the schedule.</summary>
/// <param name="Pending">Completed weeks that hold statistics and have no fate yet, oldest first.</param>
/// <param name="NotBefore">When the next submission may be made, if a limit or a backoff is set.</param>
/// <param name="Failures">How many attempts in a row have failed.</param>
internal sealed record SubmissionState(IReadOnlyList<DateTimeOffset> Pending, DateTimeOffset? NotBefore, int Failures);

/// <summary>A queued request to the collector to delete an installation's data.</summary>
internal readonly record struct DeletionRequest(Guid InstallationId, int Attempts);

/// <summary>One row of the submission log, as stored (times already rounded when written).</summary>
internal sealed record SubmissionLogEntry(string WeekStart, string AttemptedAt, string Outcome, int? StatusCode);

/// <summary>One queued deletion request, as stored.</summary>
internal sealed record DeletionRequestEntry(string InstallationId, string RequestedAt, int Attempts);

/// <summary>Everything the store holds, read in one transaction: what the user's export is made of.</summary>
internal sealed record StoreSnapshot(
    IReadOnlyList<StoredStatistic> Statistics,
    IReadOnlyList<DateTimeOffset> PendingWeeks,
    IReadOnlyList<(string WeekStart, string State)> Weeks,
    IReadOnlyList<SubmissionLogEntry> SubmissionLog,
    IReadOnlyList<DeletionRequestEntry> DeletionRequests,
    string? NextSubmissionNotBefore,
    int ConsecutiveFailures)
{
    /// <summary>The snapshot of a store that does not exist: every list empty.</summary>
    public static readonly StoreSnapshot Empty = new([], [], [], [], [], null, 0);
}
