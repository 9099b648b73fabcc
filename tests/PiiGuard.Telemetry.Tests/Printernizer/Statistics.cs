using System;
using System.Collections.Generic;
using System.Linq;
using PiiGuard;

namespace Printernizer;

// The telemetry tests' own copy of Printernizer's report builder (the original is samples/Printernizer/Statistics.cs;
// the payload it builds is the tests' shared copy in tests/Shared/Printernizer): a library test references no sample.
// tests/PiiGuard.Telemetry.Child compiles this file too. The namespace stays Printernizer, as the payload is Printernizer's.

/// <summary>What Printernizer counts, per day: PiiGuard sums the days of a week.</summary>
public enum UsageCounter
{
    Jobs,
    Files,
    Uploads,
    UptimeHours,
}

/// <summary>The features whose state Printernizer reports (a flag per feature: enabled or not).</summary>
public enum Feature
{
    Library,
    Timelapse,
    AutoJobCreation,
    GermanCompliance,
    WatchFolders,
}

/// <summary>Where an error happened.</summary>
public enum Component
{
    PrinterService,
    FileService,
    LibraryService,
}

/// <summary>Builds Printernizer's weekly <see cref="UsageReport"/> from what PiiGuard stored for the week.</summary>
public static class UsageReports
{
    /// <summary>
    /// Maps exceptions to Printernizer's error types: timeouts are connection timeouts, I/O and HTTP failures while
    /// downloading are failed downloads, everything else is unknown.
    /// </summary>
    public static ErrorClassifier<ErrorType> ErrorClassifier() =>
        new ErrorClassifier<ErrorType>(ErrorType.UnknownError)
            .Map(ErrorKind.Timeout, ErrorType.ConnectionTimeout)
            .Map(ErrorKind.Network, ErrorType.ConnectionTimeout)
            .Map(ErrorKind.IO, ErrorType.FileDownloadFailed)
            .Map(ErrorKind.Http, ErrorType.FileDownloadFailed);

    /// <summary>The week's report.</summary>
    /// <param name="week">The week's stored statistics.</param>
    /// <param name="platform">Where Printernizer runs.</param>
    /// <param name="deploymentMode">How it is deployed.</param>
    /// <returns>The report.</returns>
    public static UsageReport Build(StatisticsWeek week, Platform platform = Platform.Linux, DeploymentMode deploymentMode = DeploymentMode.Standalone)
    {
        Dictionary<PrinterType, long> fleet = week.Gauges<PrinterType>();
        Dictionary<ErrorType, long> errors = week.ErrorCounts<ErrorType>();
        return new UsageReport
        {
            Installation = new Installation
            {
                InstallationId = week.InstallationId,
                FirstSeen = week.FirstSeen,
                AppVersion = typeof(UsageReports).Assembly.GetName().Version ?? new Version(1, 0, 0),
                PythonVersion = null,
                Platform = platform,
                DeploymentMode = deploymentMode,
                // No country without a time zone that has one: "ZZ" would be a made-up code, so the report says "unknown".
                CountryCode = week.CountryCode ?? CountryCode.Parse("ZZ"),
            },
            Period = new ReportPeriod { Start = week.Start, End = week.End, DurationDays = week.DurationDays },
            PrinterFleet = new PrinterFleet
            {
                PrinterCount = (int)fleet.Values.Sum(),
                PrinterTypes = [.. fleet.Where(pair => pair.Value > 0).Select(pair => pair.Key).Order()],
                PrinterTypeCounts = fleet.Where(pair => pair.Value > 0).ToDictionary(pair => pair.Key, pair => (int)pair.Value),
            },
            UsageStats = new UsageStats
            {
                JobCount = (int)week.Count(UsageCounter.Jobs),
                FileCount = (int)week.Count(UsageCounter.Files),
                UploadCount = (int)week.Count(UsageCounter.Uploads),
                UptimeHours = (int)week.Count(UsageCounter.UptimeHours),
                FeatureUsage = new FeatureUsage
                {
                    LibraryEnabled = week.Flag(Feature.Library) ?? false,
                    TimelapseEnabled = week.Flag(Feature.Timelapse) ?? false,
                    AutoJobCreationEnabled = week.Flag(Feature.AutoJobCreation) ?? false,
                    GermanComplianceEnabled = week.Flag(Feature.GermanCompliance) ?? false,
                    WatchFoldersEnabled = week.Flag(Feature.WatchFolders) ?? false,
                },
            },
            ErrorSummary = Enum.GetValues<ErrorType>().ToDictionary(type => type, type => (int)errors.GetValueOrDefault(type)),
        };
    }
}
