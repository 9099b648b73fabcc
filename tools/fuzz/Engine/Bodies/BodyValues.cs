using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PiiGuard.Fuzzing.Bodies;

/// <summary>
/// The values a body mutant puts in place of the ones its seed has, by kind: numbers at and past every integer,
/// floating-point, decimal and duration bound; strings with invalid escapes, lone surrogates, invalid and overlong
/// UTF-8; points in time off their boundary or out of range; near-miss GUIDs, versions, country codes and enum values.
/// </summary>
public static class BodyValues
{
    /// <summary>What a raw value looks like, to pick replacements of the same kind most of the time.</summary>
    public enum Kind
    {
        /// <summary>A JSON number.</summary>
        Number,

        /// <summary>A string that is a point in time.</summary>
        Timestamp,

        /// <summary>A string that is a GUID.</summary>
        Guid,

        /// <summary>A string that is a version.</summary>
        Version,

        /// <summary>A string that is a country code.</summary>
        Country,

        /// <summary>Any other string (enum values, free text).</summary>
        Text,

        /// <summary>true, false or null.</summary>
        Literal,
    }

    /// <summary>Numbers at and past the bounds of every numeric type PiiGuard reads, and malformed ones.</summary>
    public static readonly IReadOnlyList<byte[]> Numbers = Utf8(
        "0", "-0", "1", "-1", "0.5", "-0.5", "1.0", "1e2", "1E+2", "-1e2", "1e-7", "1e-8", "-1e-8", "0.00000001", "0.00000005",
        "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32768", "-32769", "65535", "65536",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "-18446744073709551616",
        "79228162514264337593543950335", "79228162514264337593543950336", "-79228162514264337593543950336", "7.9228162514264337593543950335e28",
        "922337203685.4775807", "922337203685.4775808", "-922337203685.4775808", "-922337203685.4775809", "922337203686",
        "1e12", "1e15", "1e20", "-1e20", "1e25", "-1e25", "1e28", "1e29", "1e30", "1e38", "3.4028235e38", "3.4028236e38", "-3.4028236e38", "1e39",
        "1.7976931348623157e308", "1.7976931348623159e308", "1e308", "1e309", "1e400", "-1e400", "1e-400", "4.9e-324", "2.5e-324",
        "1" + new string('0', 40), "-1" + new string('0', 40), "0." + new string('0', 60) + "1", "1" + new string('0', 400),
        "+1", "01", "-", ".5", "1.", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1_000", "1,5", "--1", "1.5.5");

    /// <summary>Strings with invalid escapes, lone surrogates, invalid and overlong UTF-8, control characters.</summary>
    public static readonly IReadOnlyList<byte[]> Texts = Utf8(
        "\"\"", "\" \"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\udc00\\ud800\"", "\"\\udbff\\udfff\"", "\"\\ud800\\ud800\"",
        "\"\\u0000\"", "\"\\x41\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"a\\\"", "\"\\/\\b\\f\\n\\r\\t\"", "\"é漢字😀\"", "\"\u202Etxt.exe\"",
        "\"\t\"", "\"line\nbreak\"", "\"unterminated", "'single'", "\"" + new string('x', 4096) + "\"")
        .Concat(new[]
        {
            Quoted(0xC0, 0x80), Quoted(0xC1, 0xBF), Quoted(0xE0, 0x80, 0x80), Quoted(0xE0, 0x9F, 0xBF), Quoted(0xF0, 0x80, 0x80, 0x80),
            Quoted(0xED, 0xA0, 0x80), Quoted(0xED, 0xBF, 0xBF), Quoted(0xF4, 0x90, 0x80, 0x80), Quoted(0xF8, 0x88, 0x80, 0x80, 0x80),
            Quoted(0x80), Quoted(0xBF), Quoted(0xFF), Quoted(0xFE), Quoted(0xE2, 0x82), Quoted(0xF0, 0x9F, 0x98), Quoted(0x01), Quoted(0x7F),
            Quoted(0xEF, 0xBB, 0xBF), Quoted(0xC3),
        })
        .ToArray();

    /// <summary>Enum-like strings: right values in the wrong case or spelling, and values of other enums.</summary>
    public static readonly IReadOnlyList<byte[]> EnumLike = Utf8(
        "\"linux\"", "\"LINUX\"", "\"Linux\"", "\"linux \"", "\"homeassistant\"", "\"home_assistant\"", "\"HomeAssistant\"", "\"sky-blue\"",
        "\"sky_blue\"", "\"red\"", "\"dark_green\"", "\"first\"", "\"third\"", "\"low\"", "\"high\"", "\"bambu_lab\"", "\"prusa\"",
        "\"connection_timeout\"", "\"0\"", "\"1\"", "\"\\u006cinux\"", "\"red\\u0000\"");

    /// <summary>Points in time: off their day or week boundary, out of range, malformed.</summary>
    public static readonly IReadOnlyList<byte[]> Timestamps = Utf8(
        "\"2024-11-11T00:00:00Z\"", "\"2024-11-12T00:00:00Z\"", "\"2024-11-17T00:00:00Z\"", "\"2024-11-11T01:00:00Z\"", "\"2024-11-11T23:00:00Z\"",
        "\"2024-11-11T00:00:01Z\"", "\"2024-11-11T00:01:00Z\"", "\"2024-11-11T00:00:00.000Z\"", "\"2024-11-11T00:00:00+00:00\"", "\"2024-11-11T00:00:00+01:00\"",
        "\"2024-11-11T00:00:00z\"", "\"2024-11-11t00:00:00Z\"", "\"2024-11-11 00:00:00Z\"", "\"2024-11-11\"", "\"2024-11-11T00:00:00\"",
        "\"0000-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"0001-01-02T00:00:00Z\"", "\"0001-01-08T00:00:00Z\"",
        "\"9999-12-27T00:00:00Z\"", "\"9999-12-31T00:00:00Z\"", "\"9999-12-31T23:00:00Z\"", "\"10000-01-01T00:00:00Z\"", "\"-0001-01-01T00:00:00Z\"",
        "\"2024-02-29T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"", "\"2024-02-30T00:00:00Z\"", "\"2024-04-31T00:00:00Z\"", "\"2024-13-01T00:00:00Z\"",
        "\"2024-00-10T00:00:00Z\"", "\"2024-11-00T00:00:00Z\"", "\"2024-11-11T24:00:00Z\"", "\"2024-11-11T99:00:00Z\"", "\"2024-11-11T00:60:00Z\"",
        "\"2024-1-11T00:00:00Z\"", "\"+2024-11-11T00:00:00Z\"", "\"２０２４-11-11T00:00:00Z\"", "\"2024-11-11T00:00:00Z \"", "\"\\u0032024-11-11T00:00:00Z\"",
        "\"2024/11/11T00:00:00Z\"", "\"1731283200\"", "1731283200", "\"2024-W46\"");

    /// <summary>GUIDs in other forms and near misses.</summary>
    public static readonly IReadOnlyList<byte[]> Guids = Utf8(
        "\"00000000-0000-0000-0000-000000000000\"", "\"550E8400-E29B-41D4-A716-446655440000\"", "\"550e8400e29b41d4a716446655440000\"",
        "\"{550e8400-e29b-41d4-a716-446655440000}\"", "\"(550e8400-e29b-41d4-a716-446655440000)\"", "\"550e8400-e29b-41d4-a716-44665544000g\"",
        "\"550e8400-e29b-41d4-a716-4466554400000\"", "\"550e8400-e29b-41d4-a716-44665544000\"", "\"550e8400-e29b-41d4-a716_446655440000\"",
        "\"\\u003550e8400-e29b-41d4-a716-446655440000\"", "\" 550e8400-e29b-41d4-a716-446655440000\"");

    /// <summary>Versions with too many parts, parts out of range, empty parts.</summary>
    public static readonly IReadOnlyList<byte[]> Versions = Utf8(
        "\"1\"", "\"1.2\"", "\"1.2.3.4\"", "\"1.2.3.4.5\"", "\"2147483647.0\"", "\"2147483648.0\"", "\"-1.0\"", "\"1..0\"", "\".1\"", "\"1.\"",
        "\"01.02\"", "\"99999999999999999999.1\"", "\"0.0.0.0\"", "\"1.2.3.2147483648\"", "\"" + string.Join(".", Enumerable.Repeat("1", 30)) + "\"",
        "\"" + new string('1', 60) + "\"", "\"1.2-beta\"", "\"v1.2\"", "\"1 .2\"");

    /// <summary>Country codes in the wrong case, length or script, and codes no country has.</summary>
    public static readonly IReadOnlyList<byte[]> Countries = Utf8(
        "\"DE\"", "\"de\"", "\"De\"", "\"D\"", "\"DEU\"", "\"ZZ\"", "\"XX\"", "\"AA\"", "\"QQ\"", "\"\\u0044E\"", "\"ÄÖ\"", "\"D1\"", "\"  \"");

    /// <summary>true, false, null and small containers: values of every other JSON type.</summary>
    public static readonly IReadOnlyList<byte[]> Literals = Utf8(
        "true", "false", "null", "{}", "[]", "[null]", "{\"\":0}", "[[]]", "[{}]", "tru", "nul", "True", "NULL", "[1,]", "{,}", "{\"a\":}", "[", "{");

    /// <summary>Every group, for a replacement of any kind.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<byte[]>> All = new[] { Numbers, Texts, EnumLike, Timestamps, Guids, Versions, Countries, Literals };

    /// <summary>The replacements that fit a value that looks like <paramref name="kind"/>.</summary>
    public static IReadOnlyList<byte[]> For(Kind kind) => kind switch
    {
        Kind.Number => Numbers,
        Kind.Timestamp => Timestamps,
        Kind.Guid => Guids,
        Kind.Version => Versions,
        Kind.Country => Countries,
        Kind.Text => EnumLike,
        _ => Literals,
    };

    /// <summary>What <paramref name="raw"/> looks like.</summary>
    public static Kind KindOf(byte[] raw)
    {
        if (raw.Length == 0 || raw[0] != (byte)'"')
        {
            return raw.Length > 0 && (raw[0] == (byte)'-' || (raw[0] >= (byte)'0' && raw[0] <= (byte)'9')) ? Kind.Number : Kind.Literal;
        }

        string text = Encoding.UTF8.GetString(raw, 1, Math.Max(0, raw.Length - 2));
        if (text.Length == 20 && text[4] == '-' && text[10] == 'T')
        {
            return Kind.Timestamp;
        }

        if (text.Length == 36 && text[8] == '-' && text[23] == '-')
        {
            return Kind.Guid;
        }

        if (text.Length > 0 && text.All(c => c is (>= '0' and <= '9') or '.') && text.Contains('.'))
        {
            return Kind.Version;
        }

        return text.Length == 2 && text.All(char.IsAsciiLetterUpper) ? Kind.Country : Kind.Text;
    }

    private static byte[][] Utf8(params string[] values) => values.Select(Encoding.UTF8.GetBytes).ToArray();

    private static byte[] Quoted(params byte[] bytes) => new[] { (byte)'"' }.Concat(bytes).Append((byte)'"').ToArray();
}
