using System;

namespace PiiGuard;

/// <summary>
/// Gives an enum member of a payload the JSON value it is written as, instead of its name in snake_case
/// (<c>HomeAssistant</c> is written <c>"home_assistant"</c>; with <c>[TelemetryValue("homeassistant")]</c>,
/// <c>"homeassistant"</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class TelemetryValueAttribute : Attribute
{
    /// <summary>Gives the enum member the JSON value <paramref name="value"/>.</summary>
    /// <param name="value">The JSON string the member is written as.</param>
    public TelemetryValueAttribute(string value)
    {
        Value = value;
    }

    /// <summary>Gets the JSON string the member is written as.</summary>
    public string Value { get; }
}
