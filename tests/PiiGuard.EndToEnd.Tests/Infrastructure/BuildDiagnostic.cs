using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PiiGuard.EndToEnd.Tests.Infrastructure;

/// <summary>One diagnostic as MSBuild's console logger prints it: <c>path(line,col): error PII001: message [project]</c>.</summary>
public sealed partial record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
{
    /// <summary>Every distinct diagnostic in a build's output (the console logger repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
        output.Split('\n')
            .Select(line => Pattern().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => new BuildDiagnostic(
                match.Groups["file"].Value.Trim(),
                int.Parse(match.Groups["line"].Value),
                int.Parse(match.Groups["column"].Value),
                match.Groups["severity"].Value,
                match.Groups["id"].Value,
                match.Groups["message"].Value))
            .Distinct()
            .ToList();

    public bool IsPiiGuard => Id.StartsWith("PII", StringComparison.Ordinal);

    public override string ToString() => $"{File}({Line},{Column}): {Severity} {Id}: {Message}";

    [GeneratedRegex(@"^\s*(?:\d+>)?(?<file>.+?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): (?<severity>error|warning) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex Pattern();
}
