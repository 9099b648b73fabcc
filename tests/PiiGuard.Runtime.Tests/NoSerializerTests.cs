using System;
using System.Buffers;
using System.Text;
using PiiGuard.Runtime.Tests.Payloads;

namespace PiiGuard.Runtime.Tests;

/// <summary>A type without a generated serializer: an InvalidOperationException that names it, from every entry point.</summary>
public sealed class NoSerializerTests
{
    public sealed class PlainClass
    {
        public int Count { get; set; }
    }

    /// <summary>Fields, but no [TelemetryPayload]: nothing is generated for it either.</summary>
    public sealed class FieldsButNoPayloadAttribute
    {
        [TelemetryField]
        public int Count { get; set; }
    }

    [Fact]
    public void Serialize_to_a_string_names_the_type()
    {
        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.SerializeToString(new PlainClass()));
        AssertNames<PlainClass>(exception);
    }

    [Fact]
    public void Serialize_to_bytes_and_to_a_buffer_name_the_type()
    {
        AssertNames<PlainClass>(Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.SerializeToUtf8Bytes(new PlainClass())));
        AssertNames<PlainClass>(Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.Serialize(new ArrayBufferWriter<byte>(), new PlainClass())));
    }

    [Fact]
    public void Deserialize_names_the_type_before_looking_at_the_body()
    {
        AssertNames<PlainClass>(Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.Deserialize<PlainClass>("{\"count\":1}"u8)));
        AssertNames<PlainClass>(Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.Deserialize<PlainClass>("not json"u8, 1)));
    }

    [Fact]
    public void Schema_docs_name_the_type()
    {
        AssertNames<PlainClass>(Assert.Throws<InvalidOperationException>(() => TelemetrySchema.For<PlainClass>()));
    }

    [Fact]
    public void Other_types_without_a_generated_serializer_are_named_too()
    {
        AssertNames<FieldsButNoPayloadAttribute>(Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.SerializeToString(new FieldsButNoPayloadAttribute())));
        AssertNames<string>(Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.SerializeToString("text")));
        AssertNames<int>(Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.Deserialize<int>("1"u8)));

        // A payload type's nested object types have no serializer of their own: only the payload root has one.
        AssertNames<Scalars>(Assert.Throws<InvalidOperationException>(() => TelemetrySchema.For<Scalars>()));
    }

    [Fact]
    public void It_is_not_a_serialization_or_format_exception()
    {
        // Callers catch TelemetrySerializationException (a bad payload) and TelemetryFormatException (a bad body);
        // a missing serializer is a programming error and must not be caught as either.
        Exception exception = Assert.Throws<InvalidOperationException>(() => TelemetrySerializer.SerializeToString(new PlainClass()));
        Assert.IsNotType<TelemetrySerializationException>(exception);
        Assert.IsNotAssignableFrom<FormatException>(exception);
    }

    private static void AssertNames<T>(InvalidOperationException exception)
    {
        Assert.Contains(typeof(T).FullName!, exception.Message, StringComparison.Ordinal);
        Assert.Contains("[TelemetryPayload]", exception.Message, StringComparison.Ordinal);
    }
}
