using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using PiiGuard.Runtime.Tests.Payloads;
using Printernizer;

namespace PiiGuard.Runtime.Tests;

/// <summary>The writer: escaping, numbers JSON cannot hold, nulls and undefined enum values, enum key order.</summary>
public sealed class WriterTests
{
    public static TheoryData<string> Strings() => new(
        "",
        "plain",
        "\"",
        "\\",
        "\"quoted\" and \\back\\slashed\\",
        "\0",
        "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f",
        "\u007f",
        "tab\there, newline\nthere, carriage return\r, form feed\f, backspace\b",
        "é ü ß ø",
        "漢字かなカナ한국어",
        "😀 🇩🇪 👩‍👩‍👧",
        "\u2028\u2029",
        "</script><!-- & ' + `",
        "a\"b\\c\u0000d\u001fe😀f",
        new string('"', 300) + new string('\\', 300) + new string('\u0001', 300),
        string.Concat(Enumerable.Repeat("x\"é漢😀\n", 2_000)));

    [Theory]
    [MemberData(nameof(Strings))]
    public void Strings_are_escaped_so_that_a_JSON_parser_reads_them_back(string text)
    {
        WidePayload payload = WideSample.Create();
        payload.Scalars.Tag = text;
        payload.Collections.Tags = new List<string> { text, "after" };
        payload.Collections.ByTag = new Dictionary<string, Gauge> { [text] = new Gauge(1, Shade.Red) };
        payload.Collections.PresentMap = new Dictionary<string, int> { [text] = 1 };

        byte[] utf8 = TelemetrySerializer.SerializeToUtf8Bytes(payload);

        Assert.True(System.Text.Unicode.Utf8.IsValid(utf8));
        Assert.DoesNotContain(utf8, b => b < 0x20); // no raw control character, not even whitespace: the output is compact
        using JsonDocument document = JsonDocument.Parse(utf8);
        JsonElement root = document.RootElement;
        Assert.Equal(text, root.GetProperty("scalars").GetProperty("tag").GetString());
        Assert.Equal(text, root.GetProperty("collections").GetProperty("tags")[0].GetString());
        Assert.Equal("after", root.GetProperty("collections").GetProperty("tags")[1].GetString());
        Assert.Equal(text, root.GetProperty("collections").GetProperty("by_tag").EnumerateObject().Single().Name);
        Assert.Equal(text, root.GetProperty("collections").GetProperty("present_map").EnumerateObject().Single().Name);

        // And PiiGuard's own strict reader reads them back.
        WidePayload read = TelemetrySerializer.Deserialize<WidePayload>(utf8, int.MaxValue);
        Assert.Equal(text, read.Scalars.Tag);
        Assert.Equal(text, read.Collections.ByTag.Keys.Single());
    }

    [Fact]
    public void Control_characters_are_escaped_the_short_way_or_as_u00XX()
    {
        WidePayload payload = WideSample.Create();
        payload.Scalars.Tag = "\"\\\n\r\t\u0000\u001f\b\f";

        string json = TelemetrySerializer.SerializeToString(payload);

        Assert.Contains("\"tag\":\"\\\"\\\\\\n\\r\\t\\u0000\\u001f", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_are_written_so_that_they_read_back_exactly()
    {
        WidePayload payload = WideSample.Create();
        using JsonDocument document = JsonDocument.Parse(TelemetrySerializer.SerializeToUtf8Bytes(payload));
        JsonElement scalars = document.RootElement.GetProperty("scalars");
        JsonElement present = document.RootElement.GetProperty("present");

        Assert.Equal(sbyte.MinValue, scalars.GetProperty("int_8").GetSByte());
        Assert.Equal(ulong.MaxValue, scalars.GetProperty("u_int_64").GetUInt64());
        Assert.Equal(long.MinValue, scalars.GetProperty("int_64").GetInt64());
        Assert.Equal(0.1f, scalars.GetProperty("single").GetSingle());
        Assert.Equal("0.1", scalars.GetProperty("single").GetRawText());
        Assert.Equal(0.1 + 0.2, scalars.GetProperty("double").GetDouble());
        Assert.Equal(decimal.MaxValue, scalars.GetProperty("decimal").GetDecimal());
        Assert.Equal(-0.0001m, present.GetProperty("decimal").GetDecimal());
        Assert.Equal(double.Epsilon, present.GetProperty("double").GetDouble());
        Assert.Equal(-float.MaxValue, present.GetProperty("single").GetSingle());
        Assert.Equal(payload.Scalars.Elapsed.TotalSeconds, scalars.GetProperty("elapsed").GetDouble());
        Assert.Equal(-1.5, present.GetProperty("elapsed").GetDouble());
        Assert.Equal("1.2.3.4", scalars.GetProperty("release").GetString());
        Assert.Equal("0.0", present.GetProperty("release").GetString());
        Assert.Equal("NZ", scalars.GetProperty("country_code").GetString());
    }

    [Theory]
    [InlineData("double NaN")]
    [InlineData("double +infinity")]
    [InlineData("double -infinity")]
    [InlineData("float NaN")]
    [InlineData("float +infinity")]
    [InlineData("nullable double NaN")]
    [InlineData("nullable float -infinity")]
    [InlineData("NaN in a collection")]
    public void NaN_and_infinity_throw(string where)
    {
        WidePayload payload = WideSample.Create();
        switch (where)
        {
            case "double NaN": payload.Scalars.Double = double.NaN; break;
            case "double +infinity": payload.Scalars.Double = double.PositiveInfinity; break;
            case "double -infinity": payload.Scalars.Double = double.NegativeInfinity; break;
            case "float NaN": payload.Scalars.Single = float.NaN; break;
            case "float +infinity": payload.Scalars.Single = float.PositiveInfinity; break;
            case "nullable double NaN": payload.Present.Double = double.NaN; break;
            case "nullable float -infinity": payload.Present.Single = float.NegativeInfinity; break;
            case "NaN in a collection": payload.Collections.Ratios = new List<double> { 1, double.NaN }; break;
            default: throw new ArgumentException(where);
        }

        Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(payload));
        Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.Serialize(new ArrayBufferWriter<byte>(), payload));
    }

