using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace PiiGuard.Fuzzing.Cli;

/// <summary>A finding as a worker writes it, one JSON line each: the input is mutant <see cref="Index"/> of the campaign's seed.</summary>
internal sealed record FindingLine(string Kind, string Message, string? Stack, string Signature, long Index);

/// <summary>What a worker has done so far, rewritten every few seconds.</summary>
internal sealed class WorkerStats
{
    public long Mutants { get; set; }

    public long LastIndex { get; set; } = -1;

    public Dictionary<string, long> Counters { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Occurrences { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One worker process of a campaign: runs mutants <c>first</c>, <c>first + stride</c>, ... of one target until the
/// deadline. Before each it writes the mutant's index to its journal, so that if the process dies (a stack overflow
/// cannot be caught) the supervisor knows which input killed it. It writes the first finding of each signature to its
/// findings file as soon as it is seen.
/// </summary>
internal static class Worker
{
    public static async Task<int> RunAsync(FuzzTarget target, long seed, long first, int stride, DateTimeOffset deadline, string directory, string id)
    {
        string generation = DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var journal = new FileStream(Path.Combine(directory, id + ".journal"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        using var findings = new StreamWriter(new FileStream(Path.Combine(directory, id + ".findings.jsonl"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false));
        string statsPath = Path.Combine(directory, $"{id}.{generation}.stats.json");
        var stats = new WorkerStats();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sinceStats = Stopwatch.StartNew();
        for (long index = first; DateTimeOffset.UtcNow < deadline; index += stride)
        {
            WriteJournal(journal, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            TargetRun run = await target.RunAsync(seed, index);
            stats.Mutants++;
            stats.LastIndex = index;
            foreach (string counter in run.Counters)
            {
                stats.Counters[counter] = stats.Counters.GetValueOrDefault(counter) + 1;
            }

            foreach (Finding finding in run.Findings)
            {
                stats.Occurrences[finding.Signature] = stats.Occurrences.GetValueOrDefault(finding.Signature) + 1;
                if (seen.Add(finding.Signature))
                {
                    findings.WriteLine(JsonSerializer.Serialize(new FindingLine(finding.Kind, finding.Message, finding.Stack, finding.Signature, index)));
                    findings.Flush();
                }
            }

            if (sinceStats.Elapsed > TimeSpan.FromSeconds(5))
            {
                WriteStats(statsPath, stats);
                sinceStats.Restart();
            }
        }

        WriteStats(statsPath, stats);
        WriteJournal(journal, "done");
        return 0;
    }

    public static string ReadJournal(string directory, string id)
    {
        string path = Path.Combine(directory, id + ".journal");
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    }

    private static void WriteJournal(FileStream journal, string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text.PadRight(24));
        journal.Position = 0;
        journal.Write(bytes);
        journal.Flush();
    }

    private static void WriteStats(string path, WorkerStats stats)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(stats));
        File.Move(temporary, path, overwrite: true);
    }
}
