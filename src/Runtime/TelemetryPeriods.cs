using System;

namespace PiiGuard;

/// <summary>
/// Rounds points in time down to the start of their day or ISO week, in UTC. The generated serializers call it for
/// every <see cref="AggregatedAttribute"/> member, and the runtime for what it stores, so nothing precise is ever
/// stored or sent.
/// </summary>
public static class TelemetryPeriods
{
    /// <summary>00:00:00 UTC of the day, or of the Monday that starts the ISO week, that holds <paramref name="value"/>.</summary>
    /// <param name="value">A point in time, in any offset.</param>
    /// <param name="period">The bucket.</param>
    /// <returns>The start of the bucket, with offset zero.</returns>
    public static DateTimeOffset StartOf(DateTimeOffset value, Period period) =>
        new(StartOfUtcTicks(value.UtcTicks, period), TimeSpan.Zero);

    /// <summary>
    /// 00:00:00 UTC of the day, or of the Monday that starts the ISO week, that holds <paramref name="value"/>. A
    /// <see cref="DateTimeKind.Local"/> value is converted to UTC first; an unspecified kind is taken as UTC.
    /// </summary>
    /// <param name="value">A point in time.</param>
    /// <param name="period">The bucket.</param>
    /// <returns>The start of the bucket, of kind <see cref="DateTimeKind.Utc"/>.</returns>
    public static DateTime StartOf(DateTime value, Period period)
    {
        long ticks = value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks;
        return new DateTime(StartOfUtcTicks(ticks, period), DateTimeKind.Utc);
    }

    /// <summary>Whether <paramref name="value"/> is the start of a bucket: what a strict reader accepts.</summary>
    /// <param name="value">A point in time.</param>
    /// <param name="period">The bucket.</param>
    /// <returns>Whether rounding would leave it as it is.</returns>
    public static bool IsStartOf(DateTimeOffset value, Period period) =>
        value.Offset == TimeSpan.Zero && StartOfUtcTicks(value.UtcTicks, period) == value.UtcTicks;

    private static long StartOfUtcTicks(long utcTicks, Period period)
    {
        long day = utcTicks - (utcTicks % TimeSpan.TicksPerDay);
        if (period == Period.Day)
        {
            return day;
        }

        // 0001-01-01 was a Monday: days since then, modulo 7, is the number of days since Monday.
        long daysSinceMonday = (day / TimeSpan.TicksPerDay) % 7;
        return day - (daysSinceMonday * TimeSpan.TicksPerDay);
    }
}