    [Theory]
    [InlineData("string member", "$.scalars.tag")]
    [InlineData("Version member", "$.scalars.release")]
    [InlineData("record member", "$.nesting.gauge")]
    [InlineData("nested object member", "$.nesting.one.two")]
    [InlineData("array member", "$.collections.numbers")]
    [InlineData("interface collection member", "$.collections.gauges")]
    [InlineData("dictionary member", "$.collections.by_shade")]
    [InlineData("string element", "$.collections.tags[]")]
    [InlineData("object element", "$.collections.gauges[]")]
    [InlineData("dictionary value", "$.collections.by_tag{}")]
    [InlineData("list inside a dictionary", "$.collections.lists_by_tag{}")]
    public void Null_in_a_non_nullable_reference_member_throws(string where, string path)
    {
        WidePayload payload = WideSample.Create();
        switch (where)
        {
            case "string member": payload.Scalars.Tag = null!; break;
            case "Version member": payload.Scalars.Release = null!; break;
            case "record member": payload.Nesting.Gauge = null!; break;
            case "nested object member": payload.Nesting.One.Two = null!; break;
            case "array member": payload.Collections.Numbers = null!; break;
            case "interface collection member": payload.Collections.Gauges = null!; break;
            case "dictionary member": payload.Collections.ByShade = null!; break;
            case "string element": payload.Collections.Tags = new List<string> { "a", null! }; break;
            case "object element": payload.Collections.Gauges = new Gauge[] { null! }; break;
            case "dictionary value": payload.Collections.ByTag = new Dictionary<string, Gauge> { ["a"] = null! }; break;
            case "list inside a dictionary": payload.Collections.ListsByTag = new() { ["a"] = null! }; break;
            default: throw new ArgumentException(where);
        }

        TelemetrySerializationException exception = Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(payload));
        Assert.StartsWith(path + ":", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_payload_throws_a_documented_exception()
    {
        // Either the argument check or the schema's "null where none is allowed" at the root; a NullReferenceException
        // from inside generated code is neither documented nor helpful.
        Exception exception = Record.Exception(() => TelemetrySerializer.SerializeToString<UsageReport>(null!));

        Assert.NotNull(exception);
        Assert.True(
            exception is ArgumentNullException || (exception is TelemetrySerializationException && exception.Message.StartsWith("$:", StringComparison.Ordinal)),
            $"Serializing a null payload threw {exception.GetType()}: {exception.Message}");
    }

    [Fact]
    public void A_default_country_code_in_a_non_nullable_member_throws()
    {
        TelemetrySerializationException exception = Assert.Throws<TelemetrySerializationException>(
            () => TelemetrySerializer.SerializeToString(SeedPayload.Create(countryCode: default(CountryCode))));
        Assert.Contains("CountryCode", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_enum_value_throws()
    {
        TelemetrySerializationException exception = Assert.Throws<TelemetrySerializationException>(
            () => TelemetrySerializer.SerializeToString(SeedPayload.Create(platform: (Platform)99)));

        Assert.StartsWith("$.installation.platform:", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("99", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_enum_values_throw_wherever_they_are()
    {
        WidePayload element = WideSample.Create();
        element.Collections.ShadeList = [Shade.Red, (Shade)42];
        Assert.StartsWith("$.collections.shade_list[]:", Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(element)).Message, StringComparison.Ordinal);

        WidePayload nullable = WideSample.Create();
        nullable.Present.Shade = (Shade)(-1);
        Assert.StartsWith("$.present.shade:", Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(nullable)).Message, StringComparison.Ordinal);

        WidePayload byteEnum = WideSample.Create();
        byteEnum.Scalars.Tier = (Tier)3;
        Assert.StartsWith("$.scalars.tier:", Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(byteEnum)).Message, StringComparison.Ordinal);

        WidePayload set = WideSample.Create();
        set.Collections.ShadeSet = [(Shade)7];
        Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(set));
    }

    [Fact]
    public void An_error_path_is_built_as_the_exception_leaves_each_level_and_only_then()
    {
        // The writer tracks no path while all is well: each nested write adds its segment to the exception on its way
        // out (an exception filter). So a failure leaves nothing behind for the next call, and a message never gains
        // a level twice.
        WidePayload bad = WideSample.Create();
        bad.Collections.ListsByTag = new() { ["a"] = [1], ["b"] = null! };
        string first = Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(bad)).Message;
        string second = Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(bad)).Message;

        Assert.Equal("$.collections.lists_by_tag{}: null in a member that is not nullable", first);
        Assert.Equal(first, second);
        Assert.Equal(TelemetrySerializer.SerializeToString(WideSample.Create()), TelemetrySerializer.SerializeToString(WideSample.Create()));

        // An exception the app makes keeps its message as given.
        Assert.Equal("as given", new TelemetrySerializationException("as given").Message);
    }

