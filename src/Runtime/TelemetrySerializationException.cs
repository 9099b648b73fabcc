using System;

namespace PiiGuard;

/// <summary>
/// A payload that cannot be written as its schema says: a null in a member that is not nullable, a value outside
/// its enum, or a number JSON cannot hold (NaN, infinity).
/// </summary>
public sealed class TelemetrySerializationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, without the value.</param>
    public TelemetrySerializationException(string message)
        : base(message)
    {
    }
}
