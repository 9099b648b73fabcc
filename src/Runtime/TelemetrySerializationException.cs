using System;

namespace PiiGuard;

/// <summary>
/// A payload that cannot be written as its schema says: a null in a member that is not nullable, a value outside
/// its enum, or a number JSON cannot hold (NaN, infinity).
/// </summary>
/// <remarks>
/// Where the writer knows where the bad value is, the message starts with its JSON path (<c>$.period.start</c>). The
/// path is built only when something is wrong: each nested writer adds its segment as the exception passes it.
/// </remarks>
public sealed class TelemetrySerializationException : InvalidOperationException
{
    private readonly string? _problem;
    private string _path = "";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, without the value.</param>
    public TelemetrySerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for a value at <paramref name="path"/>, relative to the writer that found it.</summary>
    internal TelemetrySerializationException(string path, string problem)
        : base(problem)
    {
        _path = path;
        _problem = problem;
    }

    /// <inheritdoc/>
    public override string Message => _problem is null ? base.Message : "$" + _path + ": " + _problem;

    /// <summary>Puts <paramref name="segment"/> in front of the path, as the exception leaves a nested writer.</summary>
    internal void Prepend(string segment)
    {
        if (_problem is not null)
        {
            _path = segment + _path;
        }
    }
}
