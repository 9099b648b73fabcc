using System;
using System.Collections.Generic;
using PiiGuard;
using static PiiGuard.Period;

namespace Printernizer;

// The tests' own copy of the seed payload (samples/Printernizer.Payloads declares the original): a library test
// references no sample, so these tests keep their payload when the sample changes. One copy, compiled into
// tests/PiiGuard.Runtime.Tests, tests/PiiGuard.Telemetry.Tests and tests/PiiGuard.Telemetry.Child. The namespace stays
// Printernizer, the payload's name in the generated code and the fixtures.

// The weekly usage statistics of Printernizer, as its privacy policy's "Sample Data Payload" shows them, less
// the envelope (schema_version, submission_timestamp). Every closed set of values is an enum, versions and the
// country code are typed values rather than strings, and the only identifier is the random installation id.

/// <summary>What one Printernizer installation submits once a week, if its user opted in.</summary>
[TelemetryPayload(Name = "printernizer_usage", SchemaVersion = "1.0")]
public sealed class UsageReport
{
    [TelemetryField(Purpose = "Understand the technical environment and deployment patterns")]
    public required Installation Installation { get; init; }

    [TelemetryField(Purpose = "The week the counts below cover")]
    public required ReportPeriod Period { get; init; }

    [TelemetryField(Purpose = "Understand the hardware ecosystem and multi-printer setups")]
    public required PrinterFleet PrinterFleet { get; init; }

    [TelemetryField(Purpose = "Understand usage intensity and feature adoption")]
    public required UsageStats UsageStats { get; init; }

    [TelemetryField(Purpose = "Identify common issues to improve stability")]
    public required Dictionary<ErrorType, int> ErrorSummary { get; init; }
}

public sealed class Installation
{
    /// <summary>A random UUIDv4, not derived from hardware; the user can regenerate it.</summary>
    [TelemetryField, InstallationId]
    public required Guid InstallationId { get; init; }

    [TelemetryField, Aggregated(Week)]
    public required DateTimeOffset FirstSeen { get; init; }

    [TelemetryField]
    public required Version AppVersion { get; init; }

    [TelemetryField]
    public Version? PythonVersion { get; init; }

    [TelemetryField]
    public required Platform Platform { get; init; }

    [TelemetryField]
    public required DeploymentMode DeploymentMode { get; init; }

    /// <summary>Derived from the configured time zone, never from the IP address.</summary>
    [TelemetryField]
    public required CountryCode CountryCode { get; init; }
}

public sealed class ReportPeriod
{
    [TelemetryField, Aggregated(Week)]
    public required DateTimeOffset Start { get; init; }

    [TelemetryField, Aggregated(Week)]
    public required DateTimeOffset End { get; init; }

    [TelemetryField]
    public required int DurationDays { get; init; }
}

public sealed class PrinterFleet
{
    [TelemetryField]
    public required int PrinterCount { get; init; }

    [TelemetryField]
    public required List<PrinterType> PrinterTypes { get; init; }

    [TelemetryField]
    public required Dictionary<PrinterType, int> PrinterTypeCounts { get; init; }
}

public sealed class UsageStats
{
    [TelemetryField]
    public required int JobCount { get; init; }

    [TelemetryField]
    public required int FileCount { get; init; }

    [TelemetryField]
    public required int UploadCount { get; init; }

    [TelemetryField]
    public required int UptimeHours { get; init; }

    [TelemetryField]
    public required FeatureUsage FeatureUsage { get; init; }
}

public sealed class FeatureUsage
{
    [TelemetryField]
    public bool LibraryEnabled { get; init; }

    [TelemetryField]
    public bool TimelapseEnabled { get; init; }

    [TelemetryField]
    public bool AutoJobCreationEnabled { get; init; }

    [TelemetryField]
    public bool GermanComplianceEnabled { get; init; }

    [TelemetryField]
    public bool WatchFoldersEnabled { get; init; }
}
