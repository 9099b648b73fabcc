using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>
/// The classification rules read members' names (and so their types' shapes, cached per compilation) only on types in
/// scope, and nowhere in a project without a <c>[DataSubject]</c>: counted through the shared cache's shapes.
/// </summary>
public class ApplicationCostTests
{
    // Forty types out of scope, each with a member of a type of its own: reading their names would cache forty shapes.
    private static readonly string OutOfScope = string.Concat(Enumerable.Range(0, 40).Select(i =>
        $"public class Row{i} {{ public string Email{i} {{ get; set; }} = \"\"; public Row{i}? Next{i}; public int Count; }} "));

    [Fact]
    public async Task A_project_without_a_data_subject_has_no_member_read()
    {
        (ImmutableArray<Diagnostic> diagnostics, AnalysisCache cache) = await AnalyzeAsync(OutOfScope);

        Assert.Empty(diagnostics);
        Assert.Equal(0, cache.Symbols!.ShapeCount);
    }

    [Fact]
    public async Task Only_the_members_of_types_in_scope_are_read()
    {
        (ImmutableArray<Diagnostic> diagnostics, AnalysisCache cache) = await AnalyzeAsync(
            OutOfScope + "[DataSubject] public class User { public int Id { get; set; } public string Email { get; set; } = \"\"; public DateTime Seen { get; set; } }");

        Assert.Equal(["PII100"], diagnostics.Select(d => d.Id));
        // int, string and DateTime: User's members, and none of the rows'.
        Assert.Equal(3, cache.Symbols!.ShapeCount);
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, AnalysisCache Cache)> AnalyzeAsync(string source)
    {
        CSharpCompilation compilation = UnboundedShapeTests.Compile("using System; using PiiGuard; " + source);
        var probe = new CompilationProbe();
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new ApplicationDataAnalyzer(), probe),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.NotNull(probe.Seen);
        return (diagnostics, AnalysisCache.For(probe.Seen!));
    }

    /// <summary>Keeps the compilation the analyzers saw: the one whose cache the rules filled.</summary>
#pragma warning disable RS1001, RS1012, RS1025, RS1026, RS2008 // A test helper, not a shipped analyzer.
    private sealed class CompilationProbe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Unused = new("TEST002", "Unused", "Unused", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public Compilation? Seen { get; private set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context) => context.RegisterCompilationStartAction(start => Seen = start.Compilation);
    }
#pragma warning restore RS1001, RS1012, RS1025, RS1026, RS2008
}
