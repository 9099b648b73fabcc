using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;

namespace PiiGuard.Generators.Parser;

/// <summary>
/// What model builds and problem searches of one compilation's payloads share: an enum reached from many payloads is
/// read once, and so is each declared object type (<see cref="ObjectFacts"/>) that <see cref="PayloadModelBuilder.FindProblems"/>
/// meets, each member name's default JSON name, and the analyzers' leaf values (<see cref="Leaf"/>). Lives as long as its owner (the analyzers' per-compilation cache); thread-safe. Bounded by the declarations
/// the payloads reach: constructed generic types (<c>A&lt;int&gt;</c>), which a walk can meet in ever new
/// constructions, are read afresh each time and never cached. The generator builds each payload in its own
/// incremental step and passes none, so that a payload's model depends on nothing but its own inputs.
/// </summary>
internal sealed class PayloadModelBuilderCache
{
    private readonly ConcurrentDictionary<string, string> _jsonNames = new(System.StringComparer.Ordinal);
    private readonly System.Func<string, string>? _jsonNameOf;
    private readonly System.Func<INamedTypeSymbol, ImmutableArray<ISymbol>>? _membersRead;
    private readonly ConcurrentDictionary<(ValueKind Kind, bool Nullable, bool IsReferenceType, string? Primitive, string? Aggregation, bool IsDateTimeOffset, EnumFacts? Enum), ValueModel> _leaves = new();
    private int _objectsRead;

    /// <summary>A cache that works out each member name's default JSON name once.</summary>
    public PayloadModelBuilderCache()
    {
    }

    /// <summary>A cache that takes what its owner keeps already instead of working it out again.</summary>
    /// <param name="jsonNameOf">Each member name's default JSON name (the analyzers' name judgements split every name into its snake_case words).</param>
    /// <param name="membersRead">
    /// The members of a declared type as its owner read them (the analyzers' payload walk reads every type a payload
    /// reaches before the problem search does), or a default array when it has not: a type's members are then read once.
    /// </param>
    public PayloadModelBuilderCache(System.Func<string, string> jsonNameOf, System.Func<INamedTypeSymbol, ImmutableArray<ISymbol>> membersRead)
    {
        _jsonNameOf = jsonNameOf;
        _membersRead = membersRead;
    }

    internal ConcurrentDictionary<INamedTypeSymbol, EnumFacts> Enums { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The facts of each declared object type that a payload reaches (not a payload's own root object).</summary>
    internal ConcurrentDictionary<INamedTypeSymbol, ObjectFacts> Objects { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>How many times an object type was read for <see cref="Objects"/>, for tests that count the reuse.</summary>
    internal int ObjectsRead => Volatile.Read(ref _objectsRead);

    /// <summary>The entries cached, for tests that bound the caches by counting.</summary>
    internal int Count => Enums.Count + Objects.Count + _jsonNames.Count + _leaves.Count;

    /// <summary>The default JSON name of a member called <paramref name="memberName"/> (<see cref="Shared.NameWords.ToSnakeCase"/>), worked out once per name.</summary>
    internal string JsonNameOf(string memberName) =>
        _jsonNameOf is { } shared ? shared(memberName)
        : _jsonNames.TryGetValue(memberName, out string? json) ? json
        : _jsonNames.GetOrAdd(memberName, Shared.NameWords.ToSnakeCase(memberName));

    /// <summary>The members of <paramref name="type"/> (<see cref="INamespaceOrTypeSymbol.GetMembers()"/>): those its owner read already, when it kept them.</summary>
    internal ImmutableArray<ISymbol> MembersOf(INamedTypeSymbol type) =>
        _membersRead?.Invoke(type) is { IsDefault: false } read ? read : type.GetMembers();

    /// <summary>
    /// A value model without a type name that holds no other value (a number, a flag, text, a point in time, one of
    /// <see cref="Enums"/>), made once and shared: the analyzers' builds, which write no type names, meet a few dozen of
    /// them (and two per enum) across all the members.
    /// </summary>
    internal ValueModel Leaf(ValueKind kind, bool nullable, bool isReferenceType, string? primitive, string? aggregation, bool isDateTimeOffset, EnumFacts? enumFacts)
    {
        var key = (kind, nullable, isReferenceType, primitive, aggregation, isDateTimeOffset, enumFacts);
        return _leaves.TryGetValue(key, out ValueModel? leaf)
            ? leaf
            : _leaves.GetOrAdd(key, new ValueModel(kind, "", nullable, false, isReferenceType, primitive, aggregation, isDateTimeOffset, enumFacts?.Members ?? default));
    }

    /// <summary>The facts of a declared object type, read by <paramref name="builder"/> on first use.</summary>
    internal ObjectFacts GetObject(INamedTypeSymbol type, PayloadModelBuilder builder) =>
        Objects.TryGetValue(type, out ObjectFacts? facts) ? facts : AddObject(type, builder);

    // Kept out of GetObject, so that a cache hit allocates no closure.
    private ObjectFacts AddObject(INamedTypeSymbol type, PayloadModelBuilder builder) =>
        Objects.GetOrAdd(type, t =>
        {
            Interlocked.Increment(ref _objectsRead);
            return builder.RecordFacts(t, isRoot: false);
        });
}

/// <summary>
/// One object type as a payload's model build meets it, in order: each problem of its own (its members, their values,
/// its constructor) and each object type it reaches (which the build visits at that point). Which problems are
/// reported, and the bounds that depend on the whole payload, are decided per payload when the events are replayed.
/// </summary>
internal sealed class ObjectFacts
{
    public ObjectFacts(ObjectEvent[] events, int[] fieldObjects)
    {
        Events = events;
        FieldObjects = fieldObjects;
    }

    public ObjectEvent[] Events { get; }

    /// <summary>Per field of the object's model, the index in <see cref="Events"/> of the object it nests, or -1.</summary>
    public int[] FieldObjects { get; }
}

/// <summary>A problem (when <see cref="Reached"/> is null), or an object type reached through a member.</summary>
internal readonly struct ObjectEvent
{
    public ObjectEvent(PayloadProblem problem, INamedTypeSymbol? reached, ISymbol? reachedThrough)
    {
        Problem = problem;
        Reached = reached;
        ReachedThrough = reachedThrough;
    }

    public PayloadProblem Problem { get; }

    public INamedTypeSymbol? Reached { get; }

    public ISymbol? ReachedThrough { get; }
}

/// <summary>An enum as payloads see it: its members' JSON names, whether it is <c>[Flags]</c>, and its duplicates.</summary>
internal sealed class EnumFacts
{
    public EnumFacts(bool isFlags, EquatableArray<EnumMemberModel> members, IReadOnlyList<(PayloadProblemKind Kind, object[] Arguments)> problems)
    {
        IsFlags = isFlags;
        Members = members;
        Problems = problems;
    }

    public bool IsFlags { get; }

    public EquatableArray<EnumMemberModel> Members { get; }

    /// <summary>Duplicate JSON names or values, reported on each member that reaches the enum.</summary>
    public IReadOnlyList<(PayloadProblemKind Kind, object[] Arguments)> Problems { get; }
}
