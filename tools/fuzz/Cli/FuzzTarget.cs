using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PiiGuard.Fuzzing.Bodies;
using PiiGuard.Fuzzing.Shapes;
using PiiGuard.Fuzzing.Sources;

namespace PiiGuard.Fuzzing.Cli;

/// <summary>What one mutant did, for a worker: its findings and the counters it adds to.</summary>
internal sealed record TargetRun(IReadOnlyList<Finding> Findings, IReadOnlyList<string> Operations, IReadOnlyList<string> Counters);

/// <summary>A fuzzing target: how to make and run mutant <c>i</c> of a seed, show its input, and shrink a finding.</summary>
internal abstract class FuzzTarget
{
    public abstract string Name { get; }

    /// <summary>The extension of saved inputs.</summary>
    public abstract string Extension { get; }

    public static FuzzTarget Create(string name, TimeSpan safetyNet) => name switch
    {
        SourceFuzzer.Target => new SourcesTarget(safetyNet),
        BodyFuzzer.Target => new BodiesTarget(),
        _ => throw new ArgumentException($"Unknown target '{name}': use sources or bodies.", nameof(name)),
    };

    public abstract Task<TargetRun> RunAsync(long seed, long index);

    /// <summary>Mutant <paramref name="index"/>'s input bytes, and the operations that made it.</summary>
    public abstract (byte[] Input, IReadOnlyList<string> Operations) Input(long seed, long index);

    public abstract Task ShrinkAsync(FindingReport report, int maxRuns);

    /// <summary>Runs an input given by hand: a C# file (with an optional schema lock), or a body read as the shape named.</summary>
    public abstract Task<IReadOnlyList<Finding>> CheckAsync(byte[] input, string? companion, IReadOnlyList<string> planted);

    private sealed class SourcesTarget : FuzzTarget
    {
        private readonly SourceCorpus _corpus = SourceCorpus.Load(SourceCorpus.FindRepositoryRoot(AppContext.BaseDirectory));
        private readonly SourceHarness _harness;

        public SourcesTarget(TimeSpan safetyNet)
        {
            _harness = new SourceHarness(safetyNet);
        }

        public override string Name => SourceFuzzer.Target;

        public override string Extension => ".cs.txt";

        public override async Task<TargetRun> RunAsync(long seed, long index)
        {
            (SourceMutant mutant, SourceOutcome outcome) = await SourceFuzzer.RunOneAsync(seed, index, _corpus, _harness);
            var counters = new List<string>();
            if (outcome.Skipped)
            {
                counters.Add("skipped (crashes the C# compiler)");
            }

            if (outcome.GeneratedFiles > 0)
            {
                counters.Add("generated code");
            }

            if (outcome.PiiGuardDiagnostics > 0)
            {
                counters.Add("PiiGuard diagnostics");
            }

            if (outcome.CodeFixesApplied > 0)
            {
                counters.Add("code fixes computed");
            }

            if (outcome.CompiledCleanly)
            {
                counters.Add("compiled without errors");
            }

            return new TargetRun(outcome.Findings, mutant.Operations, counters);
        }

        public override (byte[] Input, IReadOnlyList<string> Operations) Input(long seed, long index)
        {
            SourceMutant mutant = SourceMutator.Create(seed, index, _corpus);
            return (Encoding.UTF8.GetBytes(mutant.Input.Describe()), mutant.Operations);
        }

        public override Task ShrinkAsync(FindingReport report, int maxRuns) => SourceFuzzer.ShrinkAsync(report, _corpus, _harness, maxRuns);

        public override async Task<IReadOnlyList<Finding>> CheckAsync(byte[] input, string? companion, IReadOnlyList<string> planted)
        {
            var source = new SourceInput(Encoding.UTF8.GetString(input), companion is null ? null : System.IO.File.ReadAllText(companion), Array.Empty<KeyValuePair<string, string>>());
            SourceOutcome outcome = await _harness.RunAsync(source);
            if (outcome.Skipped)
            {
                Console.WriteLine("Skipped: the input crashes the C# compiler itself, with or without PiiGuard.");
            }

            return outcome.Findings;
        }
    }

    private sealed class BodiesTarget : FuzzTarget
    {
        private readonly IReadOnlyList<BodyShape> _shapes = BodyShapes.Create();

        public override string Name => BodyFuzzer.Target;

        public override string Extension => ".json";

        public override Task<TargetRun> RunAsync(long seed, long index)
        {
            (BodyMutant mutant, BodyOutcome outcome) = BodyFuzzer.RunOne(seed, index, _shapes);
            IReadOnlyList<Finding> findings = outcome.Finding is { } finding ? new[] { finding } : Array.Empty<Finding>();
            string[] counters = { (outcome.Accepted ? "accepted: " : "rejected: ") + mutant.Shape.Name };
            return Task.FromResult(new TargetRun(findings, mutant.Operations, counters));
        }

        public override (byte[] Input, IReadOnlyList<string> Operations) Input(long seed, long index)
        {
            BodyMutant mutant = BodyMutator.Create(seed, index, _shapes);
            return (mutant.Body, mutant.Operations.Prepend("shape " + mutant.Shape.Name).ToList());
        }

        public override Task ShrinkAsync(FindingReport report, int maxRuns)
        {
            BodyFuzzer.Shrink(report, _shapes, maxRuns);
            return Task.CompletedTask;
        }

        public override Task<IReadOnlyList<Finding>> CheckAsync(byte[] input, string? companion, IReadOnlyList<string> planted)
        {
            BodyShape shape = _shapes.FirstOrDefault(s => s.Name == companion)
                ?? throw new ArgumentException($"Name a shape with --shape: {string.Join(", ", _shapes.Select(s => s.Name))}.");
            BodyOutcome outcome = BodyHarness.Run(shape, input, planted);
            Console.WriteLine(outcome.Accepted ? "The reader accepted the body." : "The reader rejected the body.");
            return Task.FromResult<IReadOnlyList<Finding>>(outcome.Finding is { } finding ? new[] { finding } : Array.Empty<Finding>());
        }
    }
}
