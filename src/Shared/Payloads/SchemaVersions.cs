using System;
using System.Globalization;

namespace PiiGuard.Shared.Payloads;

/// <summary>Schema versions are numbers separated by dots ("1", "1.0", "2.3.1"), compared number by number.</summary>
internal static class SchemaVersions
{
    public static bool IsValid(string version)
    {
        if (version.Length == 0)
        {
            return false;
        }

        foreach (string part in version.Split('.'))
        {
            if (part.Length == 0 || part.Length > 9)
            {
                return false;
            }

            foreach (char c in part)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Compares two valid versions; missing parts count as zero ("1" equals "1.0").</summary>
    public static int Compare(string left, string right)
    {
        string[] a = left.Split('.');
        string[] b = right.Split('.');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            int x = i < a.Length ? int.Parse(a[i], CultureInfo.InvariantCulture) : 0;
            int y = i < b.Length ? int.Parse(b[i], CultureInfo.InvariantCulture) : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }
}
