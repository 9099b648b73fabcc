using System;

namespace PiiGuard;

/// <summary>
/// A telemetry body that the strict reader rejects: malformed JSON, an unknown, missing or duplicate property, a
/// wrong type, a value outside an enum, a number outside its member's type, a timestamp off its day or week boundary,
/// or a body over the size bound. It is the only exception a malformed body gives.
/// The message names the JSON path and the problem, never the offending value: it could be personal data.
/// </summary>
public sealed class TelemetryFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The JSON path of the problem, such as <c>$.installation.platform</c>.</param>
    /// <param name="problem">What is wrong there, without the value.</param>
    public TelemetryFormatException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Gets the JSON path of the problem, such as <c>$.installation.platform</c>.</summary>
    public string Path { get; }

    /// <summary>Gets what is wrong at <see cref="Path"/>.</summary>
    public string Problem { get; }
}
