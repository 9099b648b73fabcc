using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PiiGuard.Fuzzing;
using PiiGuard.Fuzzing.Sources;
using Xunit.Abstractions;

namespace PiiGuard.Analyzers.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the generator, the analyzers and the code fixes (tools/fuzz): 2,000 mutants of the project's own
/// payload sources, the same on every run. A generator exception (CS8785), an analyzer exception (AD0001), analysis
/// past the counted work bound, generated code that does not compile for input that does, or a code fix that throws
/// or breaks the syntax fails the test, with each defect's seed, index and minimal input.
/// <c>dotnet run --project tools/fuzz</c> runs longer campaigns with other seeds.
/// </summary>
public sealed class SourceFuzzTests
{
    private const long Seed = 9;
    private const int Mutants = 2_000;
    private const int ShrinkRuns = 80;

    private static readonly Lazy<SourceCorpus> Corpus = new(() => SourceCorpus.Load(SourceCorpus.FindRepositoryRoot(AppContext.BaseDirectory)));

    private readonly ITestOutputHelper _output;

    public SourceFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Source_mutants_never_make_the_generator_analyzers_or_code_fixes_throw_or_work_without_bound()
    {
        var harness = new SourceHarness();
        var log = new FindingLog();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int generatedFiles = 0, diagnostics = 0, fixes = 0, clean = 0, skipped = 0, maxRequests = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Mutants),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (index, _) =>
            {
                (SourceMutant mutant, SourceOutcome outcome) = await SourceFuzzer.RunOneAsync(Seed, index, Corpus.Value, harness);
                Interlocked.Add(ref generatedFiles, outcome.GeneratedFiles);
                Interlocked.Add(ref diagnostics, outcome.PiiGuardDiagnostics);
                Interlocked.Add(ref fixes, outcome.CodeFixesApplied);
                Interlocked.Add(ref clean, outcome.CompiledCleanly ? 1 : 0);
                Interlocked.Add(ref skipped, outcome.Skipped ? 1 : 0);
                if (outcome.Findings.All(f => f.Kind != FindingKinds.UnboundedAnalysis))
                {
                    InterlockedMax(ref maxRequests, outcome.OptionRequests);
                }

                foreach (Finding finding in outcome.Findings)
                {
                    log.Add(finding, SourceFuzzer.Target, Seed, index, System.Text.Encoding.UTF8.GetBytes(mutant.Input.Describe()), mutant.Operations);
                }
            });

        TimeSpan running = watch.Elapsed;
        IReadOnlyList<FindingReport> reports = log.Reports;
        foreach (FindingReport report in reports)
        {
            await SourceFuzzer.ShrinkAsync(report, Corpus.Value, harness, ShrinkRuns);
        }

        _output.WriteLine(
            $"{Mutants} source mutants of seed {Seed} from {Corpus.Value.Sources.Count} seeds: {generatedFiles} generated files, " +
            $"{diagnostics} PiiGuard diagnostics, {fixes} code fixes computed, {clean} mutants with generated code that compiled without errors, " +
            $"{skipped} skipped as crashing the C# compiler itself; " +
            $"at most {maxRequests} option requests in a bounded analysis (bound {WorkBound.MaxOptionRequests}); " +
            $"mutants run in {running.TotalSeconds:N0} s, findings shrunk in {(watch.Elapsed - running).TotalSeconds:N0} s");
        Assert.True(reports.Count == 0, $"{reports.Count} defect(s) in {Mutants} source mutants:\n\n" + string.Join("\n", reports.Select(r => r.Describe())));

        // The run exercised every phase: emitted code, reported diagnostics, computed fixes, compiled generated code.
        Assert.True(generatedFiles > 0 && diagnostics > 0 && fixes > 0 && clean > 0, "A phase of the harness never ran.");
    }

    [Fact]
    public void The_mutants_use_every_operation_including_recursive_generic_shapes_and_duplicate_payloads()
    {
        var operations = new HashSet<string>(StringComparer.Ordinal);
        int recursive = 0;
        for (int index = 0; index < Mutants; index++)
        {
            SourceMutant mutant = SourceMutator.Create(Seed, index, Corpus.Value);
            operations.UnionWith(mutant.Operations);
            recursive += mutant.Operations.Contains("insert-recursive-shape") ? 1 : 0;
        }

        Assert.Empty(SourceMutator.OperationNames.Except(operations));
        Assert.True(recursive >= 20, $"Only {recursive} mutants reach a recursive generic shape.");
    }

    [Fact]
    public void A_mutant_is_the_same_for_the_same_seed_and_index()
    {
        SourceMutant first = SourceMutator.Create(Seed, 1_234, Corpus.Value);
        SourceMutant again = SourceMutator.Create(Seed, 1_234, Corpus.Value);
        SourceMutant other = SourceMutator.Create(Seed + 1, 1_234, Corpus.Value);

        Assert.Equal(first.Input.Describe(), again.Input.Describe());
        Assert.Equal(first.Operations, again.Operations);
        Assert.NotEqual(first.Input.Describe(), other.Input.Describe());
    }

    [Fact]
    public void The_corpus_holds_the_samples_the_test_payloads_the_rule_snippets_and_the_schema_locks()
    {
        IReadOnlyList<string> names = Corpus.Value.Sources.Select(s => s.Name).ToList();

        Assert.Contains("samples/Printernizer.Payloads/UsageReport.cs", names);
        Assert.Contains("samples/Violations/LeakyReport.cs", names);
        Assert.Contains("tests/PiiGuard.Runtime.Tests/Payloads/WidePayload.cs", names);
        Assert.Contains("tests/PiiGuard.Runtime.Tests/Repros/GeneratorWarningShapes.cs", names);
        Assert.True(names.Count(n => n.StartsWith("tests/PiiGuard.Analyzers.Tests/", StringComparison.Ordinal)) > 100, "The analyzer tests' snippets are missing.");
        Assert.DoesNotContain(Corpus.Value.Sources, s => s.Text.Contains("{|PII", StringComparison.Ordinal));
        Assert.Contains("samples/Printernizer.Payloads/piiguard.lock", Corpus.Value.Locks.Select(l => l.Name));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
