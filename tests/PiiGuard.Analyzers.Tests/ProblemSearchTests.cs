using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PiiGuard.Fuzzing.Sources;
using PiiGuard.Generators.Model;
using PiiGuard.Generators.Parser;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.UnsupportedPayloadAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// PII007's problem search (<see cref="PayloadModelBuilder.FindProblems"/>): it reads each object type a payload reaches
/// once per compilation and replays what it found per payload, instead of building every payload's model. It must find
/// exactly what the model build finds, payload by payload, and read a type shared by many payloads once.
/// </summary>
public class ProblemSearchTests
{
    private const long MutantSeed = 10;
    private const int Mutants = 400;

    private static readonly Lazy<SourceCorpus> Corpus = new(() => SourceCorpus.Load(SourceCorpus.FindRepositoryRoot(AppContext.BaseDirectory)));

    [Fact]
    public void The_search_finds_what_the_model_build_finds_in_every_payload_of_the_corpus_and_its_mutants()
    {
        int payloads = 0, withProblems = 0;
        IEnumerable<string> sources = Corpus.Value.Sources.Select(seed => seed.Text)
            .Concat(Enumerable.Range(0, Mutants).Select(index => SourceMutator.Create(MutantSeed, index, Corpus.Value).Input.Source));
        foreach (string source in sources)
        {
            CSharpCompilation compilation = Compile(source);
            if (CompilerLimits.MayOverflowTheCompiler(compilation.SyntaxTrees[0].GetRoot()))
            {
                continue;
            }

            // One shared cache per compilation, as the analyzers have: later payloads replay what earlier ones read.
            var cache = new PayloadModelBuilderCache();
            foreach (INamedTypeSymbol payload in Payloads(compilation))
            {
                IReadOnlyList<PayloadProblem> expected = PayloadModelBuilder.Build(payload, compilation, typeNames: false).Problems;
                IReadOnlyList<PayloadProblem> found = PayloadModelBuilder.FindProblems(payload, compilation, cache);
                Assert.True(expected.SequenceEqual(found), $"{payload.Name}: expected [{Describe(expected)}], found [{Describe(found)}]\n{source}");
                payloads++;
                withProblems += expected.Count > 0 ? 1 : 0;
            }
        }

        // The corpus has clean payloads and payloads with problems of most kinds.
        Assert.InRange(payloads, 400, int.MaxValue);
        Assert.InRange(withProblems, 100, payloads - 100);
    }

    [Fact]
    public void A_record_shared_by_payloads_is_read_once_and_its_bounds_are_checked_per_payload()
    {
        // L2 .. L10 make a record of 766 field paths: once in a payload it is within the bound, twice it is not.
        CSharpCompilation compilation = UnboundedShapeTests.Compile(SharedDoubling + "\n" + FieldPathPayloads);
        INamedTypeSymbol[] payloads = { Type(compilation, "P1"), Type(compilation, "P2"), Type(compilation, "P3") };
        AnalysisCache cache = AnalysisCache.For(compilation);

        IReadOnlyList<PayloadProblem>[] problems = payloads.Select(p => cache.GetProblems(p, CancellationToken.None)).ToArray();

        Assert.Empty(problems[0]);
        PayloadProblem tooMany = Assert.Single(problems[1]);
        Assert.Equal(PayloadProblemKind.TooManyFieldPaths, tooMany.Kind);
        Assert.Equal("P2", tooMany.Symbol.Name);
        Assert.Empty(problems[2]);

        // Nine shared types, each read once for three payloads; the payloads' own (root) objects are not kept.
        Assert.Equal(9, cache.BuilderCache.ObjectsRead);
        Assert.Equal(9, cache.BuilderCache.Objects.Count);
        for (int i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(PayloadModelBuilder.Build(payloads[i], compilation, typeNames: false).Problems, problems[i]);
        }
    }

    [Fact]
    public void The_type_bound_is_checked_per_payload_when_a_shared_record_brings_most_of_the_types()
    {
        // R reaches 200 types: with R alone a payload is within the bound of 256 types, with R and 60 more it is not.
        var source = new StringBuilder();
        for (int i = 1; i < 200; i++)
        {
            source.Append($"public class C{i} {{ [TelemetryField] public C{i + 1} Next {{ get; set; }} = null!; }}\n");
        }

        source.Append("public class C200 { [TelemetryField] public int Count { get; set; } }\n");
        for (int i = 1; i < 60; i++)
        {
            source.Append($"public class D{i} {{ [TelemetryField] public D{i + 1} Next {{ get; set; }} = null!; }}\n");
        }

        source.Append("public class D60 { [TelemetryField] public int Count { get; set; } }\n");
        source.Append("public class R { [TelemetryField] public C1 Chain { get; set; } = null!; }\n");
        source.Append("[TelemetryPayload] public class Small { [TelemetryField] public R Shared { get; set; } = null!; }\n");
        source.Append("[TelemetryPayload] public class Large { [TelemetryField] public R Shared { get; set; } = null!; [TelemetryField] public D1 More { get; set; } = null!; }\n");
        source.Append("[TelemetryPayload] public class SmallAgain { [TelemetryField] public R Shared { get; set; } = null!; }\n");
        CSharpCompilation compilation = UnboundedShapeTests.Compile(source.ToString());
        AnalysisCache cache = AnalysisCache.For(compilation);

        IReadOnlyList<PayloadProblem> small = cache.GetProblems(Type(compilation, "Small"), CancellationToken.None);
        IReadOnlyList<PayloadProblem> large = cache.GetProblems(Type(compilation, "Large"), CancellationToken.None);
        IReadOnlyList<PayloadProblem> smallAgain = cache.GetProblems(Type(compilation, "SmallAgain"), CancellationToken.None);

        Assert.Empty(small);
        Assert.Empty(smallAgain);
        PayloadProblem tooMany = Assert.Single(large);
        Assert.Equal(PayloadProblemKind.TooManyTypes, tooMany.Kind);
        Assert.Equal(PayloadModelBuilder.Build(Type(compilation, "Large"), compilation, typeNames: false).Problems, large);

        // R and its 200 types read once for Small; Large reads only the D types that fit within its bound.
        Assert.Equal(201 + 54, cache.BuilderCache.ObjectsRead);
    }

