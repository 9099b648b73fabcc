using System;
using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace PiiGuard.Serialization.Metadata;

/// <summary>
/// The writer that generated serializers write compact UTF-8 JSON with. Property names and punctuation come
/// pre-encoded from the generated code (<see cref="WriteRaw"/>); values are formatted straight into the output
/// buffer, so serializing into a reused buffer allocates nothing. For generated code; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct TelemetryJsonWriter
{
    private const int MinimumBufferSize = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _buffer;
    private int _position;

    /// <summary>Creates a writer over <paramref name="output"/>; call <see cref="Flush"/> when done.</summary>
    /// <param name="output">Where the UTF-8 JSON goes.</param>
    internal TelemetryJsonWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _buffer = default;
        _position = 0;
    }

    /// <summary>
    /// Adds <paramref name="segment"/> to the path of an exception leaving a nested writer. Generated code calls it in
    /// an exception filter around each nested write, so a path costs nothing until a value is wrong.
    /// </summary>
    /// <param name="exception">The exception on its way out.</param>
    /// <param name="segment">The nested value's path segment, such as <c>.installation</c> or <c>[]</c>.</param>
    /// <returns><see langword="false"/>: the filter never catches.</returns>
    public readonly bool AddPath(TelemetrySerializationException exception, string segment)
    {
        exception.Prepend(segment);
        return false;
    }

    /// <summary>A null in a member that is not nullable, at <paramref name="segment"/> below the current writer.</summary>
    /// <param name="segment">The member's path segment, such as <c>.tag</c>, or empty for an element.</param>
    /// <returns>The exception to throw.</returns>
    public readonly TelemetrySerializationException NullAt(string segment) => new(segment, "null in a member that is not nullable");

    /// <summary>A value its enum does not define, at <paramref name="segment"/> below the current writer.</summary>
    /// <param name="segment">The member's path segment, or empty for an element or the collection itself.</param>
    /// <returns>The exception to throw.</returns>
    public readonly TelemetrySerializationException UndefinedAt(string segment) => new(segment, "a value its enum does not define");

    /// <summary>Commits what was written to the output.</summary>
    internal void Flush()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
        }

        _position = 0;
        _buffer = default;
    }

    /// <summary>Writes UTF-8 bytes as they are: pre-encoded JSON punctuation and property names.</summary>
    /// <param name="utf8Json">Valid JSON text.</param>
    public void WriteRaw(scoped ReadOnlySpan<byte> utf8Json)
    {
        Span<byte> destination = Reserve(utf8Json.Length);
        utf8Json.CopyTo(destination);
        _position += utf8Json.Length;
    }

    /// <summary>Writes <c>null</c>.</summary>
    public void WriteNull() => WriteRaw("null"u8);

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => WriteRaw(value ? "true"u8 : "false"u8);

    /// <summary>Writes an integer.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(long value)
    {
        Span<byte> destination = Reserve(20);
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Writes an unsigned integer.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(ulong value)
    {
        Span<byte> destination = Reserve(20);
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Writes a floating-point number in its shortest round-trip form.</summary>
    /// <param name="value">A finite value.</param>
    /// <exception cref="TelemetrySerializationException">The value is NaN or infinite.</exception>
    public void WriteNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new TelemetrySerializationException("A number in a payload must be finite; JSON has no NaN or infinity.");
        }

        Span<byte> destination = Reserve(32);
        value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Writes a floating-point number in its shortest round-trip form.</summary>
    /// <param name="value">A finite value.</param>
    public void WriteNumber(float value)
    {
        if (!float.IsFinite(value))
        {
            throw new TelemetrySerializationException("A number in a payload must be finite; JSON has no NaN or infinity.");
        }

        Span<byte> destination = Reserve(32);
        value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Writes a decimal number.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumber(decimal value)
    {
        Span<byte> destination = Reserve(32);
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Writes a JSON string, escaping quotes, backslashes and control characters.</summary>
    /// <param name="value">The text.</param>
    public void WriteString(string value)
    {
        ReadOnlySpan<char> text = value.AsSpan();
        int maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length) + 2;
        if (!NeedsEscaping(text))
        {
            Span<byte> destination = Reserve(maxBytes);
            destination[0] = (byte)'"';
            int written = Encoding.UTF8.GetBytes(text, destination.Slice(1));
            destination[written + 1] = (byte)'"';
            _position += written + 2;
            return;
        }

        WriteRaw("\""u8);
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(text.Slice(start, i - start));
            start = i + 1;
            switch (c)
            {
                case '"': WriteRaw("\\\""u8); break;
                case '\\': WriteRaw("\\\\"u8); break;
                case '\n': WriteRaw("\\n"u8); break;
                case '\r': WriteRaw("\\r"u8); break;
                case '\t': WriteRaw("\\t"u8); break;
                default:
                    Span<byte> escape = Reserve(6);
                    "\\u00"u8.CopyTo(escape);
                    escape[4] = Hex(c >> 4);
                    escape[5] = Hex(c & 0xF);
                    _position += 6;
                    break;
            }
        }

        WriteUtf8(text.Slice(start));
        WriteRaw("\""u8);
    }

    /// <summary>Writes a point in time rounded down to its bucket, as <c>"yyyy-MM-ddT00:00:00Z"</c>.</summary>
    /// <param name="value">The point in time.</param>
    /// <param name="period">The bucket of its <see cref="AggregatedAttribute"/>.</param>
    public void WriteTimestamp(DateTimeOffset value, Period period) => WriteDate(TelemetryPeriods.StartOf(value, period).UtcDateTime);

    /// <summary>Writes a point in time rounded down to its bucket, as <c>"yyyy-MM-ddT00:00:00Z"</c>.</summary>
    /// <param name="value">The point in time.</param>
    /// <param name="period">The bucket of its <see cref="AggregatedAttribute"/>.</param>
    public void WriteTimestamp(DateTime value, Period period) => WriteDate(TelemetryPeriods.StartOf(value, period));

    /// <summary>Writes a GUID as a lower-case hyphenated string.</summary>
    /// <param name="value">The value.</param>
    public void WriteGuid(Guid value)
    {
        Span<byte> destination = Reserve(38);
        destination[0] = (byte)'"';
        value.TryFormat(destination.Slice(1), out int written, "D");
        destination[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>Writes a version as a string such as <c>"2.7.0"</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteVersion(Version value)
    {
        Span<byte> destination = Reserve(50);
        destination[0] = (byte)'"';
        ((IUtf8SpanFormattable)value).TryFormat(destination.Slice(1), out int written, default, CultureInfo.InvariantCulture);
        destination[written + 1] = (byte)'"';
        _position += written + 2;
    }

    /// <summary>Writes a country code as a two-letter string.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="TelemetrySerializationException">The value is the default, which is no country.</exception>
    public void WriteCountryCode(CountryCode value)
    {
        if (!value.HasValue)
        {
            throw new TelemetrySerializationException("A CountryCode member holds no country; make it nullable to send none.");
        }

        Span<byte> destination = Reserve(4);
        destination[0] = (byte)'"';
        value.WriteUtf8(destination.Slice(1));
        destination[3] = (byte)'"';
        _position += 4;
    }

    /// <summary>Writes a duration as an exact number of seconds (up to seven decimals: one tick).</summary>
    /// <param name="value">The value.</param>
    public void WriteDuration(TimeSpan value)
    {
        Span<byte> destination = Reserve(32);
        (new decimal(value.Ticks) / TimeSpan.TicksPerSecond).TryFormat(destination, out int written, "0.#######", CultureInfo.InvariantCulture);
        _position += written;
    }

    private void WriteDate(DateTime utc)
    {
        // "yyyy-MM-ddT00:00:00Z": the value is a bucket start, so the time of day is always zero.
        Span<byte> destination = Reserve(22);
        destination[0] = (byte)'"';
        WriteDigits(destination.Slice(1, 4), utc.Year);
        destination[5] = (byte)'-';
        WriteDigits(destination.Slice(6, 2), utc.Month);
        destination[8] = (byte)'-';
        WriteDigits(destination.Slice(9, 2), utc.Day);
        "T00:00:00Z\""u8.CopyTo(destination.Slice(11));
        _position += 22;
    }

    private static void WriteDigits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Span<byte> destination = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _position += Encoding.UTF8.GetBytes(text, destination);
    }

    private static bool NeedsEscaping(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return true;
            }
        }

        return false;
    }

    private static byte Hex(int digit) => (byte)(digit < 10 ? '0' + digit : 'a' + digit - 10);

    private Span<byte> Reserve(int length)
    {
        if (_buffer.Length - _position < length)
        {
            Grow(length);
        }

        return _buffer.Slice(_position);
    }

    private void Grow(int length)
    {
        if (_position > 0)
        {
            _output.Advance(_position);
        }

        _position = 0;
        _buffer = _output.GetSpan(Math.Max(length, MinimumBufferSize));
        if (_buffer.Length < length)
        {
            throw new InvalidOperationException("The output buffer gave less room than asked for.");
        }
    }
}
