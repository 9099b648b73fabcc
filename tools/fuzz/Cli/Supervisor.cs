using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace PiiGuard.Fuzzing.Cli;

/// <summary>What a campaign is asked to do.</summary>
internal sealed record CampaignOptions(
    long Seed,
    TimeSpan Duration,
    IReadOnlyList<string> Targets,
    string Output,
    IReadOnlyDictionary<string, int> Workers,
    IReadOnlyDictionary<string, int> ShrinkRuns,
    TimeSpan AnalysisLimit,
    TimeSpan HangLimit);

/// <summary>
/// Runs a campaign: worker processes per target until the deadline, restarted after a crash or a hang (each recorded
/// as a finding with the input that caused it), then every distinct finding shrunk and saved, and a summary.
/// </summary>
internal sealed class Supervisor
{
    private readonly CampaignOptions _options;
    private readonly string _work;
    private readonly List<Slot> _slots = new();
    private readonly List<(string Target, Finding Finding, long Index)> _deaths = new();

    public Supervisor(CampaignOptions options)
    {
        _options = options;
        _work = Path.Combine(options.Output, "work-" + options.Seed.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<int> RunAsync()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }

        Directory.CreateDirectory(_work);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        DateTimeOffset deadline = started + _options.Duration;
        Console.WriteLine($"PiiGuard fuzzing: seed {_options.Seed}, targets {string.Join(", ", _options.Targets)}, for {_options.Duration}, until {deadline:u}; findings in {Path.GetFullPath(_options.Output)}");
        foreach (string target in _options.Targets)
        {
            int workers = _options.Workers[target];
            for (int k = 0; k < workers; k++)
            {
                var slot = new Slot(target, $"{target}-{k}", next: k, stride: workers);
                _slots.Add(slot);
                Start(slot, deadline);
            }
        }

        var sinceProgress = Stopwatch.StartNew();
        while (_slots.Any(s => s.Process is not null))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            foreach (Slot slot in _slots.Where(s => s.Process is not null))
            {
                Watch(slot, deadline);
            }

            if (sinceProgress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.WriteLine($"  {DateTimeOffset.UtcNow - started:hh\\:mm\\:ss} " + string.Join("; ", _options.Targets.Select(t => $"{t}: {Stats(t).Mutants} mutants, {Findings(t).Select(f => f.Signature).Distinct().Count()} distinct findings")));
                sinceProgress.Restart();
            }
        }

        DateTimeOffset ended = DateTimeOffset.UtcNow;
        var summary = new StringBuilder();
        summary.AppendLine($"# Fuzzing campaign, seed {_options.Seed}");
        summary.AppendLine();
        summary.AppendLine($"- Started {started:u}, mutants until {ended:u} ({ended - started:hh\\:mm\\:ss}), targets: {string.Join(", ", _options.Targets)}");
        summary.AppendLine($"- Machine: {Machine()}");
        string configuration = Assembly.GetExecutingAssembly().GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";
        summary.AppendLine($"- Tool: `dotnet run --project tools/fuzz{(configuration == "Debug" ? "" : " -c " + configuration)} -- run --seed {_options.Seed} --duration {_options.Duration} --target {(_options.Targets.Count > 1 ? "all" : _options.Targets[0])}`, commit {Commit()}");
        int total = 0;
        foreach (string target in _options.Targets)
        {
            FuzzTarget fuzz = FuzzTarget.Create(target, _options.AnalysisLimit);
            WorkerStats stats = Stats(target);
            var log = new FindingLog();
            foreach (FindingLine line in Findings(target))
            {
                (byte[] input, IReadOnlyList<string> operations) = fuzz.Input(_options.Seed, line.Index);
                log.Add(new Finding(line.Kind, line.Message, line.Stack, line.Signature), target, _options.Seed, line.Index, input, operations);
            }

            foreach ((string _, Finding finding, long index) in _deaths.Where(d => d.Target == target))
            {
                (byte[] input, IReadOnlyList<string> operations) = fuzz.Input(_options.Seed, index);
                log.Add(finding, target, _options.Seed, index, input, operations);
                stats.Occurrences[finding.Signature] = stats.Occurrences.GetValueOrDefault(finding.Signature) + 1;
            }

            double seconds = Math.Max(1, (ended - started).TotalSeconds);
            summary.AppendLine();
            summary.AppendLine($"## {target}: {stats.Mutants:N0} mutants ({stats.Mutants / seconds:N1} a second), {_options.Workers[target]} worker(s)");
            summary.AppendLine();
            foreach ((string counter, long count) in stats.Counters.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                summary.AppendLine($"- {counter}: {count:N0}");
            }

            IReadOnlyList<FindingReport> reports = log.Reports;
            summary.AppendLine();
            summary.AppendLine(reports.Count == 0 ? "No findings." : $"{reports.Count} distinct finding(s):");
            foreach (FindingReport first in reports)
            {
                FindingReport report = first with { Occurrences = (int)Math.Min(int.MaxValue, stats.Occurrences.GetValueOrDefault(first.Finding.Signature, first.Occurrences)) };
                if (report.Finding.Kind is not (FindingKinds.ProcessCrash or FindingKinds.Timeout))
                {
                    Console.WriteLine($"  shrinking {target} index {report.Index}: {report.Finding.Signature}");
                    await fuzz.ShrinkAsync(report, _options.ShrinkRuns[target]);
                }

                (string folder, bool known) = FindingFiles.Save(_options.Output, fuzz, report);
                summary.AppendLine($"- `{report.Finding.Signature}`: first at index {report.Index}, {report.Occurrences} mutant(s), minimal input {report.Minimal.Length} bytes: `{Path.GetRelativePath(_options.Output, folder)}`{(known ? " (already saved by an earlier campaign)" : "")}");
                total++;
            }
        }

