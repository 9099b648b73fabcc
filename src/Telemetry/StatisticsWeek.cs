using System;
using System.Collections.Generic;
using PiiGuard.Telemetry.Recording;

namespace PiiGuard;

/// <summary>
/// One ISO week of stored statistics, from which the app builds the week's payload: counters add up over the week's
/// days, gauges and flags give their last day's value.
/// </summary>
public sealed class StatisticsWeek
{
    private readonly IReadOnlyList<StoredStatistic> _rows;

    internal StatisticsWeek(Guid installationId, DateTimeOffset firstSeen, DateTimeOffset start, bool isComplete, CountryCode? countryCode, IReadOnlyList<StoredStatistic> rows)
    {
        InstallationId = installationId;
        FirstSeen = firstSeen;
        Start = start;
        IsComplete = isComplete;
        CountryCode = countryCode;
        _rows = rows;
    }

    /// <summary>Gets the random installation id (UUIDv4) made at opt-in.</summary>
    public Guid InstallationId { get; }

    /// <summary>Gets the Monday (00:00 UTC) of the week the user opted in.</summary>
    public DateTimeOffset FirstSeen { get; }

    /// <summary>Gets the Monday, 00:00 UTC, that starts the week.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the Monday, 00:00 UTC, that ends the week (the next week's start).</summary>
    public DateTimeOffset End => Start.AddDays(7);

    /// <summary>Gets the week's length in days: 7.</summary>
    public int DurationDays => 7;

    /// <summary>Gets whether the week is over; false when previewing the week in progress.</summary>
    public bool IsComplete { get; }

    /// <summary>Gets the country derived from the configured time zone, or null when the zone has none.</summary>
    public CountryCode? CountryCode { get; }

    /// <summary>Gets the week's stored rows, day by day.</summary>
    public IReadOnlyList<StoredStatistic> Rows => _rows;

    /// <summary>The week's total of a counter.</summary>
    /// <typeparam name="TKey">The counter's enum.</typeparam>
    /// <param name="key">The counter.</param>
    /// <returns>The total; 0 when nothing was recorded.</returns>
    public long Count<TKey>(TKey key)
        where TKey : struct, Enum => Counts<TKey>().TryGetValue(key, out long value) ? value : 0;

    /// <summary>The week's totals of every counter keyed by <typeparamref name="TKey"/> that was recorded.</summary>
    /// <typeparam name="TKey">The counters' enum.</typeparam>
    /// <returns>The totals.</returns>
    public Dictionary<TKey, long> Counts<TKey>()
        where TKey : struct, Enum => Combine<TKey>(StatisticKind.Counter);

    /// <summary>A gauge's value on the last day of the week it was set.</summary>
    /// <typeparam name="TKey">The gauge's enum.</typeparam>
    /// <param name="key">The gauge.</param>
    /// <returns>The value, or null when it was not set this week.</returns>
    public long? Gauge<TKey>(TKey key)
        where TKey : struct, Enum => Gauges<TKey>().TryGetValue(key, out long value) ? value : null;

    /// <summary>The last values of every gauge keyed by <typeparamref name="TKey"/> that was set this week.</summary>
    /// <typeparam name="TKey">The gauges' enum.</typeparam>
    /// <returns>The values.</returns>
    public Dictionary<TKey, long> Gauges<TKey>()
        where TKey : struct, Enum => Combine<TKey>(StatisticKind.Gauge);

    /// <summary>A flag's value on the last day of the week it was set.</summary>
    /// <typeparam name="TKey">The flags' enum.</typeparam>
    /// <param name="key">The flag.</param>
    /// <returns>The value, or null when it was not set this week.</returns>
    public bool? Flag<TKey>(TKey key)
        where TKey : struct, Enum => Combine<TKey>(StatisticKind.Flag).TryGetValue(key, out long value) ? value != 0 : null;

    /// <summary>The week's error counts per error type, over all components.</summary>
    /// <typeparam name="TError">The app's error types.</typeparam>
    /// <returns>The counts of the error types that occurred.</returns>
    public Dictionary<TError, long> ErrorCounts<TError>()
        where TError : struct, Enum
    {
        var counts = new Dictionary<TError, long>();
        string metric = Metric<TError>();
        foreach (StoredStatistic row in _rows)
        {
            if (row.Kind == StatisticKind.Error && row.Metric == metric && EnumKeys<TError>.TryParse(row.Key, out TError error))
            {
                counts[error] = counts.GetValueOrDefault(error) + row.Value;
            }
        }

        return counts;
    }

    /// <summary>The week's error counts per error type and component.</summary>
    /// <typeparam name="TError">The app's error types.</typeparam>
    /// <typeparam name="TComponent">The app's components.</typeparam>
    /// <returns>The counts, ordered by error type and component.</returns>
    public List<ErrorCount<TError, TComponent>> Errors<TError, TComponent>()
        where TError : struct, Enum
        where TComponent : struct, Enum
    {
        var counts = new Dictionary<(TError, TComponent), long>();
        string metric = Metric<TError>();
        string componentMetric = Metric<TComponent>();
        foreach (StoredStatistic row in _rows)
        {
            if (row.Kind == StatisticKind.Error && row.Metric == metric && row.ComponentMetric == componentMetric &&
                EnumKeys<TError>.TryParse(row.Key, out TError error) && EnumKeys<TComponent>.TryParse(row.Component, out TComponent component))
            {
                counts[(error, component)] = counts.GetValueOrDefault((error, component)) + row.Value;
            }
        }

        var list = new List<ErrorCount<TError, TComponent>>(counts.Count);
        foreach (KeyValuePair<(TError Error, TComponent Component), long> pair in counts)
        {
            list.Add(new ErrorCount<TError, TComponent>(pair.Key.Error, pair.Key.Component, pair.Value));
        }

        list.Sort(static (a, b) => Comparer<TError>.Default.Compare(a.ErrorType, b.ErrorType) is var c and not 0 ? c : Comparer<TComponent>.Default.Compare(a.Component, b.Component));
        return list;
    }

    internal static string Metric<TKey>()
        where TKey : struct, Enum => EnumKeys.Get(EnumKeys<TKey>.TypeId).Metric;

    private Dictionary<TKey, long> Combine<TKey>(StatisticKind kind)
        where TKey : struct, Enum
    {
        var values = new Dictionary<TKey, long>();
        var days = new Dictionary<TKey, DateOnly>();
        string metric = Metric<TKey>();
        foreach (StoredStatistic row in _rows)
        {
            if (row.Kind != kind || row.Metric != metric || !EnumKeys<TKey>.TryParse(row.Key, out TKey key))
            {
                continue;
            }

            if (kind == StatisticKind.Counter)
            {
                values[key] = values.GetValueOrDefault(key) + row.Value;
            }
            else if (!days.TryGetValue(key, out DateOnly day) || row.Day >= day)
            {
                days[key] = row.Day;
                values[key] = row.Value;
            }
        }

        return values;
    }
}
