using Printernizer;

namespace PiiGuard.Collector;

/// <summary>
/// What the strict reader cannot know: the rules that tie a submission's values together and to the present. Each
/// problem names the JSON path, never the value.
/// </summary>
public static class SubmissionRules
{
    /// <summary>How far a client's clock may run ahead of the collector's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

    /// <summary>The first problem of <paramref name="submission"/>, or null when it is fine.</summary>
    /// <param name="submission">The submission the strict reader read.</param>
    /// <param name="now">The collector's time.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Check(TelemetrySubmission<UsageReport> submission, DateTimeOffset now) =>
        Check(submission, now, new CollectorOptions().Retention);

    /// <summary>The first problem of <paramref name="submission"/>, or null when it is fine.</summary>
    /// <param name="submission">The submission the strict reader read.</param>
    /// <param name="now">The collector's time.</param>
    /// <param name="retention">How long the collector keeps a week: an older week is refused, not stored to be purged.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Check(TelemetrySubmission<UsageReport> submission, DateTimeOffset now, TimeSpan retention)
    {
        UsageReport report = submission.Payload;
        Guid id = report.Installation.InstallationId;
        // A random UUID (version 4, RFC 4122 variant): a version 1 UUID carries a MAC address, 3 and 5 derive from names.
        string text = id.ToString("D");
        if (text[14] != '4' || text[19] is not ('8' or '9' or 'a' or 'b'))
        {
            return "$.installation.installation_id: not a random (version 4) UUID";
        }

        // A difference, not Start.AddDays(7): a week at the end of the calendar (9999-12-27) must not overflow into a 500.
        if (report.Period.DurationDays != 7 || report.Period.End - report.Period.Start != TimeSpan.FromDays(7))
        {
            return "$.period: a submission covers one ISO week, Monday to Monday, 7 days";
        }

        if (report.Period.End > now + ClockSkew)
        {
            return "$.period: the week is not over yet";
        }

        if (report.Period.Start < now - retention)
        {
            return "$.period: older than the collector keeps statistics";
        }

        if (submission.SubmissionTimestamp > now + ClockSkew)
        {
            return "$.submission_timestamp: in the future";
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
