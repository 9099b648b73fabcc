using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Tests.Shared;

/// <summary>
/// Metadata references for compilations a test builds in memory: the running .NET's own assemblies and the
/// PiiGuard runtime. Compiled into each test project that needs it.
/// </summary>
internal static class PlatformReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(TelemetryPayloadAttribute).Assembly.Location))
            .ToImmutableArray());

    /// <summary>The .NET assemblies and the PiiGuard runtime.</summary>
    public static ImmutableArray<MetadataReference> WithPiiGuard => All.Value;
}
