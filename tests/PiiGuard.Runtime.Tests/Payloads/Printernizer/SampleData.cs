using System;
using System.Collections.Generic;
using PiiGuard;

namespace Printernizer;

// The runtime tests' own copy of the seed payload (samples/Printernizer.Payloads declares the original): a library test
// references no sample, so these tests keep their payload when the sample changes. The namespace stays Printernizer,
// the payload's name in the generated code and the fixtures.

/// <summary>
/// The sample data of Printernizer's privacy policy ("Sample Data Payload"), as Printernizer would collect it. The
/// sample app prints it; the runtime tests and the serializer benchmark use the same data.
/// </summary>
public static class SampleData
{
    /// <summary>The policy's sample report; each argument replaces one value.</summary>
    /// <param name="platform">The platform (the policy's: Linux).</param>
    /// <param name="printerTypeCounts">Printers per type (the policy's: 2 Bambu Lab, 1 Prusa).</param>
    /// <param name="errorSummary">Errors per type (the policy's: 2 connection timeouts, 1 failed download).</param>
    /// <param name="countryCode">The country (the policy's: DE).</param>
    /// <param name="dates">
    /// Applied to the policy's three dates (first seen 2024-11-01, period 2024-11-14 to 2024-11-21), for example to put
    /// them on their week's Monday beforehand; by default they stay as precise as the policy's example gives them.
    /// </param>
    /// <returns>The report.</returns>
    public static UsageReport Create(
        Platform platform = Platform.Linux,
        Dictionary<PrinterType, int>? printerTypeCounts = null,
        Dictionary<ErrorType, int>? errorSummary = null,
        CountryCode? countryCode = null,
        Func<DateTimeOffset, DateTimeOffset>? dates = null)
    {
        dates ??= static date => date;
        return new UsageReport
        {
            Installation = new Installation
            {
                InstallationId = Guid.Parse("550e8400-e29b-41d4-a716-446655440000"),
                FirstSeen = dates(new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero)),
                AppVersion = new Version(2, 7, 0),
                PythonVersion = new Version(3, 11, 0),
                Platform = platform,
                DeploymentMode = DeploymentMode.HomeAssistant,
                CountryCode = countryCode ?? CountryCode.Parse("DE"),
            },
            Period = new ReportPeriod
            {
                Start = dates(new DateTimeOffset(2024, 11, 14, 0, 0, 0, TimeSpan.Zero)),
                End = dates(new DateTimeOffset(2024, 11, 21, 0, 0, 0, TimeSpan.Zero)),
                DurationDays = 7,
            },
            PrinterFleet = new PrinterFleet
            {
                PrinterCount = 3,
                PrinterTypes = [PrinterType.BambuLab, PrinterType.Prusa],
                PrinterTypeCounts = printerTypeCounts ?? new() { [PrinterType.BambuLab] = 2, [PrinterType.Prusa] = 1 },
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
            ErrorSummary = errorSummary ?? new() { [ErrorType.ConnectionTimeout] = 2, [ErrorType.FileDownloadFailed] = 1 },
        };
    }
}
