using System;
using System.Collections.Immutable;
using System.Threading;

namespace PiiGuard.Analyzers.Flow;

/// <summary>Where a personal value starts: what it is called where it is read, why it is personal, and where.</summary>
/// <remarks>
/// Origins are ordered by <see cref="Path"/>, then <see cref="Position"/>, and a join keeps the first: which origin a
/// message names does not depend on the order in which the analysis met them.
/// </remarks>
internal sealed class Origin
{
    public Origin(string name, string why, string path, int position)
    {
        Name = name;
        Why = why;
        Path = path;
        Position = position;
    }

    /// <summary>The value as code names it (<c>user.Email</c>, <c>Environment.UserName</c>): symbol names only, never a value.</summary>
    public string Name { get; }

    /// <summary>Why it is personal, as it reads in a message's parentheses.</summary>
    public string Why { get; }

    public string Path { get; }

    public int Position { get; }

    public static Origin? First(Origin? a, Origin? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        int byPath = string.CompareOrdinal(a.Path, b.Path);
        return byPath < 0 || (byPath == 0 && a.Position <= b.Position) ? a : b;
    }

    public bool SameAs(Origin? other) =>
        other != null && other.Position == Position && other.Path == Path && other.Name == Name && other.Why == Why;
}

/// <summary>
/// What a value may hold: a personal origin, and which of the analysed method's parameters (bit i for parameter i,
/// bit 63 for <c>this</c>) it may come from. A value with neither is clean.
/// </summary>
internal readonly struct Taint
{
    public const int ThisBit = 63;

    public static readonly Taint Clean = default;

    public Taint(Origin? origin, ulong parameters)
    {
        Origin = origin;
        Parameters = parameters;
    }

    public Origin? Origin { get; }

    public ulong Parameters { get; }

    public bool IsClean => Origin is null && Parameters == 0;

    public static Taint Of(Origin origin) => new(origin, 0);

    public static Taint OfParameter(int ordinal) => ordinal >= 0 && ordinal < ThisBit ? new Taint(null, 1UL << ordinal) : Clean;

    public static Taint OfThis() => new(null, 1UL << ThisBit);

    public Taint Join(Taint other) =>
        other.IsClean ? this : IsClean ? other : new Taint(Origin.First(Origin, other.Origin), Parameters | other.Parameters);

    public bool SameAs(Taint other) =>
        Parameters == other.Parameters && (Origin is null ? other.Origin is null : Origin.SameAs(other.Origin));
}

/// <summary>The kinds of sink: each has its own message (and fix).</summary>
internal enum SinkKind
{
    Log,
    LoggerMessage,
    Console,
    ExceptionMessage,
    Sentry,
    Telemetry,
}

/// <summary>A sink a value reaches: its kind and its name as a message says it.</summary>
internal sealed class SinkHit
{
    public SinkHit(SinkKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    public SinkKind Kind { get; }

    public string Name { get; }

    public bool SameAs(SinkHit? other) => other != null && other.Kind == Kind && other.Name == Name;
}

/// <summary>
/// What a method of the compilation does with what it is given, worked out once from its body: which parameters
/// (and <c>this</c>) reach its return value, which personal origin inside it reaches its return value, and which
/// sink each parameter reaches inside it (or in the methods it calls).
/// </summary>
internal sealed class MethodSummary
{
    public static readonly MethodSummary Bottom = new(0, null, ImmutableArray<SinkHit?>.Empty);

    public MethodSummary(ulong returnParameters, Origin? returnOrigin, ImmutableArray<SinkHit?> parameterSinks)
    {
        ReturnParameters = returnParameters;
        ReturnOrigin = returnOrigin;
        ParameterSinks = parameterSinks;
    }

    public ulong ReturnParameters { get; }

    public Origin? ReturnOrigin { get; }

    /// <summary>By parameter ordinal; null where the parameter reaches no sink (shorter than the parameter list when the last reach none).</summary>
    public ImmutableArray<SinkHit?> ParameterSinks { get; }

    /// <summary>
    /// What a call that may run either method does: the parameters either returns, the first return origin, and for
    /// each parameter the first sink, this summary's before <paramref name="other"/>'s.
    /// </summary>
    public MethodSummary Join(MethodSummary other)
    {
        int length = Math.Max(ParameterSinks.Length, other.ParameterSinks.Length);
        var sinks = ImmutableArray.CreateBuilder<SinkHit?>(length);
        for (int i = 0; i < length; i++)
        {
            sinks.Add(SinkOf(i) ?? other.SinkOf(i));
        }

        return new MethodSummary(ReturnParameters | other.ReturnParameters, Origin.First(ReturnOrigin, other.ReturnOrigin), sinks.MoveToImmutable());
    }

    public SinkHit? SinkOf(int ordinal) => ordinal >= 0 && ordinal < ParameterSinks.Length ? ParameterSinks[ordinal] : null;

    public bool SameAs(MethodSummary other)
    {
        if (ReturnParameters != other.ReturnParameters || ParameterSinks.Length != other.ParameterSinks.Length ||
            (ReturnOrigin is null ? other.ReturnOrigin != null : !ReturnOrigin.SameAs(other.ReturnOrigin)))
        {
            return false;
        }

        for (int i = 0; i < ParameterSinks.Length; i++)
        {
            SinkHit? a = ParameterSinks[i];
            SinkHit? b = other.ParameterSinks[i];
            if (a is null ? b != null : !a.SameAs(b))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The flow analysis' work, counted (never timed): tests bound it. Only set on an analyzer that a test made; the
/// analyzer the compiler loads counts nothing.
/// </summary>
internal sealed class FlowCounters
{
    private long _summaries;
    private long _summaryPasses;
    private long _operations;
    private long _bodies;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byMethod = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byMember = new(StringComparer.Ordinal);

    /// <summary>Bodies (of methods, accessors, initializers) the compiler handed to the analysis, each analysed for sinks.</summary>
    public long BodiesAnalysed => Interlocked.Read(ref _bodies);

    /// <summary>Distinct methods summarised.</summary>
    public long SummariesComputed => Interlocked.Read(ref _summaries);

    /// <summary>Passes over method bodies made to summarise them (more than <see cref="SummariesComputed"/> only for recursion).</summary>
    public long SummaryPasses => Interlocked.Read(ref _summaryPasses);

    /// <summary>Operations visited, by the collecting walk and by evaluation, in reports and summaries alike.</summary>
    public long OperationsVisited => Interlocked.Read(ref _operations);

    /// <summary>How many times the method named <paramref name="name"/> (<c>Type.Method</c>) was summarised.</summary>
    public int SummariesOf(string name) => _byMethod.TryGetValue(name, out int count) ? count : 0;

    public void Summarised(string name)
    {
        Interlocked.Increment(ref _summaries);
        _byMethod.AddOrUpdate(name, 1, (_, count) => count + 1);
    }

    /// <summary>How many times what the compilation stores in the member named <paramref name="name"/> (<c>Type.Member</c>) was worked out.</summary>
    public int StoresOf(string name) => _byMember.TryGetValue(name, out int count) ? count : 0;

    public void Stored(string name) => _byMember.AddOrUpdate(name, 1, (_, count) => count + 1);

    public void Analysed() => Interlocked.Increment(ref _bodies);

    public void Pass() => Interlocked.Increment(ref _summaryPasses);

    public void Visited(long operations) => Interlocked.Add(ref _operations, operations);
}
