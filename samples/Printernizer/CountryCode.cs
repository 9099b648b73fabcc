using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Printernizer;

/// <summary>
/// An ISO 3166-1 alpha-2 country code such as <c>DE</c>. It holds two letters A-Z as a number, so unlike a
/// string it cannot carry anything else: no city, no address, no text a user typed.
/// </summary>
[JsonConverter(typeof(CountryCodeJsonConverter))]
public readonly record struct CountryCode
{
    private readonly ushort _index; // (first - 'A') * 26 + (second - 'A')

    private CountryCode(ushort index) => _index = index;

    /// <summary>Parses two ASCII letters, in either case.</summary>
    public static CountryCode Parse(ReadOnlySpan<char> code)
    {
        if (code.Length != 2 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
        {
            throw new FormatException($"'{code}' is not a two-letter country code.");
        }

        return new CountryCode((ushort)(((char.ToUpperInvariant(code[0]) - 'A') * 26) + (char.ToUpperInvariant(code[1]) - 'A')));
    }

    public override string ToString() => string.Create(2, _index, static (span, index) =>
    {
        span[0] = (char)('A' + (index / 26));
        span[1] = (char)('A' + (index % 26));
    });
}

internal sealed class CountryCodeJsonConverter : JsonConverter<CountryCode>
{
    public override CountryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CountryCode.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, CountryCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
