using PiiGuard.Serialization.Metadata;

namespace PiiGuard;

/// <summary>The schema docs of payload types, at run time.</summary>
public static class TelemetrySchema
{
    /// <summary>The schema docs of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A <see cref="TelemetryPayloadAttribute"/> type.</typeparam>
    /// <returns>Its JSON Schema and Markdown disclosure.</returns>
    /// <exception cref="System.InvalidOperationException"><typeparamref name="T"/> has no generated serializer.</exception>
    public static TelemetrySchemaInfo For<T>() => TelemetryTypeInfoRegistry.Get<T>().Schema;
}
