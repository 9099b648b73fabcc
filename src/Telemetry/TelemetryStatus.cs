using System;
using System.Collections.Generic;

namespace PiiGuard;

/// <summary>The user's decision about usage statistics, as <see cref="UsageStatistics.GetStatus"/> reports it.</summary>
public enum ConsentState
{
    /// <summary>
    /// No decision is recorded: the user was never asked (or the decision was lost with a damaged store). Nothing is on
    /// disk yet. An app shows its consent prompt.
    /// </summary>
    NotAsked,

    /// <summary>The user agreed (see <see cref="TelemetryStatus.NeedsConsent"/> for an agreement to an older schema version).</summary>
    OptedIn,

    /// <summary>The user said no, at the first prompt or later; the decision is stored, so the app does not ask again.</summary>
    OptedOut,

    /// <summary>The statistics database exists but cannot be read now (see <see cref="TelemetryStatus.StoreAvailable"/>): the decision is unknown.</summary>
    Unknown,
}

/// <summary>What a settings page shows about usage statistics: consent, the installation id and the submission state.</summary>
/// <param name="StoreAvailable">
/// Whether the statistics database could be opened, or does not exist yet and nothing has failed (before the user's
/// first decision nothing is on disk); when not, nothing is recorded.
/// </param>
/// <param name="Consent">The user's decision: never asked, opted in, opted out, or unknown while the store cannot be read.</param>
/// <param name="OptedIn">Whether the user agreed to usage statistics. Off until the user opts in.</param>
/// <param name="NeedsConsent">
/// Whether the user opted in to an older schema version than the app now ships: recording and submission are paused
/// until the user agrees again.
/// </param>
/// <param name="ConsentedSchemaVersion">The payload schema version the user agreed to, while opted in; null otherwise.</param>
/// <param name="CurrentSchemaVersion">The payload schema version the app ships.</param>
/// <param name="InstallationId">The random installation id, while opted in.</param>
/// <param name="FirstSeen">The Monday of the week the user opted in.</param>
/// <param name="Endpoint">The collector statistics are submitted to; null when none is configured.</param>
/// <param name="PendingWeeks">Completed weeks waiting to be submitted.</param>
/// <param name="SubmittedWeeks">Weeks the collector acknowledged.</param>
/// <param name="DroppedWeeks">Weeks dropped unsent because too many were waiting.</param>
/// <param name="RejectedWeeks">Weeks the collector refused for good.</param>
/// <param name="NextSubmissionNotBefore">The earliest time of the next submission (rate limit and backoff), if one is scheduled.</param>
/// <param name="PendingRemoteDeletions">Deletion requests waiting for the collector's acknowledgement.</param>
public sealed record TelemetryStatus(
    bool StoreAvailable,
    ConsentState Consent,
    bool OptedIn,
    bool NeedsConsent,
    string? ConsentedSchemaVersion,
    string CurrentSchemaVersion,
    Guid? InstallationId,
    DateTimeOffset? FirstSeen,
    Uri? Endpoint,
    int PendingWeeks,
    int SubmittedWeeks,
    int DroppedWeeks,
    int RejectedWeeks,
    DateTimeOffset? NextSubmissionNotBefore,
    int PendingRemoteDeletions);

/// <summary>The exact body the next submission would send.</summary>
/// <param name="WeekStart">The Monday of the week it covers.</param>
/// <param name="IsComplete">Whether that week is over; false for a preview of the week in progress.</param>
/// <param name="Body">The UTF-8 JSON, byte for byte as it would be sent (the submission timestamp is the current hour).</param>
public sealed record SubmissionPreview(DateTimeOffset WeekStart, bool IsComplete, ReadOnlyMemory<byte> Body)
{
    /// <summary>Gets the body as text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body.Span);
}

/// <summary>
/// What one <see cref="UsageStatistics.SubmitAsync"/> call did with the statistics. The deletion requests it sends
/// first are reported apart, in <see cref="SubmissionResult.DeletionRequests"/>.
/// </summary>
public enum SubmissionOutcome
{
    /// <summary>
    /// The user has not opted in (or opted out): no statistics were sent. Also when the user opted out while a week
    /// was on its way: it does not count as sent, and the opt-out's deletion request covers whatever reached the collector.
    /// </summary>
    NotOptedIn,

    /// <summary>The app ships a newer schema version than the user agreed to: no statistics were sent.</summary>
    NeedsConsent,

    /// <summary>No endpoint is configured: statistics stay local.</summary>
    NoEndpoint,

    /// <summary>The statistics database is unavailable.</summary>
    StoreUnavailable,

    /// <summary>No completed week is waiting.</summary>
    NothingDue,

    /// <summary>A week is waiting, but the rate limit (one submission per hour) or a backoff says not yet.</summary>
    NotYet,

    /// <summary>A week was sent and acknowledged.</summary>
    Sent,

    /// <summary>Sending failed (network, server busy, 429); the week stays pending and a retry is scheduled.</summary>
    RetryScheduled,

    /// <summary>The collector refused the week for good (4xx); it will not be sent again.</summary>
    Rejected,
}

/// <summary>What one <see cref="UsageStatistics.SubmitAsync"/> call did with the statistics, and when the next submission may go.</summary>
/// <param name="Outcome">What happened to the statistics.</param>
/// <param name="WeekStart">The week it concerned, if any.</param>
/// <param name="StatusCode">The collector's HTTP status for the week, if it answered.</param>
/// <param name="NextSubmissionNotBefore">The earliest time of the next submission, if one is scheduled.</param>
public sealed record SubmissionResult(SubmissionOutcome Outcome, DateTimeOffset? WeekStart, int? StatusCode, DateTimeOffset? NextSubmissionNotBefore)
{
    /// <summary>
    /// Gets what the call did with the deletion requests that were due (after an opt-out, or a new installation id
    /// with remote deletion), oldest first: it sends them before it looks at the statistics, whatever
    /// <see cref="Outcome"/> then says. Empty when none was due or no endpoint is configured.
    /// </summary>
    public IReadOnlyList<DeletionRequestResult> DeletionRequests { get; init; } = [];
}

/// <summary>What one <see cref="UsageStatistics.SubmitAsync"/> call did with one queued deletion request.</summary>
public enum DeletionRequestOutcome
{
    /// <summary>The collector acknowledged it (2xx, or 404: it holds nothing under that id), so it leaves the queue.</summary>
    Acknowledged,

    /// <summary>It was sent but not acknowledged (no answer, or any other status); it stays queued and is retried with backoff.</summary>
    RetryScheduled,
}

/// <summary>What one <see cref="UsageStatistics.SubmitAsync"/> call did with one queued deletion request.</summary>
/// <param name="Outcome">Whether the collector acknowledged it.</param>
/// <param name="StatusCode">The collector's HTTP status, if it answered.</param>
/// <param name="NextAttemptNotBefore">
/// When it is tried again, if it was not acknowledged; null when it was, or when the store became unavailable before
/// the answer could be recorded (the request then stays queued and goes at the next call).
/// </param>
public sealed record DeletionRequestResult(DeletionRequestOutcome Outcome, int? StatusCode, DateTimeOffset? NextAttemptNotBefore);
