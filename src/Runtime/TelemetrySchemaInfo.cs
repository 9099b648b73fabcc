using System;

namespace PiiGuard;

/// <summary>
/// A payload's schema docs, as PiiGuard's generator wrote them at build time: a JSON Schema (draft 2020-12) and a
/// Markdown field disclosure that an app can show in its settings, or a docs team publish.
/// </summary>
public sealed class TelemetrySchemaInfo
{
    /// <summary>Creates the schema docs from what the generator wrote.</summary>
    /// <param name="name">The payload's public name.</param>
    /// <param name="schemaVersion">The schema version, or null when none is declared.</param>
    /// <param name="jsonSchema">The JSON Schema.</param>
    /// <param name="markdown">The Markdown field disclosure.</param>
    /// <exception cref="FormatException"><paramref name="schemaVersion"/> is not a schema version.</exception>
    internal TelemetrySchemaInfo(string name, string? schemaVersion, string jsonSchema, string markdown)
    {
        Name = name;
        SchemaVersion = schemaVersion;
        Version = schemaVersion is null ? null : PiiGuard.SchemaVersion.Parse(schemaVersion);
        JsonSchema = jsonSchema;
        Markdown = markdown;
    }

    /// <summary>Gets the payload's public name (<c>[TelemetryPayload(Name = …)]</c>, or the type name in snake_case).</summary>
    public string Name { get; }

    /// <summary>Gets the payload's schema version as declared, or null when none is declared.</summary>
    public string? SchemaVersion { get; }

    /// <summary>Gets the payload's schema version, for comparisons, or null when none is declared.</summary>
    public SchemaVersion? Version { get; }

    /// <summary>Gets the JSON Schema (draft 2020-12) of the payload.</summary>
    public string JsonSchema { get; }

    /// <summary>Gets the Markdown disclosure: every field, its type, allowed values, aggregation and purpose.</summary>
    public string Markdown { get; }
}
