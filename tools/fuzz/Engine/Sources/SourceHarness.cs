using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Analyzers;
using PiiGuard.CodeFixes;
using PiiGuard.Generators;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>Which parts of PiiGuard a run puts an input through.</summary>
[Flags]
public enum SourcePhases
{
    /// <summary>The generator, in a generator driver.</summary>
    Generator = 1,

    /// <summary>The analyzers, over the compilation with the generated code, as a build runs them.</summary>
    Analyzers = 2,

    /// <summary>Whether the generated code compiles when the input does.</summary>
    GeneratedCode = 4,

    /// <summary>Every code fix registered for a PiiGuard diagnostic, applied in a workspace.</summary>
    CodeFixes = 8,

    /// <summary>Everything.</summary>
    All = Generator | Analyzers | GeneratedCode | CodeFixes,
}

/// <summary>The parts of PiiGuard a harness runs: by default the generator, the analyzer and the code fixes PiiGuard ships.</summary>
/// <param name="Generator">The generator.</param>
/// <param name="Analyzers">The analyzers.</param>
/// <param name="CodeFixes">The code fix providers.</param>
public sealed record SourceComponents(IIncrementalGenerator Generator, ImmutableArray<DiagnosticAnalyzer> Analyzers, ImmutableArray<CodeFixProvider> CodeFixes)
{
    /// <summary>Gets PiiGuard's own: <see cref="TelemetryPayloadGenerator"/>, <see cref="PiiGuardAnalyzer"/> (every rule) and every code fix provider of PiiGuard.CodeFixes.</summary>
    public static SourceComponents Shipped { get; } = new(
        new TelemetryPayloadGenerator(),
        ImmutableArray.Create<DiagnosticAnalyzer>(new PiiGuardAnalyzer()),
        typeof(RemoveTelemetryFieldCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray());
}

/// <summary>What one input did: its defects, and counts for the campaign's summary.</summary>
public sealed class SourceOutcome
{
    /// <summary>Gets the defects found.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets or sets how many files the generator emitted.</summary>
    public int GeneratedFiles { get; set; }

    /// <summary>Gets or sets how many PiiGuard diagnostics the analyzers reported.</summary>
    public int PiiGuardDiagnostics { get; set; }

    /// <summary>Gets or sets how many code fixes were computed.</summary>
    public int CodeFixesApplied { get; set; }

    /// <summary>Gets or sets how many option requests the analysis made (see <see cref="WorkBound"/>).</summary>
    public int OptionRequests { get; set; }

    /// <summary>Gets or sets whether the input compiled without errors.</summary>
    public bool CompiledCleanly { get; set; }

    /// <summary>Gets or sets whether the input was skipped because it crashes the C# compiler itself (<see cref="CompilerLimits"/>).</summary>
    public bool Skipped { get; set; }
}

/// <summary>
/// Runs one source input through PiiGuard as a build and an editor would: the generator (a generator driver run:
/// an exception in its run result, or CS8784/CS8785, is a finding), the analyzers over the compilation with the
/// generated code (an exception through <c>onAnalyzerException</c> or an AD0001 is a finding, and so is work past
/// <see cref="WorkBound"/>), the generated code (errors in it, for input without errors, are a finding) and every code
/// fix for a PiiGuard diagnostic (an exception, or a fixed document with more syntax errors, is a finding).
/// </summary>
public sealed class SourceHarness
{
    private const int MaxFixedDiagnostics = 6;

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);

    private readonly TimeSpan? _safetyNet;
    private readonly SourceComponents _components;

    /// <summary>Creates a harness.</summary>
    /// <param name="safetyNet">
    /// For long campaigns only: a wall-clock limit on one input's analysis, past which the input is reported as a
    /// <see cref="FindingKinds.Timeout"/>. The tests pass none: their bound is <see cref="WorkBound"/>, a count.
    /// </param>
    /// <param name="components">What to run; by default <see cref="SourceComponents.Shipped"/>.</param>
    public SourceHarness(TimeSpan? safetyNet = null, SourceComponents? components = null)
    {
        _safetyNet = safetyNet;
        _components = components ?? SourceComponents.Shipped;
    }

