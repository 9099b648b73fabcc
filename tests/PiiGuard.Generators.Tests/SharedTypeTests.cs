using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// Each class, struct, record and enum that payloads hold is emitted once, whatever the number of payloads that hold
/// it, and the pipeline stays fine-grained: an edit regenerates the types and payloads it changes, nothing else.
/// </summary>
public class SharedTypeTests
{
    private const string Shared = """
        using System;
        using System.Collections.Generic;
        using PiiGuard;

        namespace Shop;

        public enum Platform { Linux, Windows }

        public enum Tier { Free, Pro }

        public sealed record Summary([property: TelemetryField] int Count, [property: TelemetryField] Tier Tier);
        """;

    private static string Payload(string name, string extra = "") => $$"""
        using System;
        using System.Collections.Generic;
        using PiiGuard;

        namespace Shop;

        public sealed class {{name}}Details
        {
            [TelemetryField] public int Jobs { get; init; }{{extra}}
        }

        [TelemetryPayload(SchemaVersion = "1.0")]
        public sealed class {{name}}
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
            [TelemetryField] public Platform Platform { get; init; }
            [TelemetryField] public List<Summary> Summaries { get; init; } = new();
            [TelemetryField] public {{name}}Details Details { get; init; } = new();
        }
        """;

    [Fact]
    public void A_type_held_by_many_payloads_is_emitted_once()
    {
        string[] payloads = Enumerable.Range(0, 20).Select(i => Payload("Stats" + i)).ToArray();
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(payloads.Prepend(Shared).ToArray());

        GeneratorRunResult run = result.Results.Single();
        Assert.Equal(20, run.Payloads().Count());

        // 20 payloads and their 20 details records, and the shared record, two enums and the list of the record once each.
        string[] types = run.Types().Select(s => s.HintName).ToArray();
        Assert.Equal(44, types.Length);
        Assert.Single(types, "System_Collections_Generic_List_01Shop_Summary_02.PiiGuardType.g.cs");
        Assert.Single(types, "Shop_Platform.PiiGuardType.g.cs");
        Assert.Single(types, "Shop_Summary.PiiGuardType.g.cs");
        Assert.Single(types, "Shop_Tier.PiiGuardType.g.cs");

        // No payload's file holds another type's writer: the code of a shared type exists once in the compilation.
        Assert.All(run.Payloads(), s => Assert.DoesNotContain("switch", s.SourceText.ToString(), StringComparison.Ordinal));
        Assert.Equal(1, run.GeneratedSources.Count(s => s.SourceText.ToString().Contains("global::Shop.Platform.Windows =>", StringComparison.Ordinal)));

        ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics();
        Assert.True(diagnostics.All(d => d.Severity < DiagnosticSeverity.Warning), string.Join(Environment.NewLine, diagnostics));
    }

    [Fact]
    public void An_edit_of_one_payloads_own_type_regenerates_that_type_and_that_payload_only()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start();
        CSharpCompilation edited = Replace(compilation, 2, Payload("Second", "\n    [TelemetryField] public int Files { get; init; }"));

        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(new[] { "global::Shop.Second" }, run.RegeneratedPayloads());
        Assert.Equal(new[] { "Shop_SecondDetails" }, run.RegeneratedTypes());
    }

    [Fact]
    public void An_edit_of_a_shared_type_regenerates_it_and_the_payloads_whose_schema_docs_list_it()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start();
        CSharpCompilation edited = Replace(compilation, 0, Shared.Replace("{ Linux, Windows }", "{ Linux, Windows, MacOs }", StringComparison.Ordinal));

        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(new[] { "Shop_Platform" }, run.RegeneratedTypes());
        Assert.Equal(new[] { "global::Shop.First", "global::Shop.Second", "global::Shop.Third" }, run.RegeneratedPayloads());
    }

    [Fact]
    public void An_edit_of_a_type_no_payload_holds_leaves_every_step_cached_or_unchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start();
        CSharpCompilation edited = Replace(compilation, 0, Shared + "\npublic enum Unused { A, B }\n");

        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Empty(run.RegeneratedPayloads());
        Assert.Empty(run.RegeneratedTypes());
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Output was {output.Reason}"));
    }

    [Fact]
    public void A_payload_that_comes_and_goes_adds_and_removes_only_its_own_types()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start();
        SyntaxTree third = compilation.SyntaxTrees.Last();
        CSharpCompilation removed = compilation.RemoveSyntaxTrees(third);

        driver = driver.RunGenerators(removed);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.DoesNotContain(run.Types(), s => s.HintName.StartsWith("Shop_Third", StringComparison.Ordinal));
        Assert.Contains(run.Types(), s => s.HintName == "Shop_Platform.PiiGuardType.g.cs");
        Assert.Empty(run.RegeneratedTypes());

        run = driver.RunGenerators(removed.AddSyntaxTrees(third)).GetRunResult().Results.Single();
        Assert.Equal(new[] { "Shop_Third", "Shop_ThirdDetails" }, run.RegeneratedTypes());
        Assert.Equal(new[] { "global::Shop.Third" }, run.RegeneratedPayloads());
    }

    [Theory]
    [InlineData("global::Shop.Fleet", "Shop_Fleet")]
    [InlineData("global::Shop.Pair<int>", "Shop_Pair_01int_02")]
    [InlineData("global::Shop.Pair<global::Shop.Fleet, string>", "Shop_Pair_01Shop_Fleet_03string_02")]
    [InlineData("global::Shop.My_Type", "Shop_My_00Type")]
    [InlineData("global::Shop.@class", "Shop__09class")]
    public void Type_identifiers_are_readable_and_unique_by_construction(string typeName, string id) =>
        Assert.Equal(id, TelemetryPayloadGenerator.TypeIds.Of(typeName));

    [Fact]
    public void Names_that_one_sanitizer_would_merge_keep_distinct_identifiers()
    {
        string[] names =
        {
            "global::A.B_C", "global::A.B.C", "global::A_B.C", "global::A._B", "global::A_.B", "global::A<B>", "global::A_01B_02",
            "global::A.B<C.D>", "global::A.B<C_D>", "global::A.B<C>.D", "global::Café", "global::Cafe\u0301",
        };

        string[] ids = names.Select(TelemetryPayloadGenerator.TypeIds.Of).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.True(SyntaxFacts.IsValidIdentifier("PiiGuardObject_" + id), id));
    }

    [Fact]
    public void Types_whose_names_differ_only_in_case_get_files_of_their_own()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run("""
            using PiiGuard;
            namespace Shop;
            public enum Kind { A }
            public enum KIND { B }
            [TelemetryPayload] public sealed class Stats { [TelemetryField] public Kind Kind { get; init; } [TelemetryField] public KIND Other { get; init; } }
            """);

        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);
        string[] hintNames = run.GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Equal(hintNames.Length, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(3, run.Types().Count());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) Start()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Shared, Payload("First"), Payload("Second"), Payload("Third"));
        return (GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation), compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees[index];
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, old.FilePath));
    }
}
