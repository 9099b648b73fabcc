using System;
using System.Collections.Generic;
using System.Linq;

namespace PiiGuard.Fuzzing.Bodies;

/// <summary>Body fuzzing as the tests and the long-campaign tool run it: one mutant at a time, findings shrunk by structure and bytes.</summary>
public static class BodyFuzzer
{
    /// <summary>The target name findings carry.</summary>
    public const string Target = "bodies";

    /// <summary>Makes mutant <paramref name="index"/> of <paramref name="seed"/> and runs it.</summary>
    public static (BodyMutant Mutant, BodyOutcome Outcome) RunOne(long seed, long index, IReadOnlyList<BodyShape> shapes)
    {
        BodyMutant mutant = BodyMutator.Create(seed, index, shapes);
        return (mutant, BodyHarness.Run(mutant.Shape, mutant.Body, mutant.Planted));
    }

    /// <summary>
    /// Shrinks a finding's input while the same signature still shows, within <paramref name="maxRuns"/> runs: first
    /// to the shortest prefix that still fails (the reader never looks past the problem), closed with the brackets it
    /// leaves open; then by removing object members and array elements one at a time (when the body is JSON at all);
    /// then by deleting bytes. Updates the report's minimal input.
    /// </summary>
    public static void Shrink(FindingReport report, IReadOnlyList<BodyShape> shapes, int maxRuns)
    {
        BodyMutant mutant = BodyMutator.Create(report.Seed, report.Index, shapes);
        string signature = report.Finding.Signature;
        Finding? Check(byte[] candidate) => BodyHarness.Run(mutant.Shape, candidate, mutant.Planted).Finding is { } f && f.Signature == signature ? f : null;

        var budget = new Shrinker.Budget(maxRuns);
        byte[] current = ShortestPrefix(report.Input, candidate => Check(candidate) is not null, budget);
        current = ShrinkStructure(current, candidate => Check(candidate) is not null, budget);
        current = Shrinker.Minimize(current, candidate => Check(candidate.ToArray()) is not null, budget).ToArray();
        report.Minimal = current;
        report.MinimalFinding = Check(current) ?? report.Finding;
    }

    private static byte[] ShortestPrefix(byte[] body, Func<byte[], bool> stillFails, Shrinker.Budget budget)
    {
        // Binary search for a short prefix that still fails; then the same prefix with its open brackets closed.
        int low = 1, high = body.Length;
        while (low < high && budget.Take())
        {
            int middle = (low + high) / 2;
            if (stillFails(body.AsSpan(0, middle).ToArray()))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        byte[] prefix = body.AsSpan(0, high).ToArray();
        int end = prefix.Length;
        while (end > 0 && prefix[end - 1] is (byte)',' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        byte[] closed = prefix.AsSpan(0, end).ToArray().Concat(Closers(prefix)).ToArray();
        return !closed.AsSpan().SequenceEqual(prefix) && budget.Take() && stillFails(closed) ? closed : prefix;
    }

    /// <summary>The brackets that close what <paramref name="prefix"/> leaves open, outside strings.</summary>
    private static IEnumerable<byte> Closers(byte[] prefix)
    {
        var open = new Stack<byte>();
        bool inString = false, escaped = false;
        foreach (byte b in prefix)
        {
            if (inString)
            {
                (escaped, inString) = escaped ? (false, true) : (b == (byte)'\\', b != (byte)'"');
                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{':
                    open.Push((byte)'}');
                    break;
                case (byte)'[':
                    open.Push((byte)']');
                    break;
                case (byte)'}' or (byte)']' when open.Count > 0:
                    open.Pop();
                    break;
            }
        }

        return (inString ? new[] { (byte)'"' } : Array.Empty<byte>()).Concat(open);
    }

    private static byte[] ShrinkStructure(byte[] body, Func<byte[], bool> stillFails, Shrinker.Budget budget)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return body;
        }

        // Greedy: remove the first member or element whose removal keeps the failure, and start over.
        bool removed = true;
        while (removed && budget.Remaining > 0)
        {
            removed = false;
            foreach ((Action remove, Action restore) in Children(root))
            {
                if (!budget.Take())
                {
                    break;
                }

                remove();
                if (stillFails(root.ToBytes()))
                {
                    removed = true;
                    break;
                }

                restore();
            }
        }

        byte[] shrunk = root.ToBytes();
        return stillFails(shrunk) ? shrunk : body;
    }

    /// <summary>Every member and element, outermost first, as a way to remove it and a way to put it back.</summary>
    private static List<(Action Remove, Action Restore)> Children(JsonNode root)
    {
        var children = new List<(Action, Action)>();
        var pending = new Queue<JsonNode>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            switch (pending.Dequeue())
            {
                case JsonObjectNode obj:
                    for (int i = 0; i < obj.Members.Count; i++)
                    {
                        int index = i;
                        JsonMember member = obj.Members[i];
                        children.Add((() => obj.Members.RemoveAt(index), () => obj.Members.Insert(index, member)));
                        pending.Enqueue(member.Value);
                    }

                    break;
                case JsonArrayNode array:
                    for (int i = 0; i < array.Items.Count; i++)
                    {
                        int index = i;
                        JsonNode item = array.Items[i];
                        children.Add((() => array.Items.RemoveAt(index), () => array.Items.Insert(index, item)));
                        pending.Enqueue(item);
                    }

                    break;
            }
        }

        return children;
    }
}
