using System;
using System.Collections.Generic;
using System.Linq;

namespace PiiGuard.Fuzzing.Bodies;

/// <summary>
/// A payload shape the strict reader is fuzzed through: its valid seed bodies, how to read a body as it (the
/// generated reader, alone or in its submission envelope) and how to write a value read back.
/// </summary>
public sealed class BodyShape
{
    private readonly Func<byte[], int, object> _read;
    private readonly Func<object, byte[]> _write;

    private BodyShape(string name, IReadOnlyList<byte[]> seeds, Func<byte[], int, object> read, Func<object, byte[]> write)
    {
        Name = name;
        Seeds = seeds;
        _read = read;
        _write = write;
    }

    /// <summary>Gets the shape's name, as findings show it.</summary>
    public string Name { get; }

    /// <summary>Gets the valid bodies mutants start from.</summary>
    public IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>A payload read with <see cref="TelemetrySerializer.Deserialize{T}(ReadOnlySpan{byte})"/>.</summary>
    public static BodyShape Payload<T>(string name, params T[] seeds) =>
        new(name, seeds.Select(TelemetrySerializer.SerializeToUtf8Bytes).ToArray(),
            (body, maxBodyBytes) => TelemetrySerializer.Deserialize<T>(body, maxBodyBytes)!,
            value => TelemetrySerializer.SerializeToUtf8Bytes((T)value));

    /// <summary>A submission read with <see cref="TelemetryEnvelope.Read{T}(ReadOnlySpan{byte}, int)"/>.</summary>
    public static BodyShape Envelope<T>(string name, DateTimeOffset submitted, params T[] seeds) =>
        new(name, seeds.Select(s => TelemetryEnvelope.ToUtf8Bytes(s, submitted)).ToArray(),
            (body, maxBodyBytes) => TelemetryEnvelope.Read<T>(body, maxBodyBytes),
            value => TelemetryEnvelope.ToUtf8Bytes(((TelemetrySubmission<T>)value).Payload, ((TelemetrySubmission<T>)value).SubmissionTimestamp));

    /// <summary>A shape read and written by the functions given, for testing the harness itself.</summary>
    public static BodyShape Custom(string name, IReadOnlyList<byte[]> seeds, Func<byte[], object> read, Func<object, byte[]> write) =>
        new(name, seeds, (body, _) => read(body), write);

    /// <summary>Reads <paramref name="body"/> as this shape, with the reader's default size bound or <paramref name="maxBodyBytes"/>.</summary>
    public object Read(byte[] body, int maxBodyBytes = TelemetrySerializer.DefaultMaxBodyBytes) => _read(body, maxBodyBytes);

    /// <summary>Writes a value <see cref="Read"/> returned.</summary>
    public byte[] Write(object value) => _write(value);
}
