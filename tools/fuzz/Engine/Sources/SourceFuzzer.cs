using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>Source fuzzing as the tests and the long-campaign tool run it: one mutant at a time, findings shrunk by lines and tokens.</summary>
public static class SourceFuzzer
{
    /// <summary>The target name findings carry.</summary>
    public const string Target = "sources";

    /// <summary>Makes mutant <paramref name="index"/> of <paramref name="seed"/> and runs it through every phase.</summary>
    public static async Task<(SourceMutant Mutant, SourceOutcome Outcome)> RunOneAsync(long seed, long index, SourceCorpus corpus, SourceHarness harness)
    {
        SourceMutant mutant = SourceMutator.Create(seed, index, corpus);
        return (mutant, await harness.RunAsync(mutant.Input).ConfigureAwait(false));
    }

    /// <summary>
    /// Shrinks a finding's source while the same signature still shows, within <paramref name="maxRuns"/> runs of
    /// only the phases it needs: lines first, then tokens. The lock file and options stay as they are.
    /// </summary>
    public static Task ShrinkAsync(FindingReport report, SourceCorpus corpus, SourceHarness harness, int maxRuns) =>
        Task.Run(() => Shrink(report, corpus, harness, maxRuns));

    private static void Shrink(FindingReport report, SourceCorpus corpus, SourceHarness harness, int maxRuns)
    {
        SourceMutant mutant = SourceMutator.Create(report.Seed, report.Index, corpus);
        string signature = report.Finding.Signature;
        SourcePhases phases = PhasesFor(report.Finding.Kind);

        // The shrinker's predicate is synchronous: each check runs the harness to completion, on a pool thread.
        Finding? Run(SourceInput candidate) =>
            harness.RunAsync(candidate, phases).GetAwaiter().GetResult().Findings.FirstOrDefault(f => f.Signature == signature);
        SourceInput input = mutant.Input;
        Finding? Check(string source) => Run(input with { Source = source });

        var budget = new Shrinker.Budget(maxRuns);

        // Without the lock file and the options, if the finding does not need them.
        if (input.LockFile is not null && budget.Take() && Run(input with { LockFile = null }) is not null)
        {
            input = input with { LockFile = null };
        }

        if (input.Options.Count > 0 && budget.Take() && Run(input with { Options = Array.Empty<KeyValuePair<string, string>>() }) is not null)
        {
            input = input with { Options = Array.Empty<KeyValuePair<string, string>>() };
        }

        string source = input.Source;
        source = string.Concat(Shrinker.Minimize(Lines(source), lines => Check(string.Concat(lines)) is not null, budget));
        List<string> tokens = SyntaxFactory.ParseTokens(source, options: SourceMutator.ParseOptions).Select(t => t.ToFullString()).ToList();
        if (string.Concat(tokens) == source)
        {
            source = string.Concat(Shrinker.Minimize(tokens, parts => Check(string.Concat(parts)) is not null, budget));
        }

        SourceInput minimal = input with { Source = source };
        report.Minimal = Encoding.UTF8.GetBytes(minimal.Describe());
        report.MinimalFinding = Check(source) ?? report.Finding;
    }

    /// <summary>The phases that can show a finding of <paramref name="kind"/>.</summary>
    public static SourcePhases PhasesFor(string kind) => kind switch
    {
        FindingKinds.GeneratorException => SourcePhases.Generator,
        FindingKinds.AnalyzerException or FindingKinds.UnboundedAnalysis or FindingKinds.Timeout => SourcePhases.Generator | SourcePhases.Analyzers,
        FindingKinds.GeneratedCodeError => SourcePhases.Generator | SourcePhases.GeneratedCode,
        _ => SourcePhases.All,
    };

    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text.Substring(start, i + 1 - start));
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text.Substring(start));
        }

        return lines;
    }
}
