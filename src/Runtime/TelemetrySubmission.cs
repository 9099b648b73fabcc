using System;

namespace PiiGuard;

/// <summary>
/// One submission as <see cref="TelemetryEnvelope.Read{T}(ReadOnlySpan{byte}, int)"/> read it: the envelope's
/// fields and the payload. A record with init properties, so that a later version can add envelope fields without
/// breaking code that builds or reads one.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed record TelemetrySubmission<T>
{
    /// <summary>Gets the schema version the body declares: the payload's.</summary>
    public required SchemaVersion SchemaVersion { get; init; }

    /// <summary>Gets the hour the client sent it (<c>submission_timestamp</c>).</summary>
    public required DateTimeOffset SubmissionTimestamp { get; init; }

    /// <summary>Gets the payload.</summary>
    public required T Payload { get; init; }
}
