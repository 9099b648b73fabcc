namespace PiiGuard;

/// <summary>What kind of statistic a stored value is, and so how a week's values combine.</summary>
public enum StatisticKind
{
    /// <summary>A count: the days of a week add up.</summary>
    Counter = 0,

    /// <summary>A measured value such as the number of printers: a week reports its last day's value.</summary>
    Gauge = 1,

    /// <summary>Whether a feature is enabled (1) or not (0): a week reports its last day's value.</summary>
    Flag = 2,

    /// <summary>A count of errors of one type in one component: the days of a week add up.</summary>
    Error = 3,
}