    /// <summary>Runs <paramref name="input"/> through <paramref name="phases"/>.</summary>
    public async Task<SourceOutcome> RunAsync(SourceInput input, SourcePhases phases = SourcePhases.All)
    {
        var outcome = new SourceOutcome();
        try
        {
            await RunCoreAsync(input, phases, outcome).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            outcome.Findings.Add(Finding.FromException(FindingKinds.HarnessException, exception));
        }

        // An exception the C# compiler throws on the input by itself is the compiler's, not PiiGuard's.
        if (outcome.Findings.Any(f => f.Kind is FindingKinds.GeneratorException or FindingKinds.AnalyzerException or FindingKinds.CodeFixException or FindingKinds.HarnessException) &&
            CompilerLimits.CompilerThrows(Compile(input)))
        {
            outcome.Findings.Clear();
            outcome.Skipped = true;
        }

        return outcome;
    }

    private static CSharpCompilation Compile(SourceInput input) =>
        CSharpCompilation.Create(
            "Mutant",
            new[] { CSharpSyntaxTree.ParseText(SourceText.From(input.Source, Encoding.UTF8), SourceMutator.ParseOptions, path: "Mutant.cs") },
            FuzzReferences.All,
            CompilationOptions);

    private async Task RunCoreAsync(SourceInput input, SourcePhases phases, SourceOutcome outcome)
    {
        CSharpCompilation compilation = Compile(input);
        SyntaxTree tree = compilation.SyntaxTrees[0];
        if (CompilerLimits.MayOverflowTheCompiler(tree.GetRoot()))
        {
            outcome.Skipped = true;
            return;
        }

        ImmutableArray<AdditionalText> additional = input.LockFile is null
            ? ImmutableArray<AdditionalText>.Empty
            : ImmutableArray.Create<AdditionalText>(new InMemoryText("piiguard.lock", input.LockFile));

        // The generator, as the compiler drives it.
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { _components.Generator.AsSourceGenerator() }, additional, SourceMutator.ParseOptions, new FuzzOptionsProvider(input.Options, cancel: null));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        foreach (GeneratorRunResult result in run.Results)
        {
            if (result.Exception is { } exception)
            {
                outcome.Findings.Add(Finding.FromException(FindingKinds.GeneratorException, exception, "the generator threw"));
            }
        }

        if (outcome.Findings.Count == 0 && generatorDiagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785") is { } failed)
        {
            outcome.Findings.Add(Finding.Of(FindingKinds.GeneratorException, failed.ToString(), failed.Id));
        }

        ImmutableArray<SyntaxTree> generated = run.GeneratedTrees;
        outcome.GeneratedFiles = generated.Length;
        if (phases == SourcePhases.Generator)
        {
            return;
        }

        ImmutableArray<Diagnostic> diagnostics = default;
        if ((phases & (SourcePhases.Analyzers | SourcePhases.CodeFixes)) != 0)
        {
            diagnostics = await AnalyzeAsync(output, additional, input, outcome).ConfigureAwait(false);
        }

        if ((phases & SourcePhases.GeneratedCode) != 0 && generated.Length > 0)
        {
            outcome.CompiledCleanly = !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
            if (outcome.CompiledCleanly)
            {
                List<Diagnostic> errors = output.GetDiagnostics()
                    .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && generated.Contains(t))
                    .ToList();
                if (errors.Count > 0)
                {
                    outcome.Findings.Add(Finding.Of(
                        FindingKinds.GeneratedCodeError,
                        "the generated code does not compile, for input that does:\n" + string.Join("\n", errors.Take(5)),
                        string.Join(",", errors.Select(e => e.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))));
                }
            }
        }

