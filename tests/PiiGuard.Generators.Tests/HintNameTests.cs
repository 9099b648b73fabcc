using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// Every generated file needs a hint name of its own (the driver compares them ignoring case, and throws CS8785 on a
/// repeat) and every payload's generated classes need names of their own. Payloads whose names collide, in valid
/// code or in code broken mid-edit, must never make the generator throw.
/// </summary>
public class HintNameTests
{
    private const string Usings = "using System.Collections.Generic;\nusing PiiGuard;\n";

    private static string Payload(string declaration, string field = "Count") =>
        $"[TelemetryPayload] public sealed class {declaration} {{ [TelemetryField] public int {field} {{ get; set; }} }}";

    /// <summary>Sources whose payloads all compile: each payload gets its own file and classes.</summary>
    public static TheoryData<string, int> CollidingValidSources => new()
    {
        // A nested type and a type whose name has an underscore: both "A_B" once sanitized.
        { "public class A { " + Payload("B") + " } " + Payload("A_B"), 2 },

        // Names that differ only in case: hint names are compared ignoring case.
        { Payload("Usage") + " " + Payload("usage"), 2 },

        // A namespace and an underscore: different hint names (N.A.B, N.A_B), the same class names once '.' is '_'.
        { "namespace N.A { " + Payload("B") + " } namespace N { " + Payload("A_B") + " }", 2 },

        // A combining accent is not a letter: "Cafe\u0301" sanitizes to "Cafe_", like the type "Cafe_".
        { Payload("Cafe\u0301") + " " + Payload("Cafe_"), 2 },

        // A type whose sanitized name is another's disambiguated name would be.
        { "public class A { " + Payload("B") + " } " + Payload("A_B") + " " + Payload("A_B_1") + " " + Payload("A_B_2"), 4 },

        // Names cut to the longest hint name (the payload names are short: a long one is PII007).
        { Payload(new string('L', 200) + "A").Replace("[TelemetryPayload]", "[TelemetryPayload(Name = \"a\")]") + " " +
          Payload(new string('L', 200) + "B").Replace("[TelemetryPayload]", "[TelemetryPayload(Name = \"b\")]"), 2 },
    };