    [Fact]
    public Task PII007_reports_the_payload_that_uses_a_shared_record_beyond_the_bound_and_not_the_others() =>
        Verify.VerifyAsync(SharedDoubling + "\n" + FieldPathPayloads.Replace("public class P2", "public class {|PII007:P2|}", StringComparison.Ordinal));

    [Fact]
    public void Values_that_hold_no_other_value_are_made_once_per_cache_and_the_models_are_those_built_alone()
    {
        CSharpCompilation compilation = UnboundedShapeTests.Compile(
            "public enum Mode { Fast, Slow }\n" +
            "[TelemetryPayload] public class A { [TelemetryField] public int X { get; set; } [TelemetryField] public int? Y { get; set; } [TelemetryField] public List<int>? Z { get; set; } [TelemetryField] public bool On { get; set; } [TelemetryField] public Mode M { get; set; } }\n" +
            "[TelemetryPayload] public class B { [TelemetryField] public int X { get; set; } [TelemetryField] public bool Off { get; set; } [TelemetryField] public Dictionary<string, int>? Counts { get; set; } [TelemetryField] public Dictionary<Mode, int>? ByMode { get; set; } }\n");
        var cache = new PayloadModelBuilderCache();
        PayloadModel a = PayloadModelBuilder.Build(Type(compilation, "A"), compilation, typeNames: false, CancellationToken.None, cache).Model;
        PayloadModel b = PayloadModelBuilder.Build(Type(compilation, "B"), compilation, typeNames: false, CancellationToken.None, cache).Model;

        Assert.Equal(PayloadModelBuilder.Build(Type(compilation, "A"), compilation, typeNames: false).Model, a);
        Assert.Equal(PayloadModelBuilder.Build(Type(compilation, "B"), compilation, typeNames: false).Model, b);

        // Eleven values (X twice, Y's int, Z's elements, On, Off, M, Counts' and ByMode's keys and values) of four
        // leaves: int, bool, string, Mode; the cache holds those, the enum and the eight members' JSON names.
        Assert.Same(ValueOf(a, "X"), ValueOf(b, "X"));
        Assert.Same(ValueOf(a, "X"), ValueOf(a, "Z").Element);
        Assert.Same(ValueOf(a, "X"), ValueOf(b, "Counts").Element);
        Assert.Same(ValueOf(a, "On"), ValueOf(b, "Off"));
        Assert.Same(ValueOf(a, "M"), ValueOf(b, "ByMode").Key);
        Assert.Equal(8 + 4 + 1, cache.Count);

        static ValueModel ValueOf(PayloadModel model, string member) =>
            model.Find(model.Root).Fields.First(field => field.MemberName == member).Value;
    }

    [Fact]
    public void A_cancelled_search_caches_no_object()
    {
        CSharpCompilation compilation = UnboundedShapeTests.Compile(SharedDoubling + "\n" + FieldPathPayloads);
        AnalysisCache cache = AnalysisCache.For(compilation);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => cache.GetProblems(Type(compilation, "P1"), cancelled.Token));
        Assert.Equal(0, cache.BuilderCache.Count);
        Assert.Equal(0, cache.BuilderCache.ObjectsRead);
    }

    /// <summary>L2 holds two L3, …, L9 two L10: 766 field paths under L2.</summary>
    private static string SharedDoubling
    {
        get
        {
            var source = new StringBuilder();
            for (int level = 2; level < 10; level++)
            {
                source.Append($"public class L{level} {{ [TelemetryField] public L{level + 1} Left {{ get; set; }} = null!; [TelemetryField] public L{level + 1} Right {{ get; set; }} = null!; }}\n");
            }

            source.Append("public class L10 { [TelemetryField] public int Count { get; set; } }\n");
            return source.ToString();
        }
    }

    private const string FieldPathPayloads =
        "[TelemetryPayload] public class P1 { [TelemetryField] public L2 Shared { get; set; } = null!; }\n" +
        "[TelemetryPayload] public class P2 { [TelemetryField] public L2 Shared { get; set; } = null!; [TelemetryField] public L2 Again { get; set; } = null!; }\n" +
        "[TelemetryPayload] public class P3 { [TelemetryField] public L2 Shared { get; set; } = null!; }\n";

    private static INamedTypeSymbol Type(Compilation compilation, string name) => compilation.GetTypeByMetadataName(name)!;

    private static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create(
            "Search",
            new[] { CSharpSyntaxTree.ParseText(source, SourceMutator.ParseOptions, path: "Search.cs") },
            FuzzReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static IEnumerable<INamedTypeSymbol> Payloads(Compilation compilation)
    {
        var types = new Stack<INamespaceOrTypeSymbol>();
        types.Push(compilation.Assembly.GlobalNamespace);
        while (types.Count > 0)
        {
            foreach (ISymbol member in types.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    types.Push(container);
                }

                if (member is INamedTypeSymbol type && type.GetAttributes().Any(a => a.AttributeClass?.Name == "TelemetryPayloadAttribute"))
                {
                    yield return type;
                }
            }
        }
    }

    private static string Describe(IEnumerable<PayloadProblem> problems) =>
        string.Join("; ", problems.Select(p => $"{p.Kind} {p.Symbol.Name} ({string.Join(", ", p.Arguments)})"));
}
