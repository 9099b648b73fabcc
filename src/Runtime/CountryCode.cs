using System;
using System.Diagnostics.CodeAnalysis;

namespace PiiGuard;

/// <summary>
/// An ISO 3166-1 alpha-2 country code such as <c>DE</c>: two letters A–Z, held as a number, so that unlike a string
/// it cannot carry a city, an address or anything a user typed. Written to JSON as a two-letter string.
/// </summary>
public readonly struct CountryCode : IEquatable<CountryCode>, ISpanFormattable
{
    private readonly ushort _value; // 0 = none; else 1 + (first - 'A') * 26 + (second - 'A')

    private CountryCode(ushort value) => _value = value;

    /// <summary>Gets whether this is a code (the default value is not).</summary>
    public bool HasValue => _value != 0;

    /// <summary>Parses two ASCII letters in either case, such as <c>"DE"</c> or <c>"de"</c>.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The country code.</returns>
    /// <exception cref="FormatException"><paramref name="code"/> is not two ASCII letters.</exception>
    public static CountryCode Parse(ReadOnlySpan<char> code) =>
        TryParse(code, out CountryCode result) ? result : throw new FormatException("A country code is two ASCII letters, such as \"DE\".");

    /// <summary>Parses two ASCII letters in either case.</summary>
    /// <param name="code">The code.</param>
    /// <param name="result">The country code, when the result is <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="code"/> is two ASCII letters.</returns>
    public static bool TryParse(ReadOnlySpan<char> code, out CountryCode result)
    {
        if (code.Length == 2 && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]))
        {
            int first = char.ToUpperInvariant(code[0]) - 'A';
            int second = char.ToUpperInvariant(code[1]) - 'A';
            result = new CountryCode((ushort)(1 + (first * 26) + second));
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Parses two upper-case ASCII letters given as UTF-8 bytes, as the strict reader does.</summary>
    internal static bool TryParseUtf8Upper(ReadOnlySpan<byte> code, out CountryCode result)
    {
        if (code.Length == 2 && code[0] is >= (byte)'A' and <= (byte)'Z' && code[1] is >= (byte)'A' and <= (byte)'Z')
        {
            result = new CountryCode((ushort)(1 + ((code[0] - 'A') * 26) + (code[1] - 'A')));
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Writes the two upper-case letters as UTF-8.</summary>
    internal void WriteUtf8(Span<byte> destination)
    {
        int index = _value - 1;
        destination[0] = (byte)('A' + (index / 26));
        destination[1] = (byte)('A' + (index % 26));
    }

    /// <inheritdoc />
    public bool Equals(CountryCode other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is CountryCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value;

    /// <summary>The two upper-case letters, or an empty string for the default value.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => HasValue ? string.Create(2, this, static (span, code) => code.TryFormat(span, out _, default, null)) : "";

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (!HasValue)
        {
            charsWritten = 0;
            return true;
        }

        if (destination.Length < 2)
        {
            charsWritten = 0;
            return false;
        }

        int index = _value - 1;
        destination[0] = (char)('A' + (index / 26));
        destination[1] = (char)('A' + (index % 26));
        charsWritten = 2;
        return true;
    }

    /// <summary>Compares two country codes.</summary>
    public static bool operator ==(CountryCode left, CountryCode right) => left.Equals(right);

    /// <summary>Compares two country codes.</summary>
    public static bool operator !=(CountryCode left, CountryCode right) => !left.Equals(right);
}
