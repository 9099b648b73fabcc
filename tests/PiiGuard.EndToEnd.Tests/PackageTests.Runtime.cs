using System;
using System.IO;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// The statistics runtime in a consumer app that references the package PiiGuard.Telemetry alone: statistics kept in
/// SQLite through that package's own dependencies (Microsoft.Data.Sqlite and its native library), built, run and read
/// back outside this repository; PiiGuard comes with it, generator and MSBuild step included.
/// </summary>
public sealed partial class PackageTests
{
    private const string RecorderPayload = """
        using System;
        using PiiGuard;
        using static PiiGuard.Period;

        namespace Consumer;

        public enum Counter { Jobs, Files }

        [TelemetryPayload(Name = "recorder_stats", SchemaVersion = "1.0")]
        public sealed class RecorderStats
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }

            [TelemetryField, Aggregated(Week)] public DateTimeOffset WeekStart { get; init; }

            [TelemetryField] public long JobCount { get; init; }
        }
        """;

    private const string RecorderProgram = """
        using System;
        using PiiGuard;
        using Consumer;

        using UsageStatistics statistics = UsageStatistics.Open(
            new PiiGuardTelemetryOptions { DataDirectory = args[0], TimeZoneId = "Europe/Paris" },
            week => new RecorderStats { InstallationId = week.InstallationId, WeekStart = week.Start, JobCount = week.Count(Counter.Jobs) });
        statistics.Increment(Counter.Jobs);
        statistics.OptIn();
        statistics.Add(Counter.Jobs, 41);
        statistics.Increment(Counter.Jobs);
        Console.WriteLine("stored " + statistics.ReadStatistics()[0].Value);
        Console.WriteLine("preview " + statistics.PreviewNextSubmission()!.BodyText);
        Console.WriteLine("country " + statistics.ExportJson().Contains("\"country_code\": \"FR\"", StringComparison.Ordinal));
        TelemetryStatus status = statistics.GetStatus();
        Console.WriteLine($"status opted-in={status.OptedIn} store={status.StoreAvailable} consented={status.ConsentedSchemaVersion} current={status.CurrentSchemaVersion} has-id={status.InstallationId is not null}");
        """;

    [Fact]
    public void A_consumer_app_keeps_its_statistics_in_SQLite_through_the_telemetry_package()
    {
        DotnetResult build = _package.BuildConsumer("Recorder");
        Assert.True(build.Succeeded, "The recorder app must build from the package. " + build.Describe());
        string output = _package.WorkPath("consumers/Recorder/bin/Debug/net10.0");

        // PiiGuard came with PiiGuard.Telemetry, its MSBuild step too (the schema docs); and SQLite with it.
        Assert.True(File.Exists(Path.Combine(output, "piiguard", "recorder_stats.schema.json")), "PiiGuard's MSBuild step did not run in an app that references PiiGuard.Telemetry. " + build.Describe());
        foreach (string assembly in new[] { "PiiGuard.dll", "PiiGuard.Telemetry.dll", "Microsoft.Data.Sqlite.dll" })
        {
            Assert.True(File.Exists(Path.Combine(output, assembly)), $"The recorder app's output lacks {assembly}.");
        }

        string data = _package.WorkPath("recorder-data");
        DotnetResult run = Dotnet.Run(
            _package.WorkPath("consumers/Recorder"),
            Path.Combine(_package.WorkPath("consumers/Recorder"), "bin", "Debug", "net10.0", "Recorder.dll"),
            data);

        Assert.True(run.Succeeded, "The recorder app must run. " + run.Describe());
        Assert.Contains("stored 42", run.Output, StringComparison.Ordinal);
        Assert.Contains("preview {\"schema_version\":\"1.0\",\"submission_timestamp\":\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"job_count\":42}", run.Output, StringComparison.Ordinal);
        Assert.Contains("country True", run.Output, StringComparison.Ordinal);
        Assert.Contains("status opted-in=True store=True consented=1.0 current=1.0 has-id=True", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "usage-statistics.db")));
    }
}
