using System;
using System.Collections.Immutable;
using System.Linq;
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
}
