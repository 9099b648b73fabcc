using System;
using System.Collections.Generic;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Benchmarks.Serializer;

/// <summary>
/// The seed payload: the sample data of samples/Printernizer.Payloads/SampleData.cs, with every [Aggregated(Week)] point in time
/// already on its Monday 00:00 UTC, so that PiiGuard (which rounds them down) and System.Text.Json (which writes them
/// as they are) produce the same JSON.
/// </summary>
internal static class SeedPayload
{
    public static UsageReport Create() => SampleData.Create(dates: static date => TelemetryPeriods.StartOf(date, Period.Week));

    /// <summary>The same data in the STJ-annotated copy of the types, field by field from <paramref name="seed"/>.</summary>
    public static StjModel.UsageReport ToStjModel(UsageReport seed) => new()
    {
        Installation = new StjModel.Installation
        {
            InstallationId = seed.Installation.InstallationId,
            FirstSeen = seed.Installation.FirstSeen.UtcDateTime,
            AppVersion = seed.Installation.AppVersion,
            PythonVersion = seed.Installation.PythonVersion,
            Platform = (StjModel.Platform)seed.Installation.Platform,
            DeploymentMode = (StjModel.DeploymentMode)seed.Installation.DeploymentMode,
            CountryCode = seed.Installation.CountryCode.ToString(),
        },
        Period = new StjModel.ReportPeriod
        {
            Start = seed.Period.Start.UtcDateTime,
            End = seed.Period.End.UtcDateTime,
            DurationDays = seed.Period.DurationDays,
        },
        PrinterFleet = new StjModel.PrinterFleet
        {
            PrinterCount = seed.PrinterFleet.PrinterCount,
            PrinterTypes = seed.PrinterFleet.PrinterTypes.ConvertAll(type => (StjModel.PrinterType)type),
            PrinterTypeCounts = Map(seed.PrinterFleet.PrinterTypeCounts, type => (StjModel.PrinterType)type),
        },
        UsageStats = new StjModel.UsageStats
        {
            JobCount = seed.UsageStats.JobCount,
            FileCount = seed.UsageStats.FileCount,
            UploadCount = seed.UsageStats.UploadCount,
            UptimeHours = seed.UsageStats.UptimeHours,
            FeatureUsage = new StjModel.FeatureUsage
            {
                LibraryEnabled = seed.UsageStats.FeatureUsage.LibraryEnabled,
                TimelapseEnabled = seed.UsageStats.FeatureUsage.TimelapseEnabled,
                AutoJobCreationEnabled = seed.UsageStats.FeatureUsage.AutoJobCreationEnabled,
                GermanComplianceEnabled = seed.UsageStats.FeatureUsage.GermanComplianceEnabled,
                WatchFoldersEnabled = seed.UsageStats.FeatureUsage.WatchFoldersEnabled,
            },
        },
        ErrorSummary = Map(seed.ErrorSummary, type => (StjModel.ErrorType)type),
    };

    private static Dictionary<TTo, int> Map<TFrom, TTo>(Dictionary<TFrom, int> source, Func<TFrom, TTo> key)
        where TFrom : notnull
        where TTo : notnull
    {
        var map = new Dictionary<TTo, int>(source.Count);
        foreach (KeyValuePair<TFrom, int> entry in source)
        {
            map.Add(key(entry.Key), entry.Value);
        }

        return map;
    }
}
