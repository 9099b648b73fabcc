using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Fuzzing;
using PiiGuard.Fuzzing.Sources;

// The analyzers, generator and code fix below are test doubles made to fail, not components to ship: the rules for
// writing shipped analyzers (release tracking, extended analyzer rules, no workspace types, Fix All) do not apply.
#pragma warning disable RS1016, RS1022, RS1036, RS2008

namespace PiiGuard.Analyzers.Tests.Fuzz;

/// <summary>
/// The fuzz harness itself: it runs every phase on a valid payload without a finding, and it reports each kind of
/// defect, shown here by components made to fail, with the stack that shows where.
/// </summary>
public sealed class SourceHarnessTests
{
    private static readonly SourceInput Payload = new(
        SourceCorpus.Usings + "[TelemetryPayload] public class Stats { [TelemetryField, Aggregated(Week)] public DateTime LastJob { get; set; } [TelemetryField] public string FilePath { get; set; } = \"\"; }",
        LockFile: null,
        Options: Array.Empty<KeyValuePair<string, string>>());

    [Fact]
    public async Task PiiGuard_runs_through_every_phase_of_a_payload_without_a_finding()
    {
        SourceOutcome outcome = await new SourceHarness().RunAsync(Payload);

        Assert.Empty(outcome.Findings);
        Assert.Equal(2, outcome.GeneratedFiles); // the payload's serializer and its class's writer and reader
        Assert.True(outcome.PiiGuardDiagnostics > 0, "PII001 on FilePath was not reported.");
        Assert.True(outcome.CodeFixesApplied > 0, "No code fix was computed.");
        Assert.True(outcome.CompiledCleanly);
        Assert.InRange(outcome.OptionRequests, 1, WorkBound.MaxOptionRequests);
    }

    [Fact]
    public async Task A_generator_that_throws_is_a_finding_with_its_stack()
    {
        SourceOutcome outcome = await Harness(generator: new ThrowingGenerator()).RunAsync(Payload);

        Finding finding = Assert.Single(outcome.Findings);
        Assert.Equal(FindingKinds.GeneratorException, finding.Kind);
        Assert.Contains(nameof(ThrowingGenerator), finding.Stack);
    }

    [Fact]
    public async Task An_analyzer_that_throws_is_a_finding_with_its_stack()
    {
        SourceOutcome outcome = await Harness(analyzer: new ThrowingAnalyzer()).RunAsync(Payload);

        Finding finding = Assert.Single(outcome.Findings);
        Assert.Equal(FindingKinds.AnalyzerException, finding.Kind);
        Assert.Contains(nameof(ThrowingAnalyzer), finding.Signature);
    }

    [Fact]
    public async Task An_analysis_that_never_ends_is_stopped_by_the_count_and_is_a_finding_with_the_stack_that_went_past()
    {
        SourceOutcome outcome = await Harness(analyzer: new EndlessAnalyzer()).RunAsync(Payload);

        Finding finding = Assert.Single(outcome.Findings);
        Assert.Equal(FindingKinds.UnboundedAnalysis, finding.Kind);
        Assert.Contains(nameof(EndlessAnalyzer), finding.Stack);
        Assert.Equal(WorkBound.MaxOptionRequests + 1, outcome.OptionRequests);
    }

    [Fact]
    public async Task A_code_fix_that_throws_is_a_finding_with_its_name()
    {
        SourceOutcome outcome = await Harness(fix: new ThrowingFix()).RunAsync(Payload);

        Finding finding = Assert.Single(outcome.Findings);
        Assert.Equal(FindingKinds.CodeFixException, finding.Kind);
        Assert.Contains(nameof(ThrowingFix), finding.Message);
    }

    [Fact]
    public async Task Generic_structs_that_expand_without_end_are_skipped_as_they_crash_the_compiler_itself()
    {
        var input = Payload with { Source = Payload.Source + "\npublic struct Holder { public Grow<int> G; } public struct Grow<T> { public Grow<(T, T)> Next; }" };

        Assert.True(CompilerLimits.MayOverflowTheCompiler(CSharpSyntaxTree.ParseText(input.Source).GetRoot()));
        Assert.True((await new SourceHarness().RunAsync(input)).Skipped);
        Assert.False(CompilerLimits.MayOverflowTheCompiler(CSharpSyntaxTree.ParseText(Payload.Source).GetRoot()));
    }

    [Fact]
    public async Task An_exception_the_compiler_itself_throws_on_the_input_is_not_a_finding_but_a_skipped_input()
    {
        // Roslyn 4.8's binder casts the field Period.Week to a type for an alias-qualified name (InvalidCastException).
        var input = Payload with { Source = "using PiiGuard;\nusing static PiiGuard.Period;\n[TelemetryPayload] public class Stats { [TelemetryField, Week::X] public int Count { get; set; } }" };

        SourceOutcome outcome = await new SourceHarness().RunAsync(input);

        Assert.True(outcome.Skipped);
        Assert.Empty(outcome.Findings);
    }

    private static SourceHarness Harness(IIncrementalGenerator? generator = null, DiagnosticAnalyzer? analyzer = null, CodeFixProvider? fix = null) =>
        new(components: SourceComponents.Shipped with
        {
            Generator = generator ?? SourceComponents.Shipped.Generator,
            Analyzers = analyzer is null ? SourceComponents.Shipped.Analyzers : ImmutableArray.Create(analyzer),
            CodeFixes = fix is null ? ImmutableArray<CodeFixProvider>.Empty : ImmutableArray.Create(fix),
        });

    private sealed class ThrowingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, (_, _) => throw new InvalidOperationException("generator failure"));
    }

    // An analyzer without a diagnostic of its own never runs: these declare one they never report.
    private static readonly DiagnosticDescriptor Unused = new("FUZZ001", "Unused", "Unused", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("analyzer failure"), SymbolKind.NamedType);
        }
    }

    /// <summary>Asks for a file's options for ever, as a walk over a shape without a bound would.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EndlessAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxTreeAction(tree =>
            {
                while (true)
                {
                    tree.Options.AnalyzerConfigOptionsProvider.GetOptions(tree.Tree);
                }
            });
        }
    }

    private sealed class ThrowingFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PII001");

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => throw new InvalidOperationException("code fix failure");
    }
}