    [Fact]
    public void A_dictionary_with_an_undefined_enum_key_throws()
    {
        TelemetrySerializationException only = Assert.Throws<TelemetrySerializationException>(
            () => TelemetrySerializer.SerializeToString(SeedPayload.Create(errorSummary: new() { [(ErrorType)99] = 1 })));
        Assert.StartsWith("$.error_summary:", only.Message, StringComparison.Ordinal);

        // Beside defined keys, too: it must not be dropped silently.
        TelemetrySerializationException mixed = Assert.Throws<TelemetrySerializationException>(
            () => TelemetrySerializer.SerializeToString(SeedPayload.Create(errorSummary: new() { [ErrorType.ConnectionTimeout] = 2, [(ErrorType)99] = 1 })));
        Assert.StartsWith("$.error_summary:", mixed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("99", mixed.Message, StringComparison.Ordinal);

        WidePayload wide = WideSample.Create();
        wide.Collections.ByBucket = new Dictionary<Bucket, Bounds> { [Bucket.First] = default, [(Bucket)0] = default };
        Assert.StartsWith("$.collections.by_bucket:", Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(wide)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_dictionary_keys_are_written_in_declaration_order_whatever_the_insertion_order()
    {
        var reversed = new Dictionary<ErrorType, int>
        {
            [ErrorType.UnknownError] = 0,
            [ErrorType.FileDownloadFailed] = 1,
            [ErrorType.ConnectionTimeout] = 2,
        };
        var counts = new Dictionary<PrinterType, int> { [PrinterType.Prusa] = 1, [PrinterType.BambuLab] = 2 };

        string json = TelemetrySerializer.SerializeToString(SeedPayload.Create(printerTypeCounts: counts, errorSummary: reversed));

        Assert.EndsWith("\"error_summary\":{\"connection_timeout\":2,\"file_download_failed\":1,\"unknown_error\":0}}", json, StringComparison.Ordinal);
        Assert.Contains("\"printer_type_counts\":{\"bambu_lab\":2,\"prusa\":1}", json, StringComparison.Ordinal);

        // Declaration order, not value order: Bucket declares Third (3), First (1), Second (2).
        WidePayload wide = WideSample.Create();
        wide.Collections.ByBucket = new Dictionary<Bucket, Bounds> { [Bucket.First] = new(1, 1), [Bucket.Second] = new(2, 2), [Bucket.Third] = new(3, 3) };
        Assert.Contains(
            "\"by_bucket\":{\"third\":{\"low\":3,\"high\":3},\"first\":{\"low\":1,\"high\":1},\"second\":{\"low\":2,\"high\":2}}",
            TelemetrySerializer.SerializeToString(wide),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_serialization_leaves_nothing_behind_for_the_next()
    {
        Assert.Throws<TelemetrySerializationException>(() => TelemetrySerializer.SerializeToString(SeedPayload.Create(platform: (Platform)99)));

        Assert.Equal(SeedPayload.ExpectedJson, TelemetrySerializer.SerializeToString(SeedPayload.Create()));
        Assert.Equal(Encoding.UTF8.GetBytes(SeedPayload.ExpectedJson), TelemetrySerializer.SerializeToUtf8Bytes(SeedPayload.Create()));
    }

    [Fact]
    public void Serialize_appends_to_what_the_buffer_holds_and_rejects_a_null_buffer()
    {
        var buffer = new ArrayBufferWriter<byte>(1);
        buffer.Write("["u8);
        TelemetrySerializer.Serialize(buffer, SeedPayload.Create());
        buffer.Write("]"u8);

        Assert.Equal("[" + SeedPayload.ExpectedJson + "]", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Throws<ArgumentNullException>(() => TelemetrySerializer.Serialize<UsageReport>(null!, SeedPayload.Create()));
    }
}
