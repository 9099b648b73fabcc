using System;
using System.Buffers;
using System.Text;
using System.Text.Unicode;
using PiiGuard.Serialization;
using PiiGuard.Serialization.Metadata;

namespace PiiGuard;

/// <summary>
/// Writes and reads payloads as UTF-8 JSON through the code PiiGuard's generator emits for each
/// <see cref="TelemetryPayloadAttribute"/> type: no reflection, safe for trimming and native AOT.
/// </summary>
public static class TelemetrySerializer
{
    /// <summary>The default bound on a body <see cref="Deserialize{T}(ReadOnlySpan{byte})"/> accepts: 64 KiB.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Writes <paramref name="payload"/> as compact UTF-8 JSON to <paramref name="output"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="output">Where the JSON goes; nothing is allocated when it is reused.</param>
    /// <param name="payload">The payload.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no generated serializer.</exception>
    /// <exception cref="TelemetrySerializationException">The payload breaks its schema (a null where none is allowed, a value outside its enum).</exception>
    public static void Serialize<T>(IBufferWriter<byte> output, T payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (payload is null)
        {
            throw new ArgumentNullException(nameof(payload));
        }

        TelemetryTypeInfo<T> info = TelemetryTypeInfoRegistry.Get<T>();
        var writer = new TelemetryJsonWriter(output);
        info.Write(ref writer, payload);
        writer.Flush();
    }

    /// <summary>Writes <paramref name="payload"/> as a compact JSON string.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The payload.</param>
    /// <returns>The JSON.</returns>
    public static string SerializeToString<T>(T payload)
    {
        ArrayBufferWriter<byte> buffer = RentBuffer();
        Serialize(buffer, payload);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="payload"/> as compact UTF-8 JSON bytes.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The payload.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] SerializeToUtf8Bytes<T>(T payload)
    {
        ArrayBufferWriter<byte> buffer = RentBuffer();
        Serialize(buffer, payload);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a payload strictly: unknown, missing or duplicate properties, wrong types, values outside an enum,
    /// timestamps off their day or week boundary, malformed UTF-8 or JSON and bodies over
    /// <see cref="DefaultMaxBodyBytes"/> are rejected with a <see cref="TelemetryFormatException"/> that names the
    /// JSON path and never the offending value.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="utf8Json">The body.</param>
    /// <returns>The payload.</returns>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) => Deserialize<T>(utf8Json, DefaultMaxBodyBytes);

    /// <summary>Reads a payload strictly, accepting bodies of at most <paramref name="maxBodyBytes"/> bytes.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="utf8Json">The body.</param>
    /// <param name="maxBodyBytes">The size bound.</param>
    /// <returns>The payload.</returns>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, int maxBodyBytes) => Read<T>(utf8Json, maxBodyBytes, envelope: null);

    /// <summary>The strict read behind <see cref="Deserialize{T}(ReadOnlySpan{byte}, int)"/> and <see cref="TelemetryEnvelope.Read{T}(ReadOnlySpan{byte}, int)"/>.</summary>
    internal static T Read<T>(ReadOnlySpan<byte> utf8Json, int maxBodyBytes, EnvelopeFields? envelope)
    {
        TelemetryTypeInfo<T> info = TelemetryTypeInfoRegistry.Get<T>();
        if (utf8Json.Length > maxBodyBytes)
        {
            throw new TelemetryFormatException("$", $"the body is {utf8Json.Length} bytes, over the limit of {maxBodyBytes}");
        }

        if (!Utf8.IsValid(utf8Json))
        {
            throw new TelemetryFormatException("$", "the body is not valid UTF-8");
        }

        var reader = envelope is null ? new TelemetryJsonReader(utf8Json) : new TelemetryJsonReader(utf8Json, envelope);
        reader.Next();
        T payload = info.Read(ref reader);
        reader.ExpectEnd();
        return payload;
    }

    private static ArrayBufferWriter<byte> RentBuffer()
    {
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
