using System;
using System.Collections.Generic;
using static PiiGuard.Period;

namespace PiiGuard.Runtime.Tests.Payloads;

/// <summary>
/// Aggregated points in time inside collections: the analyzers accept <c>[Aggregated]</c> on a collection of
/// DateTime or DateTimeOffset (PII002 says "nullable, or inside a collection"), so the generator must serialize it.
/// Kept apart from <see cref="WidePayload"/> because, at the time of writing, the generator skips it (see
/// TimestampCollectionTests).
/// </summary>
[TelemetryPayload(Name = "timestamp_collections")]
public sealed class TimestampCollectionsPayload
{
    [TelemetryField, Aggregated(Day)]
    public required List<DateTimeOffset> Days { get; set; }

    [TelemetryField, Aggregated(Week)]
    public required Dictionary<Bucket, DateTime> WeekByBucket { get; set; }

    [TelemetryField, Aggregated(Week)]
    public required DateTimeOffset[] Weeks { get; set; }
}
