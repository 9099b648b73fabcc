using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// The options the <c>throughput</c> and <c>storage</c> commands share (--quick, --senders, --count, --rounds,
/// --warmup, --modes, --data-dir), parsed in one place; each command adds its own through <see cref="TryParse"/>.
/// </summary>
internal abstract class RunSettings
{
    protected RunSettings(int[] senders, int count, Mode[] modes)
    {
        Senders = senders;
        Count = count;
        Modes = modes;
    }

    public int[] Senders { get; private set; }

    public int Count { get; private set; }

    public int Rounds { get; private set; } = 5;

    public int Warmup { get; private set; } = 500;

    public Mode[] Modes { get; private set; }

    public string? DataRoot { get; private set; }

    /// <summary>The names --modes takes, and the modes they stand for.</summary>
    protected abstract IReadOnlyDictionary<string, Mode> ModeNames { get; }

    /// <summary>Reads <paramref name="args"/> into these settings.</summary>
    /// <exception cref="ArgumentException">An option is unknown, misses its value or has a bad one.</exception>
    public void Parse(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            switch (option)
            {
                case "--quick":
                    Count = 400;
                    Rounds = 1;
                    Warmup = 100;
                    break;
                case "--senders":
                    Senders = [.. Value().Split(',').Select(Positive)];
                    break;
                case "--count":
                    Count = Positive(Value());
                    break;
                case "--rounds":
                    Rounds = Positive(Value());
                    break;
                case "--warmup":
                    Warmup = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int warmup)
                        ? warmup
                        : throw new ArgumentException("--warmup expects a number (0 or more).");
                    break;
                case "--modes":
                    Modes = [.. Value().Split(',').Select(mode => ModeNames.TryGetValue(mode, out Mode known)
                        ? known
                        : throw new ArgumentException($"Unknown mode '{mode}': {string.Join(", ", ModeNames.Keys)}."))];
                    break;
                case "--data-dir":
                    DataRoot = Path.GetFullPath(Value());
                    break;
                default:
                    if (!TryParse(option, Value))
                    {
                        throw new ArgumentException($"Unknown option {option}.");
                    }

                    break;
            }
        }
    }

    /// <summary>A command's own option; <paramref name="value"/> reads the option's value.</summary>
    /// <returns>Whether <paramref name="option"/> is one of the command's own.</returns>
    protected virtual bool TryParse(string option, Func<string> value) => false;

    protected static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"Expected a positive number, not '{text}'.");
}