        if ((phases & SourcePhases.CodeFixes) != 0 && !diagnostics.IsDefaultOrEmpty)
        {
            await FixAsync(input, tree, diagnostics, outcome).ConfigureAwait(false);
        }
    }

    private async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation output, ImmutableArray<AdditionalText> additional, SourceInput input, SourceOutcome outcome)
    {
        using var cancel = new CancellationTokenSource();
        if (_safetyNet is { } limit)
        {
            cancel.CancelAfter(limit);
        }

        var options = new FuzzOptionsProvider(input.Options, cancel);
        var exceptions = new ConcurrentQueue<Exception>();
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional, options),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await output.WithAnalyzers(_components.Analyzers, analyzerOptions).GetAnalyzerDiagnosticsAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            outcome.OptionRequests = options.Requests;
            outcome.Findings.Add(options.ExceededAt is { } stack
                ? Finding.FromStack(FindingKinds.UnboundedAnalysis, $"the analysis went past {WorkBound.MaxOptionRequests} option requests (payload members materialised)", stack)
                : Finding.Of(FindingKinds.Timeout, $"the analysis did not finish within {_safetyNet}", "analyzers"));
            return ImmutableArray<Diagnostic>.Empty;
        }

        outcome.OptionRequests = options.Requests;
        foreach (Exception exception in exceptions)
        {
            outcome.Findings.Add(Finding.FromException(FindingKinds.AnalyzerException, exception, "an analyzer threw"));
        }

        if (exceptions.IsEmpty && diagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } ad0001)
        {
            outcome.Findings.Add(Finding.Of(FindingKinds.AnalyzerException, ad0001.ToString(), "AD0001"));
        }

        outcome.PiiGuardDiagnostics = diagnostics.Count(d => d.Id.StartsWith("PII", StringComparison.Ordinal));
        return diagnostics;
    }

    private async Task FixAsync(SourceInput input, SyntaxTree tree, ImmutableArray<Diagnostic> diagnostics, SourceOutcome outcome)
    {
        List<Diagnostic> fixable = diagnostics
            .Where(d => d.Location.SourceTree == tree && _components.CodeFixes.Any(p => p.FixableDiagnosticIds.Contains(d.Id)))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        if (fixable.Count == 0)
        {
            return;
        }

        // At most a few per input, spread over the file: the cost stays bounded however many diagnostics there are.
        fixable = Enumerable.Range(0, Math.Min(MaxFixedDiagnostics, fixable.Count)).Select(i => fixable[i * fixable.Count / Math.Min(MaxFixedDiagnostics, fixable.Count)]).ToList();

        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Mutant", "Mutant", LanguageNames.CSharp,
            compilationOptions: CompilationOptions, parseOptions: SourceMutator.ParseOptions, metadataReferences: FuzzReferences.All));
        Document document = workspace.AddDocument(project.Id, "Mutant.cs", SourceText.From(input.Source, Encoding.UTF8));
        int syntaxErrors = SyntaxErrors(tree);
        foreach (Diagnostic diagnostic in fixable)
        {
            foreach (CodeFixProvider provider in _components.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                string context = $"{provider.GetType().Name} on {diagnostic.Id}";
                try
                {
                    var actions = new List<CodeAction>();
                    await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
                    foreach (CodeAction action in actions)
                    {
                        foreach (CodeActionOperation operation in await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false))
                        {
                            if (operation is not ApplyChangesOperation apply || apply.ChangedSolution.GetDocument(document.Id) is not { } changed)
                            {
                                continue;
                            }

                            SyntaxTree? fixedTree = await changed.GetSyntaxTreeAsync().ConfigureAwait(false);
                            outcome.CodeFixesApplied++;
                            if (fixedTree is not null && SyntaxErrors(fixedTree) > syntaxErrors)
                            {
                                outcome.Findings.Add(Finding.Of(
                                    FindingKinds.CodeFixBrokeSyntax,
                                    $"{context}: the fixed document has more syntax errors than the original:\n{fixedTree.GetText()}",
                                    provider.GetType().Name + " " + diagnostic.Id));
                            }
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    outcome.Findings.Add(Finding.FromException(FindingKinds.CodeFixException, exception, context));
                }
            }
        }
    }

    private static int SyntaxErrors(SyntaxTree tree) => tree.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
