using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PiiGuard.Collector;

/// <summary>
/// One week of population-level statistics: counts over installations, never one installation's values. A week with
/// fewer installations than the minimum group size shows only how many installations it has: its totals would come
/// too close to single installations' values, so they are null and its groups empty.
/// </summary>
/// <param name="WeekStart">The Monday of the week.</param>
/// <param name="Installations">How many installations submitted it.</param>
/// <param name="Jobs">Print jobs, all installations together.</param>
/// <param name="Files">Files, all installations together.</param>
/// <param name="Uploads">Uploads, all installations together.</param>
/// <param name="UptimeHours">Uptime hours, all installations together.</param>
/// <param name="Printers">Printers, all installations together.</param>
/// <param name="Platforms">Installations per platform; groups smaller than the minimum group size are in <c>other</c>.</param>
/// <param name="DeploymentModes">Installations per deployment mode, grouped the same way.</param>
/// <param name="Countries">Installations per country, grouped the same way.</param>
/// <param name="AppVersions">Installations per app version, grouped the same way.</param>
/// <param name="PrinterTypes">Installations with at least one printer of each type, grouped the same way.</param>
/// <param name="FeatureAdoption">The share of installations (0 to 1) with each feature enabled.</param>
/// <param name="Errors">Errors per type, all installations together.</param>
public sealed record WeekStatistics(
    string WeekStart,
    int Installations,
    long? Jobs,
    long? Files,
    long? Uploads,
    long? UptimeHours,
    long? Printers,
    IReadOnlyDictionary<string, int> Platforms,
    IReadOnlyDictionary<string, int> DeploymentModes,
    IReadOnlyDictionary<string, int> Countries,
    IReadOnlyDictionary<string, int> AppVersions,
    IReadOnlyDictionary<string, int> PrinterTypes,
    IReadOnlyDictionary<string, double> FeatureAdoption,
    IReadOnlyDictionary<string, long> Errors);

/// <summary>Turns the stored payloads into population-level statistics, for the admin's reading and export.</summary>
public static class PopulationStatistics
{
    /// <summary>The statistics of every stored week.</summary>
    /// <param name="store">The store.</param>
    /// <param name="minimumGroupSize">Groups with fewer installations are reported as <c>other</c>.</param>
    /// <returns>One entry per week, oldest first.</returns>
    public static List<WeekStatistics> Compute(CollectorStore store, int minimumGroupSize)
    {
        var weeks = new List<WeekStatistics>();
        foreach (IGrouping<DateOnly, (DateOnly WeekStart, string PayloadJson)> week in store.ReadPayloads().GroupBy(row => row.WeekStart))
        {
            // The stored JSON is what the generated serializer wrote: its strings are the payload's own JSON values.
            List<JsonDocument> reports = [.. week.Select(row => JsonDocument.Parse(row.PayloadJson))];
            try
            {
                string weekStart = week.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (reports.Count < minimumGroupSize)
                {
                    weeks.Add(new WeekStatistics(weekStart, reports.Count, null, null, null, null, null, Empty<int>(), Empty<int>(), Empty<int>(), Empty<int>(), Empty<int>(), Empty<double>(), Empty<long>()));
                    continue;
                }

                weeks.Add(new WeekStatistics(
                    weekStart,
                    reports.Count,
                    Sum(reports, "usage_stats", "job_count"),
                    Sum(reports, "usage_stats", "file_count"),
                    Sum(reports, "usage_stats", "upload_count"),
                    Sum(reports, "usage_stats", "uptime_hours"),
                    Sum(reports, "printer_fleet", "printer_count"),
                    Group(reports.Select(r => Text(r, "installation", "platform")), minimumGroupSize),
                    Group(reports.Select(r => Text(r, "installation", "deployment_mode")), minimumGroupSize),
                    Group(reports.Select(r => Text(r, "installation", "country_code")), minimumGroupSize),
                    Group(reports.Select(r => Text(r, "installation", "app_version")), minimumGroupSize),
                    Group(reports.SelectMany(r => Object(r, "printer_fleet", "printer_type_counts").Where(p => p.Value.GetInt64() > 0).Select(p => p.Name)), minimumGroupSize),
                    Object(reports[0], "usage_stats", "feature_usage").ToDictionary(
                        feature => feature.Name,
                        feature => Math.Round(reports.Count(r => Object(r, "usage_stats", "feature_usage").Single(f => f.Name == feature.Name).Value.GetBoolean()) / (double)reports.Count, 4)),
                    reports.SelectMany(r => r.RootElement.GetProperty("error_summary").EnumerateObject())
                        .GroupBy(e => e.Name, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Sum(e => e.Value.GetInt64()))));
            }
            finally
            {
                reports.ForEach(report => report.Dispose());
            }
        }

        return weeks;
    }

    /// <summary>The statistics as CSV: one line per week, the totals and the installation count.</summary>
    /// <param name="weeks">The statistics.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(IEnumerable<WeekStatistics> weeks)
    {
        var csv = new StringBuilder("week_start,installations,jobs,files,uploads,uptime_hours,printers\n");
        foreach (WeekStatistics week in weeks)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{week.WeekStart},{week.Installations},{week.Jobs},{week.Files},{week.Uploads},{week.UptimeHours},{week.Printers}\n");
        }

        return csv.ToString();
    }

    // Counts per value; values held by fewer than minimumGroupSize installations go into "other".
    private static Dictionary<string, int> Group(IEnumerable<string> values, int minimumGroupSize)
    {
        var groups = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int other = 0;
        foreach (IGrouping<string, string> group in values.GroupBy(value => value, StringComparer.Ordinal))
        {
            int count = group.Count();
            if (count >= minimumGroupSize)
            {
                groups[group.Key] = count;
            }
            else
            {
                other += count;
            }
        }

        var result = new Dictionary<string, int>(groups, StringComparer.Ordinal);
        if (other > 0)
        {
            result["other"] = other;
        }

        return result;
    }

    private static Dictionary<string, T> Empty<T>() => new(StringComparer.Ordinal);

    private static long Sum(List<JsonDocument> reports, string section, string field) =>
        reports.Sum(report => report.RootElement.GetProperty(section).GetProperty(field).GetInt64());

    private static string Text(JsonDocument report, string section, string field) =>
        report.RootElement.GetProperty(section).GetProperty(field).GetString() ?? "";

    private static IEnumerable<JsonProperty> Object(JsonDocument report, string section, string field) =>
        report.RootElement.GetProperty(section).GetProperty(field).EnumerateObject();
}
