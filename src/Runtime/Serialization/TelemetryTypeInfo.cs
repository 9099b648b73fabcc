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
    /// <summary>Creates the type info.</summary>
    /// <param name="schema">The payload's schema docs.</param>
    protected TelemetryTypeInfo(TelemetrySchemaInfo schema)
    {
        Schema = schema;
    }

    /// <summary>Gets the payload's schema docs.</summary>
    public TelemetrySchemaInfo Schema { get; }

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
