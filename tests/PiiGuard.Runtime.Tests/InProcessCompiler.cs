using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// Compiles source files (copied to the output directory) in process with PiiGuard's generator and analyzers, the
/// assemblies this repository built (their paths are recorded at build time), with nullable enabled.
/// </summary>
internal static class InProcessCompiler
{
    /// <summary>What came out: the generated files, the warnings in them, and the analyzers' diagnostics.</summary>
    public sealed record Result(IReadOnlyList<string> Generated, IReadOnlyList<string> GeneratedCodeWarnings, IReadOnlyList<Diagnostic> AnalyzerDiagnostics);

    public static Result Compile(params string[] files)
    {
        CSharpParseOptions parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        SyntaxTree[] sources = files
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, f)), parse, path: f))
            .ToArray();
        MetadataReference[] references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(TelemetrySerializer).Assembly.Location))
            .ToArray();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "PiiGuardInProcessCheck",
            sources,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        string[] inputErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        if (inputErrors.Length > 0)
        {
            throw new InvalidOperationException("The sources do not compile by themselves:\n" + string.Join("\n", inputErrors));
        }

        // Every generator of the assembly, as the compiler runs them (the payloads' and the data map's).
        GeneratorDriver driver = CSharpGeneratorDriver.Create(Load<IIncrementalGenerator>("PiiGuardGeneratorPath").Select(g => g.AsSourceGenerator()).ToArray(), parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        if (!generatorDiagnostics.IsEmpty)
        {
            throw new InvalidOperationException("The generator reported:\n" + string.Join("\n", generatorDiagnostics));
        }

        SyntaxTree[] generated = output.SyntaxTrees.Except(sources).ToArray();
        string[] warnings = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree))
            .Select(d => d.ToString())
            .ToArray();

        ImmutableArray<DiagnosticAnalyzer> analyzers = Load<DiagnosticAnalyzer>("PiiGuardAnalyzersPath").ToImmutableArray();
        ImmutableArray<Diagnostic> analyzerDiagnostics = compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        return new Result(generated.Select(t => Path.GetFileName(t.FilePath)).ToArray(), warnings, analyzerDiagnostics);
    }

    private static IEnumerable<T> Load<T>(string pathKey)
    {
        string path = typeof(InProcessCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == pathKey).Value!;
        return Assembly.LoadFrom(path).GetTypes()
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToArray();
    }
}
