using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Generators.Model;
using PiiGuard.Generators.Parser;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// What PiiGuard's analyzers work out about one compilation, worked out once and shared by all of them: the
/// symbols they look for, each payload member with its unwrapped type and split names, each payload's members (and,
/// when a schema lock is checked, its model), each member type's shape, each enum and each declared object type a
/// payload reaches (PII007 replays an object type's problems per payload instead of building every payload's model), and,
/// through <see cref="PiiGuardSymbols"/>, the rules' own lookups (the name model's verdicts by name, the forbidden types). Eight rules over one payload member cost one member's analysis, not eight; a record shared by many payloads
/// is read once.
/// </summary>
/// <remarks>
/// Lifetime and size. The cache lives exactly as long as its compilation: the table below is keyed weakly by the
/// compilation, and a ConditionalWeakTable value does not keep its key alive even though it references it; nothing
/// else static holds a compilation, a symbol or a cache (the options cache is keyed by the options object and holds
/// only words). Two things used to let a cache grow without bound or outlive a cancelled analysis, and are bounded
/// now: the payload walk and the model builder followed generic types into ever new constructions (a shape like
/// <c>A&lt;T&gt;</c> holding <c>A&lt;(T, T)&gt;</c> and <c>A&lt;T[]&gt;</c>), caching a member entry for every member
/// of every construction, and neither looked at the cancellation token, so a cancelled analysis kept running (as an
/// abandoned one does), and kept its compilation and this cache alive, for as long as that took. The walks are now bounded
/// (<see cref="ShapeBounds"/>) and stop when cancelled; a cancelled computation stores nothing; and members are
/// cached for declared symbols only, so that the entries are bounded by the compilation's own declarations
/// (members of constructed generic types are made afresh on each walk, which is bounded). CacheLifetimeTests checks
/// that caches die with their compilations, analyzed to the end, cancelled or abandoned.
/// </remarks>
internal sealed class AnalysisCache
{
    private static readonly ConditionalWeakTable<Compilation, AnalysisCache> Caches = new();

    // Per declared type (not per member: a dictionary entry per member cost more than the members themselves), its
    // [TelemetryField] members, read once and shared by the type's own callback and every walk that reaches the type.
    private readonly ConcurrentDictionary<INamedTypeSymbol, (ImmutableArray<ISymbol> All, DeclaredMember[] Declared)> _declaredMembers = new(SymbolEqualityComparer.Default);
    private int _typesRead;
    private readonly ConcurrentDictionary<INamedTypeSymbol, PayloadWalk> _payloads = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, (PayloadModel Model, IReadOnlyList<PayloadProblem> Problems)> _models = new(SymbolEqualityComparer.Default);
    private readonly PayloadModelBuilderCache _builderCache;

    private AnalysisCache(Compilation compilation)
    {
        Compilation = compilation;
        Symbols = PiiGuardSymbols.TryCreate(compilation);

        // The members' default JSON names from the name judgements, which snake-case every name for its verdicts anyway,
        // and the members of the types that the walks read (a walk reads each type a payload reaches before PII007 does).
        _builderCache = Symbols is { } symbols ? new PayloadModelBuilderCache(symbols.Names.SnakeCase, MembersRead) : new PayloadModelBuilderCache();
    }

    public Compilation Compilation { get; }

    /// <summary>PiiGuard's symbols, or null when the compilation does not reference PiiGuard.</summary>
    public PiiGuardSymbols? Symbols { get; }

    public static AnalysisCache For(Compilation compilation) => Caches.GetValue(compilation, static c => new AnalysisCache(c));

    /// <summary>What problem searches and model builds of this compilation share (enums and object types read once), for tests.</summary>
    internal PayloadModelBuilderCache BuilderCache => _builderCache;

    /// <summary>How many times a declared type's members were read (<see cref="GetDeclaredMembers"/>), for tests that count the reuse.</summary>
    internal int TypesRead => Volatile.Read(ref _typesRead);

    /// <summary>The entries cached (types' members, payload walks, models, enums and object types read, shapes), for tests that bound the cache by counting.</summary>
    internal int Count => _declaredMembers.Count + _payloads.Count + _models.Count + _builderCache.Count + (Symbols?.ShapeCount ?? 0);

