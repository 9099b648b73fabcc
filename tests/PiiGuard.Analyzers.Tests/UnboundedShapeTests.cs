using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Generators.Parser;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// Payload shapes that generic types make unbounded: each member alone is harmless, but together they reach ever
/// new types. The analyzers must report PII007 ("the payload's shape has no bound") after a bounded amount of work,
/// counted in steps (types and members looked at), never timed.
/// </summary>
public class UnboundedShapeTests
{
    private const string NoBound = "the payload's shape has no bound";

    /// <summary>The most steps a walk over these small sources may take: a few per declared member.</summary>
    private const int SmallWalk = 20;

    public static TheoryData<string, string> UnboundedSources => new()
    {
        // The issue's example: a tuple, a dictionary of arrays, each alone fine.
        {
            "public class A<T> { [TelemetryField] public A<(T, T)> Next { get; set; } [TelemetryField] public Dictionary<string, A<T[]>> More { get; set; } [TelemetryField] public T Value { get; set; } } " +
            "[TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Tuples only.
        {
            "public class A<T> { [TelemetryField] public A<(T, T)> Next { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Arrays only.
        {
            "public class A<T> { [TelemetryField] public A<T[]> Next { get; set; } [TelemetryField] public int Count { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Dictionaries.
        {
            "public class A<T> { [TelemetryField] public Dictionary<string, A<Dictionary<string, T>>> More { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Lists of lists.
        {
            "public class A<T> { [TelemetryField] public List<A<List<T>>> Items { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Nested generics: a type of the payload wraps the type argument.
        {
            "public class Box<T> { [TelemetryField] public T Item { get; set; } } public class A<T> { [TelemetryField] public A<Box<T>> Next { get; set; } } " +
            "[TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Node<Node<T>>.
        {
            "public class Node<T> { [TelemetryField] public Node<Node<T>> Next { get; set; } [TelemetryField] public T Value { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public Node<int> Root { get; set; } }",
            "'Node' reaches itself with larger type arguments"
        },

        // Mutual recursion: A<T> -> B<T[]> -> A<T[]>.
        {
            "public class A<T> { [TelemetryField] public B<T[]> ToB { get; set; } } public class B<T> { [TelemetryField] public A<T> ToA { get; set; } } " +
            "[TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Through a base type.
        {
            "public class Base<T> { [TelemetryField] public A<(T, int)> Next { get; set; } } public class A<T> : Base<T> { } " +
            "[TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Through a tuple, which the generator rejects: the privacy rules' walk still says why it stopped.
        {
            "public class A<T> { [TelemetryField] public A<(T, T)> Next { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public (A<int>, int) Pair { get; set; } }",
            "'A' reaches itself with larger type arguments"
        },

        // Through a struct.
        {
            "public struct S<T> { [TelemetryField] public List<S<T[]>> Items { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public S<int> Root { get; set; } }",
            "'S' reaches itself with larger type arguments"
        },
    };

    [Theory]
    [MemberData(nameof(UnboundedSources))]
    public async Task An_unbounded_shape_is_PII007_after_a_bounded_walk(string source, string expected)
    {
        (List<Exception> exceptions, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(source);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id == "PII007" && d.GetMessage().Contains(expected, StringComparison.Ordinal) && d.GetMessage().Contains(NoBound, StringComparison.Ordinal));

        (int walkSteps, int buildSteps) = CountSteps(source);
        Assert.InRange(walkSteps, 1, SmallWalk);
        Assert.InRange(buildSteps, 1, SmallWalk);
    }

    [Fact]
    public async Task The_issue_example_is_reported_on_the_generic_type()
    {
        const string source = """
            public class A<T>
            {
                [TelemetryField] public A<(T, T)> Next { get; set; }
                [TelemetryField] public Dictionary<string, A<T[]>> More { get; set; }
                [TelemetryField] public T Value { get; set; }
            }

            [TelemetryPayload] public class P { [TelemetryField] public A<int> Root { get; set; } }
            """;

        (_, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(source);

        Diagnostic unbounded = Assert.Single(diagnostics, d => d.Id == "PII007" && d.GetMessage().Contains(NoBound, StringComparison.Ordinal));
        Assert.Equal("A", unbounded.Location.SourceTree!.ToString().Substring(unbounded.Location.SourceSpan.Start, unbounded.Location.SourceSpan.Length));
        Assert.Equal(
            "'A' reaches itself with larger type arguments, so the payload's shape has no bound: " +
            "a payload must be bounded; declare a concrete type for each level instead of a generic type that holds itself",
            unbounded.GetMessage());
    }

    [Theory]
    [InlineData("public class Node<T> { [TelemetryField] public Node<T> Next { get; set; } [TelemetryField] public int Count { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public Node<int> Root { get; set; } }")]
    [InlineData("public class Node { [TelemetryField] public List<Node> Children { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public Node Root { get; set; } }")]
    [InlineData("public class Node<T> { [TelemetryField] public Node<int> Next { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public Node<string> Root { get; set; } }")]
    [InlineData("public class Node<T> { [TelemetryField] public T Value { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public Node<Node<int>> Nested { get; set; } }")]
    [InlineData("public class Node<A, B> { [TelemetryField] public Node<B, A> Swapped { get; set; } } [TelemetryPayload] public class P { [TelemetryField] public Node<int, string> Root { get; set; } }")]
    public async Task Ordinary_recursion_keeps_its_message(string source)
    {
        (_, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(source);

        Diagnostic recursive = Assert.Single(diagnostics, d => d.Id == "PII007");
        Assert.Equal("'Node' contains itself; a payload must be bounded, so recursive payload types are not supported", recursive.GetMessage());
        (int walkSteps, int buildSteps) = CountSteps(source);
        Assert.InRange(walkSteps, 1, SmallWalk);
        Assert.InRange(buildSteps, 1, SmallWalk);
    }

    [Fact]
    public async Task Too_many_distinct_types_is_PII007_after_a_bounded_walk()
    {
        // No type reaches itself, but each level doubles the constructions: 2^24 distinct types in all.
        var source = new StringBuilder();
        const int levels = 24;
        for (int level = 1; level < levels; level++)
        {
            source.Append($"public class L{level}<T> {{ [TelemetryField] public L{level + 1}<(T, int)> Left {{ get; set; }} [TelemetryField] public L{level + 1}<(int, T)> Right {{ get; set; }} }}\n");
        }

        source.Append($"public class L{levels}<T> {{ [TelemetryField] public int Count {{ get; set; }} }}\n");
        source.Append("[TelemetryPayload] public class P { [TelemetryField] public L1<int> Root { get; set; } }");

        (List<Exception> exceptions, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(source.ToString());

        Assert.Empty(exceptions);
        Assert.Contains(diagnostics, d => d.Id == "PII007" && d.GetMessage().Contains($"more than {ShapeBounds.MaxTypes} distinct classes and structs, so {NoBound}", StringComparison.Ordinal));
        (int walkSteps, int buildSteps) = CountSteps(source.ToString());

        // A type and its two members per type, a type and three values per object, up to the bound.
        Assert.InRange(walkSteps, ShapeBounds.MaxTypes, 4 * ShapeBounds.MaxTypes);
        Assert.InRange(buildSteps, ShapeBounds.MaxTypes, 5 * ShapeBounds.MaxTypes);
    }

    [Fact]
    public async Task A_type_that_doubles_at_each_step_is_PII007_after_a_bounded_walk()
    {
        // Each level's type argument is twice the last: L40's would be built of 2^40 type names.
        var source = new StringBuilder();
        const int levels = 40;
        for (int level = 1; level < levels; level++)
        {
            source.Append($"public class L{level}<T> {{ [TelemetryField] public L{level + 1}<(T, T)> Next {{ get; set; }} }}\n");
        }

        source.Append($"public class L{levels}<T> {{ [TelemetryField] public T Value {{ get; set; }} }}\n");
        source.Append("[TelemetryPayload] public class P { [TelemetryField] public L1<int> Root { get; set; } }");

        (List<Exception> exceptions, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(source.ToString());

        Assert.Empty(exceptions);
        Assert.Contains(diagnostics, d => d.Id == "PII007" && d.GetMessage().Contains($"'Next' has a type built of more than {ShapeBounds.MaxTypeSize} type names, so {NoBound}", StringComparison.Ordinal));
        (int walkSteps, int buildSteps) = CountSteps(source.ToString());
        Assert.InRange(walkSteps, 1, 2 * levels);
        Assert.InRange(buildSteps, 1, 2 * levels);
    }

    [Fact]
    public async Task Types_that_each_use_the_next_twice_are_PII007_after_a_bounded_walk()
    {
        // No generics: 30 types, but 2^30 field paths once each use of a type is written out in the schema docs.
        string source = DoublingTypes(levels: 30);

        (List<Exception> exceptions, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(source);

        Assert.Empty(exceptions);
        Diagnostic unbounded = Assert.Single(diagnostics, d => d.Id == "PII007");
        Assert.Equal(
            $"'P' has more than {ShapeBounds.MaxFieldPaths} field paths once its nested types are written out at each use, so {NoBound}: " +
            "a payload must be bounded; use fewer nested types, or each of them fewer times",
            unbounded.GetMessage());
        (int walkSteps, int buildSteps) = CountSteps(source);
        Assert.InRange(walkSteps, 30, 4 * 30);
        Assert.InRange(buildSteps, 30, 8 * 30);
    }

    [Fact]
    public async Task Types_that_each_use_the_next_twice_are_fine_within_the_bound()
    {
        (List<Exception> exceptions, ImmutableArray<Diagnostic> diagnostics) = await AnalyzeAsync(DoublingTypes(levels: 8));

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PII007");
    }

    /// <summary>L1 holds two L2, L2 two L3, …: as many types as levels, twice as many field paths per level.</summary>
    internal static string DoublingTypes(int levels)
    {
        var source = new StringBuilder();
        for (int level = 1; level < levels; level++)
        {
            source.Append($"public class L{level} {{ [TelemetryField] public L{level + 1} Left {{ get; set; }} [TelemetryField] public L{level + 1} Right {{ get; set; }} }}\n");
        }

        source.Append($"public class L{levels} {{ [TelemetryField] public int Count {{ get; set; }} }}\n");
        source.Append("[TelemetryPayload] public class P { [TelemetryField] public L1 Root { get; set; } }");
        return source.ToString();
    }

    [Fact]
    public void A_cancelled_walk_or_build_stops_and_caches_nothing()
    {
        CSharpCompilation compilation = Compile(UnboundedSources.First()[0].ToString()!);
        INamedTypeSymbol payload = compilation.GetTypeByMetadataName("P")!;
        AnalysisCache cache = AnalysisCache.For(compilation);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => cache.GetWalk(payload, payload.Locations[0], EmptyOptions.Instance, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => cache.GetModel(payload, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => cache.GetProblems(payload, cancelled.Token));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_cache_holds_entries_for_declared_symbols_only()
    {
        // Every walk reaches hundreds of constructions of the L types; the cache keeps the declared members only.
        var source = new StringBuilder();
        for (int level = 1; level < 12; level++)
        {
            source.Append($"public class L{level}<T> {{ [TelemetryField] public L{level + 1}<(T, int)> Left {{ get; set; }} [TelemetryField] public L{level + 1}<(int, T)> Right {{ get; set; }} }}\n");
        }

        source.Append("public class L12<T> { [TelemetryField] public int Count { get; set; } }\n");
        source.Append("[TelemetryPayload] public class P { [TelemetryField] public L1<int> Root { get; set; } }");
        CSharpCompilation compilation = Compile(source.ToString());
        INamedTypeSymbol payload = compilation.GetTypeByMetadataName("P")!;
        AnalysisCache cache = AnalysisCache.For(compilation);

        PayloadWalk walk = cache.GetWalk(payload, payload.Locations[0], EmptyOptions.Instance, CancellationToken.None);
        cache.GetProblems(payload, CancellationToken.None);
        cache.GetModel(payload, CancellationToken.None);

        Assert.True(walk.Members.Count > ShapeBounds.MaxTypes, $"{walk.Members.Count} members");
        int declaredMembers = 2 * 11 + 1 + 1;

        // Per declared member at most its entry and its type's shape; one walk and one model.
        Assert.InRange(cache.Count, 1, 2 * declaredMembers + 2);
        Assert.InRange(cache.Symbols!.ShapeCount, 1, declaredMembers);

        // The problem search reads constructions afresh: it keeps no object type, the payload's own and L1<int>'s included.
        Assert.Empty(cache.BuilderCache.Objects);
    }

    private static (int WalkSteps, int BuildSteps) CountSteps(string source)
    {
        CSharpCompilation compilation = Compile(source);
        INamedTypeSymbol payload = compilation.GetTypeByMetadataName("P")!;
        PayloadWalk walk = PayloadWalker.Walk(payload, payload.Locations[0], AnalysisCache.For(compilation), EmptyOptions.Instance, CancellationToken.None);
        PayloadModelBuilder builder = PayloadModelBuilder.Run(payload, compilation);
        PayloadModelBuilder search = PayloadModelBuilder.RunFindProblems(payload, compilation, new PayloadModelBuilderCache());

        // The model build and PII007's problem search must each keep within the bound.
        return (walk.Steps, Math.Max(builder.Steps, search.Steps));
    }

    internal static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create(
            "Shapes",
            new[] { CSharpSyntaxTree.ParseText("using System; using System.Collections.Generic; using PiiGuard;\n" + source, new CSharpParseOptions(LanguageVersion.Latest)) },
            PlatformReferences.WithPiiGuard,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static async Task<(List<Exception> Exceptions, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(string source)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await Compile(source)
            .WithAnalyzers(AllAnalyzers.Create(), options)
            .GetAnalyzerDiagnosticsAsync();
        return (exceptions, diagnostics);
    }

    /// <summary>No .editorconfig: every file has no options.</summary>
    internal sealed class EmptyOptions : AnalyzerConfigOptionsProvider
    {
        public static readonly EmptyOptions Instance = new();

        public override AnalyzerConfigOptions GlobalOptions => None.Instance;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None.Instance;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None.Instance;

        private sealed class None : AnalyzerConfigOptions
        {
            public static readonly None Instance = new();

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = null;
                return false;
            }
        }
    }
}
