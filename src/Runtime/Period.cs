namespace PiiGuard;

/// <summary>
/// The bucket that a point in time is rounded down to before it is stored or sent.
/// </summary>
public enum Period
{
    /// <summary>00:00:00 UTC of the day.</summary>
    Day,

    /// <summary>00:00:00 UTC of the Monday that starts the ISO week.</summary>
    Week,
}
