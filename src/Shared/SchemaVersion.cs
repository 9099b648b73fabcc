// The one schema-version type of PiiGuard. The runtime (assembly PiiGuard) compiles it as the public
// PiiGuard.SchemaVersion; the analyzers, the generator and the MSBuild task link this same file as an internal type,
// so that the build (diagnostics, schema lock), the runtime (consent) and the collector (reading submissions) parse
// and compare versions with one piece of code and can never disagree.
using System;
using System.Collections.Generic;
using System.Globalization;

#if PIIGUARD_RUNTIME
namespace PiiGuard;
#else
namespace PiiGuard.Shared;
#endif

/// <summary>
/// A payload's schema version: non-negative integers separated by dots (<c>"1"</c>, <c>"1.0"</c>, <c>"2.10.3"</c>),
/// compared number by number, so that <c>"9"</c> &lt; <c>"10"</c> &lt; <c>"10.1"</c>. Missing parts count as zero:
/// <c>"1"</c> equals <c>"1.0"</c>. Anything else (an empty part, a sign, a space, a letter, a leading zero as in
/// <c>"1.01"</c>, a part above <see cref="int.MaxValue"/>) is not a schema version and is rejected, never compared as
/// text.
/// </summary>
#if PIIGUARD_RUNTIME
public
#else
internal
#endif
readonly struct SchemaVersion : IEquatable<SchemaVersion>, IComparable<SchemaVersion>, IComparable
{
    private readonly string? _text;
    private readonly int[]? _parts;

    private SchemaVersion(string text, int[] parts)
    {
        _text = text;
        _parts = parts;
    }

    /// <summary>Gets the number of dot-separated parts as written (<c>"1.0"</c> has two).</summary>
    public int PartCount => _parts?.Length ?? 1;

    /// <summary>Gets one part of the version as written; parts past <see cref="PartCount"/> are zero.</summary>
    /// <param name="index">The part's index, from zero.</param>
    /// <returns>The part's number.</returns>
    public int this[int index] =>
        index < 0 ? throw new ArgumentOutOfRangeException(nameof(index)) :
        _parts is null ? 0 :
        index < _parts.Length ? _parts[index] : 0;

    /// <summary>Reads a schema version.</summary>
    /// <param name="text">Numbers separated by dots, such as <c>"1.0"</c>.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a schema version; the message says why.</exception>
    public static SchemaVersion Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return TryParse(text, out SchemaVersion version, out string? problem)
            ? version
            : throw new FormatException("Not a schema version: " + problem + ". " + Expected);
    }

    /// <summary>Reads a schema version, or says it is none.</summary>
    /// <param name="text">Numbers separated by dots, such as <c>"1.0"</c>.</param>
    /// <param name="version">The version, when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> is a schema version.</returns>
    public static bool TryParse(string? text, out SchemaVersion version) => TryParse(text, out version, out _);

    /// <summary>What a schema version looks like, for error messages.</summary>
    internal const string Expected = "A schema version is non-negative integers separated by dots, such as \"1.0\" or \"2\"";

    /// <summary>Reads a schema version, or says what is wrong with the text (without repeating it).</summary>
    internal static bool TryParse(string? text, out SchemaVersion version, out string? problem)
    {
        version = default;
        if (text is null || text.Length == 0)
        {
            problem = "it is empty";
            return false;
        }

        var parts = new List<int>(4);
        long part = 0;
        bool digits = false;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '.')
            {
                if (!digits)
                {
                    problem = "it has an empty part (two dots in a row, or a dot at the start or end)";
                    return false;
                }

                parts.Add((int)part);
                part = 0;
                digits = false;
                continue;
            }

            char c = text[i];
            if (c < '0' || c > '9')
            {
                problem = "it has a character that is neither an ASCII digit nor a dot";
                return false;
            }

            if (digits && part == 0)
            {
                problem = "a part has a leading zero (write \"1.1\", not \"1.01\")";
                return false;
            }

            part = (part * 10) + (c - '0');
            digits = true;
            if (part > int.MaxValue)
            {
                problem = "a part is larger than " + int.MaxValue.ToString(CultureInfo.InvariantCulture);
                return false;
            }
        }

        problem = null;
        version = new SchemaVersion(text, parts.ToArray());
        return true;
    }

    /// <summary>Compares two versions number by number; missing parts count as zero.</summary>
    /// <param name="other">The other version.</param>
    /// <returns>Less than zero when this version is lower, zero when equal, more than zero when higher.</returns>
    public int CompareTo(SchemaVersion other)
    {
        int count = Math.Max(PartCount, other.PartCount);
        for (int i = 0; i < count; i++)
        {
            int comparison = this[i].CompareTo(other[i]);
            if (comparison != 0)
            {
                return comparison;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        SchemaVersion other => CompareTo(other),
        _ => throw new ArgumentException("Not a SchemaVersion.", nameof(obj)),
    };

    /// <summary>Whether both are the same version, number by number (<c>"1"</c> equals <c>"1.0"</c>).</summary>
    /// <param name="other">The other version.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(SchemaVersion other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SchemaVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Trailing zeros do not count, as in Equals.
        int last = PartCount - 1;
        while (last > 0 && this[last] == 0)
        {
            last--;
        }

        int hash = 17;
        for (int i = 0; i <= last; i++)
        {
            hash = unchecked((hash * 31) + this[i]);
        }

        return hash;
    }

    /// <summary>The version as written (the default value is <c>"0"</c>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _text ?? "0";

    /// <summary>Whether <paramref name="left"/> equals <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">Another version.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SchemaVersion left, SchemaVersion right) => left.Equals(right);

    /// <summary>Whether <paramref name="left"/> differs from <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">Another version.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SchemaVersion left, SchemaVersion right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is lower than <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">Another version.</param>
    /// <returns>Whether the left one is lower.</returns>
    public static bool operator <(SchemaVersion left, SchemaVersion right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is higher than <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">Another version.</param>
    /// <returns>Whether the left one is higher.</returns>
    public static bool operator >(SchemaVersion left, SchemaVersion right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is lower than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">Another version.</param>
    /// <returns>Whether the left one is not higher.</returns>
    public static bool operator <=(SchemaVersion left, SchemaVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is higher than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">Another version.</param>
    /// <returns>Whether the left one is not lower.</returns>
    public static bool operator >=(SchemaVersion left, SchemaVersion right) => left.CompareTo(right) >= 0;
}
