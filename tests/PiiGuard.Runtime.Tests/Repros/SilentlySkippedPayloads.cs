// Not compiled into the test project (see SkippedPayloadTests): payloads PiiGuard's generator refuses to
// serialize (PayloadModelBuilder reports a problem) while, at the time of writing, no analyzer reports an error,
// so the build succeeds and the app fails at run time with "has no generated PiiGuard serializer ... fix every
// PiiGuard error of that project", of which there is none. SkippedPayloadTests checks each one.
#nullable enable
using System;
using System.Collections.Generic;
using PiiGuard;
using static PiiGuard.Period;

namespace PiiGuard.Repros;

/// <summary>[Aggregated] on a list of points in time: PII002 accepts it, the generator does not.</summary>
[TelemetryPayload]
public sealed class AggregatedListPayload
{
    [TelemetryField, Aggregated(Day)]
    public required List<DateTimeOffset> Days { get; set; }
}

/// <summary>A get-only member without a constructor parameter: cannot be set when read back.</summary>
[TelemetryPayload]
public sealed class GetOnlyPayload
{
    [TelemetryField]
    public int Count { get; }
}

/// <summary>A dictionary with integer keys: JSON object keys must be names.</summary>
[TelemetryPayload]
public sealed class IntegerKeyedPayload
{
    [TelemetryField]
    public required Dictionary<int, int> CountsBySlot { get; set; }
}

/// <summary>Two members with the same JSON name.</summary>
[TelemetryPayload]
public sealed class DuplicateJsonNamePayload
{
    [TelemetryField("count")]
    public int First { get; set; }

    [TelemetryField("count")]
    public int Second { get; set; }
}

/// <summary>No constructor the reader can call.</summary>
[TelemetryPayload]
public sealed class NoUsableConstructorPayload
{
    public NoUsableConstructorPayload(bool unrelated)
    {
        _ = unrelated;
    }

    [TelemetryField]
    public int Count { get; set; }
}
