using System;

namespace PiiGuard;

/// <summary>
/// Marks a <see cref="DateTime"/> or <see cref="DateTimeOffset"/> payload member as aggregated: it is rounded
/// down to the start of its day or ISO week before it is stored or sent, so no precise timestamp leaves the app.
/// </summary>
/// <example><code>
/// using static PiiGuard.Period;
///
/// [TelemetryField, Aggregated(Week)]
/// public DateTimeOffset PeriodStart { get; init; }
/// </code></example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class AggregatedAttribute : Attribute
{
    /// <summary>
    /// Marks the member as aggregated to the given period.
    /// </summary>
    /// <param name="period">The bucket to round down to.</param>
    public AggregatedAttribute(Period period)
    {
        Period = period;
    }

    /// <summary>Gets the bucket that the member is rounded down to.</summary>
    public Period Period { get; }
}
