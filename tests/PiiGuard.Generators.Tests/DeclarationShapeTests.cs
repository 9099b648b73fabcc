using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// Declarations the generated code could not compile against: found by fuzzing (tools/fuzz). Each is either modelled
/// so that the generated code compiles, or skipped (the analyzers report it as PII007).
/// </summary>
public class DeclarationShapeTests
{
    [Theory]
    [InlineData("[TelemetryPayload] file class Stats { [TelemetryField] public int Count { get; set; } }")]
    [InlineData("[TelemetryPayload] public ref struct Stats { [TelemetryField] public int Count { get; set; } }")]
    [InlineData("[TelemetryPayload] public class Stats { [TelemetryField] public int Count { get; set; } public required string Note { get; init; } }")]
    [InlineData("[TelemetryPayload] public class Stats { [TelemetryField] public Inner Inner { get; set; } = new(); } file class Inner { [TelemetryField] public int Count { get; set; } }")]
    [InlineData("[TelemetryPayload] public class Stats { [TelemetryField] public Secret Kind { get; set; } private enum Secret { A } }")]
    [InlineData("[TelemetryPayload] public class Stats { [TelemetryField] public Holder<Hidden> Held { get; set; } = new(); private class Hidden { [TelemetryField] public int Count { get; set; } } } public class Holder<T> { [TelemetryField] public int Count { get; set; } }")]
    [InlineData("public class Weekly { [TelemetryField(\"weekly\")] public int Count { get; set; } } [TelemetryPayload] public class Daily : Weekly { [TelemetryField] public int Count { get; set; } }")]
    [InlineData("public class Weekly { [TelemetryField] public int Count { get; set; } } [TelemetryPayload] public class Daily : Weekly { public new string Count { get; set; } = \"\"; }")]
    public void A_declaration_generated_code_cannot_name_or_build_is_skipped(string source)
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run("using PiiGuard;\n" + source);

        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Null(result.Results.Single().Exception);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.Contains("PiiGuard.g.cs", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("public class Stats { [TelemetryField] public required int Count { get; init; } [TelemetryField] public int Other { get; set; } }")]
    [InlineData("public record Stats([property: TelemetryField] int Count) { [TelemetryField] public required int Other { get; init; } }")]
    [InlineData("public class Stats { public Stats(int count) { Count = count; } [TelemetryField] public required int Count { get; init; } }")]
    [InlineData("public class Stats { [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public Stats(int count) { Count = count; Note = \"\"; } [TelemetryField] public required int Count { get; init; } public required string Note { get; init; } }")]
    [InlineData("public struct Stats { [TelemetryField] public required int Count { get; init; } }")]
    public void Required_members_are_set_as_the_language_requires(string declaration)
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run("using PiiGuard;\n[TelemetryPayload]\n" + declaration);

        Assert.Single(result.Results.Single().Payloads());
        ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics();
        Assert.True(diagnostics.All(d => d.Severity < DiagnosticSeverity.Warning), string.Join(Environment.NewLine, diagnostics));
    }
}
