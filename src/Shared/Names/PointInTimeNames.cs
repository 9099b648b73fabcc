using System.Collections.Generic;


namespace PiiGuard.Shared.Names;

/// <summary>
/// Recognises names of points in time (<c>CreatedAt</c>, <c>LastSeenUnix</c>, <c>EventTimestampMs</c>,
/// <c>ModifiedOn</c>) and lets durations pass (<c>UptimeHours</c>, <c>DurationMs</c>, <c>ElapsedTicks</c>).
/// </summary>
internal static class PointInTimeNames
{
    private static readonly HashSet<string> PointWords = new()
    {
        "timestamp", "timestamps", "unix", "epoch", "ticks", "datetime", "date", "dates", "ts",
    };

    private static readonly HashSet<string> DurationWords = new()
    {
        "duration", "durations", "elapsed", "uptime", "interval", "timeout", "delay", "latency", "age", "ttl", "lag",
        "runtime", "wait",
    };

    private static readonly HashSet<string> Units = new()
    {
        "ms", "msec", "millis", "milliseconds", "s", "sec", "secs", "seconds", "min", "mins", "minutes", "h", "hr",
        "hrs", "hours", "d", "days", "utc", "local", "ns", "us", "micros", "nanos", "iso", "iso8601",
    };

    /// <summary>
    /// The word that makes <paramref name="words"/> a point in time that can be a person's, or null: not when the name
    /// is about a thing of the software (<c>BuildTimestamp</c>, <c>ReleaseCreatedAt</c>: the same for every user).
    /// The analyzers and the generated disclosure both ask this.
    /// </summary>
    public static string? FindPersonal(IReadOnlyList<string> words, Vocabulary allowed)
    {
        string? word = Find(words, allowed.Mask(words));
        return word is null || NameModel.IsAboutSoftware(words, Vocabulary.Default, allowed) ? null : word;
    }

    /// <summary>The word that makes <paramref name="words"/> a point in time, or null.</summary>
    public static string? Find(IReadOnlyList<string> words, bool[]? masked)
    {
        int last = -1;
        for (int i = 0; i < words.Count; i++)
        {
            if (masked != null && masked[i])
            {
                continue;
            }

            if (DurationWords.Contains(words[i]))
            {
                return null;
            }

            if (!Units.Contains(words[i]))
            {
                last = i;
            }
        }

        for (int i = 0; i < words.Count; i++)
        {
            if ((masked == null || !masked[i]) && PointWords.Contains(words[i]))
            {
                return words[i];
            }
        }

        if (last <= 0 || (masked != null && masked[last]))
        {
            return null;
        }

        string lastWord = words[last];
        string before = words[last - 1];
        return lastWord switch
        {
            "at" => lastWord,
            "on" when before.EndsWith("ed", System.StringComparison.Ordinal) => lastWord,
            "seen" when before is "last" or "first" => lastWord,
            _ => null,
        };
    }
}