    [Theory]
    [MemberData(nameof(CollidingValidSources))]
    public void Colliding_names_in_valid_code_get_files_and_classes_of_their_own(string source, int payloads)
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(Usings + source);

        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Empty(result.Diagnostics);
        string[] hintNames = run.Payloads().Select(s => s.HintName).ToArray();
        Assert.Equal(payloads, hintNames.Length);
        Assert.Equal(payloads, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
        Assert.Equal(payloads, SerializerClasses(output).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void An_ordinary_payload_keeps_its_plain_names()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(Usings + "namespace Shop; " + Payload("Usage") + " " + Payload("Other"));

        Assert.Equal(
            new[] { "Shop.Other.PiiGuard.g.cs", "Shop.Usage.PiiGuard.g.cs" },
            result.Results.Single().Payloads().Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(
            new[] { "PiiGuardSerializer_Shop_Other", "PiiGuardSerializer_Shop_Usage" },
            SerializerClasses(output).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Colliding_payloads_are_numbered_in_type_name_order_and_keep_their_plain_names_once_alone()
    {
        (Compilation output, GeneratorDriverRunResult colliding) = GeneratorHarness.Run(Usings + Payload("usage") + " " + Payload("Usage"));
        (_, GeneratorDriverRunResult alone) = GeneratorHarness.Run(Usings + Payload("usage"));

        Assert.Equal(
            new[] { "Usage-1.PiiGuard.g.cs", "usage-2.PiiGuard.g.cs" },
            colliding.Results.Single().Payloads().Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(
            new[] { "PiiGuardSerializer_Usage_1", "PiiGuardSerializer_usage_2" },
            SerializerClasses(output).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "usage.PiiGuard.g.cs" }, alone.Results.Single().Payloads().Select(s => s.HintName));
    }

    /// <summary>Code broken mid-edit: whatever the generator emits, it must not throw or report anything.</summary>
    public static TheoryData<string> BrokenSources => new()
    {
        // The type duplicated while it is being copied.
        Payload("P") + " " + Payload("P"),
        "namespace Shop { " + Payload("P") + " " + Payload("P", "Other") + " }",

        // A class and a struct of the same name.
        Payload("P") + " [TelemetryPayload] public struct P { [TelemetryField] public int Count { get; set; } }",

        // [TelemetryPayload] on two parts of a partial type, and on one part only.
        "[TelemetryPayload] public partial class P { [TelemetryField] public int A { get; set; } } [TelemetryPayload] public partial class P { [TelemetryField] public int B { get; set; } }",
        "[TelemetryPayload] public partial class P { [TelemetryField] public int A { get; set; } } public partial class P { [TelemetryField] public int B { get; set; } }",

        // Three copies, and copies in two files' worth of namespaces.
        Payload("P") + " " + Payload("P") + " " + Payload("P"),
        "namespace N { " + Payload("P") + " } namespace N { " + Payload("P") + " }",

        // Generic arity: P and P<T> (which is not a payload the generator can emit), and P_1 beside P`1.
        Payload("P") + " " + Payload("P<T>") + " " + Payload("P_1"),

        // A nested type duplicated.
        "public class Outer { " + Payload("P") + " " + Payload("P") + " }",

        // A namespace and a type of the same name.
        "namespace A { " + Payload("B") + " } public class A { " + Payload("B") + " }",

        // Names the sanitizer changes: keywords, accents, letters of other scripts.
        Payload("@class") + " " + Payload("Cafe\u0301") + " " + Payload("Cafe_") + " " + Payload("主机"),

        // A very long name.
        Payload(new string('L', 600)) + " " + Payload(new string('L', 600) + "X"),
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public void Colliding_names_in_broken_code_never_make_the_generator_throw(string source)
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Run(Usings + source);

        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Empty(result.Diagnostics);
        string[] hintNames = run.GeneratedSources.Select(s => s.HintName).ToArray();
        Assert.Equal(hintNames.Length, hintNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(run.GeneratedSources, s => Assert.True(s.HintName.Length < 240, s.HintName));
    }

    [Fact]
    public void Duplicating_a_payload_mid_edit_and_undoing_it_never_throws_nor_regenerates_the_other_payloads()
    {
        // The other payload is in a file of its own: within one file, the driver matches payloads by position.
        string original = Usings + "namespace Shop; " + Payload("P");
        string duplicated = Usings + "namespace Shop; " + Payload("P") + " " + Payload("P", "Second");
        CSharpCompilation compilation = GeneratorHarness.Compile(original, Usings + "namespace Shop; " + Payload("Other"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.First();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(duplicated, GeneratorHarness.ParseOptions, tree.FilePath));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult during = driver.GetRunResult().Results.Single();
        Assert.Null(during.Exception);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Contains("Shop.Other.PiiGuard.g.cs", during.Payloads().Select(s => s.HintName));
        Assert.Equal(new[] { "global::Shop.P" }, during.RegeneratedPayloads());

        SyntaxTree duplicatedTree = edited.SyntaxTrees.First();
        CSharpCompilation undone = edited.ReplaceSyntaxTree(duplicatedTree, CSharpSyntaxTree.ParseText(original, GeneratorHarness.ParseOptions, tree.FilePath));
        GeneratorRunResult after = driver.RunGenerators(undone).GetRunResult().Results.Single();
        Assert.Null(after.Exception);
        Assert.Equal(
            new[] { "Shop.Other.PiiGuard.g.cs", "Shop.P.PiiGuard.g.cs" },
            after.Payloads().Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "global::Shop.P" }, after.RegeneratedPayloads());
    }

    [Fact]
    public void A_collision_that_starts_renames_and_regenerates_only_the_colliding_payloads()
    {
        string before = Usings + "namespace Shop; " + Payload("Usage") + " " + Payload("Other") + " " + Payload("Third");
        CSharpCompilation compilation = GeneratorHarness.Compile(before, Usings + "namespace Shop; public class Helper { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        SyntaxTree helper = compilation.SyntaxTrees.Last();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(helper,
            CSharpSyntaxTree.ParseText(Usings + "namespace Shop; " + Payload("usage"), GeneratorHarness.ParseOptions, helper.FilePath));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Null(run.Exception);
        Assert.Equal(new[] { "global::Shop.Usage", "global::Shop.usage" }, run.RegeneratedPayloads());
        Assert.Equal(
            new[] { "Shop.Other.PiiGuard.g.cs", "Shop.Third.PiiGuard.g.cs", "Shop.Usage-1.PiiGuard.g.cs", "Shop.usage-2.PiiGuard.g.cs" },
            run.Payloads().Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void An_edit_of_one_payload_regenerates_only_that_payload()
    {
        string source = Usings + "namespace Shop; " + Payload("Usage") + " " + Payload("Other") + " " + Payload("Third");
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree,
            CSharpSyntaxTree.ParseText(source.Replace("class Other { [TelemetryField] public int Count", "class Other { [TelemetryField] public long Count"), GeneratorHarness.ParseOptions, tree.FilePath));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(new[] { "global::Shop.Other" }, run.RegeneratedPayloads());
        Assert.All(run.TrackedSteps[TelemetryPayloadGenerator.TrackingNames.Collisions].SelectMany(s => s.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Collisions were {output.Reason}"));
    }

    private static IEnumerable<string> SerializerClasses(Compilation output) =>
        output.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Select(c => c.Identifier.ValueText)
            .Where(n => n.StartsWith("PiiGuardSerializer_", StringComparison.Ordinal));
}
