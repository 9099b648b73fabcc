using System.Globalization;

namespace FilamentTracker;

/// <summary>
/// The app's clock: the system's, or with <c>--Clock:AsOf=2027-01-10</c> one that starts at that date (UTC) and runs
/// on from there. Everything that tells time reads it: the rows' dates, the bearer tokens' hour, the 30-day grace
/// period of a deletion and the 90 days of the auth log. So restarting the app "31 days later" tries a promise by hand.
/// </summary>
public sealed class AppClock : TimeProvider
{
    private readonly TimeSpan _shift;

    private AppClock(DateTimeOffset asOf) => _shift = asOf - System.GetUtcNow();

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;

    /// <summary>The clock the configuration asks for; null with a message when <c>Clock:AsOf</c> is not a date.</summary>
    public static TimeProvider? From(IConfiguration configuration, out string? problem)
    {
        problem = null;
        string? asOf = configuration["Clock:AsOf"];
        if (asOf is null)
        {
            return System;
        }

        if (DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset start))
        {
            return new AppClock(start);
        }

        problem = "Clock:AsOf must be a date such as 2027-01-10 (or a date and time such as 2027-01-10T09:30:00Z).";
        return null;
    }
}
