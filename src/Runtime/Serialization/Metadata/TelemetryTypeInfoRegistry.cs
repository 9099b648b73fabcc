using System;
using System.ComponentModel;

namespace PiiGuard.Serialization.Metadata;

/// <summary>
/// Where generated code registers each payload's <see cref="TelemetryTypeInfo{T}"/>, from a module initializer.
/// For generated code; not for direct use.
/// </summary>
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
    internal static TelemetryTypeInfo<T> Get<T>() =>
        Holder<T>.Info ?? throw new InvalidOperationException(
            $"'{typeof(T).FullName}' has no generated PiiGuard serializer. Mark it [TelemetryPayload] in a project that references the PiiGuard package, and fix every PiiGuard error of that project: the generator skips a payload it cannot serialize.");

    private static class Holder<T>
    {
        public static TelemetryTypeInfo<T>? Info;
    }
}
