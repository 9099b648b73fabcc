using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// The symbols PiiGuard's analyzers look for, resolved once per compilation. <see cref="TryCreate"/> returns
/// null when the compilation does not reference PiiGuard, so analyzers return at once.
/// </summary>
internal sealed class PiiGuardSymbols
{
    private readonly Compilation _compilation;
    private Func<ITypeSymbol, bool>? _isGuid;
    private NameJudgements? _names;
    private ForbiddenTypes? _forbidden;

    // Member types repeat (2,000 payloads of 20 members use a few hundred types): each declared member's type is
    // unwrapped once. Keyed with nullability, as a shape keeps the annotated types it found. Only the types of
    // declared members come here, so the entries are bounded by the compilation's declarations (see AnalysisCache).
    private readonly ConcurrentDictionary<ITypeSymbol, TypeShape> _shapes = new(SymbolEqualityComparer.IncludeNullability);

    private PiiGuardSymbols(Compilation compilation, INamedTypeSymbol payload, INamedTypeSymbol field)
    {
        _compilation = compilation;
        TelemetryPayloadAttribute = payload;
        TelemetryFieldAttribute = field;
        AggregatedAttribute = compilation.GetTypeByMetadataName(MetadataNames.AggregatedAttributeMetadataName);
        InstallationIdAttribute = compilation.GetTypeByMetadataName(MetadataNames.InstallationIdAttributeMetadataName);

        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        Nullable = compilation.GetSpecialType(SpecialType.System_Nullable_T);
        GenericEnumerable = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        GenericDictionaries = ResolveAll(compilation,
            "System.Collections.Generic.IDictionary`2",
            "System.Collections.Generic.IReadOnlyDictionary`2");
        KeyValuePair = compilation.GetTypeByMetadataName("System.Collections.Generic.KeyValuePair`2");
        MemoryLike = ResolveAll(compilation,
            "System.Memory`1", "System.ReadOnlyMemory`1", "System.Span`1", "System.ReadOnlySpan`1");
    }

    public INamedTypeSymbol TelemetryPayloadAttribute { get; }

    public INamedTypeSymbol TelemetryFieldAttribute { get; }

    public INamedTypeSymbol? AggregatedAttribute { get; }

    public INamedTypeSymbol? InstallationIdAttribute { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol Nullable { get; }

    public INamedTypeSymbol GenericEnumerable { get; }

    public ImmutableArray<INamedTypeSymbol> GenericDictionaries { get; }

    public INamedTypeSymbol? KeyValuePair { get; }

    public ImmutableArray<INamedTypeSymbol> MemoryLike { get; }

    public static PiiGuardSymbols? TryCreate(Compilation compilation)
    {
        INamedTypeSymbol? payload = compilation.GetTypeByMetadataName(MetadataNames.TelemetryPayloadAttributeMetadataName);
        INamedTypeSymbol? field = compilation.GetTypeByMetadataName(MetadataNames.TelemetryFieldAttributeMetadataName);
        return payload is null || field is null ? null : new PiiGuardSymbols(compilation, payload, field);
    }

    /// <summary>The name model's verdicts for this compilation, made on first use (every member asks).</summary>
    public NameJudgements Names => Volatile.Read(ref _names) ?? Publish(ref _names, new NameJudgements());

    /// <summary>The forbidden types this compilation references, resolved on first use (every member asks).</summary>
    public ForbiddenTypes Forbidden => Volatile.Read(ref _forbidden) ?? Publish(ref _forbidden, new ForbiddenTypes(_compilation));

    // The first one made wins a race; a loser's copy is dropped, so every caller shares one.
    private static T Publish<T>(ref T? field, T made)
        where T : class =>
        Interlocked.CompareExchange(ref field, made, null) ?? made;

    /// <summary>
    /// The shape of a declared member's type (<paramref name="type"/>), worked out once per compilation and shared
    /// (shapes are immutable). Members of constructed generic types, which walks make afresh, use <see cref="TypeShape.Of"/>.
    /// </summary>
    public TypeShape GetShape(ITypeSymbol type) =>
        _shapes.TryGetValue(type, out TypeShape? shape) ? shape : _shapes.GetOrAdd(type, TypeShape.Of(type, this));

    /// <summary>The shapes cached, for tests that bound the caches by counting.</summary>
    internal int ShapeCount => _shapes.Count;

    public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) => GetAttribute(symbol, attribute) != null;

    public AttributeData? GetAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (AttributeData data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }

    public bool IsPointInTimeType(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_DateTime || SymbolEqualityComparer.Default.Equals(type, DateTimeOffset);

    public bool IsGuid(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type, Guid);

    /// <summary><see cref="IsGuid"/> as a delegate, made once (a method group makes one per use).</summary>
    public Func<ITypeSymbol, bool> IsGuidPredicate => _isGuid ??= IsGuid;

    private static ImmutableArray<INamedTypeSymbol> ResolveAll(Compilation compilation, params string[] names)
    {
        ImmutableArray<INamedTypeSymbol>.Builder builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(names.Length);
        foreach (string name in names)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }
}
