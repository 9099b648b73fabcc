using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PiiGuard.Analyzers.Tests.Verifiers;
using Verify = PiiGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<PiiGuard.Analyzers.FreeTextAnalyzer>;

namespace PiiGuard.Analyzers.Tests;

public class FreeTextAnalyzerTests
{
    private const string Source = """
        public enum Kind { A }

        [TelemetryPayload]
        public class Stats
        {
            [TelemetryField] public string Channel { get; set; } = "";
            [TelemetryField] public Dictionary<string, int> CountsByFeature { get; set; } = new();
            [TelemetryField] public Dictionary<Kind, string> StateByKind { get; set; } = new();
            [TelemetryField] public List<string> Flags { get; set; } = new();
            [TelemetryField] public string FilePath { get; set; } = "";
            [TelemetryField] public string CreatedAt { get; set; } = "";
            [TelemetryField] public string Latitude { get; set; } = "";
            [TelemetryField] public Kind Kind { get; set; }
            [TelemetryField] public int Count { get; set; }
        }
        """;

    [Fact]
    public Task Free_text_is_a_warning_unless_another_rule_reports_the_member() =>
        Verify.VerifyAsync(Source,
            Verify.Diagnostic("PII006").WithSpan(11, 36, 11, 43).WithArguments("Channel", "a string"),
            Verify.Diagnostic("PII006").WithSpan(12, 53, 12, 68).WithArguments("CountsByFeature", "a string dictionary key"),
            Verify.Diagnostic("PII006").WithSpan(13, 54, 13, 65).WithArguments("StateByKind", "string dictionary values"),
            Verify.Diagnostic("PII006").WithSpan(14, 42, 14, 47).WithArguments("Flags", "string elements"));

    [Fact]
    public Task Strict_mode_in_editorconfig_makes_free_text_an_error() =>
        Verify.VerifyAsync(Source, TestReferences.EditorConfig("piiguard.strict = true"),
            Verify.Diagnostic("PII006").WithSpan(11, 36, 11, 43).WithSeverity(DiagnosticSeverity.Error).WithArguments("Channel", "a string"),
            Verify.Diagnostic("PII006").WithSpan(12, 53, 12, 68).WithSeverity(DiagnosticSeverity.Error).WithArguments("CountsByFeature", "a string dictionary key"),
            Verify.Diagnostic("PII006").WithSpan(13, 54, 13, 65).WithSeverity(DiagnosticSeverity.Error).WithArguments("StateByKind", "string dictionary values"),
            Verify.Diagnostic("PII006").WithSpan(14, 42, 14, 47).WithSeverity(DiagnosticSeverity.Error).WithArguments("Flags", "string elements"));

    [Fact]
    public Task Strict_mode_from_the_MSBuild_property() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public string Channel { get; set; } = "";
            }
            """,
            ("/.globalconfig", "is_global = true\nbuild_property.PiiGuardStrict = true\n"),
            Verify.Diagnostic("PII006").WithSpan(9, 36, 9, 43).WithSeverity(DiagnosticSeverity.Error).WithArguments("Channel", "a string"));

    [Fact]
    public Task Severity_can_be_configured_as_usual() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public string Channel { get; set; } = "";
            }
            """,
            TestReferences.EditorConfig("dotnet_diagnostic.PII006.severity = none"));

    [Fact]
    public Task Characters_in_sequences_and_text_builders_are_free_text_but_a_single_char_is_not() =>
        Verify.VerifyAsync("""
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public char[] {|PII006:Chars|} { get; set; } = [];
                [TelemetryField] public System.Text.StringBuilder {|PII006:Builder|} { get; set; } = new();
                [TelemetryField] public char Separator { get; set; }
            }
            """);
}
