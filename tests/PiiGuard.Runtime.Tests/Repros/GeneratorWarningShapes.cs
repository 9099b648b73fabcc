// Not compiled into the test project: GeneratedCodeWarningTests compiles each payload here in process, with
// PiiGuard's generator, nullable enabled, and asserts that the generated code has no warning. At the time of
// writing each one produces warnings, which would fail this project's build (TreatWarningsAsErrors), so they
// live here instead of in WidePayload. Once the generator is fixed, move them into Payloads/WidePayload.cs.
#nullable enable
#pragma warning disable PII006
using System.Collections.Generic;
using PiiGuard;

namespace PiiGuard.Repros;

public enum Hue
{
    Red,
    Blue,
}

public enum Slot
{
    First,
    Second,
}

public sealed class Empty
{
}

public sealed class Reading
{
    [TelemetryField]
    public int Value { get; set; }
}

/// <summary>An object with no [TelemetryField] member: its reader declares 'seen' and never reads it (CS0219).</summary>
[TelemetryPayload]
public sealed class EmptyObjectPayload
{
    [TelemetryField]
    public required Empty Empty { get; set; }
}

/// <summary>Enum-keyed dictionaries with reference-type values: TryGetValue into a non-nullable out variable (CS8600).</summary>
[TelemetryPayload]
public sealed class EnumKeyedReferenceValuesPayload
{
    [TelemetryField]
    public required Dictionary<Hue, List<int>> ListsByHue { get; set; }

    [TelemetryField]
    public required IReadOnlyDictionary<Slot, Reading> ReadingBySlot { get; set; }
}

/// <summary>Nullable reference type arguments: the generated locals drop the '?' of type arguments (CS8619).</summary>
[TelemetryPayload]
public sealed class NullableReferenceElementsPayload
{
    [TelemetryField]
    public required List<string?> Tags { get; set; }

    [TelemetryField]
    public required Dictionary<Hue, string?> TagByHue { get; set; }

    [TelemetryField]
    public required Dictionary<string, List<Reading?>> ReadingsByTag { get; set; }
}
