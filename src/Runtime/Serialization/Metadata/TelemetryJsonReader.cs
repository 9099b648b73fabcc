using System;
using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PiiGuard.Serialization.Metadata;

/// <summary>
/// The strict reader that generated deserializers read a telemetry body with. It keeps the JSON path for error
/// messages and never puts a value from the body into one. For generated code; not for direct use.
/// </summary>
/// <remarks>
/// Convention: <see cref="Next"/> and <see cref="NextProperty"/>/<see cref="NextElement"/> move the reader; every
/// <c>Get…</c> and <c>Expect…</c> method reads the current token.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct TelemetryJsonReader
{
    private const int MaxDepth = 64;

    // TimeSpan.MinValue and TimeSpan.MaxValue in seconds, exactly: long.MinValue and long.MaxValue ticks.
    private const decimal MinDurationSeconds = -922_337_203_685.4775808m;
    private const decimal MaxDurationSeconds = 922_337_203_685.4775807m;

    private Utf8JsonReader _json;
    private readonly string?[] _names;
    private readonly int[] _indexes;
    private readonly EnvelopeFields? _envelope;
    private int _depth;

    /// <summary>Creates a reader over a complete UTF-8 JSON body.</summary>
    /// <param name="utf8Json">The body.</param>
    internal TelemetryJsonReader(ReadOnlySpan<byte> utf8Json)
    {
        _json = new Utf8JsonReader(utf8Json, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = MaxDepth,
        });
        _names = new string?[MaxDepth + 1];
        _indexes = new int[MaxDepth + 1];
        _depth = 0;
        _envelope = null;
    }

    /// <summary>
    /// Creates a reader over a submission body: the root object's <c>schema_version</c> and
    /// <c>submission_timestamp</c> go to <paramref name="envelope"/>, every other property to the payload's reader.
    /// </summary>
    internal TelemetryJsonReader(ReadOnlySpan<byte> utf8Json, EnvelopeFields envelope)
        : this(utf8Json)
    {
        _envelope = envelope;
    }

    /// <summary>Gets the JSON path of the current position, such as <c>$.printer_fleet.printer_types[2]</c>.</summary>
    internal readonly string Path
    {
        get
        {
            var path = new StringBuilder("$");
            for (int i = 0; i < _depth; i++)
            {
                if (_names[i] is { } name)
                {
                    path.Append('.').Append(name);
                }
                else
                {
                    path.Append('[').Append(_indexes[i].ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }

            return path.ToString();
        }
    }

    /// <summary>Gets whether the current token is <c>null</c>.</summary>
    public readonly bool IsNull => _json.TokenType == JsonTokenType.Null;

    /// <summary>Moves to the next token; a body that ends early is malformed.</summary>
    public void Next()
    {
        if (!Read())
        {
            throw Fail("the body ends early");
        }
    }

    /// <summary>Checks that nothing follows the payload.</summary>
    internal void ExpectEnd()
    {
        if (Read())
        {
            throw Fail("unexpected data after the payload");
        }
    }

    /// <summary>Enters a property: its name becomes part of the path until <see cref="Leave"/>.</summary>
    /// <param name="name">The JSON property name.</param>
    public void Enter(string name)
    {
        _names[_depth] = name;
        _depth++;
    }

    /// <summary>Enters an array element: its index becomes part of the path until <see cref="Leave"/>.</summary>
    /// <param name="index">The element's index.</param>
    public void Enter(int index)
    {
        _names[_depth] = null;
        _indexes[_depth] = index;
        _depth++;
    }

    /// <summary>Leaves what <see cref="Enter(string)"/> or <see cref="Enter(int)"/> entered.</summary>
    public void Leave() => _depth--;

    /// <summary>Checks that the current token starts an object.</summary>
    public readonly void ExpectStartObject()
    {
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("expected an object");
        }
    }

    /// <summary>Checks that the current token starts an array.</summary>
    public readonly void ExpectStartArray()
    {
        if (_json.TokenType != JsonTokenType.StartArray)
        {
            throw Fail("expected an array");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    /// <returns>Whether there is another property.</returns>
    public bool NextProperty()
    {
        while (true)
        {
            Next();
            if (_json.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            if (_envelope is null || _depth != 0 || !ReadEnvelopeProperty(_envelope))
            {
                return true;
            }
        }
    }

    /// <summary>Moves to the next element of the current array; false at its end.</summary>
    /// <returns>Whether there is another element.</returns>
    public bool NextElement()
    {
        Next();
        return _json.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Whether the current property name or string value is exactly <paramref name="utf8"/>.</summary>
    /// <param name="utf8">The expected text, UTF-8.</param>
    /// <returns>Whether they are equal.</returns>
    public readonly bool Is(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return _json.ValueTextEquals(utf8);
        }
        catch (InvalidOperationException)
        {
            // An escape that is not valid UTF-16, such as an unpaired "\ud800", in a property name or an enum value.
            throw Fail("a string that is not valid Unicode");
        }
    }

    /// <summary>The current property name, for dictionaries with string keys.</summary>
    /// <returns>The name.</returns>
    public readonly string GetPropertyName() => GetText();

    /// <summary>Checks that the current token is a string, for enum values.</summary>
    public readonly void ExpectString()
    {
        if (_json.TokenType != JsonTokenType.String)
        {
            throw Fail("expected a string");
        }
    }

    /// <summary>Marks field <paramref name="bit"/> of an object as read; a second time is a duplicate.</summary>
    /// <param name="seen">The object's bit set of read fields.</param>
    /// <param name="bit">The field's bit.</param>
    internal readonly void MarkSeen(ref ulong seen, int bit)
    {
        ulong mask = 1UL << bit;
        if ((seen & mask) != 0)
        {
            throw Fail("the property appears twice");
        }

        seen |= mask;
    }

    /// <summary>
    /// Enters field <paramref name="bit"/> of an object, whose name the current property has: marks it read (a second
    /// time is a duplicate), makes its name part of the path until <see cref="Leave"/>, and moves to its value.
    /// </summary>
    /// <param name="name">The field's JSON name.</param>
    /// <param name="seen">The object's bit set of read fields.</param>
    /// <param name="bit">The field's bit.</param>
    public void EnterField(string name, ref ulong seen, int bit)
    {
        Enter(name);
        MarkSeen(ref seen, bit);
        Next();
    }

    /// <summary>Reports the first field of an object that <paramref name="seen"/> does not have.</summary>
    /// <param name="seen">The object's bit set of read fields.</param>
    /// <param name="names">The JSON names of the object's fields, by bit.</param>
    /// <returns>The exception to throw.</returns>
    public readonly TelemetryFormatException Missing(ulong seen, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        for (int bit = 0; bit < names.Length; bit++)
        {
            if ((seen & (1UL << bit)) == 0)
            {
                return Missing(names[bit]);
            }
        }

        return Fail("a property is missing");
    }

    /// <summary>Reports an unknown property of the current object; its name is not repeated (it could be personal data).</summary>
    /// <returns>Never returns.</returns>
    public readonly TelemetryFormatException UnknownProperty() => Fail("an unknown property; the schema allows no other properties here");

    /// <summary>Reports a missing property.</summary>
    /// <param name="name">The JSON name of the missing property.</param>
    /// <returns>The exception to throw.</returns>
    internal readonly TelemetryFormatException Missing(string name) => new(Path, $"the property '{name}' is missing");

    /// <summary>Reports a string that is none of its enum's values.</summary>
    /// <returns>The exception to throw.</returns>
    public readonly TelemetryFormatException NotAllowed() => Fail("not one of the allowed values");

    /// <summary>Reports a value given twice in a set or a key given twice in a dictionary.</summary>
    /// <returns>The exception to throw.</returns>
    public readonly TelemetryFormatException Duplicate() => Fail("a value that appears twice");

    /// <summary>Reads a boolean.</summary>
    /// <returns>The value.</returns>
    public readonly bool GetBoolean() => _json.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Fail("expected true or false"),
    };

    /// <summary>Reads an integer that fits <see cref="long"/>.</summary>
    /// <returns>The value.</returns>
    public readonly long GetInt64() => Number() && _json.TryGetInt64(out long value) ? value : throw Fail("expected an integer in range");

    /// <summary>Reads an integer that fits <see cref="ulong"/>.</summary>
    /// <returns>The value.</returns>
    public readonly ulong GetUInt64() => Number() && _json.TryGetUInt64(out ulong value) ? value : throw Fail("expected an integer in range");

    /// <summary>Reads an integer between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <param name="min">The least allowed value.</param>
    /// <param name="max">The greatest allowed value.</param>
    /// <returns>The value.</returns>
    public readonly long GetInteger(long min, long max)
    {
        long value = GetInt64();
        return value >= min && value <= max ? value : throw Fail("expected an integer in range");
    }

    /// <summary>
    /// Reads a finite number. JSON has no NaN or infinity, but a number past <see cref="double.MaxValue"/> (such as
    /// <c>1e400</c>) parses to infinity: it is rejected as out of range. A number too small for a double (such as
    /// <c>1e-400</c>) reads as the nearest double, as every JSON parser reads it.
    /// </summary>
    /// <returns>The value.</returns>
    public readonly double GetDouble() =>
        Number() && _json.TryGetDouble(out double value) && double.IsFinite(value) ? value : throw Fail("expected a number in range");

    /// <summary>Reads a finite number that fits <see cref="float"/>: one past <see cref="float.MaxValue"/> is rejected as for <see cref="GetDouble"/>.</summary>
    /// <returns>The value.</returns>
    public readonly float GetSingle() =>
        Number() && _json.TryGetSingle(out float value) && float.IsFinite(value) ? value : throw Fail("expected a number in range");

    /// <summary>Reads a decimal number; one past <see cref="decimal.MaxValue"/> is rejected.</summary>
    /// <returns>The value.</returns>
    public readonly decimal GetDecimal() => Number() && _json.TryGetDecimal(out decimal value) ? value : throw Fail("expected a number in range");

    /// <summary>Reads a string.</summary>
    /// <returns>The value.</returns>
    public readonly string GetString()
    {
        ExpectString();
        return GetText();
    }

    /// <summary>Reads a bucket start written as <c>"yyyy-MM-ddT00:00:00Z"</c>, on a day or ISO week boundary.</summary>
    /// <param name="period">The member's bucket.</param>
    /// <returns>The value, with offset zero.</returns>
    public readonly DateTimeOffset GetTimestamp(Period period)
    {
        if (!TryGetWholeHour(out DateTimeOffset value) || value.Hour != 0)
        {
            throw Fail("expected a date written as yyyy-MM-ddT00:00:00Z");
        }

        return TelemetryPeriods.IsStartOf(value, period)
            ? value
            : throw Fail(period == Period.Week ? "expected the start of an ISO week (a Monday)" : "expected the start of a day");
    }

    /// <summary>Reads a GUID written as a hyphenated string.</summary>
    /// <returns>The value.</returns>
    public readonly Guid GetGuid()
    {
        ExpectString();
        ReadOnlySpan<byte> text = _json.HasValueSequence || _json.ValueIsEscaped ? default : _json.ValueSpan;
        return text.Length == 36 && Utf8Parser.TryParse(text, out Guid value, out int consumed, 'D') && consumed == 36
            ? value
            : throw Fail("expected a GUID");
    }

    /// <summary>Reads a version such as <c>"2.7.0"</c>.</summary>
    /// <returns>The value.</returns>
    public readonly Version GetVersion()
    {
        ExpectString();
        ReadOnlySpan<byte> text = _json.HasValueSequence || _json.ValueIsEscaped ? default : _json.ValueSpan;
        Span<char> chars = stackalloc char[50];
        if (text.Length is 0 or > 50)
        {
            throw Fail("expected a version");
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.'))
            {
                throw Fail("expected a version");
            }

            chars[i] = (char)text[i];
        }

        return Version.TryParse(chars.Slice(0, text.Length), out Version? value) ? value : throw Fail("expected a version");
    }

    /// <summary>Reads a country code: two upper-case letters.</summary>
    /// <returns>The value.</returns>
    public readonly CountryCode GetCountryCode()
    {
        ExpectString();
        ReadOnlySpan<byte> text = _json.HasValueSequence || _json.ValueIsEscaped ? default : _json.ValueSpan;
        return CountryCode.TryParseUtf8Upper(text, out CountryCode value) ? value : throw Fail("expected a two-letter country code");
    }

    /// <summary>Reads a duration written as a number of seconds: within <see cref="TimeSpan"/>'s range, in whole ticks.</summary>
    /// <returns>The value.</returns>
    public readonly TimeSpan GetDuration()
    {
        if (!Number() || !_json.TryGetDecimal(out decimal seconds))
        {
            throw Fail("expected a number of seconds");
        }

        // The range first: multiplying a decimal past about 7.9e21 seconds by the ticks per second overflows decimal.
        if (seconds < MinDurationSeconds || seconds > MaxDurationSeconds)
        {
            throw Fail("expected a duration within TimeSpan's range");
        }

        decimal ticks = seconds * TimeSpan.TicksPerSecond;
        return ticks == decimal.Truncate(ticks)
            ? TimeSpan.FromTicks((long)ticks)
            : throw Fail("expected a duration in whole ticks (at most seven decimals)");
    }

    /// <summary>An error at the current path.</summary>
    /// <param name="problem">What is wrong, without the value.</param>
    /// <returns>The exception to throw.</returns>
    internal readonly TelemetryFormatException Fail(string problem) => new(Path, problem);

    private readonly bool Number() => _json.TokenType == JsonTokenType.Number;

    // At a property of the root object: reads it into the envelope if it is one of the envelope's.
    private bool ReadEnvelopeProperty(EnvelopeFields envelope)
    {
        bool version = Is(EnvelopeProperties.SchemaVersionUtf8);
        if (!version && !Is(EnvelopeProperties.SubmissionTimestampUtf8))
        {
            return false;
        }

        Enter(version ? EnvelopeProperties.SchemaVersion : EnvelopeProperties.SubmissionTimestamp);
        if (version ? envelope.SchemaVersion is not null : envelope.SubmissionTimestamp is not null)
        {
            throw Fail("the property appears twice");
        }

        Next();
        if (version)
        {
            envelope.SchemaVersion = GetString();
        }
        else
        {
            envelope.SubmissionTimestamp = GetHour();
        }

        Leave();
        return true;
    }

    // A point in time written as "yyyy-MM-ddTHH:00:00Z": an hour, never finer.
    private readonly DateTimeOffset GetHour() =>
        TryGetWholeHour(out DateTimeOffset value) ? value : throw Fail("expected an hour written as yyyy-MM-ddTHH:00:00Z");

    // Reads the current string as "yyyy-MM-ddTHH:00:00Z", in UTC: the only form PiiGuard writes points in time in.
    private readonly bool TryGetWholeHour(out DateTimeOffset value)
    {
        ExpectString();
        ReadOnlySpan<byte> text = _json.HasValueSequence || _json.ValueIsEscaped ? default : _json.ValueSpan;
        if (text.Length != 20 || !":00:00Z"u8.SequenceEqual(text.Slice(13)) || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
            !TryParseDigits(text.Slice(0, 4), out int year) ||
            !TryParseDigits(text.Slice(5, 2), out int month) ||
            !TryParseDigits(text.Slice(8, 2), out int day) ||
            !TryParseDigits(text.Slice(11, 2), out int hour) ||
            year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23)
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero);
        return true;
    }

    private readonly string GetText()
    {
        try
        {
            return _json.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape that is not valid UTF-16, such as an unpaired surrogate.
            throw Fail("a string that is not valid Unicode");
        }
    }

    /// <summary>Parses exactly <paramref name="text"/>.Length ASCII digits.</summary>
    private static bool TryParseDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }

    private bool Read()
    {
        try
        {
            return _json.Read();
        }
        catch (JsonException)
        {
            // The reader's own message can quote the offending text: say where, not what.
            throw Fail($"malformed JSON near byte {_json.BytesConsumed.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}

/// <summary>What a submission's envelope says, as <see cref="TelemetryJsonReader"/> finds it.</summary>
internal sealed class EnvelopeFields
{
    public string? SchemaVersion { get; set; }

    public DateTimeOffset? SubmissionTimestamp { get; set; }
}
