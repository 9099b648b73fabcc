namespace PiiGuard.Telemetry.Submission;

/// <summary>What became of one request to the collector, as the scheduler acts on it.</summary>
internal enum TransportOutcome
{
    /// <summary>The collector took the request (2xx; for a submission also 409, a key it already has; for a deletion also 404, nothing to delete).</summary>
    Accepted,

    /// <summary>The collector asked to try again later (429, 503, 408, other 5xx); <see cref="TransportResult.RetryAfter"/> says when if it said so.</summary>
    RetryLater,

    /// <summary>The collector, or a redirect it sent, refused the request for good (other 4xx, a refused redirect): it is not sent again as it is.</summary>
    Rejected,

    /// <summary>No answer: a network or TLS failure, or the request timed out. The caller retries with backoff.</summary>
    Failed,
}
