using System;

namespace PiiGuard;

/// <summary>What a settings page shows about usage statistics: consent, the installation id and the submission state.</summary>
/// <remarks>
/// Made by <see cref="UsageStatistics.GetStatus"/> only. A record with init-only properties and no public constructor,
/// so that properties can be added without breaking callers; it compares by value.
/// </remarks>
public sealed record TelemetryStatus
{
    internal TelemetryStatus()
    {
    }

    /// <summary>
    /// Gets whether the statistics database could be opened, or does not exist yet and nothing has failed (before the
    /// user's first decision nothing is on disk); when not, nothing is recorded.
    /// </summary>
    public required bool StoreAvailable { get; init; }

    /// <summary>Gets the user's decision: never asked, opted in, opted out, or unknown while the store cannot be read.</summary>
    public required ConsentState Consent { get; init; }

    /// <summary>Gets whether the user agreed to usage statistics. Off until the user opts in.</summary>
    public required bool OptedIn { get; init; }

    /// <summary>
    /// Gets whether the user opted in to an older schema version than the app now ships: recording and submission are
    /// paused until the user agrees again.
    /// </summary>
    public required bool NeedsConsent { get; init; }

    /// <summary>Gets the payload schema version the user agreed to, while opted in; null otherwise.</summary>
    public required string? ConsentedSchemaVersion { get; init; }

    /// <summary>Gets the payload schema version the app ships.</summary>
    public required string CurrentSchemaVersion { get; init; }

    /// <summary>Gets the random installation id, while opted in; null otherwise.</summary>
    public required Guid? InstallationId { get; init; }

    /// <summary>Gets the Monday of the week the user opted in, while opted in; null otherwise.</summary>
    public required DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Gets the collector statistics are submitted to; null when none is configured.</summary>
    public required Uri? Endpoint { get; init; }

    /// <summary>Gets the number of completed weeks waiting to be submitted.</summary>
    public required int PendingWeeks { get; init; }

    /// <summary>Gets the number of weeks the collector acknowledged.</summary>
    public required int SubmittedWeeks { get; init; }

    /// <summary>Gets the number of weeks dropped unsent because too many were waiting.</summary>
    public required int DroppedWeeks { get; init; }

    /// <summary>Gets the number of weeks the collector refused for good.</summary>
    public required int RejectedWeeks { get; init; }

    /// <summary>Gets the earliest time of the next submission (rate limit and backoff), if one is scheduled.</summary>
    public required DateTimeOffset? NextSubmissionNotBefore { get; init; }

    /// <summary>Gets the number of deletion requests waiting for the collector's acknowledgement.</summary>
    public required int PendingRemoteDeletions { get; init; }
}
