using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Analyzers.Tests.Corpus;

/// <summary>
/// The public-schema name corpus (tests/Corpus/public-schemas.tsv): reads it, writes each row as a member of a
/// payload class of its own, runs PiiGuard's analyzers over all of them in one compilation, and says per row which
/// rules reported it at Error severity.
/// </summary>
internal static class NameCorpus
{
    public static IReadOnlyList<CorpusRow> Read() => NameCorpusSource.Read(Path.Combine(Root, NameCorpusSource.CorpusPath));

    /// <summary>The repository's root folder (the one that holds PiiGuard.sln).</summary>
    public static string Root => RepositoryRoot();

    /// <summary>The C# source of the rows (<see cref="NameCorpusSource.Source"/>, shared with benchmarks/NameCorpus).</summary>
    public static string Source(IReadOnlyList<CorpusRow> rows) => NameCorpusSource.Source(rows);

    public static async Task<IReadOnlyList<CorpusVerdict>> AnalyzeAsync(IReadOnlyList<CorpusRow> rows)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Source(rows), new CSharpParseOptions(LanguageVersion.Latest), path: "/corpus/Rows.cs");
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Corpus",
            new[] { tree },
            PlatformReferences.WithPiiGuard,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToArray();
        if (compileErrors.Length > 0)
        {
            throw new InvalidOperationException("The corpus does not compile: " + string.Join("; ", compileErrors.Select(d => d.ToString())));
        }

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PiiGuardAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        if (exceptions.Count > 0)
        {
            throw new InvalidOperationException("An analyzer threw on the corpus.", exceptions[0]);
        }

        // Each row is one line: the diagnostics of a row's line are that row's.
        var errors = new List<string>[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            errors[i] = new List<string>();
        }

        foreach (Diagnostic diagnostic in diagnostics)
        {
            int row = NameCorpusSource.RowOfLine(diagnostic.Location.GetLineSpan().StartLinePosition.Line, rows.Count);
            if (row >= 0 && diagnostic.Severity == DiagnosticSeverity.Error && NameCorpusSource.IsPersonalDataRule(diagnostic.Id))
            {
                errors[row].Add(diagnostic.Id);
            }
        }

        return rows.Select((row, i) => new CorpusVerdict(row, errors[i])).ToArray();
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PiiGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PiiGuard.sln) was not found above " + AppContext.BaseDirectory);
    }
}
