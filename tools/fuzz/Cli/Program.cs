using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PiiGuard.Fuzzing.Bodies;
using PiiGuard.Fuzzing.Sources;

namespace PiiGuard.Fuzzing.Cli;

/// <summary>The long-campaign fuzzing tool's command line: run, replay, and the worker the run starts.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var seed = new Option<long?>("--seed") { Description = "The campaign's seed; mutant i of a seed is the same everywhere. Default: a random one, printed." };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long to make and run mutants, such as 90s, 10m, 1h or 01:30:00; shrinking and saving come after.",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
            CustomParser = result => ParseDuration(result.Tokens.Single().Value, error => result.AddError(error)),
        };
        var target = new Option<string>("--target") { Description = "sources (generator, analyzers, code fixes), bodies (strict reader) or all.", DefaultValueFactory = _ => "all" };
        target.AcceptOnlyFromAmong("sources", "bodies", "all");
        var output = new Option<string>("--out") { Description = "Where findings and the summary go.", DefaultValueFactory = _ => "fuzz-findings" };
        var workers = new Option<int?>("--workers") { Description = "Worker processes per target. Default: the cores shared among the targets." };
        var shrinkRuns = new Option<int?>("--shrink-runs") { Description = "Runs to spend shrinking each finding. Default: 400 for sources, 5000 for bodies." };
        var analysisLimit = new Option<int>("--analysis-limit") { Description = "Seconds one source input's analysis may take before it counts as a timeout finding.", DefaultValueFactory = _ => 60 };
        var hangLimit = new Option<int>("--hang-limit") { Description = "Seconds one input may keep a worker busy before the worker is killed and the input saved.", DefaultValueFactory = _ => 300 };

        var run = new Command("run", "Runs a campaign: mutants of every target until the duration is over, then each distinct finding shrunk and saved.")
        {
            seed, duration, target, output, workers, shrinkRuns, analysisLimit, hangLimit,
        };
        run.SetAction(parse =>
        {
            long chosen = parse.GetValue(seed) ?? Random.Shared.NextInt64(1, 1_000_000_000);
            string[] targets = parse.GetValue(target) == "all" ? new[] { SourceFuzzer.Target, BodyFuzzer.Target } : new[] { parse.GetValue(target)! };
            int perTarget = parse.GetValue(workers) ?? Math.Max(1, Environment.ProcessorCount / targets.Length);
            if (perTarget < 1)
            {
                Console.Error.WriteLine("--workers must be at least 1.");
                return 1;
            }

            var options = new CampaignOptions(
                chosen,
                parse.GetValue(duration),
                targets,
                parse.GetValue(output)!,
                targets.ToDictionary(t => t, _ => perTarget),
                targets.ToDictionary(t => t, t => parse.GetValue(shrinkRuns) ?? (t == SourceFuzzer.Target ? 400 : 5000)),
                TimeSpan.FromSeconds(parse.GetValue(analysisLimit)),
                TimeSpan.FromSeconds(parse.GetValue(hangLimit)));
            return new Supervisor(options).RunAsync().GetAwaiter().GetResult();
        });

        var replayTarget = new Option<string>("--target") { Description = "sources or bodies.", Required = true };
        replayTarget.AcceptOnlyFromAmong("sources", "bodies");
        var replaySeed = new Option<long>("--seed") { Description = "The seed.", Required = true };
        var index = new Option<long>("--index") { Description = "The mutant's index.", Required = true };
        var shrink = new Option<bool>("--shrink") { Description = "Shrink each finding and print its minimal input." };
        var repeat = new Option<int>("--repeat") { Description = "Run the mutant this many times and print each run's time (the first includes warming up).", DefaultValueFactory = _ => 1 };
        var replay = new Command("replay", "Makes one mutant again, prints it, runs it and prints what it found (and, with --shrink, the minimal inputs).")
        {
            replayTarget, replaySeed, index, shrink, shrinkRuns, analysisLimit, repeat,
        };
        replay.SetAction(parse => Replay(
            FuzzTarget.Create(parse.GetValue(replayTarget)!, TimeSpan.FromSeconds(parse.GetValue(analysisLimit))),
            parse.GetValue(replaySeed),
            parse.GetValue(index),
            Math.Max(1, parse.GetValue(repeat)),
            parse.GetValue(shrink) ? parse.GetValue(shrinkRuns) ?? (parse.GetValue(replayTarget) == SourceFuzzer.Target ? 400 : 5000) : 0).GetAwaiter().GetResult());

        var checkTarget = new Option<string>("--target") { Description = "sources or bodies.", Required = true };
        checkTarget.AcceptOnlyFromAmong("sources", "bodies");
        var file = new Option<string>("--file") { Description = "The input: a C# file (sources) or a body (bodies).", Required = true };
        var lockFile = new Option<string?>("--lock") { Description = "sources: a piiguard.lock to give the analyzers with the file." };
        var shape = new Option<string?>("--shape") { Description = "bodies: the shape to read the body as (usage_report, wide_payload, flat_payload, timestamp_collections, usage_report_envelope, wide_payload_envelope)." };
        var planted = new Option<string[]>("--planted") { Description = "bodies: values no error message may repeat.", AllowMultipleArgumentsPerToken = true };
        var check = new Command("check", "Runs one input given by hand, such as a saved minimal input or a regression case, and prints what it found.")
        {
            checkTarget, file, lockFile, shape, planted, analysisLimit,
        };
        check.SetAction(parse =>
        {
            string targetName = parse.GetValue(checkTarget)!;
            FuzzTarget fuzz = FuzzTarget.Create(targetName, TimeSpan.FromSeconds(parse.GetValue(analysisLimit)));
            IReadOnlyList<Finding> findings = fuzz.CheckAsync(
                System.IO.File.ReadAllBytes(parse.GetValue(file)!),
                targetName == SourceFuzzer.Target ? parse.GetValue(lockFile) : parse.GetValue(shape),
                parse.GetValue(planted) ?? Array.Empty<string>()).GetAwaiter().GetResult();
            foreach (Finding finding in findings)
            {
                Console.WriteLine($"[{finding.Kind}] {finding.Signature}\n  {finding.Message}\n{finding.Stack}\n");
            }

            Console.WriteLine(findings.Count == 0 ? "No finding." : $"{findings.Count} finding(s).");
            return findings.Count == 0 ? 0 : 3;
        });

        var workerTarget = new Option<string>("--target") { Required = true };
        var workerSeed = new Option<long>("--seed") { Required = true };
        var first = new Option<long>("--first") { Required = true };
        var stride = new Option<int>("--stride") { Required = true };
        var deadline = new Option<long>("--deadline") { Required = true };
        var work = new Option<string>("--work") { Required = true };
        var id = new Option<string>("--id") { Required = true };
        var worker = new Command("worker", "Runs mutants for a campaign (started by run).") { workerTarget, workerSeed, first, stride, deadline, work, id, analysisLimit };
        worker.Hidden = true;
        worker.SetAction(parse => Worker.RunAsync(
            FuzzTarget.Create(parse.GetValue(workerTarget)!, TimeSpan.FromSeconds(parse.GetValue(analysisLimit))),
            parse.GetValue(workerSeed),
            parse.GetValue(first),
            parse.GetValue(stride),
            DateTimeOffset.FromUnixTimeMilliseconds(parse.GetValue(deadline)),
            parse.GetValue(work)!,
            parse.GetValue(id)!).GetAwaiter().GetResult());

        var root = new RootCommand("PiiGuard's fuzzer: mutants of the project's payload sources through the generator, analyzers and code fixes, and mutated bodies through the strict reader.")
        {
            run, replay, check, worker,
        };
        return root.Parse(args).Invoke();
    }

    private static async Task<int> Replay(FuzzTarget target, long seed, long index, int repeat, int shrinkRuns)
    {
        (byte[] input, IReadOnlyList<string> operations) = target.Input(seed, index);
        Console.WriteLine($"{target.Name} seed {seed} index {index}; operations: {string.Join(", ", operations)}");
        Console.WriteLine(FindingReport.Show(input, 1_000_000));
        Console.WriteLine();
        TargetRun run = null!;
        for (int i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            run = await target.RunAsync(seed, index);
            Console.WriteLine($"Ran in {watch.Elapsed.TotalMilliseconds:N0} ms; {string.Join(", ", run.Counters)}");
        }

        if (run.Findings.Count == 0)
        {
            Console.WriteLine("No finding.");
            return 0;
        }

        foreach (Finding finding in run.Findings)
        {
            var report = new FindingReport(finding, target.Name, seed, index, input, operations, 1);
            if (shrinkRuns > 0 && finding.Kind is not (FindingKinds.ProcessCrash or FindingKinds.Timeout))
            {
                await target.ShrinkAsync(report, shrinkRuns);
            }

            Console.WriteLine(report.Describe(maxInputChars: 1_000_000));
        }

        return 3;
    }

    /// <summary>90s, 10m, 1h, 1h30m, or a TimeSpan such as 01:30:00.</summary>
    private static TimeSpan ParseDuration(string text, Action<string> error)
    {
        Match units = Regex.Match(text, @"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$");
        if (units.Success && text.Length > 0)
        {
            int Part(int group) => units.Groups[group].Success ? int.Parse(units.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            return new TimeSpan(Part(1), Part(2), Part(3));
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) && value > TimeSpan.Zero)
        {
            return value;
        }

        error($"'{text}' is not a duration: write 90s, 10m, 1h, 1h30m or 01:30:00.");
        return TimeSpan.Zero;
    }
}
