using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using PiiGuard;
using Printernizer;

// The policy's sample data. [Aggregated(Week)] points in time are rounded down to the Monday 00:00 UTC that
// starts their ISO week; a later PiiGuard serializer does that itself, here the sample does it.
var report = new UsageReport
{
    Installation = new Installation
    {
        InstallationId = Guid.Parse("550e8400-e29b-41d4-a716-446655440000"),
        FirstSeen = WeekStart(DateTimeOffset.Parse("2024-11-01T00:00:00Z")),
        AppVersion = new Version(2, 7, 0),
        PythonVersion = new Version(3, 11, 0),
        Platform = Platform.Linux,
        DeploymentMode = DeploymentMode.HomeAssistant,
        CountryCode = CountryCode.Parse("DE"),
    },
    Period = new ReportPeriod
    {
        Start = WeekStart(DateTimeOffset.Parse("2024-11-14T00:00:00Z")),
        End = WeekStart(DateTimeOffset.Parse("2024-11-21T00:00:00Z")),
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

var json = new JsonSerializerOptions
{
    WriteIndented = true,
    PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
};
Console.WriteLine(JsonSerializer.Serialize(report, json));

// The analyzers check every type that is a payload or declares payload fields; the build fails on any finding.
List<string> checkedTypes = typeof(UsageReport).Assembly.GetTypes()
    .Where(t => t.IsDefined(typeof(TelemetryPayloadAttribute)) ||
        t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Any(m => m.IsDefined(typeof(TelemetryFieldAttribute))))
    .Select(t => t.Name)
    .Order(StringComparer.Ordinal)
    .ToList();
Console.WriteLine($"PiiGuard checked {checkedTypes.Count} payload types at build time: {string.Join(", ", checkedTypes)}.");

static DateTimeOffset WeekStart(DateTimeOffset value)
{
    DateTime day = value.UtcDateTime.Date;
    int daysSinceMonday = ((int)day.DayOfWeek + 6) % 7;
    return new DateTimeOffset(day.AddDays(-daysSinceMonday), TimeSpan.Zero);
}
