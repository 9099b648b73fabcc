using System;
using System.ComponentModel;

namespace PiiGuard.Serialization;

/// <summary>
/// What PiiGuard's generator knows of one payload type: its generated writer and strict reader and its schema
/// docs. Each generated payload registers one through <see cref="TelemetryTypeInfoRegistry"/>; for generated code.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class TelemetryTypeInfo<T>
{
    private TelemetrySchemaInfo? _schema;

    /// <summary>
    /// Gets the payload's schema docs, read on first use from the <see cref="TelemetrySchemaDocumentsAttribute"/> the
    /// generator put on the derived class (the only reflection PiiGuard does: reading and writing payloads use none).
    /// </summary>
    /// <exception cref="InvalidOperationException">The derived class carries no schema docs.</exception>
    public TelemetrySchemaInfo Schema => _schema ??= ReadSchema();

    private TelemetrySchemaInfo ReadSchema()
    {
        TelemetrySchemaDocumentsAttribute documents =
            (TelemetrySchemaDocumentsAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(TelemetrySchemaDocumentsAttribute), inherit: false)
            ?? throw new InvalidOperationException($"'{GetType().FullName}' carries no [TelemetrySchemaDocuments]: it was not written by PiiGuard's generator.");
        return new TelemetrySchemaInfo(documents.Name, documents.SchemaVersion, documents.JsonSchema, documents.Markdown);
    }

    /// <summary>Writes <paramref name="value"/> as compact UTF-8 JSON.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The payload.</param>
    public abstract void Write(ref TelemetryJsonWriter writer, T value);

    /// <summary>Reads a payload strictly; the reader is at the first token.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The payload.</returns>
    public abstract T Read(ref TelemetryJsonReader reader);
}

/// <summary>Where generated code registers each payload's <see cref="TelemetryTypeInfo{T}"/>, from a module initializer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TelemetryTypeInfoRegistry
{
    /// <summary>Registers the generated type info of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="info">Its type info.</param>
    public static void Register<T>(TelemetryTypeInfo<T> info) => Holder<T>.Info = info ?? throw new ArgumentNullException(nameof(info));

    /// <summary>The registered type info of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <returns>The type info.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> has no generated serializer.</exception>
    public static TelemetryTypeInfo<T> Get<T>() =>
        Holder<T>.Info ?? throw new InvalidOperationException(
            $"'{typeof(T).FullName}' has no generated PiiGuard serializer. Mark it [TelemetryPayload] in a project that references the PiiGuard package, and fix every PiiGuard error of that project: the generator skips a payload it cannot serialize.");

    private static class Holder<T>
    {
        public static TelemetryTypeInfo<T>? Info;
    }
}
