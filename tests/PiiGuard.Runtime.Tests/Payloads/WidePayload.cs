using System;
using System.Collections.Generic;
using static PiiGuard.Period;

// The wide payload carries strings (members, elements, dictionary keys and values) on purpose: it exercises every
// member type PiiGuard's generator supports, free text included. PII006 (free text) is a warning, which this
// project turns into an error; it is silenced here only, so that any other PiiGuard diagnostic still fails the build.
#pragma warning disable PII006

namespace PiiGuard.Runtime.Tests.Payloads;

/// <summary>An enum whose JSON values are snake_case names, one of them overridden with <see cref="TelemetryValueAttribute"/>.</summary>
public enum Shade
{
    Red,
    DarkGreen,

    [TelemetryValue("sky-blue")]
    SkyBlue,
}

/// <summary>An enum with a non-int underlying type and values that are neither 0-based nor contiguous.</summary>
public enum Tier : byte
{
    Low = 1,
    High = 5,
}

/// <summary>An enum used as a dictionary key, declared in an order that differs from its values' order.</summary>
public enum Bucket
{
    Third = 3,
    First = 1,
    Second = 2,
}

/// <summary>Every member type, every collection kind, nested records and structs, nullable variants.</summary>
[TelemetryPayload(Name = "wide_payload", SchemaVersion = "3.2")]
public sealed class WidePayload
{
    [TelemetryField(Purpose = "Tell installations apart"), InstallationId]
    public required Guid InstallationId { get; set; }

    [TelemetryField(Purpose = "Every scalar kind")]
    public required Scalars Scalars { get; set; }

    /// <summary>Every nullable scalar kind, each holding a value.</summary>
    [TelemetryField]
    public required OptionalScalars Present { get; set; }

    /// <summary>Every nullable scalar kind, each holding null.</summary>
    [TelemetryField]
    public required OptionalScalars Absent { get; set; }

    [TelemetryField]
    public required Moments Moments { get; set; }

    [TelemetryField]
    public required Nesting Nesting { get; set; }

    [TelemetryField]
    public required Collections Collections { get; set; }
}

public sealed class Scalars
{
    [TelemetryField]
    public bool Flag { get; set; }

    [TelemetryField]
    public sbyte Int8 { get; set; }

    [TelemetryField]
    public byte UInt8 { get; set; }

    [TelemetryField]
    public short Int16 { get; set; }

    [TelemetryField]
    public ushort UInt16 { get; set; }

    [TelemetryField]
    public int Int32 { get; set; }

    [TelemetryField]
    public uint UInt32 { get; set; }

    [TelemetryField]
    public long Int64 { get; set; }

    [TelemetryField]
    public ulong UInt64 { get; set; }

    [TelemetryField]
    public float Single { get; set; }

    [TelemetryField]
    public double Double { get; set; }

    [TelemetryField]
    public decimal Decimal { get; set; }

    [TelemetryField]
    public Shade Shade { get; set; }

    [TelemetryField]
    public Tier Tier { get; set; }

    [TelemetryField]
    public required string Tag { get; set; }

    [TelemetryField]
    public required Version Release { get; set; }

    [TelemetryField]
    public TimeSpan Elapsed { get; set; }

    [TelemetryField]
    public CountryCode CountryCode { get; set; }

    /// <summary>A public field rather than a property, with an explicit JSON name.</summary>
    [TelemetryField("explicit_json_name")]
    public int RenamedField;
}

public sealed class OptionalScalars
{
    [TelemetryField]
    public bool? Flag { get; set; }

    [TelemetryField]
    public sbyte? Int8 { get; set; }

    [TelemetryField]
    public byte? UInt8 { get; set; }

    [TelemetryField]
    public short? Int16 { get; set; }

    [TelemetryField]
    public ushort? UInt16 { get; set; }

    [TelemetryField]
    public int? Int32 { get; set; }

    [TelemetryField]
    public uint? UInt32 { get; set; }

    [TelemetryField]
    public long? Int64 { get; set; }

    [TelemetryField]
    public ulong? UInt64 { get; set; }

    [TelemetryField]
    public float? Single { get; set; }

    [TelemetryField]
    public double? Double { get; set; }

    [TelemetryField]
    public decimal? Decimal { get; set; }

    [TelemetryField]
    public Shade? Shade { get; set; }

    [TelemetryField]
    public string? Tag { get; set; }

    [TelemetryField]
    public Version? Release { get; set; }

    [TelemetryField]
    public TimeSpan? Elapsed { get; set; }

    [TelemetryField]
    public CountryCode? CountryCode { get; set; }

    [TelemetryField]
    public Gauge? Gauge { get; set; }

    [TelemetryField]
    public Bounds? Bounds { get; set; }

    [TelemetryField]
    public Totals? Totals { get; set; }

    [TelemetryField]
    public List<int>? Numbers { get; set; }

    [TelemetryField]
    public Dictionary<Shade, int>? ByShade { get; set; }
}

/// <summary>Points in time of both C# types, both buckets, nullable or not (in collections: see <see cref="TimestampCollectionsPayload"/>).</summary>
public sealed class Moments
{
    [TelemetryField, Aggregated(Day)]
    public DateTime DayOfUtc { get; set; }

    [TelemetryField, Aggregated(Week)]
    public DateTime WeekOfUtc { get; set; }