        string summaryPath = Path.Combine(_options.Output, $"summary-seed{_options.Seed}.md");
        File.WriteAllText(summaryPath, summary.ToString());
        Console.WriteLine();
        Console.WriteLine(summary.ToString());
        Console.WriteLine($"Summary: {summaryPath}");
        Directory.Delete(_work, recursive: true);
        return total == 0 ? 0 : 3;
    }

    private void Start(Slot slot, DateTimeOffset deadline)
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (string argument in new[]
        {
            "worker", "--target", slot.Target, "--seed", _options.Seed.ToString(CultureInfo.InvariantCulture),
            "--first", slot.Next.ToString(CultureInfo.InvariantCulture), "--stride", slot.Stride.ToString(CultureInfo.InvariantCulture),
            "--deadline", deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), "--work", _work, "--id", slot.Id,
            "--analysis-limit", _options.AnalysisLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        slot.Output = new StringBuilder();
        process.ErrorDataReceived += (_, e) => Append(slot, e.Data);
        process.OutputDataReceived += (_, e) => Append(slot, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        slot.Process = process;
        slot.Journal = "";
        slot.JournalChanged = Stopwatch.StartNew();
    }

    private static void Append(Slot slot, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (slot)
        {
            // Keep the end: a stack overflow's trace can be very long, and its top and bottom matter.
            if (slot.Output.Length < 200_000)
            {
                slot.Output.AppendLine(line);
            }
        }
    }

    private void Watch(Slot slot, DateTimeOffset deadline)
    {
        Process process = slot.Process!;
        string journal = Worker.ReadJournal(_work, slot.Id);
        if (journal != slot.Journal)
        {
            slot.Journal = journal;
            slot.JournalChanged.Restart();
        }

        string? kind = null;
        string message = "";
        if (process.HasExited)
        {
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                slot.Process = null;
                return;
            }

            kind = FindingKinds.ProcessCrash;
            message = $"the worker process died with exit code {process.ExitCode}";
        }
        else if (slot.JournalChanged.Elapsed > _options.HangLimit)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            kind = FindingKinds.Timeout;
            message = $"one input kept the worker busy for over {_options.HangLimit}";
        }

        if (kind is null)
        {
            return;
        }

        string output;
        lock (slot)
        {
            output = slot.Output.ToString();
        }

        slot.Process = null;
        if (!long.TryParse(journal, NumberStyles.Integer, CultureInfo.InvariantCulture, out long index))
        {
            Console.WriteLine($"  worker {slot.Id} stopped before its first input ({message}):\n{output}");
            return;
        }

        Finding finding = kind == FindingKinds.ProcessCrash
            ? Finding.FromCrashOutput(kind, message, output)
            : Finding.Of(kind, message, "worker");
        _deaths.Add((slot.Target, finding, index));
        Console.WriteLine($"  {slot.Target} index {index}: {message}");
        if (DateTimeOffset.UtcNow < deadline)
        {
            slot.Next = index + slot.Stride;
            Start(slot, deadline);
        }
    }

    private WorkerStats Stats(string target)
    {
        var total = new WorkerStats();
        foreach (string path in Directory.EnumerateFiles(_work, target + "-*.stats.json"))
        {
            WorkerStats? stats;
            try
            {
                stats = JsonSerializer.Deserialize<WorkerStats>(File.ReadAllText(path));
            }
            catch (IOException)
            {
                continue;
            }

            if (stats is null)
            {
                continue;
            }

            total.Mutants += stats.Mutants;
            foreach ((string key, long count) in stats.Counters)
            {
                total.Counters[key] = total.Counters.GetValueOrDefault(key) + count;
            }

            foreach ((string key, long count) in stats.Occurrences)
            {
                total.Occurrences[key] = total.Occurrences.GetValueOrDefault(key) + count;
            }
        }

        return total;
    }

    private List<FindingLine> Findings(string target)
    {
        var lines = new List<FindingLine>();
        foreach (string path in Directory.EnumerateFiles(_work, target + "-*.findings.jsonl").OrderBy(p => p, StringComparer.Ordinal))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && line.EndsWith('}'))
                {
                    lines.Add(JsonSerializer.Deserialize<FindingLine>(line)!);
                }
            }
        }

        return lines;
    }

    private static string Machine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string Commit()
    {
        try
        {
            var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            string commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private sealed class Slot
    {
        public Slot(string target, string id, long next, int stride)
        {
            Target = target;
            Id = id;
            Next = next;
            Stride = stride;
        }

        public string Target { get; }

        public string Id { get; }

        public long Next { get; set; }

        public int Stride { get; }

        public Process? Process { get; set; }

        public StringBuilder Output { get; set; } = new();

        public string Journal { get; set; } = "";

        public Stopwatch JournalChanged { get; set; } = new();
    }
}
