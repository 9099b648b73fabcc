using System.Collections.Concurrent;
using System.Collections.Generic;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers;

/// <summary>
/// The name model's verdicts for one compilation, by name: a project's payloads repeat their member names (2,000
/// payloads of 20 members use a few thousand names), and a name's words and verdict depend only on the name, the
/// member's value shapes and the options in force, so each is worked out once and shared (both are immutable).
/// </summary>
/// <remarks>
/// One per compilation, through <see cref="PiiGuardSymbols.GetLookup{T}"/>: it lives and dies with the compilation's
/// <see cref="AnalysisCache"/>. Its entries are bounded by the names of the members the analyzers look at (the
/// compilation's own and those its payloads reach), times their shapes and options.
/// </remarks>
internal sealed class NameJudgements
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _words = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, ValueShapes Shape, PiiGuardOptions Options), NameFinding?> _findings = new();
    private readonly ConcurrentDictionary<(string Name, PiiGuardOptions Options), string?> _pointInTime = new();
    private int _judged;

    /// <summary>How many verdicts the name model worked out (the rest were shared), for tests that count the reuse.</summary>
    internal int Judged => System.Threading.Volatile.Read(ref _judged);

    /// <summary>The entries cached, for tests that bound the caches by counting.</summary>
    internal int Count => _words.Count + _findings.Count + _pointInTime.Count;

    /// <summary>The lower-case words of <paramref name="name"/> (<see cref="NameWords.Split"/>); the list must not be changed.</summary>
    public IReadOnlyList<string> Words(string name) =>
        _words.TryGetValue(name, out IReadOnlyList<string>? words) ? words : _words.GetOrAdd(name, NameWords.Split(name));

    /// <summary>What the name model makes of <paramref name="name"/> on a value of <paramref name="shape"/> under <paramref name="options"/>.</summary>
    public NameFinding? Judge(string name, ValueShapes shape, PiiGuardOptions options) =>
        _findings.TryGetValue((name, shape, options), out NameFinding? finding) ? finding : AddJudgement(name, shape, options);

    /// <summary>The word that names <paramref name="name"/> as a point in time (<c>CreatedAt</c>, <c>LastSeenUnix</c>) under <paramref name="options"/>, or null.</summary>
    public string? PointInTimeWord(string name, PiiGuardOptions options) =>
        _pointInTime.TryGetValue((name, options), out string? word) ? word : AddPointInTimeWord(name, options);

    private string? AddPointInTimeWord(string name, PiiGuardOptions options)
    {
        return _pointInTime.GetOrAdd((name, options), PointInTimeNames.FindPersonal(Words(name), options.AllowedWords));
    }

    // Kept out of Judge, so that a hit allocates no closure.
    private NameFinding? AddJudgement(string name, ValueShapes shape, PiiGuardOptions options) =>
        _findings.GetOrAdd((name, shape, options), key =>
        {
            System.Threading.Interlocked.Increment(ref _judged);
            return NameModel.Judge(Words(key.Name), key.Shape, Vocabulary.Default, key.Options.ForbiddenWords, key.Options.AllowedWords);
        });
}
