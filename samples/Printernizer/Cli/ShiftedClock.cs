using System;
using System.Globalization;

namespace Printernizer.Cli;

/// <summary>
/// The clock of <c>--as-of</c>: the system's, moved to another day at the same time of day, so that a person can try
/// a weekly submission by hand (record "last week", then submit "today") without waiting a week.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private readonly TimeSpan _offset;

    private ShiftedClock(TimeSpan offset)
    {
        _offset = offset;
    }

    /// <summary>The system's clock, or one moved to <paramref name="asOf"/> (yyyy-MM-dd).</summary>
    public static TimeProvider From(string? asOf)
    {
        if (asOf is null)
        {
            return System;
        }

        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            throw new UsageException($"--as-of needs a date written as yyyy-MM-dd.");
        }

        DateTime now = DateTime.UtcNow;
        return new ShiftedClock(day.ToDateTime(TimeOnly.MinValue) - now.Date);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
