using System;
using PiiGuard;

namespace PiiGuard.Telemetry.Tests;

/// <summary>The counters the test payloads report.</summary>
public enum TestCounter
{
    Jobs,
    Files,
}

/// <summary>A small weekly payload at schema version 1.0.</summary>
[TelemetryPayload(Name = "test_usage", SchemaVersion = "1.0")]
public sealed class TestUsageV1
{
    [TelemetryField, InstallationId]
    public required Guid InstallationId { get; init; }

    [TelemetryField, Aggregated(Period.Week)]
    public required DateTimeOffset Week { get; init; }

    [TelemetryField]
    public required long JobCount { get; init; }

    public static TestUsageV1 Build(StatisticsWeek week) => new()
    {
        InstallationId = week.InstallationId,
        Week = week.Start,
        JobCount = week.Count(TestCounter.Jobs),
    };
}

/// <summary>The same payload, expanded: schema version 2.0, which needs the user's consent again.</summary>
[TelemetryPayload(Name = "test_usage_v2", SchemaVersion = "2.0")]
public sealed class TestUsageV2
{
    [TelemetryField, InstallationId]
    public required Guid InstallationId { get; init; }

    [TelemetryField, Aggregated(Period.Week)]
    public required DateTimeOffset Week { get; init; }

    [TelemetryField]
    public required long JobCount { get; init; }

    [TelemetryField]
    public required long FileCount { get; init; }

    public static TestUsageV2 Build(StatisticsWeek week) => new()
    {
        InstallationId = week.InstallationId,
        Week = week.Start,
        JobCount = week.Count(TestCounter.Jobs),
        FileCount = week.Count(TestCounter.Files),
    };
}

/// <summary>A payload at schema version 9: "10" must count as higher, never compared as text.</summary>
[TelemetryPayload(Name = "test_usage_v9", SchemaVersion = "9")]
public sealed class TestUsageV9
{
    [TelemetryField, InstallationId]
    public required Guid InstallationId { get; init; }

    [TelemetryField, Aggregated(Period.Week)]
    public required DateTimeOffset Week { get; init; }

    public static TestUsageV9 Build(StatisticsWeek week) => new() { InstallationId = week.InstallationId, Week = week.Start };
}

/// <summary>Schema version 10, one field more than version 9.</summary>
[TelemetryPayload(Name = "test_usage_v10", SchemaVersion = "10")]
public sealed class TestUsageV10
{
    [TelemetryField, InstallationId]
    public required Guid InstallationId { get; init; }

    [TelemetryField, Aggregated(Period.Week)]
    public required DateTimeOffset Week { get; init; }

    [TelemetryField]
    public required long JobCount { get; init; }

    public static TestUsageV10 Build(StatisticsWeek week) => new() { InstallationId = week.InstallationId, Week = week.Start, JobCount = week.Count(TestCounter.Jobs) };
}

/// <summary>Schema version 10.1, one field more than version 10.</summary>
[TelemetryPayload(Name = "test_usage_v10_1", SchemaVersion = "10.1")]
public sealed class TestUsageV10Point1
{
    [TelemetryField, InstallationId]
    public required Guid InstallationId { get; init; }

    [TelemetryField, Aggregated(Period.Week)]
    public required DateTimeOffset Week { get; init; }

    [TelemetryField]
    public required long JobCount { get; init; }

    [TelemetryField]
    public required long FileCount { get; init; }

    public static TestUsageV10Point1 Build(StatisticsWeek week) => new()
    {
        InstallationId = week.InstallationId,
        Week = week.Start,
        JobCount = week.Count(TestCounter.Jobs),
        FileCount = week.Count(TestCounter.Files),
    };
}
