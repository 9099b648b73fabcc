using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Analyzers.Tests.Corpus;

/// <summary>One labelled member of tests/Corpus/public-schemas.tsv.</summary>
internal sealed record CorpusRow(string Split, string Source, string Field, string Member, string Type, bool Personal, string Category, string Reason);

/// <summary>What the analyzers made of one row: the rule ids they reported at Error severity, if any.</summary>
internal sealed record CorpusVerdict(CorpusRow Row, IReadOnlyList<string> Errors)
{
    public bool FlaggedAsError => Errors.Count > 0;
}

/// <summary>Precision and recall at Error over some verdicts.</summary>
internal sealed record CorpusScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public static CorpusScore Of(IEnumerable<CorpusVerdict> verdicts)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (CorpusVerdict verdict in verdicts)
        {
            switch ((verdict.Row.Personal, verdict.FlaggedAsError))
            {
                case (true, true): tp++; break;
                case (false, true): fp++; break;
                case (true, false): fn++; break;
                default: tn++; break;
            }
        }

        return new CorpusScore(tp, fp, fn, tn);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"precision {Precision:0.000} ({TruePositives} of {TruePositives + FalsePositives} errors), recall {Recall:0.000} ({TruePositives} of {TruePositives + FalseNegatives} personal)");
}

/// <summary>
/// The public-schema name corpus (tests/Corpus/public-schemas.tsv): reads it, writes each row as a member of a
/// payload class of its own, runs PiiGuard's analyzers over all of them in one compilation, and says per row which
/// rules reported it at Error severity.
/// </summary>
internal static class NameCorpus
{
    public static IReadOnlyList<CorpusRow> Read()
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "Corpus", "public-schemas.tsv");
        var rows = new List<CorpusRow>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split('\t');
            rows.Add(new CorpusRow(f[0], f[1], f[3], f[4], f[5], f[6] == "personal", f[7], f[8]));
        }

        return rows;
    }

    /// <summary>The C# source of the rows: one class per row, so that members with one name never meet.</summary>
    public static string Source(IReadOnlyList<CorpusRow> rows)
    {
        var source = new StringBuilder("using System;\nusing System.Collections.Generic;\nusing PiiGuard;\n\nnamespace Corpus;\n\n");
        for (int i = 0; i < rows.Count; i++)
        {
            CorpusRow row = rows[i];
            string attributes = row.Type.StartsWith("DateTime", StringComparison.Ordinal) ? "[TelemetryField, Aggregated(Period.Day)]" : "[TelemetryField]";
            source.Append(CultureInfo.InvariantCulture, $"public sealed class Row{i} {{ {attributes} public {row.Type} {row.Member} {{ get; set; }} = default!; }}\n");
        }

        return source.ToString();
    }

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

        // Each row is one line: the diagnostics of line i are row i's.
        int firstRowLine = 6;
        var errors = new List<string>[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            errors[i] = new List<string>();
        }

        foreach (Diagnostic diagnostic in diagnostics)
        {
            int row = diagnostic.Location.GetLineSpan().StartLinePosition.Line - firstRowLine;
            if (row >= 0 && row < rows.Count && diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Id.StartsWith("PII00", StringComparison.Ordinal) && diagnostic.Id != "PII007")
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
