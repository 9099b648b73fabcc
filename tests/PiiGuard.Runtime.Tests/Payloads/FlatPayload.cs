using System;
using static PiiGuard.Period;

namespace PiiGuard.Runtime.Tests.Payloads;

/// <summary>
/// A payload of scalars only: no nested object, no enum, no collection. AllocationTests uses it to tell the
/// writer's own allocations from those of the generated code around nested members.
/// </summary>
[TelemetryPayload(Name = "flat_payload")]
public sealed class FlatPayload
{
    [TelemetryField, InstallationId]
    public Guid InstallationId { get; set; }

    [TelemetryField]
    public int Count { get; set; }

    [TelemetryField]
    public ulong Big { get; set; }

    [TelemetryField]
    public double Ratio { get; set; }

    [TelemetryField]
    public decimal Amount { get; set; }

    [TelemetryField]
    public bool Enabled { get; set; }

    [TelemetryField]
    public required Version Release { get; set; }

    [TelemetryField]
    public CountryCode CountryCode { get; set; }

    [TelemetryField]
    public TimeSpan Elapsed { get; set; }

    [TelemetryField, Aggregated(Week)]
    public DateTimeOffset FirstSeen { get; set; }

    [TelemetryField, Aggregated(Day)]
    public DateTime LastDay { get; set; }

    [TelemetryField]
    public int? Missing { get; set; }
}