    /// <summary>The payload member that <paramref name="symbol"/> declares in this compilation, or null when it is none.</summary>
    /// <remarks>
    /// Only declared members are cached: a member of a constructed generic type (<c>A&lt;int&gt;.Next</c>), which a
    /// payload walk meets, is made afresh, so that the cache does not grow with every construction a walk reaches.
    /// </remarks>
    public PayloadMember? GetMember(ISymbol symbol, AnalyzerConfigOptionsProvider options)
    {
        ISymbol definition = symbol.OriginalDefinition;
        if (!ReferenceEquals(symbol, definition) && !SymbolEqualityComparer.Default.Equals(symbol, definition))
        {
            return CreateMember(symbol, options);
        }

        // Checked on the member first, so that a type with no payload member is never read as a whole.
        if (Symbols is null || symbol.IsImplicitlyDeclared || PayloadWalker.GetMemberType(symbol) is null ||
            !Symbols.HasAttribute(symbol, Symbols.TelemetryFieldAttribute))
        {
            return null;
        }

        // By reference first: the compiler hands out one ISymbol per member, so the symbol asked about is usually the
        // very one the type's members were read as; comparing by equality only if that finds nothing.
        DeclaredMember[] members = GetDeclaredMembers(symbol.ContainingType, options);
        foreach (DeclaredMember declared in members)
        {
            if (ReferenceEquals(declared.Symbol, symbol))
            {
                return declared.Member;
            }
        }

        foreach (DeclaredMember declared in members)
        {
            if (SymbolEqualityComparer.Default.Equals(declared.Symbol, symbol))
            {
                return declared.Member;
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>[TelemetryField]</c> fields and properties that the declared (not constructed) type
    /// <paramref name="type"/> declares, in declaration order, each with the payload member made for it when it is
    /// declared in this compilation: read once per compilation and shared by the type's own callback and every walk.
    /// </summary>
    public DeclaredMember[] GetDeclaredMembers(INamedTypeSymbol type, AnalyzerConfigOptionsProvider options) =>
        _declaredMembers.TryGetValue(type, out var members) ? members.Declared : AddDeclaredMembers(type, options);

    /// <summary>Every member of a payload, through base types and reached types (see <see cref="PayloadAnalyzer"/>).</summary>
    public IReadOnlyList<PayloadMember> GetPayloadMembers(INamedTypeSymbol payload, Location payloadLocation, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken) =>
        GetWalk(payload, payloadLocation, options, cancellationToken).Members;

    /// <summary>The walk over a payload's members, with the bounds its shape went beyond; a cancelled walk caches nothing.</summary>
    public PayloadWalk GetWalk(INamedTypeSymbol payload, Location payloadLocation, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken) =>
        _payloads.TryGetValue(payload, out PayloadWalk? walk)
            ? walk
            : AddWalk(payload, payloadLocation, options, cancellationToken);

    /// <summary>
    /// The problems that keep the generator from emitting the payload (PII007), as <see cref="GetModel"/> would find
    /// them, without building the model: each object type the payload reaches is read once per compilation and its
    /// facts replayed per payload (<see cref="PayloadModelBuilder.FindProblems"/>). Not cached per payload (each
    /// payload is analyzed once), so nothing is kept but the per-type facts.
    /// </summary>
    public IReadOnlyList<PayloadProblem> GetProblems(INamedTypeSymbol payload, CancellationToken cancellationToken) =>
        _models.TryGetValue(payload, out var model)
            ? model.Problems
            : PayloadModelBuilder.FindProblems(payload, Compilation, _builderCache, cancellationToken);

    /// <summary>The payload's model as the generator builds it, and the problems that keep the generator from emitting it (PII008 compares the model with the schema lock).</summary>
    public (PayloadModel Model, IReadOnlyList<PayloadProblem> Problems) GetModel(INamedTypeSymbol payload, CancellationToken cancellationToken) =>
        _models.TryGetValue(payload, out var model)
            ? model
            : AddModel(payload, cancellationToken);

    // The factories capture their arguments; kept out of the getters above, so that a cache hit allocates no closure.
    // Made before GetOrAdd rather than by a factory, which would be a closure per member; a racing thread's copy is dropped.
    // A type without payload members (most of an application's types, which the type callback reads too) is not kept.
    // With all the type's members, which the problem search reads again (MembersRead).
    private DeclaredMember[] AddDeclaredMembers(INamedTypeSymbol type, AnalyzerConfigOptionsProvider options)
    {
        ImmutableArray<ISymbol> all = type.GetMembers();
        DeclaredMember[] members = ReadDeclaredMembers(all, options);
        return members.Length == 0 ? members : _declaredMembers.GetOrAdd(type, (all, members)).Declared;
    }

    /// <summary>The members of the declared type <paramref name="type"/> as <see cref="GetDeclaredMembers"/> read them, or a default array when it did not keep them.</summary>
    private ImmutableArray<ISymbol> MembersRead(INamedTypeSymbol type) =>
        _declaredMembers.TryGetValue(type, out var members) ? members.All : default;

    private DeclaredMember[] ReadDeclaredMembers(ImmutableArray<ISymbol> all, AnalyzerConfigOptionsProvider options)
    {
        Interlocked.Increment(ref _typesRead);

        // Counted first, so that the array is made once, at its size (a growing list cost more than the members).
        int candidates = 0;
        foreach (ISymbol symbol in all)
        {
            if (symbol.Kind is SymbolKind.Field or SymbolKind.Property && !symbol.IsImplicitlyDeclared)
            {
                candidates++;
            }
        }

        DeclaredMember[] found = candidates == 0 ? System.Array.Empty<DeclaredMember>() : new DeclaredMember[candidates];
        int count = 0;
        foreach (ISymbol symbol in all)
        {
            // The kind first: most members of a type (accessors, backing fields, a record's methods) are not candidates.
            if (symbol.Kind is not (SymbolKind.Field or SymbolKind.Property) || symbol.IsImplicitlyDeclared ||
                PayloadWalker.GetMemberType(symbol) is not { } memberType ||
                Symbols!.GetAttribute(symbol, Symbols.TelemetryFieldAttribute) is not { } field)
            {
                continue;
            }

            found[count++] = new DeclaredMember(symbol, memberType, ShapeBounds.IsTooLarge(memberType), CreateMember(symbol, memberType, field, options));
        }

        if (count < found.Length)
        {
            if (count == 0)
            {
                return System.Array.Empty<DeclaredMember>();
            }

            System.Array.Resize(ref found, count);
        }

        return found;
    }

    private PayloadWalk AddWalk(INamedTypeSymbol payload, Location payloadLocation, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken) =>
        _payloads.GetOrAdd(payload, PayloadWalker.Walk(payload, payloadLocation, this, options, cancellationToken));

    private (PayloadModel Model, IReadOnlyList<PayloadProblem> Problems) AddModel(INamedTypeSymbol payload, CancellationToken cancellationToken) =>
        _models.GetOrAdd(payload, p => PayloadModelBuilder.Build(p, Compilation, typeNames: false, cancellationToken, _builderCache));

    private PayloadMember? CreateMember(ISymbol symbol, AnalyzerConfigOptionsProvider options)
    {
        if (Symbols is null || symbol.IsImplicitlyDeclared || PayloadWalker.GetMemberType(symbol) is not { } type ||
            Symbols.GetAttribute(symbol, Symbols.TelemetryFieldAttribute) is not { } field)
        {
            return null;
        }

        return CreateMember(symbol, type, field, options);
    }

    /// <summary>The payload member of a <c>[TelemetryField]</c> (<paramref name="field"/>) member of <paramref name="type"/>, or null when it is not declared in this compilation.</summary>
    private PayloadMember? CreateMember(ISymbol symbol, ITypeSymbol type, AttributeData field, AnalyzerConfigOptionsProvider options) =>
        PayloadTypes.SourceLocation(symbol, Compilation) is { } location
            ? new PayloadMember(symbol, type, location, declaredElsewhere: false, PiiGuardOptions.For(options.GetOptions(location.SourceTree!)), Symbols!, field)
            : null;
}

/// <summary>A <c>[TelemetryField]</c> field or property of a declared type, as <see cref="AnalysisCache.GetDeclaredMembers"/> read it.</summary>
internal readonly struct DeclaredMember
{
    public DeclaredMember(ISymbol symbol, ITypeSymbol type, bool isTooLarge, PayloadMember? member)
    {
        Symbol = symbol;
        Type = type;
        IsTooLarge = isTooLarge;
        Member = member;
    }

    public ISymbol Symbol { get; }

    /// <summary>The member's type.</summary>
    public ITypeSymbol Type { get; }

    /// <summary>Whether the type is beyond <see cref="ShapeBounds.MaxTypeSize"/> (the walk does not look at the member).</summary>
    public bool IsTooLarge { get; }

    /// <summary>The payload member, when the member is declared in this compilation; null for a member of a referenced assembly.</summary>
    public PayloadMember? Member { get; }
}
