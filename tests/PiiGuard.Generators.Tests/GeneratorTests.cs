using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PiiGuard.Generators.Model;
using PiiGuard.Generators.Parser;

namespace PiiGuard.Generators.Tests;

public class GeneratorTests
{
    /// <summary>The generator's assembly, read the way any reader of the generated code would.</summary>
    private static readonly AssemblyName Generator = typeof(TelemetryPayloadGenerator).Assembly.GetName();

    private const string Payload = """
        using System;
        using System.Collections.Generic;
        using PiiGuard;
        using static PiiGuard.Period;

        namespace Shop;

        public enum Platform { Linux, Windows, [TelemetryValue("macos")] MacOs }

        public sealed record Fleet(
            [property: TelemetryField] int Count,
            [property: TelemetryField] Dictionary<Platform, int> ByPlatform);

        [TelemetryPayload(Name = "shop_usage", SchemaVersion = "1.0")]
        public sealed class Usage
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }

            [TelemetryField(Purpose = "Which week the counts cover"), Aggregated(Week)]
            public DateTimeOffset PeriodStart { get; init; }

            [TelemetryField] public Platform? Platform { get; init; }

            [TelemetryField] public List<Platform> Seen { get; init; } = new();

            [TelemetryField("fleet")] public required Fleet PrinterFleet { get; init; }
        }
        """;

    [Fact]
    public void Emits_the_expected_code()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(Payload);

