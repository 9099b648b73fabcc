using System;
using System.Collections.Generic;
using System.Net;
using PiiGuard;
using static PiiGuard.Period;

namespace Violations;

// Everything Printernizer's privacy policy says it does not collect, as a payload. Each member names the rule
// it breaks; the build of this project fails, and the end-to-end tests check that it does, and why.

[TelemetryPayload]
public sealed class LeakyReport
{
    // PII001: text named like personal data.
    [TelemetryField] public string FilePath { get; init; } = "";
    [TelemetryField] public string PrinterSerialNumber { get; init; } = "";
    [TelemetryField] public string UserEmail { get; init; } = "";
    [TelemetryField] public List<string> StackTraces { get; init; } = [];

    // PII002: precise points in time, and [Aggregated] on a member that is not one.
    [TelemetryField] public DateTimeOffset LastPrintFinished { get; init; }
    [TelemetryField] public long SubmittedAtUnix { get; init; }
    [TelemetryField, Aggregated(Week)] public int JobCount { get; init; }

    // PII003: types that carry personal data whatever their name.
    [TelemetryField] public IPAddress? PrinterEndpoint { get; init; }
    [TelemetryField] public Exception? LastError { get; init; }
    [TelemetryField] public byte[] Thumbnail { get; init; } = [];
    [TelemetryField] public Dictionary<ErrorKind, object> ErrorContexts { get; init; } = [];

    // PII004: identifiers other than the one installation id.
    [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
    [TelemetryField, InstallationId] public Guid SecondInstallationId { get; init; }
    [TelemetryField] public Guid PrintJobGuid { get; init; }

    // PII005: location and behaviour, whatever the type.
    [TelemetryField] public double Latitude { get; init; }
    [TelemetryField] public double Longitude { get; init; }
    [TelemetryField] public int SettingsButtonClickCount { get; init; }
    [TelemetryField] public TimeSpan ScreenTime { get; init; }

    // PII006: free text (a warning, as strict mode is off here).
    [TelemetryField] public string Firmware { get; init; } = "";
}

/// <summary>A second payload, so that [InstallationId] can sit on a member that is not a Guid.</summary>
[TelemetryPayload]
public sealed class CrashReport
{
    // PII004: the installation id must be a Guid.
    [TelemetryField, InstallationId] public long InstallationNumber { get; init; }
}

/// <summary>PII007: what PiiGuard's generator cannot serialize or read back.</summary>
[TelemetryPayload(Name = "unsupported_report")]
public sealed class UnsupportedReport
{
    // PII007: a collection type the generator does not write.
    [TelemetryField] public Queue<int> RecentJobSizes { get; init; } = new();

    // PII007: no setter, no constructor parameter: it cannot be read back.
    [TelemetryField] public int Count { get; }
}

/// <summary>
/// PII008: piiguard.lock next to this project records this payload at schema version 1.0 with job_count only; it has
/// gained upload_count without a higher SchemaVersion.
/// </summary>
[TelemetryPayload(Name = "grown_report", SchemaVersion = "1.0")]
public sealed class GrownReport
{
    [TelemetryField] public int JobCount { get; init; }
    [TelemetryField] public int UploadCount { get; init; }
}

public enum ErrorKind
{
    ConnectionTimeout,
    FileDownloadFailed,
}
