namespace PiiGuard;

/// <summary>What one <see cref="UsageStatistics.SubmitAsync"/> call did with one queued deletion request.</summary>
public enum DeletionRequestOutcome
{
    /// <summary>The collector acknowledged it (2xx, or 404: it holds nothing under that id), so it leaves the queue.</summary>
    Acknowledged,

    /// <summary>It was sent but not acknowledged (no answer, or any other status); it stays queued and is retried with backoff.</summary>
    RetryScheduled,
}