        // The payload's serializer, and one file for each type it holds: the payload's class, the record, the enum,
        // the list and the dictionary.
        GeneratedSourceResult[] generated = result.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[]
            {
                "Shop.Usage.PiiGuard.g.cs", "Shop_Fleet.PiiGuardType.g.cs", "Shop_Platform.PiiGuardType.g.cs", "Shop_Usage.PiiGuardType.g.cs",
                "System_Collections_Generic_Dictionary_01Shop_Platform_03int_02.PiiGuardType.g.cs",
                "System_Collections_Generic_List_01Shop_Platform_02.PiiGuardType.g.cs",
            },
            generated.Select(s => s.HintName));
        // The generator's version is left out (its own test checks it), so that a release does not change the snapshots.
        string version = $"\"{Generator.Name}\", \"{Generator.Version}\")]";
        foreach (GeneratedSourceResult source in generated)
        {
            Assert.Contains(version, source.SourceText.ToString(), StringComparison.Ordinal);
            Snapshot.AssertMatches(source.HintName, source.SourceText.ToString().Replace(version, $"\"{Generator.Name}\", \"<version>\")]", StringComparison.Ordinal));
        }

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Generated_code_compiles_without_warnings_under_nullable()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(Payload);

        Assert.Empty(result.Diagnostics);
        ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics();
        Assert.True(diagnostics.All(d => d.Severity < DiagnosticSeverity.Warning), string.Join(Environment.NewLine, diagnostics));
    }

    [Fact]
    public void Generated_code_states_the_name_and_version_of_the_generator_assembly()
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Run(Payload);

        Assert.Equal("PiiGuard.Generators", Generator.Name);
        Assert.NotNull(Generator.Version);
        GeneratedSourceResult[] sources = result.Results.Single().GeneratedSources.ToArray();
        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            AttributeSyntax generatedCode = Assert.Single(
                source.SyntaxTree.GetRoot().DescendantNodes().OfType<AttributeSyntax>(),
                a => a.Name.ToString() == "global::System.CodeDom.Compiler.GeneratedCode");
            string[] arguments = generatedCode.ArgumentList!.Arguments.Select(a => ((LiteralExpressionSyntax)a.Expression).Token.ValueText).ToArray();
            Assert.Equal(new[] { Generator.Name!, Generator.Version!.ToString() }, arguments);
        });
    }

    [Fact]
    public void Models_of_the_same_payload_are_equal_and_differ_when_the_payload_does()
    {
        PayloadModel first = Model(Payload);
        PayloadModel second = Model(Payload);
        PayloadModel renamed = Model(Payload.Replace("[TelemetryField(\"fleet\")]", "[TelemetryField(\"printer_fleet\")]"));
        PayloadModel newEnumValue = Model(Payload.Replace("MacOs }", "MacOs, Bsd }"));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, renamed);
        Assert.NotEqual(first, newEnumValue);
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_locations_or_compilations()
    {
        Type[] forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree) };
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(new[] { typeof(PayloadModel) });
        while (queue.Count > 0)
        {
            Type type = queue.Dequeue();
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Type propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                Assert.False(forbidden.Any(f => f.IsAssignableFrom(propertyType)), $"{type.Name}.{property.Name} is a {propertyType.Name}");
                Assert.NotEqual(typeof(object), propertyType);
                if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(EquatableArray<>))
                {
                    queue.Enqueue(propertyType.GetGenericArguments()[0]);
                }
                else if (propertyType.Namespace == typeof(PayloadModel).Namespace)
                {
                    queue.Enqueue(propertyType);
                }
                else
                {
                    Assert.True(propertyType.IsPrimitive || propertyType.IsEnum || propertyType == typeof(string), $"{type.Name}.{property.Name} is a {propertyType.Name}");
                }
            }
        }

        Assert.Contains(typeof(ValueModel), seen);
        Assert.Contains(typeof(EnumMemberModel), seen);
    }

    [Fact]
    public void An_edit_elsewhere_leaves_every_step_cached_or_unchanged()
    {
        const string unrelated = "namespace Shop; public static class Helpers { public static int Twice(int x) => x * 2; }";
        CSharpCompilation compilation = GeneratorHarness.Compile(Payload, unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(unrelated.Replace("x * 2", "x + x"), GeneratorHarness.ParseOptions, old.FilePath));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        ImmutableArray<IncrementalGeneratorRunStep> steps = run.TrackedSteps[TelemetryPayloadGenerator.TrackingNames.Payloads];
        Assert.NotEmpty(steps);
        Assert.All(steps.SelectMany(s => s.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step output was {output.Reason}"));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Output was {output.Reason}"));
    }

    [Fact]
    public void An_edit_of_the_payload_regenerates_it()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Payload);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old,
            CSharpSyntaxTree.ParseText(Payload.Replace("MacOs }", "MacOs, Bsd }"), GeneratorHarness.ParseOptions, old.FilePath));

        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(run.TrackedSteps[TelemetryPayloadGenerator.TrackingNames.Payloads].SelectMany(s => s.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"bsd\"", run.GeneratedSources.Single(s => s.HintName == "Shop_Platform.PiiGuardType.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Payloads_with_problems_are_skipped_not_emitted_broken()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using PiiGuard;

            [TelemetryPayload]
            public sealed class Broken
            {
                [TelemetryField] public Queue<int> Sizes { get; set; } = new();
            }

            [TelemetryPayload]
            public sealed class Fine
            {
                [TelemetryField] public int Count { get; set; }
            }
            """);

        Assert.Equal(new[] { "Fine.PiiGuard.g.cs", "Fine.PiiGuardType.g.cs" }, result.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_payload_with_too_many_field_paths_is_skipped_after_a_bounded_amount_of_work()
    {
        // 30 types, each holding two of the next: 2^30 field paths in the schema docs if they were written.
        var source = new System.Text.StringBuilder("using PiiGuard;\n");
        for (int level = 1; level < 30; level++)
        {
            source.Append($"public class L{level} {{ [TelemetryField] public L{level + 1} Left {{ get; set; }} = new(); [TelemetryField] public L{level + 1} Right {{ get; set; }} = new(); }}\n");
        }

        source.Append("public class L30 { [TelemetryField] public int Count { get; set; } }\n");
        source.Append("[TelemetryPayload] public class Tree { [TelemetryField] public L1 Root { get; set; } = new(); }\n");
        source.Append("[TelemetryPayload] public class Small { [TelemetryField] public L29 Root { get; set; } = new(); }\n");

        (_, GeneratorDriverRunResult result) = GeneratorHarness.Run(source.ToString());

        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Equal(new[] { "Small.PiiGuard.g.cs" }, run.Payloads().Select(s => s.HintName));
    }

    public static TheoryData<string> BrokenSources => new()
    {
        "[TelemetryPayload] public class P { [TelemetryField] public string",
        "[TelemetryPayload] public class P { [TelemetryField] public Unknown X { get; set; } }",
        "[TelemetryPayload] public class P : P { [TelemetryField] public int X; }",
        "public class Node<T> { [TelemetryField] public Node<Node<T>> Next; } [TelemetryPayload] public class P { [TelemetryField] public Node<int> Root; }",
        "[TelemetryPayload] public class P { [TelemetryField(null)] public int X { get; set; } [TelemetryField(\"\")] public int Y { get; set; } }",
        "[TelemetryPayload] public record P([property: TelemetryField] string, [property: TelemetryField] int X);",
        "[TelemetryPayload] public interface IP { [TelemetryField] int X { get; } }",
        "[TelemetryPayload] public class P { [TelemetryField, Aggregated((Period)99)] public System.DateTime At { get; set; } }",
        "[TelemetryPayload",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public void Broken_code_never_makes_the_generator_throw(string source)
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Run("using PiiGuard;\n" + source);

        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.Empty(result.Diagnostics);
    }

    private static PayloadModel Model(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        INamedTypeSymbol payload = compilation.GetTypeByMetadataName("Shop.Usage")!;
        (PayloadModel model, IReadOnlyList<PayloadProblem> problems) = PayloadModelBuilder.Build(payload, compilation);
        Assert.Empty(problems);
        return model;
    }

    [Theory]
    // The reader keeps the fields it has seen in the bits of one ulong: 64 fields fill it, and the check that every
    // field came is against all of its bits, not against (1 << 64) - 1, which would be 0.
    [InlineData(1, "0x1UL")]
    [InlineData(63, "0x7FFFFFFFFFFFFFFFUL")]
    [InlineData(64, "ulong.MaxValue")]
    public void An_object_of_up_to_64_fields_is_read_with_one_mask_of_all_its_fields(int fields, string all)
    {
        string members = string.Concat(Enumerable.Range(0, fields).Select(i => $"    [TelemetryField] public int Count{i:00} {{ get; set; }}\n"));
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(
            "using PiiGuard;\n[TelemetryPayload(Name = \"wide\", SchemaVersion = \"1\")]\npublic class Wide\n{\n" + members + "}\n");

        string generated = string.Concat(result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains($"if (seen != {all})", generated, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void An_object_of_more_than_64_fields_gets_no_serializer()
    {
        string members = string.Concat(Enumerable.Range(0, 65).Select(i => $"    [TelemetryField] public int Count{i:00} {{ get; set; }}\n"));
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Run(
            "using PiiGuard;\n[TelemetryPayload(Name = \"wide\", SchemaVersion = \"1\")]\npublic class Wide\n{\n" + members + "}\n");

        Assert.Empty(result.Results.Single().Payloads());
    }
}
