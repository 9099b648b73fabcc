using System;

namespace PiiGuard;

/// <summary>
/// Marks a property or field as part of a telemetry payload. On a record's primary-constructor parameter,
/// write it as <c>[property: TelemetryField]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class TelemetryFieldAttribute : Attribute
{
    /// <summary>
    /// Marks the member as a payload field whose JSON name is the member name in snake_case.
    /// </summary>
    public TelemetryFieldAttribute()
    {
    }

    /// <summary>
    /// Marks the member as a payload field with an explicit JSON name.
    /// </summary>
    /// <param name="name">The JSON property name of the field.</param>
    public TelemetryFieldAttribute(string name)
    {
        Name = name;
    }

    /// <summary>
    /// Gets the JSON property name given to the constructor, or <see langword="null"/> for the default
    /// (the member name in snake_case).
    /// </summary>
    public string? Name { get; }

    /// <summary>
    /// Gets or sets why this field is collected. It is published in the schema and the field disclosure.
    /// </summary>
    public string? Purpose { get; set; }
}
