using System.Globalization;
using System.Text;
using System.Text.Json;
using PiiGuard.Collector.Storage;

namespace PiiGuard.Collector;

/// <summary>
/// Population-level statistics of the stored payloads, computed from their canonical JSON without knowing the payload
/// type: per week, for every JSON path (array elements as <c>[]</c>), the total of the numbers found there, and for
/// strings (enum values, versions, country codes, dates) and booleans the number of installations per value, where a
/// value fewer than the minimum group size of installations have is reported only within <c>other</c>. A path fewer
/// installations than the minimum group size have is left out; a week with fewer installations shows only its count.
/// The installation id is never a value: strings equal to the row's installation id are skipped.
/// </summary>
internal static class PopulationStatistics
{
    /// <summary>The statistics of every stored week, oldest first.</summary>
    public static async Task<List<WeekStatistics>> ComputeAsync(CollectorStore store, int minimumGroupSize, CancellationToken cancellationToken)
    {
        var weeks = new List<WeekStatistics>();
        Week? current = null;
        await foreach (StoredRow row in store.ReadAllAsync(cancellationToken))
        {
            if (current is null || current.Start != row.WeekStart)
            {
                if (current is not null)
                {
                    weeks.Add(current.Finish(minimumGroupSize));
                }

                current = new Week(row.WeekStart);
            }

            current.Add(row);
        }

        if (current is not null)
        {
            weeks.Add(current.Finish(minimumGroupSize));
        }

        return weeks;
    }

