using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using PiiGuard.Runtime.Tests.Payloads;

namespace PiiGuard.Runtime.Tests;

/// <summary>A <see cref="WidePayload"/> with extreme and awkward values everywhere, and a deep comparison of payloads.</summary>
internal static class WideSample
{
    /// <summary>A fresh payload: every scalar at an extreme, every nullable both present and absent, every collection kind filled.</summary>
    public static WidePayload Create() => new()
    {
        InstallationId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Scalars = new Scalars
        {
            Flag = true,
            Int8 = sbyte.MinValue,
            UInt8 = byte.MaxValue,
            Int16 = short.MinValue,
            UInt16 = ushort.MaxValue,
            Int32 = int.MinValue,
            UInt32 = uint.MaxValue,
            Int64 = long.MinValue,
            UInt64 = ulong.MaxValue,
            Single = 0.1f,
            Double = 0.1 + 0.2,
            Decimal = decimal.MaxValue,
            Shade = Shade.SkyBlue,
            Tier = Tier.High,
            Tag = "quote \" backslash \\ tab \t é 漢字 😀",
            Release = new Version(1, 2, 3, 4),
            Elapsed = new TimeSpan(1, 2, 3, 4, 5) + TimeSpan.FromTicks(6),
            CountryCode = CountryCode.Parse("NZ"),
            RenamedField = 42,
        },
        Present = new OptionalScalars
        {
            Flag = false,
            Int8 = sbyte.MaxValue,
            UInt8 = byte.MinValue,
            Int16 = short.MaxValue,
            UInt16 = ushort.MinValue,
            Int32 = int.MaxValue,
            UInt32 = uint.MinValue,
            Int64 = long.MaxValue,
            UInt64 = ulong.MinValue,
            Single = -float.MaxValue,
            Double = double.Epsilon,
            Decimal = -0.0001m,
            Shade = Shade.DarkGreen,
            Tag = "",
            Release = new Version(0, 0),
            Elapsed = TimeSpan.FromMilliseconds(-1500),
            CountryCode = CountryCode.Parse("AQ"),
            Gauge = new Gauge(-7, Shade.Red),
            Bounds = new Bounds(-1, 1),
            Totals = new Totals { Done = 3, Failed = 0 },
            Numbers = [5, 4],
            ByShade = new() { [Shade.Red] = 0 },
        },
        Absent = new OptionalScalars(),
        Moments = new Moments
        {
            DayOfUtc = new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc),
            WeekOfUtc = new DateTime(2024, 12, 30, 0, 0, 0, DateTimeKind.Utc), // the Monday of ISO week 1 of 2025
            DayOfOffset = new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.Zero),
            WeekOfOffset = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero),
            MaybeDayPresent = new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            MaybeDayAbsent = null,
            MaybeWeekPresent = new DateTimeOffset(2000, 1, 3, 0, 0, 0, TimeSpan.Zero),
            MaybeWeekAbsent = null,
        },
        Nesting = new Nesting
        {
            Gauge = new Gauge(12, Shade.DarkGreen),
            Bounds = new Bounds(int.MinValue, int.MaxValue),
            Totals = new Totals { Done = 9, Failed = 1 },
            Derived = new DerivedCounts { Inherited = 1, Own = 2 },
            Mixed = new Mixed(7, Shade.SkyBlue) { Third = true },
            One = new LevelOne { Two = new LevelTwo { Three = new LevelThree { Depth = 3 } } },
        },
        Collections = new Collections
        {
            Numbers = [int.MinValue, 0, int.MaxValue],
            ShadeList = [Shade.SkyBlue, Shade.Red, Shade.SkyBlue],
            Tags = new List<string> { "alpha", "line\nbreak", "" },
            Longs = new List<long> { long.MaxValue, -1 },
            Gauges = new[] { new Gauge(1, Shade.Red), new Gauge(-2, Shade.SkyBlue) },
            BoundsList = new List<Bounds> { new(0, 0), new(-5, 5) },
            Ratios = new List<double> { 0.5, -1e-300, 1.7976931348623157E+308 },
            ShadeSet = [Shade.Red, Shade.DarkGreen],
            TagSet = new HashSet<string> { "x", "y" },
            IntSet = new HashSet<int> { 1, 2, 3 },
            ByShade = new() { [Shade.SkyBlue] = 3, [Shade.Red] = 1 },
            ByTag = new Dictionary<string, Gauge> { ["one"] = new Gauge(1, Shade.Red), ["two \"quoted\""] = new Gauge(2, Shade.DarkGreen) },
            ByBucket = new Dictionary<Bucket, Bounds> { [Bucket.Second] = new Bounds(2, 3), [Bucket.Third] = new Bounds(3, 4) },
            ByTier = new Dictionary<Tier, decimal> { [Tier.High] = 2.5m, [Tier.Low] = -0.125m },
            ListsByTag = new() { ["a"] = [1, 2], ["b"] = [] },
            Deep = new() { ["outer"] = new() { [Shade.Red] = 1, [Shade.DarkGreen] = null } },
            Jagged = [[1, 2], [], [3]],
            OptionalNumbers = [1, null, 3],
            OptionalBounds = new() { [Shade.Red] = new Bounds(1, 2), [Shade.SkyBlue] = null },
            TotalsList = [new Totals { Done = 1, Failed = 2 }],
            MissingList = null,
            MissingArray = null,
            PresentMap = new() { ["k"] = 1 },
            EmptyList = [],
            EmptyMap = new(),
        },
    };

    /// <summary>
    /// Every difference between two payloads, member by member (every [TelemetryField] of every object, every
    /// element, key and value), as paths; empty when they are equal.
    /// </summary>
    public static List<string> Differences(object? expected, object? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        return differences;
    }

    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        Type type = expected.GetType();
        if (IsLeaf(type))
        {
            if (!expected.Equals(actual))
            {
                differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            }

            return;
        }

        if (expected is IDictionary expectedMap)
        {
            if (actual is not IDictionary actualMap)
            {
                differences.Add($"{path}: expected a dictionary, got {actual.GetType()}");
                return;
            }

            if (expectedMap.Count != actualMap.Count)
            {
                differences.Add($"{path}: expected {expectedMap.Count} entries, got {actualMap.Count}");
            }

            foreach (DictionaryEntry entry in expectedMap)
            {
                if (!actualMap.Contains(entry.Key))
                {
                    differences.Add($"{path}: key {Show(entry.Key)} is missing");
                    continue;
                }

                Compare(entry.Value, actualMap[entry.Key], $"{path}[{Show(entry.Key)}]", differences);
            }

            return;
        }

        if (expected is IEnumerable expectedItems)
        {
            if (actual is not IEnumerable actualItems)
            {
                differences.Add($"{path}: expected a collection, got {actual.GetType()}");
                return;
            }

            List<object?> left = expectedItems.Cast<object?>().ToList();
            List<object?> right = actualItems.Cast<object?>().ToList();
            if (IsSet(type))
            {
                if (!IsSet(actual.GetType()) || left.Count != right.Count || !left.All(right.Contains))
                {
                    differences.Add($"{path}: expected the set {{{string.Join(", ", left.Select(Show))}}}, got {{{string.Join(", ", right.Select(Show))}}}");
                }

                return;
            }

            if (left.Count != right.Count)
            {
                differences.Add($"{path}: expected {left.Count} elements, got {right.Count}");
                return;
            }

            for (int i = 0; i < left.Count; i++)
            {
                Compare(left[i], right[i], $"{path}[{i}]", differences);
            }

            return;
        }

        if (actual.GetType() != type)
        {
            differences.Add($"{path}: expected a {type}, got a {actual.GetType()}");
            return;
        }

        int fields = 0;
        foreach (MemberInfo member in TelemetryMembers(type))
        {
            fields++;
            object? left = member is PropertyInfo p ? p.GetValue(expected) : ((FieldInfo)member).GetValue(expected);
            object? right = member is PropertyInfo q ? q.GetValue(actual) : ((FieldInfo)member).GetValue(actual);
            Compare(left, right, path + "." + member.Name, differences);
        }

        if (fields == 0)
        {
            differences.Add($"{path}: {type} has no [TelemetryField] member to compare");
        }
    }

    private static IEnumerable<MemberInfo> TelemetryMembers(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m is PropertyInfo or FieldInfo && m.IsDefined(typeof(TelemetryFieldAttribute), inherit: true));

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid) ||
        type == typeof(Version) || type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset) ||
        type == typeof(CountryCode);

    private static bool IsSet(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
