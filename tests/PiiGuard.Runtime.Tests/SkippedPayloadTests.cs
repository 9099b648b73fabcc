using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// A [TelemetryPayload] type either gets a generated serializer or fails the build: the generator skips a payload it
/// cannot serialize, and the runtime then tells the developer to "fix every PiiGuard error of that project". Each
/// payload in Repros/SilentlySkippedPayloads.cs is run through PiiGuard's generator and analyzers in process.
/// </summary>
public sealed class SkippedPayloadTests
{
    private static readonly Lazy<InProcessCompiler.Result> Repros = new(() => InProcessCompiler.Compile("Repros/SilentlySkippedPayloads.cs"));

    [Theory]
    [InlineData("AggregatedListPayload")]
    [InlineData("GetOnlyPayload")]
    [InlineData("IntegerKeyedPayload")]
    [InlineData("DuplicateJsonNamePayload")]
    [InlineData("NoUsableConstructorPayload")]
    public void A_payload_is_either_generated_or_an_error(string payload)
    {
        InProcessCompiler.Result result = Repros.Value;

        bool generated = result.Generated.Any(name => name.Contains(payload, StringComparison.Ordinal));
        Diagnostic[] errors = result.AnalyzerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource && InType(d, payload))
            .ToArray();

        Assert.True(
            generated || errors.Length > 0,
            $"{payload}: the generator skipped it and no PiiGuard analyzer reported an error, so the build succeeds and every call fails at run time. Analyzer diagnostics: " +
            string.Join("; ", result.AnalyzerDiagnostics.Select(d => d.ToString())));
    }

    [Fact]
    public void The_harness_sees_analyzer_errors()
    {
        // A payload that breaks a privacy rule (PII002, a precise DateTime) is reported: the check above can see errors.
        InProcessCompiler.Result result = InProcessCompiler.Compile("Repros/PreciseTimestampPayload.cs");

        Assert.Contains(result.AnalyzerDiagnostics, d => d.Id == "PII002" && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(result.Generated);
    }

    private static bool InType(Diagnostic diagnostic, string type)
    {
        SyntaxNode? node = diagnostic.Location.SourceTree?.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        return node?.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().Any(t => t.Identifier.Text == type) == true;
    }
}
