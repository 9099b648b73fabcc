using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers;

/// <summary>
/// The name model's verdicts for one compilation, by name: a project's payloads repeat their member names (2,000
/// payloads of 20 members use a few thousand names), and a name's verdict depends only on its words, the member's
/// value shapes and the options in force, so each is worked out once and shared (both are immutable). Names with the
/// same words share their verdicts: a member's name and its snake_case JSON name (<c>AxisOutcomeCounts</c>,
/// <c>axis_outcome_counts</c>) are judged once.
/// </summary>
/// <remarks>
/// One per compilation, <see cref="PiiGuardSymbols.Names"/>: it lives and dies with the compilation's
/// <see cref="AnalysisCache"/>. Its entries are bounded by the names of the members the analyzers look at (the
/// compilation's own and those its payloads reach), times their shapes and options.
/// </remarks>
internal sealed class NameJudgements
{
    // Two lookups: a name to the words it splits into (its snake_case form), then those words to their verdicts, so
    // that a verdict is shared by every name with the same words.
    private readonly ConcurrentDictionary<string, Judgements> _byName = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Judgements> _byWords = new(System.StringComparer.Ordinal);
    private int _judged;

    /// <summary>How many verdicts the name model worked out (the rest were shared), for tests that count the reuse.</summary>
    internal int Judged => Volatile.Read(ref _judged);

    /// <summary>The entries cached (names, distinct words, and the verdicts and point-in-time words of each), for tests that bound the caches by counting.</summary>
    internal int Count
    {
        get
        {
            int count = _byName.Count + _byWords.Count;
            foreach (Judgements judgements in _byWords.Values)
            {
                count += judgements.Count;
            }

            return count;
        }
    }

    /// <summary>The lower-case words of <paramref name="name"/> (<see cref="NameWords.Split"/>); the list must not be changed.</summary>
    public IReadOnlyList<string> Words(string name) => Of(name).Words;

    /// <summary>
    /// <paramref name="name"/> in snake_case (<see cref="NameWords.ToSnakeCase"/>), the default JSON name of a member so
    /// named: the problem search of PII007 takes it from here (<see cref="AnalysisCache"/>), so that each name is
    /// snake-cased once for the verdicts and the JSON names alike.
    /// </summary>
    public string SnakeCase(string name) => Of(name).SnakeCase;

    /// <summary>What the name model makes of <paramref name="name"/> on a value of <paramref name="shape"/> under <paramref name="options"/>.</summary>
    public NameFinding? Judge(string name, ValueShapes shape, PiiGuardOptions options) => Of(name).Judge(shape, options, ref _judged);

    /// <summary>The word that names <paramref name="name"/> as a point in time (<c>CreatedAt</c>, <c>LastSeenUnix</c>) under <paramref name="options"/>, or null.</summary>
    public string? PointInTimeWord(string name, PiiGuardOptions options) => Of(name).PointInTimeWord(options);

    private Judgements Of(string name) => _byName.TryGetValue(name, out Judgements? judgements) ? judgements : Add(name);

    // Kept out of Of, so that a hit allocates nothing.
    private Judgements Add(string name)
    {
        string snakeCase = NameWords.ToSnakeCase(name);
        Judgements judgements = _byWords.TryGetValue(snakeCase, out Judgements? known)
            ? known
            : _byWords.GetOrAdd(snakeCase, new Judgements(snakeCase, NameWords.SplitSnakeCase(snakeCase)));
        return _byName.GetOrAdd(name, judgements);
    }

    /// <summary>
    /// The verdicts of one name's words: a name meets few shapes and options, so each is kept in a short list that is
    /// searched in order (<see cref="Memo{T}"/>).
    /// </summary>
    private sealed class Judgements
    {
        private readonly Memo<NameFinding> _findings = new();
        private readonly Memo<string> _pointsInTime = new();

        public Judgements(string snakeCase, IReadOnlyList<string> words)
        {
            SnakeCase = snakeCase;
            Words = words;
        }

        /// <summary>The words joined in snake_case: the key they are shared by.</summary>
        public string SnakeCase { get; }

        public IReadOnlyList<string> Words { get; }

        public int Count => _findings.Count + _pointsInTime.Count;

        public NameFinding? Judge(ValueShapes shape, PiiGuardOptions options, ref int judged)
        {
            NameFinding? finding = _findings.GetOrAdd(shape, options, this, static (judgements, shape, options) =>
                NameModel.Judge(judgements.Words, shape, Vocabulary.Default, options.ForbiddenWords, options.AllowedWords), out bool added);
            if (added)
            {
                Interlocked.Increment(ref judged);
            }

            return finding;
        }

        // A point-in-time word depends on the words and the options only: one shape stands for all.
        public string? PointInTimeWord(PiiGuardOptions options) =>
            _pointsInTime.GetOrAdd(default, options, this, static (judgements, _, options) =>
                PointInTimeNames.FindPersonal(judgements.Words, options.AllowedWords), out _);
    }

    /// <summary>
    /// Values worked out once per (shape, options): the list is searched in order and replaced whole (under a lock)
    /// when a value is added, so readers see either list, never a half-written one, and a hit allocates nothing.
    /// Options are compared by reference (each tree's options are one shared instance).
    /// </summary>
    private sealed class Memo<T>
        where T : class
    {
        private (ValueShapes Shape, PiiGuardOptions Options, T? Value)[] _entries = System.Array.Empty<(ValueShapes, PiiGuardOptions, T?)>();

        public int Count => Volatile.Read(ref _entries).Length;

        public T? GetOrAdd<TState>(ValueShapes shape, PiiGuardOptions options, TState state, System.Func<TState, ValueShapes, PiiGuardOptions, T?> make, out bool added)
        {
            added = false;
            if (Find(Volatile.Read(ref _entries), shape, options, out T? known))
            {
                return known;
            }

            lock (this)
            {
                if (Find(_entries, shape, options, out T? raced))
                {
                    return raced;
                }

                T? value = make(state, shape, options);
                var longer = new (ValueShapes, PiiGuardOptions, T?)[_entries.Length + 1];
                System.Array.Copy(_entries, longer, _entries.Length);
                longer[_entries.Length] = (shape, options, value);
                Volatile.Write(ref _entries, longer);
                added = true;
                return value;
            }
        }

        private static bool Find((ValueShapes Shape, PiiGuardOptions Options, T? Value)[] entries, ValueShapes shape, PiiGuardOptions options, out T? value)
        {
            foreach (var each in entries)
            {
                if (each.Shape == shape && ReferenceEquals(each.Options, options))
                {
                    value = each.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }
    }
}
