using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>
/// What every mutant compiles against: the running .NET's own assemblies, PiiGuard (attributes, serializer) and
/// PiiGuard.Telemetry (the statistics runtime, whose <c>StatisticsWeek</c> the telemetry tests' payloads build from).
/// </summary>
public static class FuzzReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(TelemetryPayloadAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(UsageStatistics).Assembly.Location))
            .ToImmutableArray());

    /// <summary>Gets the references.</summary>
    public static ImmutableArray<MetadataReference> All => Lazy.Value;
}
