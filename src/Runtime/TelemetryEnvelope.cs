using System;
using System.Buffers;
using System.Buffers.Text;
using PiiGuard.Serialization;
using PiiGuard.Serialization.Metadata;

namespace PiiGuard;

/// <summary>
/// The body of one submission: the payload's properties, preceded by <c>schema_version</c> (the payload's declared
/// <see cref="TelemetryPayloadAttribute.SchemaVersion"/>) and <c>submission_timestamp</c> (the hour of sending, never
/// finer), exactly as the privacy policy's sample submission shows them.
/// </summary>
/// <example><c>{"schema_version":"1.0","submission_timestamp":"2024-11-20T12:00:00Z","installation":{…},…}</c></example>
public static class TelemetryEnvelope
{
    /// <summary>The envelope's property that carries the schema version.</summary>
    public const string SchemaVersionProperty = EnvelopeProperties.SchemaVersion;

    /// <summary>The envelope's property that carries the hour of submission.</summary>
    public const string SubmissionTimestampProperty = EnvelopeProperties.SubmissionTimestamp;

    /// <summary>Writes <paramref name="payload"/> in its envelope as compact UTF-8 JSON.</summary>
    /// <typeparam name="T">The payload type; it must declare a schema version.</typeparam>
    /// <param name="output">Where the JSON goes.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="submissionTime">When it is sent; written truncated to the hour, in UTC.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no generated serializer or declares no schema version.</exception>
    public static void Write<T>(IBufferWriter<byte> output, T payload, DateTimeOffset submissionTime)
    {
        ArgumentNullException.ThrowIfNull(output);
        string schemaVersion = SchemaVersionOf<T>().ToString();
        var body = new ArrayBufferWriter<byte>(1024);
        TelemetrySerializer.Serialize(body, payload);
        ReadOnlySpan<byte> json = body.WrittenSpan;

        var writer = new TelemetryJsonWriter(output);
        writer.WriteRaw("{\""u8);
        writer.WriteRaw(EnvelopeProperties.SchemaVersionUtf8);
        writer.WriteRaw("\":"u8);
        writer.WriteString(schemaVersion);
        writer.WriteRaw(",\""u8);
        writer.WriteRaw(EnvelopeProperties.SubmissionTimestampUtf8);
        writer.WriteRaw("\":\""u8);
        Span<byte> hour = stackalloc byte[20];
        FormatHour(submissionTime, hour);
        writer.WriteRaw(hour);
        writer.WriteRaw("\""u8);

        // The payload is an object: splice its properties in after the envelope's.
        ReadOnlySpan<byte> properties = json.Slice(1);
        if (properties.Length > 0 && properties[0] != (byte)'}')
        {
            writer.WriteRaw(","u8);
        }

        writer.WriteRaw(properties);
        writer.Flush();
    }

