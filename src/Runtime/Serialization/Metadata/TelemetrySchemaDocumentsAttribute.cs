using System;
using System.ComponentModel;

namespace PiiGuard.Serialization.Metadata;

/// <summary>
/// A payload's schema docs, as PiiGuard's generator writes them onto the payload's generated serializer.
/// For generated code; not for direct use. An attribute's string arguments are stored in the assembly's metadata as
/// UTF-8, once, outside the user-string heap that string literals fill (and that the runtime limits to 16 MiB), so
/// that projects with thousands of payloads still compile; <see cref="TelemetrySchema.For{T}"/> reads them only when asked, and PiiGuard's
/// MSBuild step reads them from the built assembly without loading it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TelemetrySchemaDocumentsAttribute : Attribute
{
    /// <summary>Records the schema docs.</summary>
    /// <param name="name">The payload's public name.</param>
    /// <param name="schemaVersion">The schema version, or null when none is declared.</param>
    /// <param name="jsonSchema">The JSON Schema.</param>
    /// <param name="markdown">The Markdown field disclosure.</param>
    /// <param name="lockEntry">The payload's schema lock entry.</param>
    public TelemetrySchemaDocumentsAttribute(string name, string? schemaVersion, string jsonSchema, string markdown, string lockEntry)
    {
        Name = name;
        SchemaVersion = schemaVersion;
        JsonSchema = jsonSchema;
        Markdown = markdown;
        LockEntry = lockEntry;
    }

    /// <summary>Gets the payload's public name.</summary>
    public string Name { get; }

    /// <summary>Gets the schema version, or null when none is declared.</summary>
    public string? SchemaVersion { get; }

    /// <summary>Gets the JSON Schema.</summary>
    public string JsonSchema { get; }

    /// <summary>Gets the Markdown field disclosure.</summary>
    public string Markdown { get; }

    /// <summary>Gets the payload's schema lock entry.</summary>
    public string LockEntry { get; }
}
