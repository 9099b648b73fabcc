using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Benchmarks.Serializer;

// System.Text.Json configured to write the same JSON as PiiGuard: snake_case property names, enums as snake_case
// strings (DeploymentMode.HomeAssistant as "homeassistant", which the sample spells with PiiGuard's
// [TelemetryValue]), points in time with a "Z" (STJ writes "+00:00" for a DateTimeOffset), and CountryCode as its
// two letters (STJ knows nothing of it). For the seed types, which cannot carry STJ attributes here, that takes
// converters in the options; the enum converters are the built-in JsonStringEnumConverter<T> with a naming policy,
// so their names are computed and encoded once, as with [JsonStringEnumMemberName].

/// <summary>
/// STJ source generation as its documentation has it: snake_case names from the options, everything else from
/// attributes on the (copied) types, so the generated fast path is used.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StjModel.UsageReport))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;

/// <summary>
/// STJ source generation over the seed types themselves: the same converters as <see cref="StjReflection.Options"/>,
/// which make STJ fall back from the generated fast path to its metadata-driven converters.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters =
    [
        typeof(SnakeCaseEnumConverter<Platform>),
        typeof(DeploymentModeConverter),
        typeof(SnakeCaseEnumConverter<PrinterType>),
        typeof(SnakeCaseEnumConverter<ErrorType>),
        typeof(UtcDateTimeOffsetConverter),
        typeof(CountryCodeConverter),
    ])]
[JsonSerializable(typeof(UsageReport))]
internal sealed partial class SeedTypesJsonContext : JsonSerializerContext;

/// <summary>STJ reflection over the seed types: the options equivalent of <see cref="SeedTypesJsonContext"/>.</summary>
internal static class StjReflection
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
            Converters =
            {
                new SnakeCaseEnumConverter<Platform>(),
                new DeploymentModeConverter(),
                new SnakeCaseEnumConverter<PrinterType>(),
                new SnakeCaseEnumConverter<ErrorType>(),
                new UtcDateTimeOffsetConverter(),
                new CountryCodeConverter(),
            },
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Enum values and enum dictionary keys as snake_case strings.</summary>
internal class SnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public SnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    {
    }

    protected SnakeCaseEnumConverter(JsonNamingPolicy namingPolicy)
        : base(namingPolicy, allowIntegerValues: false)
    {
    }
}

/// <summary>snake_case, except HomeAssistant, which the sample's [TelemetryValue] spells "homeassistant".</summary>
internal sealed class DeploymentModeConverter : SnakeCaseEnumConverter<DeploymentMode>
{
    public DeploymentModeConverter()
        : base(new Policy())
    {
    }

    private sealed class Policy : JsonNamingPolicy
    {
        public override string ConvertName(string name) =>
            name == nameof(DeploymentMode.HomeAssistant) ? "homeassistant" : SnakeCaseLower.ConvertName(name);
    }
}

/// <summary>A DateTimeOffset as UTC with a "Z", as PiiGuard writes it ("2024-11-11T00:00:00Z").</summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime);
}

/// <summary>A CountryCode as its two letters.</summary>
internal sealed class CountryCodeConverter : JsonConverter<CountryCode>
{
    public override CountryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CountryCode.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, CountryCode value, JsonSerializerOptions options)
    {
        System.Span<char> letters = stackalloc char[2];
        value.TryFormat(letters, out int written, default, null);
        writer.WriteStringValue(letters.Slice(0, written));
    }
}