    /// <summary>Writes <paramref name="payload"/> in its envelope as compact UTF-8 JSON bytes.</summary>
    /// <typeparam name="T">The payload type; it must declare a schema version.</typeparam>
    /// <param name="payload">The payload.</param>
    /// <param name="submissionTime">When it is sent; written truncated to the hour, in UTC.</param>
    /// <returns>The body.</returns>
    public static byte[] ToUtf8Bytes<T>(T payload, DateTimeOffset submissionTime)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        Write(buffer, payload, submissionTime);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a submission strictly: the payload as <see cref="TelemetrySerializer.Deserialize{T}(ReadOnlySpan{byte}, int)"/>
    /// reads it, plus <c>schema_version</c>, which must be <typeparamref name="T"/>'s declared version, and
    /// <c>submission_timestamp</c>, which must be a whole hour. Errors name the JSON path, never the value.
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="utf8Json">The body.</param>
    /// <param name="maxBodyBytes">The size bound.</param>
    /// <returns>The submission.</returns>
    /// <exception cref="TelemetryFormatException">The body breaks the schema; the exception names the path and the problem.</exception>
    public static TelemetrySubmission<T> Read<T>(ReadOnlySpan<byte> utf8Json, int maxBodyBytes = TelemetrySerializer.DefaultMaxBodyBytes)
    {
        var envelope = new EnvelopeFields();
        T payload = TelemetrySerializer.Read<T>(utf8Json, maxBodyBytes, envelope);
        if (envelope.SchemaVersion is not { } version)
        {
            throw new TelemetryFormatException("$", $"the property '{SchemaVersionProperty}' is missing");
        }

        if (envelope.SubmissionTimestamp is not { } timestamp)
        {
            throw new TelemetryFormatException("$", $"the property '{SubmissionTimestampProperty}' is missing");
        }

        if (!SchemaVersion.TryParse(version, out SchemaVersion declared))
        {
            throw new TelemetryFormatException("$." + SchemaVersionProperty, "not a schema version (non-negative integers separated by dots)");
        }

        if (declared != SchemaVersionOf<T>())
        {
            throw new TelemetryFormatException("$." + SchemaVersionProperty, "not the schema version this reader accepts");
        }

        return new TelemetrySubmission<T> { SchemaVersion = declared, SubmissionTimestamp = timestamp, Payload = payload };
    }

    /// <summary>
    /// The JSON path of <typeparamref name="T"/>'s <c>[InstallationId]</c> (such as <c>$.installation.installation_id</c>),
    /// or null when it has none that can be read: a collector needs a non-nullable <see cref="Guid"/> marked
    /// <c>[InstallationId]</c> at the payload's root or in its non-nullable objects (not in a collection).
    /// </summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <returns>The path, or null.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no generated serializer.</exception>
    public static string? InstallationIdPath<T>() => TelemetryTypeInfoRegistry.Get<T>().InstallationIdPath;

    /// <summary>Reads the installation id of <paramref name="payload"/>: its <c>[InstallationId]</c> member.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="payload">The payload, for example a submission's <see cref="TelemetrySubmission{T}.Payload"/>.</param>
    /// <param name="installationId">The installation id, when there is one.</param>
    /// <returns>Whether there is one (see <see cref="InstallationIdPath{T}"/>).</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no generated serializer.</exception>
    public static bool TryGetInstallationId<T>(T payload, out Guid installationId) =>
        TelemetryTypeInfoRegistry.Get<T>().TryGetInstallationId(payload, out installationId);

    /// <summary>The start of the UTC hour that holds <paramref name="value"/>: what <c>submission_timestamp</c> says.</summary>
    /// <param name="value">A point in time.</param>
    /// <returns>The hour, with offset zero.</returns>
    public static DateTimeOffset TruncateToHour(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }

    internal static SchemaVersion SchemaVersionOf<T>() =>
        TelemetrySchema.For<T>().Version is { } version
            ? version
            : throw new InvalidOperationException(
                $"'{typeof(T).FullName}' declares no schema version. Set [TelemetryPayload(SchemaVersion = \"1.0\")]: consent and every submission name the version the user agreed to.");

    private static void FormatHour(DateTimeOffset value, Span<byte> destination)
    {
        DateTime hour = TruncateToHour(value).UtcDateTime;
        Utf8Formatter.TryFormat(hour.Year, destination.Slice(0, 4), out _, new StandardFormat('D', 4));
        destination[4] = (byte)'-';
        Utf8Formatter.TryFormat(hour.Month, destination.Slice(5, 2), out _, new StandardFormat('D', 2));
        destination[7] = (byte)'-';
        Utf8Formatter.TryFormat(hour.Day, destination.Slice(8, 2), out _, new StandardFormat('D', 2));
        destination[10] = (byte)'T';
        Utf8Formatter.TryFormat(hour.Hour, destination.Slice(11, 2), out _, new StandardFormat('D', 2));
        ":00:00Z"u8.CopyTo(destination.Slice(13));
    }
}
