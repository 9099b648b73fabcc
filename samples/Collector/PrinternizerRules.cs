using PiiGuard.Collector;
using Printernizer;

namespace PrinternizerCollector;

/// <summary>
/// What only Printernizer knows of its <see cref="UsageReport"/>, for the collector library: the week a report covers,
/// and the rules that tie its values together. The library checks the rest (the strict reader, the installation id,
/// the week against the clock and the retention, the submission timestamp). Each problem names the JSON path, never
/// the value.
/// </summary>
public static class PrinternizerRules
{
    /// <summary>Sets the collector's payload options for Printernizer's reports.</summary>
    /// <param name="options">The collector's options.</param>
    public static void Apply(TelemetryCollectorOptions<UsageReport> options)
    {
        options.Week = report => report.Period.Start;
        options.WeekPath = "$.period";
        options.Validate = Check;
    }

    /// <summary>The first problem of <paramref name="report"/>, or null when it is fine.</summary>
    /// <param name="report">A report the strict reader read.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Check(UsageReport report)
    {
        // A difference, not Start.AddDays(7): a week at the end of the calendar (9999-12-27) must not overflow into a 500.
        if (report.Period.DurationDays != 7 || report.Period.End - report.Period.Start != TimeSpan.FromDays(7))
        {
            return "$.period: a submission covers one ISO week, Monday to Monday, 7 days";
        }

        if (report.Installation.FirstSeen > report.Period.Start)
        {
            return "$.installation.first_seen: after the week the submission covers";
        }

        if (report.PrinterFleet.PrinterCount < 0 || report.UsageStats.JobCount < 0 || report.UsageStats.FileCount < 0 ||
            report.UsageStats.UploadCount < 0 || report.UsageStats.UptimeHours < 0 ||
            report.PrinterFleet.PrinterTypeCounts.Values.Any(count => count < 0) || report.ErrorSummary.Values.Any(count => count < 0))
        {
            return "$: counts cannot be negative";
        }

        if (report.UsageStats.UptimeHours > 7 * 24)
        {
            return "$.usage_stats.uptime_hours: more hours than a week has";
        }

        return null;
    }
}
