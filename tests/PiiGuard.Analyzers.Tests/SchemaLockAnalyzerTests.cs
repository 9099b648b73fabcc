using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PiiGuard.Analyzers.Tests.Verifiers;

namespace PiiGuard.Analyzers.Tests;

public class SchemaLockAnalyzerTests
{
    private const string Lock = """
        # PiiGuard schema lock
        payload usage 1.0
          jobs: integer:int
          platform: enum(linux|windows)
          start: timestamp:week

        """;

    private const string Payload = """
        public enum Platform { Linux, Windows }

        [TelemetryPayload(Name = "usage", SchemaVersion = "1.0")]
        public class {|#0:Usage|}
        {
            [TelemetryField] public int Jobs { get; set; }
            [TelemetryField] public Platform Platform { get; set; }
            [TelemetryField, Aggregated(Week)] public DateTimeOffset Start { get; set; }
        }
        """;

    [Fact]
    public Task A_payload_that_matches_its_lock_is_fine() => RunAsync(Payload, Lock);

    [Fact]
    public Task A_new_field_without_a_higher_schema_version_is_an_error() =>
        RunAsync(
            Payload.Replace("public int Jobs { get; set; }", "public int Jobs { get; set; }\n    [TelemetryField] public int Files { get; set; }"),
            Lock,
            expansions: "new field 'files'");

    [Fact]
    public Task A_new_enum_value_is_an_error() =>
        RunAsync(Payload.Replace("{ Linux, Windows }", "{ Linux, Windows, MacOs }"), Lock,
            expansions: "'platform' widened from enum(linux|windows) to enum(linux|windows|mac_os)");

    [Fact]
    public Task A_wider_type_is_an_error_and_a_finer_aggregation_too() =>
        RunAsync(
            Payload.Replace("public int Jobs", "public long Jobs").Replace("Aggregated(Week)", "Aggregated(Day)"),
            Lock,
            expansions: "'jobs' widened from integer:int to integer:long; 'start' widened from timestamp:week to timestamp:day");

    [Fact]
    public Task Removing_fields_and_enum_values_and_narrowing_are_fine() =>
        RunAsync(
            Payload.Replace("{ Linux, Windows }", "{ Linux }").Replace("public int Jobs", "public short Jobs")
                .Replace("    [TelemetryField, Aggregated(Week)] public DateTimeOffset Start { get; set; }\n", ""),
            Lock);

    [Fact]
    public Task A_higher_schema_version_allows_expansion() =>
        RunAsync(
            Payload.Replace("SchemaVersion = \"1.0\"", "SchemaVersion = \"1.1\"")
                .Replace("public int Jobs { get; set; }", "public int Jobs { get; set; }\n    [TelemetryField] public int Files { get; set; }"),
            Lock);

    [Theory]
    [InlineData("9", "10")]
    [InlineData("10", "10.1")]
    [InlineData("1.9", "1.10")]
    public Task Versions_are_compared_as_numbers_never_as_text(string locked, string declared) =>
        RunAsync(
            Payload.Replace("SchemaVersion = \"1.0\"", "SchemaVersion = \"" + declared + "\"")
                .Replace("public int Jobs { get; set; }", "public int Jobs { get; set; }\n    [TelemetryField] public int Files { get; set; }"),
            Lock.Replace("payload usage 1.0", "payload usage " + locked));

    [Theory]
    [InlineData("10", "9")]
    [InlineData("1.0", "1")]
    [InlineData("1.0.0", "1.0")]
    public Task A_lower_or_equal_version_written_differently_allows_no_expansion(string locked, string declared) =>
        RunAsync(
            Payload.Replace("SchemaVersion = \"1.0\"", "SchemaVersion = \"" + declared + "\"")
                .Replace("public int Jobs { get; set; }", "public int Jobs { get; set; }\n    [TelemetryField] public int Files { get; set; }"),
            Lock.Replace("payload usage 1.0", "payload usage " + locked),
            expansions: "new field 'files'",
            lockedVersion: locked);

    [Fact]
    public Task A_malformed_version_in_the_lock_allows_no_expansion() =>
        RunAsync(
            Payload.Replace("SchemaVersion = \"1.0\"", "SchemaVersion = \"2\"")
                .Replace("public int Jobs { get; set; }", "public int Jobs { get; set; }\n    [TelemetryField] public int Files { get; set; }"),
            Lock.Replace("payload usage 1.0", "payload usage 1.x"),
            expansions: "new field 'files'",
            lockedVersion: "1.x");

    [Fact]
    public Task Rewriting_the_lock_switches_the_rule_off() =>
        RunAsync(
            Payload.Replace("public int Jobs { get; set; }", "public int Jobs { get; set; }\n    [TelemetryField] public int Files { get; set; }"),
            Lock,
            updateLock: true);

    [Fact]
    public Task Payloads_the_lock_does_not_know_and_projects_without_a_lock_are_fine()
    {
        string grown = Payload.Replace("public int Jobs { get; set; }", "public int Jobs { get; set; }\n    [TelemetryField] public int Files { get; set; }");
        return Task.WhenAll(
            RunAsync(grown.Replace("Name = \"usage\"", "Name = \"other\""), Lock),
            RunAsync(grown, lockText: null));
    }

    private static Task RunAsync(string source, string? lockText, string? expansions = null, bool updateLock = false, string lockedVersion = "1.0")
    {
        var test = new CSharpAnalyzerTest<SchemaLockAnalyzer, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            ReferenceAssemblies = TestReferences.Net10,
        };
        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        string globalConfig = "is_global = true\n" + (updateLock ? "build_property.PiiGuardUpdateSchemaLock = true\n" : "");
        if (lockText != null)
        {
            test.TestState.AdditionalFiles.Add(("/0/piiguard.lock", lockText));
            globalConfig += "\n[/0/piiguard.lock]\nbuild_metadata.AdditionalFiles.PiiGuardSchemaLock = true\n";
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", globalConfig));
        if (expansions != null)
        {
            test.ExpectedDiagnostics.Add(AnalyzerVerifier<SchemaLockAnalyzer>.Diagnostic("PII008").WithLocation(0)
                .WithArguments("usage", "piiguard.lock", expansions, lockedVersion));
        }

        return test.RunAsync();
    }
}
