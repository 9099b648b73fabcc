using System;

namespace PiiGuard;

/// <summary>
/// The statistics store cannot be used: its folder cannot be created, the file is locked or was written by a newer
/// PiiGuard. Recording never throws it; the user's-rights APIs (view, export, delete) do, so that a settings page can
/// tell the user. The message names the problem and holds no statistics and no path.
/// </summary>
public sealed class TelemetryStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public TelemetryStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TelemetryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
