using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static PiiGuard.Benchmarks.Shared.Measurements;

namespace PiiGuard.Benchmarks.GeneratorLoop;

internal sealed record LoopSettings(string Sources, string PiiGuardGenerator, string Runtime, string StjGenerator, int Rounds, bool TrackSteps);

/// <summary>
/// One generator in the loop an IDE runs: the project compiled once, a full generator run, then each edit made and
/// undone <see cref="LoopSettings.Rounds"/> times, every re-run timed, or (with <see cref="LoopSettings.TrackSteps"/>)
/// its tracked steps' reasons counted instead. The two are separate runs: Roslyn's step tracking records every step's
/// inputs for every output, which on a generator with thousands of outputs costs far more than the generator itself
/// (minutes for 50 payloads), so times taken with it on say nothing about what an IDE, which never turns it on, pays.
/// </summary>
internal static class Loop
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private const string UnrelatedPath = "/bench/Other/Unrelated.cs";

    // A file no generator looks at: its method body changes, as when someone types in a method elsewhere.
    private static string Unrelated(int value) =>
        $"namespace Bench.Other;\n\ninternal static class Unrelated\n{{\n    internal static int Value() => {value};\n}}\n";

    public static string Run(LoopSettings settings)
    {
        string[] payloadFiles = Directory.GetFiles(Path.Combine(settings.Sources, "src", "Payloads"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        string[] sharedFiles = Directory.GetFiles(Path.Combine(settings.Sources, "src", "Shared"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        string stjFolder = Path.Combine(settings.Sources, "stj-context");
        string[] stjFiles = Directory.Exists(stjFolder) ? Directory.GetFiles(stjFolder, "*.cs").Order(StringComparer.Ordinal).ToArray() : [];
        if (stjFiles.Length == 0)
        {
            throw new InvalidOperationException($"{stjFolder} has no JsonSerializerContext: run generate.py with --generator.");
        }

        ImmutableArray<MetadataReference> references = References(settings.Runtime);
        var report = new StringBuilder();
        report.AppendLine("# The generator in an IDE-like loop");
        report.AppendLine();
        report.AppendLine(Invariant($"- Project: {payloadFiles.Length:N0} payload files and {sharedFiles.Length:N0} shared files from `{settings.Sources}`, compiled in memory (net10.0 references, C# latest)."));
        report.AppendLine(Invariant($"- Roslyn in this process: {typeof(CSharpCompilation).Assembly.GetName().Version}; .NET {Environment.Version}; {Environment.ProcessorCount} cores."));
        report.AppendLine(settings.TrackSteps
            ? "- Step tracking on (`trackIncrementalGeneratorSteps`): each edit made and undone once; the reasons of the edit's re-run are shown. No times: tracking costs more than the generators."
            : Invariant($"- Step tracking off, as in an IDE. Each edit made and undone {settings.Rounds} times: {2 * settings.Rounds} timed re-runs per edit (wall time of `GeneratorDriver.RunGenerators`), after one untimed warm-up run of each generator (JIT)."));
        report.AppendLine(Invariant($"- Load average at the start: {LoadAverage()}."));
        report.AppendLine();

        var runs = new List<GeneratorLoopResult>
        {
            Measure("PiiGuard", LoadGenerator(settings.PiiGuardGenerator), payloadFiles.Concat(sharedFiles), references, settings),
            Measure("System.Text.Json", LoadGenerator(settings.StjGenerator), payloadFiles.Concat(sharedFiles).Concat(stjFiles), references, settings),
        };

        if (settings.TrackSteps)
        {
            report.AppendLine("## Step reasons");
            report.AppendLine();
            foreach (GeneratorLoopResult run in runs)
            {
                AppendSteps(report, run.Name, "an unrelated edit", run.Unrelated);
                AppendSteps(report, run.Name, "a one-member edit", run.OneMember);
            }

            report.AppendLine(Invariant($"Load average at the end: {LoadAverage()}."));
            return report.ToString();
        }

        report.AppendLine("## Re-run time");
        report.AppendLine();
        report.AppendLine("| Generator | Files generated | Full run (s) | Unrelated edit, median (ms) | Unrelated edit, min (ms) | One-member edit, median (ms) | One-member edit, min (ms) | Files rewritten by a one-member edit |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (GeneratorLoopResult run in runs)
        {
            report.AppendLine(Invariant(
                $"| {run.Name} | {run.GeneratedFiles:N0} | {run.FullRun.TotalSeconds:F2} | {Median(run.Unrelated.Times):F1} | {run.Unrelated.Times.Min():F1} | {Median(run.OneMember.Times):F1} | {run.OneMember.Times.Min():F1} | {run.OneMember.FilesRewritten} |"));
        }

        report.AppendLine();
        report.AppendLine("Files rewritten: generated files whose text differs after the edit (" + (runs.All(r => r.Unrelated.SameEveryRound && r.OneMember.SameEveryRound) ? "the same in every round" : "**not the same in every round**; the first is shown") + "; an unrelated edit rewrote "
            + string.Join(", ", runs.Select(r => Invariant($"{r.Unrelated.FilesRewritten} of {r.Name}'s"))) + ").");
        report.AppendLine();
        report.AppendLine(Invariant($"Load average at the end: {LoadAverage()}."));
        return report.ToString();
    }

    private static GeneratorLoopResult Measure(string name, IIncrementalGenerator generator, IEnumerable<string> files, ImmutableArray<MetadataReference> references, LoopSettings settings)
    {
        int rounds = settings.TrackSteps ? 1 : settings.Rounds;
        List<SyntaxTree> trees = files.Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path), Encoding.UTF8), ParseOptions, path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(Unrelated(0), ParseOptions, UnrelatedPath));
        // Warm-up: the generator's code and Roslyn's compiled by the JIT before anything is timed, on a compilation
        // of its own, so that the timed full run binds its compilation from scratch as an IDE's first run does.
        if (!settings.TrackSteps)
        {
            CreateDriver(generator, trackSteps: false).RunGenerators(Compile(trees, references));
        }

        CSharpCompilation compilation = Compile(trees, references);

        GeneratorDriver driver = CreateDriver(generator, settings.TrackSteps);
        var clock = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        TimeSpan fullRun = clock.Elapsed;
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        if (first.Exception is { } failure)
        {
            throw new InvalidOperationException($"{name}'s generator failed on the project.", failure);
        }

        Dictionary<string, SourceText> generated = Texts(first);

        SyntaxTree unrelatedTree = trees[^1];
        SyntaxTree memberTree = trees.First(t => t.FilePath.Contains("Payloads", StringComparison.Ordinal));
        (SyntaxTree edited, string member) = RenameFirstField(memberTree);

        var unrelated = new EditResult();
        var oneMember = new EditResult();
        for (int round = 0; round < rounds; round++)
        {
            // Each edit is made and then undone: both are edits, so both are timed.
            foreach ((EditResult result, SyntaxTree from, SyntaxTree to) in new[]
            {
                (unrelated, unrelatedTree, unrelatedTree.WithChangedText(SourceText.From(Unrelated(1)))),
                (oneMember, memberTree, edited),
            })
            {
                foreach ((SyntaxTree before, SyntaxTree after) in new[] { (from, to), (to, from) })
                {
                    compilation = compilation.ReplaceSyntaxTree(before, after);
                    clock.Restart();
                    driver = driver.RunGenerators(compilation);
                    double milliseconds = clock.Elapsed.TotalMilliseconds;
                    GeneratorRunResult run = driver.GetRunResult().Results.Single();
                    Dictionary<string, SourceText> texts = Texts(run);
                    result.Add(milliseconds, Rewritten(generated, texts), settings.TrackSteps ? Reasons(run) : null, before == from);
                    generated = texts;
                }
            }
        }

        oneMember.Note = $"`{member}` in `{Path.GetFileName(memberTree.FilePath)}` renamed (`{member}Edited`) and back";
        unrelated.Note = "a method body in a file without payloads changed and back";
        return new GeneratorLoopResult(name, generated.Count, fullRun, unrelated, oneMember);
    }

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, ImmutableArray<MetadataReference> references) =>
        CSharpCompilation.Create(
            "Bench.Payloads",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static GeneratorDriver CreateDriver(IIncrementalGenerator generator, bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    // The first property with a [TelemetryField] attribute, renamed: a one-member edit of one payload.
    private static (SyntaxTree Edited, string Member) RenameFirstField(SyntaxTree tree)
    {
        PropertyDeclarationSyntax property = tree.GetRoot().DescendantNodes().OfType<PropertyDeclarationSyntax>()
            .FirstOrDefault(p => p.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("TelemetryField", StringComparison.Ordinal)))
            ?? throw new InvalidOperationException($"{tree.FilePath} has no [TelemetryField] property to edit.");
        string name = property.Identifier.ValueText;
        SyntaxNode root = tree.GetRoot().ReplaceToken(property.Identifier, SyntaxFactory.Identifier(name + "Edited").WithTriviaFrom(property.Identifier));
        return (tree.WithRootAndOptions(root, tree.Options), name);
    }

    private static Dictionary<string, SourceText> Texts(GeneratorRunResult run) =>
        run.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText, StringComparer.Ordinal);

    private static int Rewritten(Dictionary<string, SourceText> before, Dictionary<string, SourceText> after) =>
        after.Count(pair => !before.TryGetValue(pair.Key, out SourceText? old) || !old.ContentEquals(pair.Value))
        + before.Keys.Count(hint => !after.ContainsKey(hint));

    // Per tracked step (and the source outputs), how many outputs ran for which reason.
    private static SortedDictionary<string, SortedDictionary<IncrementalStepRunReason, int>> Reasons(GeneratorRunResult run)
    {
        var reasons = new SortedDictionary<string, SortedDictionary<IncrementalStepRunReason, int>>(StringComparer.Ordinal);
        foreach ((string step, ImmutableArray<IncrementalGeneratorRunStep> steps) in run.TrackedSteps.Concat(run.TrackedOutputSteps))
        {
            SortedDictionary<IncrementalStepRunReason, int> counts = reasons.TryGetValue(step, out var existing) ? existing : reasons[step] = new();
            foreach ((object _, IncrementalStepRunReason reason) in steps.SelectMany(s => s.Outputs))
            {
                counts[reason] = counts.GetValueOrDefault(reason) + 1;
            }
        }

        return reasons;
    }

    private static void AppendSteps(StringBuilder report, string generator, string edit, EditResult result)
    {
        report.AppendLine(Invariant($"### {generator}: step reasons after {edit}"));
        report.AppendLine();
        report.AppendLine(Invariant($"{result.Note}. Outputs of each tracked step by reason, as the first such edit left them{(result.SameEveryRound ? " (every round the same)" : " (**rounds differed**; the first is shown)")}:"));
        report.AppendLine();
        report.AppendLine("| Step | New | Modified | Unchanged | Cached | Removed |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach ((string step, SortedDictionary<IncrementalStepRunReason, int> counts) in result.FirstReasons!)
        {
            report.AppendLine(Invariant(
                $"| {step} | {counts.GetValueOrDefault(IncrementalStepRunReason.New)} | {counts.GetValueOrDefault(IncrementalStepRunReason.Modified)} | {counts.GetValueOrDefault(IncrementalStepRunReason.Unchanged)} | {counts.GetValueOrDefault(IncrementalStepRunReason.Cached)} | {counts.GetValueOrDefault(IncrementalStepRunReason.Removed)} |"));
        }

        int notReused = result.FirstReasons.Values.Sum(c => c.GetValueOrDefault(IncrementalStepRunReason.New) + c.GetValueOrDefault(IncrementalStepRunReason.Modified) + c.GetValueOrDefault(IncrementalStepRunReason.Removed));
        report.AppendLine();
        report.AppendLine(Invariant($"Outputs New, Modified or Removed: {notReused:N0}; files rewritten: {result.FilesRewritten}."));
        report.AppendLine();
    }

    private static IIncrementalGenerator LoadGenerator(string path)
    {
        Assembly assembly = Assembly.LoadFrom(path);
        Type[] generators = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttributes<GeneratorAttribute>().Any())
            .ToArray();
        // The payload generator: the loop measures payload edits (the data map's generator, gated on application-data
        // attributes, emits nothing for payloads). An older build may have it alone, under its one name.
        Type[] payloadGenerators = generators.Length == 1 ? generators : generators.Where(t => t.Name == "TelemetryPayloadGenerator").ToArray();
        return payloadGenerators.Length == 1
            ? (IIncrementalGenerator)Activator.CreateInstance(payloadGenerators[0])!
            : throw new InvalidOperationException($"{path} declares {generators.Length} incremental generators, and not one TelemetryPayloadGenerator among them.");
    }

    private static ImmutableArray<MetadataReference> References(string runtime) =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(runtime)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal sealed record GeneratorLoopResult(string Name, int GeneratedFiles, TimeSpan FullRun, EditResult Unrelated, EditResult OneMember);

/// <summary>The timed re-runs after one kind of edit, and what the first of them made run again.</summary>
internal sealed class EditResult
{
    private readonly List<double> _times = [];

    public IReadOnlyList<double> Times => _times;

    public SortedDictionary<string, SortedDictionary<IncrementalStepRunReason, int>>? FirstReasons { get; private set; }

    public int FilesRewritten { get; private set; } = -1;

    public bool SameEveryRound { get; private set; } = true;

    public string Note { get; set; } = "";

    public void Add(double milliseconds, int filesRewritten, SortedDictionary<string, SortedDictionary<IncrementalStepRunReason, int>>? reasons, bool isEdit)
    {
        _times.Add(milliseconds);
        if (!isEdit)
        {
            return; // the undo: timed, but its reasons mirror the edit's
        }

        if (FilesRewritten < 0)
        {
            FirstReasons = reasons;
            FilesRewritten = filesRewritten;
            return;
        }

        SameEveryRound &= filesRewritten == FilesRewritten && (reasons is null || FirstReasons is null || Same(reasons, FirstReasons));
    }

    private static bool Same(
        SortedDictionary<string, SortedDictionary<IncrementalStepRunReason, int>> a,
        SortedDictionary<string, SortedDictionary<IncrementalStepRunReason, int>> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && pair.Value.SequenceEqual(other));
}

/// <summary>Where this SDK keeps the framework's source generators.</summary>
internal static class SdkGenerators
{
    public static string SystemTextJson()
    {
        // .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> the dotnet root.
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        string version = Environment.Version.ToString(3);
        string exact = Path.Combine(packs, version);
        string pack = Directory.Exists(exact)
            ? exact
            : Directory.Exists(packs)
                ? Directory.GetDirectories(packs, Environment.Version.Major + ".*").Order(StringComparer.Ordinal).LastOrDefault() ?? exact
                : exact;
        return Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
    }
}
