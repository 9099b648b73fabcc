using System;

namespace PiiGuard.Telemetry.Submission;

/// <summary>The result of one request to the collector.</summary>
/// <param name="Outcome">What became of the request.</param>
/// <param name="StatusCode">The HTTP status of the final response, or <see langword="null"/> when none came (<see cref="TransportOutcome.Failed"/>).</param>
/// <param name="RetryAfter">
/// For <see cref="TransportOutcome.RetryLater"/>, how long the collector asked to wait (its <c>Retry-After</c>, at
/// least zero and at most seven days), or <see langword="null"/> when it did not say.
/// </param>
internal readonly record struct TransportResult(TransportOutcome Outcome, int? StatusCode, TimeSpan? RetryAfter);
