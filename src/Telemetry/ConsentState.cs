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
