using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers.Tests;

/// <summary>Every analyzer the PiiGuard.Analyzers assembly ships, found by reflection as the compiler finds them.</summary>
internal static class AllAnalyzers
{
    public static readonly ImmutableArray<Type> Types = typeof(PayloadAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) &&
            t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
        .OrderBy(t => t.Name)
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticAnalyzer> Create() =>
        Types.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    /// <summary>Every analyzer over <paramref name="source"/> (after PiiGuard's usings), concurrently, as the compiler runs them.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source) =>
        UnboundedShapeTests.Compile(source).WithAnalyzers(
            Create(),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();
}
