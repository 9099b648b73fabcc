using System;

namespace PiiGuard;

/// <summary>One statistic as the store holds it: a value for one UTC day.</summary>
/// <remarks>
/// What <see cref="UsageStatistics.ReadStatistics"/> lists and <see cref="StatisticsWeek.Rows"/> holds. A record with
/// init-only properties and no public constructor, so that properties can be added without breaking callers; it
/// compares by value.
/// </remarks>
public sealed record StoredStatistic
{
    internal StoredStatistic()
    {
    }

    /// <summary>Gets the UTC day.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>Gets how values combine over a week.</summary>
    public required StatisticKind Kind { get; init; }

    /// <summary>Gets the enum that keys it (its full name).</summary>
    public required string Metric { get; init; }

    /// <summary>Gets the enum member.</summary>
    public required string Key { get; init; }

    /// <summary>Gets, for an error, the component enum (its full name); otherwise empty.</summary>
    public string ComponentMetric { get; init; } = string.Empty;

    /// <summary>Gets, for an error, the component; otherwise empty.</summary>
    public string Component { get; init; } = string.Empty;

    /// <summary>Gets the count, or the gauge's or flag's value.</summary>
    public required long Value { get; init; }
}
