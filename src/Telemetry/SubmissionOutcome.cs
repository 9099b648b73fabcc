namespace PiiGuard;

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
