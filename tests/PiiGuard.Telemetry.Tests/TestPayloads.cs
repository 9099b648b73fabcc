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
