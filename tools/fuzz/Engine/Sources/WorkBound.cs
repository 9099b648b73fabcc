using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>
/// The bound on the analyzers' work for one input, counted, never timed. PiiGuard's analyzers read a file's options
/// (<see cref="AnalyzerConfigOptionsProvider.GetOptions(SyntaxTree)"/>) once for each payload member they materialise,
/// in source and reached through a payload's types, so the count of those requests measures how much of a payload's
/// shape they walked. Work past <see cref="MaxOptionRequests"/> is a finding: a payload whose walk grows without bound.
/// </summary>
/// <remarks>
/// The one place to change how the bound is checked: <see cref="IsExceeded"/>. The largest payloads of this
/// repository make a few hundred requests (WidePayload and its types: under 200); a walk that the analyzers stop by
/// themselves, such as a step counter of their own, must stop below the bound, or the bound must move above it.
/// </remarks>
public static class WorkBound
{
    /// <summary>How many option requests one input's analysis may make.</summary>
    public const int MaxOptionRequests = 5_000;

    /// <summary>Whether <paramref name="optionRequests"/> requests so far is past the bound.</summary>
    public static bool IsExceeded(int optionRequests) => optionRequests > MaxOptionRequests;
}

/// <summary>
/// The analyzer options of one input: its <c>piiguard.*</c> options for its source, the lock file's metadata for its
/// schema lock, its build properties as global options. It counts the requests for a file's options and, past
/// <see cref="WorkBound"/>, cancels the analysis from inside it, keeping the stack of the request that went past.
/// </summary>
public sealed class FuzzOptionsProvider : AnalyzerConfigOptionsProvider
{
    /// <summary>The metadata that marks a schema lock among the additional files.</summary>
    public const string LockMetadata = "build_metadata.AdditionalFiles.PiiGuardSchemaLock";

    private readonly DictionaryOptions _source;
    private readonly DictionaryOptions _global;
    private readonly DictionaryOptions _lock = new(new Dictionary<string, string> { [LockMetadata] = "true" });
    private readonly CancellationTokenSource? _cancel;
    private int _requests;

    /// <summary>Creates the options; with <paramref name="cancel"/>, requests past the bound cancel it and throw.</summary>
    public FuzzOptionsProvider(IReadOnlyList<KeyValuePair<string, string>> options, CancellationTokenSource? cancel)
    {
        _source = new DictionaryOptions(options.Where(o => !o.Key.StartsWith("build_property.", System.StringComparison.Ordinal)).ToDictionary(o => o.Key, o => o.Value));
        _global = new DictionaryOptions(options.Where(o => o.Key.StartsWith("build_property.", System.StringComparison.Ordinal)).ToDictionary(o => o.Key, o => o.Value));
        _cancel = cancel;
    }

    /// <summary>Gets how many times a file's options were asked for.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets the stack of the request that went past the bound, or null while within it.</summary>
    public StackTrace? ExceededAt { get; private set; }

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree)
    {
        Count();
        return _source;
    }

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
    {
        Count();
        return _lock;
    }

    private void Count()
    {
        int requests = Interlocked.Increment(ref _requests);
        if (_cancel is not null && WorkBound.IsExceeded(requests))
        {
            if (ExceededAt is null)
            {
                ExceededAt = new StackTrace(1, false);
                _cancel.Cancel();
            }

            throw new System.OperationCanceledException(_cancel.Token);
        }
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public DictionaryOptions(IDictionary<string, string> values)
        {
            _values = values.ToImmutableDictionary(KeyComparer);
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => _values.Keys;
    }
}
