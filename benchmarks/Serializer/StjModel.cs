using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

// A copy of the seed payload types (samples/Printernizer.Payloads/UsageReport.cs and Enums.cs) shaped for System.Text.Json at
// its fastest, so that its source generator's fast path (a generated write method per type) covers every object:
// - enums carry [JsonStringEnumMemberName] (snake_case, and "homeassistant");
// - the week starts are DateTime in UTC, which STJ writes with a "Z" itself (a DateTimeOffset it writes "+00:00"),
//   where the seed has DateTimeOffset;
// - the country code is a string, where the seed has PiiGuard's CountryCode.
// Converters instead would cost STJ its fast path: any converter in the options turns it off at run time
// (JsonTypeInfo.CanUseSerializeHandler is false; the "seed types + converters" benchmark measures that), and a
// [JsonConverter] on a property makes the generator emit no fast path for the declaring type.
namespace PiiGuard.Benchmarks.Serializer.StjModel;

public sealed class UsageReport
{
    public required Installation Installation { get; init; }

    public required ReportPeriod Period { get; init; }

    public required PrinterFleet PrinterFleet { get; init; }

    public required UsageStats UsageStats { get; init; }

    public required Dictionary<ErrorType, int> ErrorSummary { get; init; }
}

public sealed class Installation
{
    public required Guid InstallationId { get; init; }

    public required DateTime FirstSeen { get; init; }

    public required Version AppVersion { get; init; }

    public Version? PythonVersion { get; init; }

    public required Platform Platform { get; init; }

    public required DeploymentMode DeploymentMode { get; init; }

    public required string CountryCode { get; init; }
}

public sealed class ReportPeriod
{
    public required DateTime Start { get; init; }

    public required DateTime End { get; init; }

    public required int DurationDays { get; init; }
}

public sealed class PrinterFleet
{
    public required int PrinterCount { get; init; }

    public required List<PrinterType> PrinterTypes { get; init; }

    public required Dictionary<PrinterType, int> PrinterTypeCounts { get; init; }
}

public sealed class UsageStats
{
    public required int JobCount { get; init; }

    public required int FileCount { get; init; }

    public required int UploadCount { get; init; }

    public required int UptimeHours { get; init; }

    public required FeatureUsage FeatureUsage { get; init; }
}

public sealed class FeatureUsage
{
    public bool LibraryEnabled { get; init; }

    public bool TimelapseEnabled { get; init; }

    public bool AutoJobCreationEnabled { get; init; }

    public bool GermanComplianceEnabled { get; init; }

    public bool WatchFoldersEnabled { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Platform>))]
public enum Platform
{
    [JsonStringEnumMemberName("linux")]
    Linux,

    [JsonStringEnumMemberName("windows")]
    Windows,

    [JsonStringEnumMemberName("mac_os")]
    MacOs,
}

[JsonConverter(typeof(JsonStringEnumConverter<DeploymentMode>))]
public enum DeploymentMode
{
    [JsonStringEnumMemberName("standalone")]
    Standalone,

    [JsonStringEnumMemberName("docker")]
    Docker,

    [JsonStringEnumMemberName("raspberry_pi")]
    RaspberryPi,

    [JsonStringEnumMemberName("homeassistant")]
    HomeAssistant,
}

[JsonConverter(typeof(JsonStringEnumConverter<PrinterType>))]
public enum PrinterType
{
    [JsonStringEnumMemberName("bambu_lab")]
    BambuLab,

    [JsonStringEnumMemberName("prusa")]
    Prusa,
}

[JsonConverter(typeof(JsonStringEnumConverter<ErrorType>))]
public enum ErrorType
{
    [JsonStringEnumMemberName("connection_timeout")]
    ConnectionTimeout,

    [JsonStringEnumMemberName("file_download_failed")]
    FileDownloadFailed,

    [JsonStringEnumMemberName("unknown_error")]
    UnknownError,
}
