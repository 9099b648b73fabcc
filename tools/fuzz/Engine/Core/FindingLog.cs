using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PiiGuard.Fuzzing;

/// <summary>One defect as a campaign reports it: the finding, where it was first seen, the input and its minimal form.</summary>
/// <param name="Finding">The first finding of this signature (the one of the lowest mutant index).</param>
/// <param name="Target">sources or bodies.</param>
/// <param name="Seed">The campaign's seed.</param>
/// <param name="Index">The index of the mutant it was first seen on: seed and index reproduce it.</param>
/// <param name="Input">The mutant.</param>
/// <param name="Operations">The mutations that made the mutant.</param>
/// <param name="Occurrences">How many mutants showed this signature.</param>
public sealed record FindingReport(Finding Finding, string Target, long Seed, long Index, byte[] Input, IReadOnlyList<string> Operations, int Occurrences)
{
    /// <summary>Gets or sets the smallest input found that still shows the finding (the input itself until shrunk).</summary>
    public byte[] Minimal { get; set; } = Input;

    /// <summary>Gets or sets the finding the minimal input shows (its message and stack may differ from the first's).</summary>
    public Finding MinimalFinding { get; set; } = Finding;

    /// <summary>A report for a person: kind, where to reproduce it, the minimal input and the stack.</summary>
    public string Describe(int maxInputChars = 4000)
    {
        var text = new StringBuilder();
        text.AppendLine($"[{Finding.Kind}] {Finding.Signature}");
        text.AppendLine($"  first seen: {Target} seed {Seed} index {Index} ({Occurrences} mutant(s)); operations: {string.Join(", ", Operations)}");
        text.AppendLine($"  reproduce: dotnet run --project tools/fuzz -- replay --target {Target} --seed {Seed} --index {Index}");
        text.AppendLine("  message: " + MinimalFinding.Message);
        text.AppendLine($"  minimal input ({Minimal.Length} bytes, from {Input.Length}):");
        text.AppendLine(Indent(Show(Minimal, maxInputChars)));
        if (MinimalFinding.Stack is { } stack)
        {
            text.AppendLine("  stack:");
            text.AppendLine(Indent(string.Join("\n", stack.Split('\n').Take(16))));
        }

        return text.ToString();
    }

    /// <summary>An input as text: UTF-8 where it is valid, with other bytes as \xNN.</summary>
    public static string Show(byte[] input, int maxChars)
    {
        var text = new StringBuilder();
        int i = 0;
        while (i < input.Length && text.Length < maxChars)
        {
            if (System.Text.Rune.DecodeFromUtf8(input.AsSpan(i), out System.Text.Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                i += consumed;
            }
            else
            {
                text.Append("\\x").Append(input[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                i++;
            }
        }

        if (i < input.Length)
        {
            text.Append($"… ({input.Length - i} more bytes)");
        }

        return text.ToString();
    }

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);
}

/// <summary>
/// The findings of a campaign, one per signature: the first by mutant index is kept (so the report does not depend
/// on the order parallel runs finish in), and the others are counted. Safe to add to from several threads.
/// </summary>
public sealed class FindingLog
{
    private readonly object _gate = new();
    private readonly Dictionary<string, FindingReport> _bySignature = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="finding"/>, seen on mutant <paramref name="index"/>.</summary>
    /// <returns>Whether it is the first of its signature so far.</returns>
    public bool Add(Finding finding, string target, long seed, long index, byte[] input, IReadOnlyList<string> operations)
    {
        lock (_gate)
        {
            if (_bySignature.TryGetValue(finding.Signature, out FindingReport? known))
            {
                _bySignature[finding.Signature] = known.Index <= index
                    ? known with { Occurrences = known.Occurrences + 1 }
                    : new FindingReport(finding, target, seed, index, input, operations, known.Occurrences + 1);
                return false;
            }

            _bySignature[finding.Signature] = new FindingReport(finding, target, seed, index, input, operations, 1);
            return true;
        }
    }

    /// <summary>Gets the reports, by kind and then by first index.</summary>
    public IReadOnlyList<FindingReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return _bySignature.Values.OrderBy(r => r.Finding.Kind, StringComparer.Ordinal).ThenBy(r => r.Index).ToList();
            }
        }
    }
}
