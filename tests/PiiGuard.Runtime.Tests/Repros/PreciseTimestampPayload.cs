// Not compiled into the test project: SkippedPayloadTests' control, a payload PiiGuard's analyzers report (PII002).
#nullable enable
using System;
using PiiGuard;

namespace PiiGuard.Repros.Control;

[TelemetryPayload]
public sealed class PreciseTimestampPayload
{
    [TelemetryField]
    public DateTimeOffset FirstSeen { get; set; }
}
