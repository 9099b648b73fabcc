using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PiiGuard.Benchmarks.Shared;

/// <summary>What the benchmarks' own timing loops report with their figures. Compiled into each benchmark that needs it.</summary>
internal static class Measurements
{
    /// <summary>The median of <paramref name="values"/> (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The 1, 5 and 15-minute load averages (Linux), or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
