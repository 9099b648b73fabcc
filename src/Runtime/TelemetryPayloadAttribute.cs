using System;

namespace PiiGuard;

/// <summary>
/// Marks a class, struct or record as the root of a usage-statistics payload.
/// </summary>
/// <remarks>
/// A payload is made of every <see cref="TelemetryFieldAttribute"/> member of this type and of its base types,
/// and, recursively, of every type reached through such a member (nested classes, structs and records, and the
/// element, key and value types of arrays, lists, sets and dictionaries). PiiGuard's analyzers fail the build
/// wherever that data could carry personal data.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class TelemetryPayloadAttribute : Attribute
{
    /// <summary>
    /// Gets or sets the payload's public name, used in schemas and disclosures. Defaults to the type name.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Gets or sets the payload's schema version (for example <c>"1.0"</c>). Expanding what a payload collects
    /// requires a higher schema version, and with it the users' consent again.
    /// </summary>
    public string? SchemaVersion { get; set; }
}