    [TelemetryField, Aggregated(Day)]
    public DateTimeOffset DayOfOffset { get; set; }

    [TelemetryField, Aggregated(Week)]
    public DateTimeOffset WeekOfOffset { get; set; }

    [TelemetryField, Aggregated(Day)]
    public DateTime? MaybeDayPresent { get; set; }

    [TelemetryField, Aggregated(Day)]
    public DateTime? MaybeDayAbsent { get; set; }

    [TelemetryField, Aggregated(Week)]
    public DateTimeOffset? MaybeWeekPresent { get; set; }

    [TelemetryField, Aggregated(Week)]
    public DateTimeOffset? MaybeWeekAbsent { get; set; }
}

/// <summary>A positional record class: read back through its primary constructor.</summary>
public sealed record Gauge([property: TelemetryField] int Reading, [property: TelemetryField] Shade Shade);

/// <summary>A positional record struct.</summary>
public readonly record struct Bounds([property: TelemetryField] int Low, [property: TelemetryField] int High);

/// <summary>A plain struct with fields.</summary>
public struct Totals
{
    [TelemetryField]
    public int Done;

    [TelemetryField]
    public int Failed;
}

/// <summary>A base class whose members come first.</summary>
public class BaseCounts
{
    [TelemetryField]
    public int Inherited { get; set; }
}

/// <summary>A derived class: the base type's members, then its own.</summary>
public sealed class DerivedCounts : BaseCounts
{
    [TelemetryField]
    public int Own { get; set; }
}

/// <summary>A class with a constructor for some members and init-only properties for the others.</summary>
public sealed class Mixed
{
    public Mixed(int first, Shade second)
    {
        First = first;
        Second = second;
    }

    [TelemetryField]
    public int First { get; }

    [TelemetryField]
    public Shade Second { get; }

    [TelemetryField]
    public bool Third { get; init; }
}

public sealed class LevelOne
{
    [TelemetryField]
    public required LevelTwo Two { get; set; }
}

public sealed class LevelTwo
{
    [TelemetryField]
    public required LevelThree Three { get; set; }
}

public sealed class LevelThree
{
    [TelemetryField]
    public int Depth { get; set; }
}

public sealed class Nesting
{
    [TelemetryField]
    public required Gauge Gauge { get; set; }

    [TelemetryField]
    public Bounds Bounds { get; set; }

    [TelemetryField]
    public Totals Totals { get; set; }

    [TelemetryField]
    public required DerivedCounts Derived { get; set; }

    [TelemetryField]
    public required Mixed Mixed { get; set; }

    [TelemetryField]
    public required LevelOne One { get; set; }
}

/// <summary>
/// Every collection kind, of scalars, enums, strings, objects, nullables and collections. Three shapes are missing
/// because their generated code does not compile without warnings yet (see Repros/GeneratorWarningShapes.cs and
/// GeneratedCodeWarningTests): nullable reference elements (<c>List&lt;string?&gt;</c>), reference-type values
/// under enum keys (<c>Dictionary&lt;Shade, List&lt;int&gt;&gt;</c>) and objects without fields.
/// </summary>
public sealed class Collections
{
    [TelemetryField]
    public required int[] Numbers { get; set; }

    [TelemetryField]
    public required List<Shade> ShadeList { get; set; }

    [TelemetryField]
    public required IList<string> Tags { get; set; }

    [TelemetryField]
    public required ICollection<long> Longs { get; set; }

    [TelemetryField]
    public required IEnumerable<Gauge> Gauges { get; set; }

    [TelemetryField]
    public required IReadOnlyList<Bounds> BoundsList { get; set; }

    [TelemetryField]
    public required IReadOnlyCollection<double> Ratios { get; set; }

    [TelemetryField]
    public required HashSet<Shade> ShadeSet { get; set; }

    [TelemetryField]
    public required ISet<string> TagSet { get; set; }

    [TelemetryField]
    public required IReadOnlySet<int> IntSet { get; set; }

    [TelemetryField]
    public required Dictionary<Shade, int> ByShade { get; set; }

    [TelemetryField]
    public required IDictionary<string, Gauge> ByTag { get; set; }

    [TelemetryField]
    public required IReadOnlyDictionary<Bucket, Bounds> ByBucket { get; set; }

    [TelemetryField]
    public required IDictionary<Tier, decimal> ByTier { get; set; }

    [TelemetryField]
    public required Dictionary<string, List<int>> ListsByTag { get; set; }

    [TelemetryField]
    public required Dictionary<string, Dictionary<Shade, int?>> Deep { get; set; }

    [TelemetryField]
    public required List<int[]> Jagged { get; set; }

    [TelemetryField]
    public required int?[] OptionalNumbers { get; set; }

    [TelemetryField]
    public required Dictionary<Shade, Bounds?> OptionalBounds { get; set; }

    [TelemetryField]
    public required List<Totals> TotalsList { get; set; }

    [TelemetryField]
    public List<Gauge>? MissingList { get; set; }

    [TelemetryField]
    public Shade[]? MissingArray { get; set; }

    [TelemetryField]
    public Dictionary<string, int>? PresentMap { get; set; }

    [TelemetryField]
    public required List<int> EmptyList { get; set; }

    [TelemetryField]
    public required Dictionary<Shade, int> EmptyMap { get; set; }
}
