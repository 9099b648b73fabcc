using System;
using System.IO;
using System.Linq;
using Printernizer;

namespace PiiGuard.Benchmarks.Recording;

/// <summary>An opted-in statistics store in a temporary folder of its own, deleted on dispose.</summary>
internal sealed class Store : IDisposable
{
    private Store(string folder, UsageStatistics statistics)
    {
        Folder = folder;
        Statistics = statistics;
    }

    public string Folder { get; }

    public UsageStatistics Statistics { get; }

    /// <summary>
    /// Opens and opts in. The flush timer's interval is an hour, so that no background flush runs during a
    /// measurement: the recording benchmarks measure recording, and the flush benchmark calls Flush() itself.
    /// </summary>
    public static Store Open(TimeProvider? time = null)
    {
        string folder = Path.Combine(Path.GetTempPath(), "piiguard-bench-" + Guid.NewGuid().ToString("N"));
        var options = new PiiGuardTelemetryOptions
        {
            DataDirectory = folder,
            FlushInterval = TimeSpan.FromHours(1),
            TimeZoneId = "Europe/Berlin",
            ErrorClassifier = UsageReports.ErrorClassifier(),
        };
        UsageStatistics statistics = UsageStatistics.Open(options, week => UsageReports.Build(week), time);
        statistics.OptIn();
        if (!statistics.IsRecording)
        {
            throw new InvalidOperationException("The benchmark store is not recording: " + statistics.GetStatus());
        }

        return new Store(folder, statistics);
    }

    /// <summary>
    /// A realistic day of Printernizer's statistics, 20 keys: 4 counters, the fleet's 2 gauges, 5 feature flags, and
    /// 9 error counts (3 error types in 3 components).
    /// </summary>
    public static void RecordDay(UsageStatistics statistics, int day)
    {
        statistics.Add(UsageCounter.Jobs, 23);
        statistics.Add(UsageCounter.Files, 18);
        statistics.Add(UsageCounter.Uploads, 5);
        statistics.Add(UsageCounter.UptimeHours, 24);
        statistics.SetGauge(PrinterType.BambuLab, 2);
        statistics.SetGauge(PrinterType.Prusa, 1);
        statistics.SetFlag(Feature.Library, true);
        statistics.SetFlag(Feature.Timelapse, day % 2 == 0);
        statistics.SetFlag(Feature.AutoJobCreation, true);
        statistics.SetFlag(Feature.GermanCompliance, false);
        statistics.SetFlag(Feature.WatchFolders, true);
        foreach (ErrorType error in Enum.GetValues<ErrorType>())
        {
            foreach (Component component in Enum.GetValues<Component>())
            {
                statistics.RecordError(error, component);
            }
        }
    }

    /// <summary>The stored total of one counter, over every day.</summary>
    public long Total(UsageCounter counter) =>
        Statistics.ReadStatistics()
            .Where(row => row.Kind == StatisticKind.Counter && row.Metric == typeof(UsageCounter).FullName && row.Key == counter.ToString())
            .Sum(row => row.Value);

    public void Dispose()
    {
        Statistics.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}