    /// <summary>Writes the statistics as JSON: <c>{"weeks":[{"week_start":…,"installations":…,"totals":{…},"groups":{…}}]}</c>.</summary>
    public static byte[] ToJson(IReadOnlyList<WeekStatistics> weeks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("weeks");
            foreach (WeekStatistics week in weeks)
            {
                json.WriteStartObject();
                json.WriteString("week_start", week.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("installations", week.Installations);
                json.WriteStartObject("totals");
                foreach ((string path, decimal total) in week.Totals)
                {
                    json.WriteNumber(path, total);
                }

                json.WriteEndObject();
                json.WriteStartObject("groups");
                foreach ((string path, IReadOnlyList<(string Value, int Installations)> groups) in week.Groups)
                {
                    json.WriteStartObject(path);
                    foreach ((string value, int installations) in groups)
                    {
                        json.WriteNumber(value, installations);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The statistics as CSV, one line per total or group: <c>week_start,installations,kind,path,value,number</c>
    /// (kind <c>total</c> with the total, or <c>group</c> with the value and its installations); a week without
    /// either is one line with its count.
    /// </summary>
    public static string ToCsv(IReadOnlyList<WeekStatistics> weeks)
    {
        var csv = new StringBuilder("week_start,installations,kind,path,value,number\n");
        foreach (WeekStatistics week in weeks)
        {
            string start = week.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string prefix = start + "," + week.Installations.ToString(CultureInfo.InvariantCulture) + ",";
            if (week.Totals.Count == 0 && week.Groups.Count == 0)
            {
                csv.Append(prefix).Append(",,,\n");
                continue;
            }

            foreach ((string path, decimal total) in week.Totals)
            {
                csv.Append(prefix).Append("total,").Append(Field(path)).Append(",,").Append(total.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach ((string path, IReadOnlyList<(string Value, int Installations)> groups) in week.Groups)
            {
                foreach ((string value, int installations) in groups)
                {
                    csv.Append(prefix).Append("group,").Append(Field(path)).Append(',').Append(Field(value)).Append(',')
                        .Append(installations.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        return csv.ToString();
    }

    // RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled; one that a spreadsheet
    // would take for a formula gets a leading apostrophe.
    private static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>One week's statistics.</summary>
    /// <param name="WeekStart">The Monday of the week.</param>
    /// <param name="Installations">How many installations submitted it.</param>
    /// <param name="Totals">The total at each path that holds numbers, by path.</param>
    /// <param name="Groups">The installations per value at each path that holds strings or booleans, by path.</param>
    internal sealed record WeekStatistics(
        DateOnly WeekStart,
        int Installations,
        IReadOnlyList<(string Path, decimal Total)> Totals,
        IReadOnlyList<(string Path, IReadOnlyList<(string Value, int Installations)> Groups)> Groups);

    private sealed class Week(DateOnly start)
    {
        private readonly SortedDictionary<string, Total> _totals = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, Dictionary<string, int>> _groups = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seenTotals = new(StringComparer.Ordinal);
        private readonly HashSet<(string Path, string Value)> _seenValues = [];
        private readonly Dictionary<string, int> _groupInstallations = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seenGroups = new(StringComparer.Ordinal);
        private int _installations;

        public DateOnly Start => start;

        public void Add(StoredRow row)
        {
            _installations++;
            _seenTotals.Clear();
            _seenValues.Clear();
            _seenGroups.Clear();
            using JsonDocument document = JsonDocument.Parse(row.PayloadJson);
            Visit(document.RootElement, "$", row.InstallationId.ToString("D"));
        }

        public WeekStatistics Finish(int minimumGroupSize)
        {
            if (_installations < minimumGroupSize)
            {
                return new WeekStatistics(start, _installations, [], []);
            }

            var totals = new List<(string, decimal)>();
            foreach ((string path, Total total) in _totals)
            {
                if (total.Installations >= minimumGroupSize)
                {
                    totals.Add((path, total.Sum));
                }
            }

            var groups = new List<(string, IReadOnlyList<(string, int)>)>();
            foreach ((string path, Dictionary<string, int> values) in _groups)
            {
                var shown = new List<(string, int)>();
                int other = 0;
                foreach ((string value, int installations) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    if (installations >= minimumGroupSize && value != "other")
                    {
                        shown.Add((value, installations));
                    }
                    else
                    {
                        other += installations;
                    }
                }

                if (_groupInstallations[path] < minimumGroupSize)
                {
                    continue;
                }

                if (other > 0)
                {
                    shown.Add(("other", other));
                }

                groups.Add((path, shown));
            }

            return new WeekStatistics(start, _installations, totals, groups);
        }

        private void Visit(JsonElement element, string path, string installationId)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        Visit(property.Value, path + "." + property.Name, installationId);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        Visit(item, path + "[]", installationId);
                    }

                    break;
                case JsonValueKind.Number:
                    if (!_totals.TryGetValue(path, out Total? total))
                    {
                        _totals[path] = total = new Total();
                    }

                    total.Add(element.TryGetDecimal(out decimal number) ? number : (decimal)Math.Clamp(element.GetDouble(), (double)decimal.MinValue, (double)decimal.MaxValue));
                    if (_seenTotals.Add(path))
                    {
                        total.Installations++;
                    }

                    break;
                case JsonValueKind.String:
                    string text = element.GetString()!;
                    if (!text.Equals(installationId, StringComparison.OrdinalIgnoreCase))
                    {
                        Count(path, text);
                    }

                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    Count(path, element.ValueKind == JsonValueKind.True ? "true" : "false");
                    break;
                case JsonValueKind.Null:
                    Count(path, "null");
                    break;
            }
        }

        // One installation counts once per value at a path, however often an array holds it.
        private void Count(string path, string value)
        {
            if (!_seenValues.Add((path, value)))
            {
                return;
            }

            if (_seenGroups.Add(path))
            {
                _groupInstallations[path] = _groupInstallations.GetValueOrDefault(path) + 1;
            }

            if (!_groups.TryGetValue(path, out Dictionary<string, int>? values))
            {
                _groups[path] = values = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            values[value] = values.GetValueOrDefault(value) + 1;
        }
    }

    private sealed class Total
    {
        public decimal Sum { get; private set; }

        public int Installations { get; set; }

        // A total past decimal's range (about 7.9e28) stays at its bound rather than failing the statistics.
        public void Add(decimal value)
        {
            try
            {
                Sum += value;
            }
            catch (OverflowException)
            {
                Sum = value > 0 ? decimal.MaxValue : decimal.MinValue;
            }
        }
    }
}
