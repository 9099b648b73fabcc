using System;
using System.ComponentModel;

namespace PiiGuard.Serialization.Metadata;

/// <summary>
/// What PiiGuard's generator knows of one payload type: its generated writer and strict reader and its schema
/// docs. Each generated payload registers one through <see cref="TelemetryTypeInfoRegistry"/>.
/// For generated code; not for direct use: call <see cref="TelemetrySerializer"/>, <see cref="TelemetryEnvelope"/>
/// and <see cref="TelemetrySchema"/> instead.
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
    internal TelemetrySchemaInfo Schema => _schema ??= ReadSchema();

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

    /// <summary>
    /// Gets the JSON path of the payload's <c>[InstallationId]</c> (such as <c>$.installation.installation_id</c>), or
    /// null when the payload has none the generator can reach: a non-nullable <see cref="Guid"/> at the root or in
    /// non-nullable objects, not in a collection.
    /// </summary>
    public virtual string? InstallationIdPath => null;

    /// <summary>Reads the payload's <c>[InstallationId]</c>.</summary>
    /// <param name="value">The payload.</param>
    /// <param name="installationId">The installation id, when there is one.</param>
    /// <returns>
    /// Whether the payload has one: false when <see cref="InstallationIdPath"/> is null, or when an object on the way
    /// to it is null (which only a payload built by hand can be).
    /// </returns>
    public virtual bool TryGetInstallationId(T value, out Guid installationId)
    {
        installationId = default;
        return false;
    }
}
