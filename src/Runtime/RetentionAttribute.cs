using System;

namespace PiiGuard;

/// <summary>
/// How long rows of a type are kept: <see cref="Days"/> days from the point in time held by the member named
/// <see cref="From"/>. The data map states it to the people the rows are about; the runtime deletes older rows.
/// </summary>
/// <example><code>[Retention(90, nameof(AuthLogEntry.OccurredAt))]</code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
public sealed class RetentionAttribute : Attribute
{
    /// <summary>Keeps rows <paramref name="days"/> days from the point in time in the member <paramref name="from"/>.</summary>
    /// <param name="days">How many days a row is kept; at least 1.</param>
    /// <param name="from">The name of the member (a <see cref="DateTime"/> or <see cref="DateTimeOffset"/>) the days count from.</param>
    public RetentionAttribute(int days, string from)
    {
        Days = days;
        From = from;
    }

    /// <summary>How many days a row is kept.</summary>
    public int Days { get; }

    /// <summary>The name of the point-in-time member the days count from.</summary>
    public string From { get; }
}
