using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// PiiGuard's per-compilation caches (<see cref="AnalysisCache"/>, and the rules' lookups and options it holds)
/// must die with their compilation, whether its analysis finished, was cancelled mid-way or was abandoned: an IDE
/// makes a compilation per edit, and a long session must not keep them all.
/// </summary>
public class CacheLifetimeTests
{
    private const string Unbounded =
        "public class A<T> { [TelemetryField] public A<(T, T)> Next { get; set; } [TelemetryField] public Dictionary<string, A<T[]>> More { get; set; } [TelemetryField] public T Value { get; set; } } " +
        "public class Inner { [TelemetryField] public int Count { get; set; } } " +
        "[TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } [TelemetryField] public string FilePath { get; set; } [TelemetryField] public Inner Inner { get; set; } }";

    [Fact]
    public async Task Caches_die_with_their_compilations_whether_the_analysis_finished_was_cancelled_or_abandoned()
    {
        const int compilations = 12;
        var references = new List<WeakReference>();
        for (int i = 0; i < compilations; i++)
        {
            references.AddRange(await AnalyzeAndDropAsync(i));

            // An analysis completes the await above from its own frames (the driver's, or those of the analyzer that
            // cancelled it), so the rest of this test would run on top of them, and they hold the compilation: go on
            // from a fresh stack instead.
            await Task.Yield();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(compilations * 4, references.Count);
        // Alive, as "compilation:reference" (0: the compilation, 1: the one the analyzers saw, 2: its cache, 3: the
        // cache's name verdicts): none.
        Assert.Equal("", string.Join(",", references.Select((r, i) => r.IsAlive ? $"{i / 4}:{i % 4}" : null).Where(x => x != null)));
    }

    /// <summary>
    /// Analyzes a compilation (one in three to the end, one cancelled by an analyzer that cancels when it meets the
    /// payload, one through the cache with a cancelled token, then walked and abandoned) and returns weak references
    /// to the compilation, the compilation the analyzers saw, its cache, and the name verdicts the cache holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference[]> AnalyzeAndDropAsync(int i)
    {
        CSharpCompilation compilation = UnboundedShapeTests.Compile(Unbounded + $" public class Other{i} {{ }}");
        Compilation analyzed;
        switch (i % 3)
        {
            case 0:
                analyzed = await AnalyzeAsync(compilation, cancelMidway: false);
                break;
            case 1:
                analyzed = await AnalyzeAsync(compilation, cancelMidway: true);
                break;
            default:
                analyzed = compilation;
                WalkCancelledThenAbandon(compilation);
                break;
        }

        AnalysisCache cache = AnalysisCache.For(analyzed);
        return new[]
        {
            new WeakReference(compilation), new WeakReference(analyzed), new WeakReference(cache),
            new WeakReference(cache.Symbols!.Names),
        };
    }

    private static void WalkCancelledThenAbandon(Compilation compilation)
    {
        INamedTypeSymbol payload = compilation.GetTypeByMetadataName("P")!;
        AnalysisCache cache = AnalysisCache.For(compilation);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => cache.GetWalk(payload, payload.Locations[0], UnboundedShapeTests.EmptyOptions.Instance, cancellation.Token));
        cache.GetWalk(payload, payload.Locations[0], UnboundedShapeTests.EmptyOptions.Instance, CancellationToken.None);
        Assert.Throws<OperationCanceledException>(() => cache.GetProblems(payload, cancellation.Token));
        cache.GetProblems(payload, CancellationToken.None);
    }

    private static async Task<Compilation> AnalyzeAsync(CSharpCompilation compilation, bool cancelMidway)
    {
        using var cancellation = new CancellationTokenSource();
        ImmutableArray<DiagnosticAnalyzer> analyzers = AllAnalyzers.Create();
        if (cancelMidway)
        {
            analyzers = analyzers.Add(new CancelAtPayload(cancellation));
        }

        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        try
        {
            // A cancellation that comes after the driver's last look at the token lets the analysis finish.
            ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellation.Token);
            Assert.Contains(diagnostics, d => d.Id == "PII007");
        }
        catch (OperationCanceledException)
        {
            Assert.True(cancelMidway);
        }

        return withAnalyzers.Compilation;
    }

    /// <summary>Cancels the analysis when it meets the payload type.</summary>
#pragma warning disable RS1001, RS1025, RS1026, RS2008 // A test helper, not a shipped analyzer.
    private sealed class CancelAtPayload : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Unused = new("TEST001", "Unused", "Unused", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
        private readonly CancellationTokenSource _cancellation;

        public CancelAtPayload(CancellationTokenSource cancellation) => _cancellation = cancellation;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context) =>
            context.RegisterSymbolAction(c =>
            {
                if (c.Symbol.Name == "P")
                {
                    _cancellation.Cancel();
                }
            }, SymbolKind.NamedType);
    }
#pragma warning restore RS1001, RS1025, RS1026, RS2008
}
