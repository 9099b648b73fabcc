using System;
using PiiGuard;
using Printernizer;

// The policy's sample data, as Printernizer would collect it. PiiGuard's generated serializer rounds every
// [Aggregated(Week)] point in time down to the Monday 00:00 UTC that starts its ISO week before writing it.
var report = new UsageReport
{
    Installation = new Installation
    {
        InstallationId = Guid.Parse("550e8400-e29b-41d4-a716-446655440000"),
        FirstSeen = DateTimeOffset.Parse("2024-11-01T00:00:00Z"),
        AppVersion = new Version(2, 7, 0),
        PythonVersion = new Version(3, 11, 0),
        Platform = Platform.Linux,
        DeploymentMode = DeploymentMode.HomeAssistant,
        CountryCode = CountryCode.Parse("DE"),
    },
    Period = new ReportPeriod
    {
        Start = DateTimeOffset.Parse("2024-11-14T00:00:00Z"),
        End = DateTimeOffset.Parse("2024-11-21T00:00:00Z"),
        DurationDays = 7,
    },
    PrinterFleet = new PrinterFleet
    {
        PrinterCount = 3,
        PrinterTypes = [PrinterType.BambuLab, PrinterType.Prusa],
        PrinterTypeCounts = new() { [PrinterType.BambuLab] = 2, [PrinterType.Prusa] = 1 },
    },
    UsageStats = new UsageStats
    {
        JobCount = 23,
        FileCount = 18,
        UploadCount = 5,
        UptimeHours = 168,
        FeatureUsage = new FeatureUsage
        {
            LibraryEnabled = true,
            TimelapseEnabled = false,
            AutoJobCreationEnabled = true,
            GermanComplianceEnabled = false,
            WatchFoldersEnabled = true,
        },
    },
    ErrorSummary = new() { [ErrorType.ConnectionTimeout] = 2, [ErrorType.FileDownloadFailed] = 1 },
};

// Exactly the bytes a submission would send, from the serializer PiiGuard generated at build time.
string json = TelemetrySerializer.SerializeToString(report);
Console.WriteLine(json);

// The receiving side reads it back with the generated strict reader.
UsageReport roundTripped = TelemetrySerializer.Deserialize<UsageReport>(System.Text.Encoding.UTF8.GetBytes(json));
TelemetrySchemaInfo schema = TelemetrySchema.For<UsageReport>();
Console.WriteLine(
    $"PiiGuard checked the payload '{schema.Name}' (schema version {schema.SchemaVersion}) at build time; " +
    $"{json.Length} bytes; read back: {roundTripped.UsageStats.JobCount} jobs.");
