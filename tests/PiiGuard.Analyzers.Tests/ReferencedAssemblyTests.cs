using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PiiGuard.Analyzers.Tests.Verifiers;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// Members declared in a referenced project are part of a payload that reaches them: they are checked and
/// reported on the source member that reaches them, and the code fixes leave that member alone.
/// </summary>
public class ReferencedAssemblyTests
{
    private const string Library = """
        using System;
        using PiiGuard;

        namespace Lib;

        public class Printer
        {
            [TelemetryField] public string FilePath { get; set; } = "";
            [TelemetryField] public DateTime LastJob { get; set; }
            [TelemetryField] public int Jobs { get; set; }
        }

        public abstract class PayloadBase
        {
            [TelemetryField] public Guid SessionId { get; set; }
        }
        """;

    [Fact]
    public async Task Members_of_referenced_types_are_reported_where_the_payload_reaches_them()
    {
        var test = new CSharpAnalyzerTest<PersonalNameAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net10,
            TestCode = TestReferences.Usings + """
                [TelemetryPayload]
                public class Stats
                {
                    [TelemetryField] public List<Lib.Printer> Printers { get; set; } = new();
                }

                [TelemetryPayload]
                public class Other
                {
                    [TelemetryField] public Lib.Printer Printer { get; set; } = new();
                }
                """,
        };
        ConfigureLibrary(test.TestState);
        test.ExpectedDiagnostics.Add(AnalyzerVerifier<PersonalNameAnalyzer>.Diagnostic("PII001").WithSpan(9, 47, 9, 55)
            .WithArguments("Printer.FilePath", "a file system path or file name", "file path", "paths and file names carry user names and what people named their work", "send a count or an enum (for example a file type) instead"));
        test.ExpectedDiagnostics.Add(AnalyzerVerifier<PersonalNameAnalyzer>.Diagnostic("PII001").WithSpan(15, 41, 15, 48)
            .WithArguments("Printer.FilePath", "a file system path or file name", "file path", "paths and file names carry user names and what people named their work", "send a count or an enum (for example a file type) instead"));

        // The library is analyzed in its own build too.
        test.ExpectedDiagnostics.Add(AnalyzerVerifier<PersonalNameAnalyzer>.Diagnostic("PII001").WithSpan("/Lib/Printer.cs", 8, 36, 8, 44)
            .WithArguments("FilePath", "a file system path or file name", "file path", "paths and file names carry user names and what people named their work", "send a count or an enum (for example a file type) instead"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Inherited_members_from_a_referenced_base_are_reported_at_the_payload()
    {
        var test = new CSharpAnalyzerTest<IdentifierAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net10,
            TestCode = TestReferences.Usings + """
                [TelemetryPayload]
                public class Stats : Lib.PayloadBase
                {
                    [TelemetryField] public int Jobs { get; set; }
                }
                """,
        };
        ConfigureLibrary(test.TestState);
        test.ExpectedDiagnostics.Add(AnalyzerVerifier<IdentifierAnalyzer>.Diagnostic(Descriptors.Identifier).WithSpan(7, 14, 7, 19).WithArguments("PayloadBase.SessionId"));
        test.ExpectedDiagnostics.Add(AnalyzerVerifier<IdentifierAnalyzer>.Diagnostic(Descriptors.Identifier).WithSpan("/Lib/Printer.cs", 15, 34, 15, 43).WithArguments("SessionId"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Code_fixes_are_not_offered_on_the_member_that_only_reaches_the_culprit()
    {
        const string source = TestReferences.Usings + """
            [TelemetryPayload]
            public class Stats
            {
                [TelemetryField] public Lib.Printer Printer { get; set; } = new();
            }
            """;
        var test = new CSharpCodeFixTest<PreciseTimestampAnalyzer, CodeFixes.AddAggregatedCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net10,
            TestCode = source,
            FixedCode = source,
        };
        ConfigureLibrary(test.TestState);

        // Silence the library's own report, so that only the one on the reaching member is left to fix.
        test.TestState.AdditionalProjects["Lib"].AnalyzerConfigFiles.Add(("/Lib/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.PII002.severity = none\n"));
        test.TestState.ExpectedDiagnostics.Add(AnalyzerVerifier<PreciseTimestampAnalyzer>.Diagnostic(Descriptors.PreciseTime).WithSpan(9, 41, 9, 48).WithArguments("Printer.LastJob"));
        test.FixedState.ExpectedDiagnostics.Add(AnalyzerVerifier<PreciseTimestampAnalyzer>.Diagnostic(Descriptors.PreciseTime).WithSpan(9, 41, 9, 48).WithArguments("Printer.LastJob"));
        await test.RunAsync();
    }

    private static void ConfigureLibrary(SolutionState state)
    {
        state.AdditionalReferences.Add(TestReferences.PiiGuard);
        state.AdditionalProjects["Lib"].Sources.Add(("/Lib/Printer.cs", Library));
        state.AdditionalProjects["Lib"].AdditionalReferences.Add(TestReferences.PiiGuard);
        state.AdditionalProjectReferences.Add("Lib");
    }
}
