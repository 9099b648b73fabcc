namespace PiiGuard.EntityFrameworkCore;

/// <summary>How often the hosted personal data maintenance runs: set with <c>AddPersonalDataMaintenance&lt;TContext&gt;(options =&gt; ...)</c>.</summary>
public sealed class PersonalDataMaintenanceOptions
{
    /// <summary>The longest <see cref="Interval"/>, the longest period of a <see cref="PeriodicTimer"/>: 49 days.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(49);

    /// <summary>
    /// The time between two runs (due erasures, then retention); the first run is when the host starts. Default one
    /// hour; more than zero and at most <see cref="MaxInterval"/>.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first setting out of range, as a message that names it; null when all are in range.</summary>
    internal string? Check() =>
        Interval <= TimeSpan.Zero || Interval > MaxInterval
            ? $"{nameof(PersonalDataMaintenanceOptions)}.{nameof(Interval)} must be more than zero and at most {MaxInterval.TotalDays:0} days."
            : null;
}
