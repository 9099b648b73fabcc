using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers;

/// <summary>Where a type stands inside a member's type.</summary>
internal enum TypeRole
{
    /// <summary>The member's own type (through <c>Nullable&lt;T&gt;</c>).</summary>
    Member,

    /// <summary>The element of an array, list, set or other sequence.</summary>
    Element,

    /// <summary>The key of a dictionary.</summary>
    DictionaryKey,

    /// <summary>The value of a dictionary.</summary>
    DictionaryValue,
}

/// <summary>One type met while unwrapping a member's type.</summary>
internal readonly struct ShapePart
{
    public ShapePart(ITypeSymbol type, TypeRole role, bool isContainer, ITypeSymbol? element)
    {
        Type = type;
        Role = role;
        IsContainer = isContainer;
        Element = element;
    }

    public ITypeSymbol Type { get; }

    public TypeRole Role { get; }

    /// <summary>Whether this type is a sequence or dictionary that was unwrapped further.</summary>
    public bool IsContainer { get; }

    /// <summary>For a sequence, its element type.</summary>
    public ITypeSymbol? Element { get; }
}

/// <summary>
/// A member's type unwrapped into every type it holds: <c>Dictionary&lt;string, List&lt;DateTime?&gt;&gt;</c> holds the
/// dictionary, a <c>string</c> key, a list value and <c>DateTime</c> elements. Nullable value types are looked
/// through; arrays, sequences (<c>IEnumerable&lt;T&gt;</c>), dictionaries, <c>Memory&lt;T&gt;</c>-like types,
/// key-value pairs and tuples are unwrapped, at most <see cref="MaxDepth"/> levels deep and into at most
/// <see cref="MaxParts"/> parts.
/// </summary>
internal sealed class TypeShape
{
    private const int MaxDepth = 8;

    /// <summary>
    /// The most parts a shape holds. Depth alone does not bound it: a tuple of tuples doubles at each level, and a
    /// generic type reached with ever larger type arguments makes such types. No real member type comes near it, and
    /// a payload reaching one has no bound (PII007).
    /// </summary>
    internal const int MaxParts = 256;

    // What the rules work out from the shape alone, once per shape (a shape is shared by every member of its type,
    // PiiGuardSymbols.GetShape): 0 when not yet worked out, else the value plus one. Written once with the same value
    // by whichever thread gets there first.
    private int _valueShapes;
    private int _pointInTime;
    private INamedTypeSymbol[]? _reachableTypes;

    private TypeShape(ImmutableArray<ShapePart> parts) => Parts = parts;

    public ImmutableArray<ShapePart> Parts { get; }

    /// <summary>
    /// The first forbidden part of the shape, as <see cref="ForbiddenTypes.FirstForbidden"/> of this compilation found
    /// it (null until it has looked; a box holding null when nothing is forbidden).
    /// </summary>
    internal System.Runtime.CompilerServices.StrongBox<(ShapePart Part, ForbiddenKind Kind)?>? Forbidden { get; set; }

    /// <summary>The shape of <paramref name="type"/>, made afresh (see <see cref="PiiGuardSymbols.GetShape"/> for a shared one).</summary>
    public static TypeShape Of(ITypeSymbol type, PiiGuardSymbols symbols)
    {
        // Most shapes have one to four parts: a builder of four, handed over without a copy when it is full.
        ImmutableArray<ShapePart>.Builder parts = ImmutableArray.CreateBuilder<ShapePart>(4);
        Visit(type, TypeRole.Member, 0, symbols, parts);
        return new TypeShape(parts.Count == parts.Capacity ? parts.MoveToImmutable() : parts.ToImmutable());
    }

    /// <summary>
    /// The classes and structs the shape holds (not the containers unwrapped), in order: a payload walk reaches their
    /// <c>[TelemetryField]</c> members. Worked out once per shape (most shapes hold none).
    /// </summary>
    public INamedTypeSymbol[] ReachableTypes
    {
        get
        {
            if (System.Threading.Volatile.Read(ref _reachableTypes) is { } known)
            {
                return known;
            }

            INamedTypeSymbol[] found = System.Array.Empty<INamedTypeSymbol>();
            foreach (ShapePart part in Parts)
            {
                if (!part.IsContainer &&
                    part.Type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named &&
                    !SymbolNamespaces.IsFrameworkType(named))
                {
                    System.Array.Resize(ref found, found.Length + 1);
                    found[found.Length - 1] = named;
                }
            }

            System.Threading.Volatile.Write(ref _reachableTypes, found);
            return found;
        }
    }

    /// <summary>Whether any part is <c>string</c> or <c>char</c>: the member can carry text.</summary>
    public bool IsTextLike => HasFreeText || Any(static t => t.SpecialType == SpecialType.System_Char);

    /// <summary>Whether any part is <c>string</c>.</summary>
    public bool HasString => Any(static t => t.SpecialType == SpecialType.System_String);

    /// <summary>
    /// Whether the member can carry free text: a string anywhere, characters in a sequence (<c>char[]</c>,
    /// <c>Memory&lt;char&gt;</c>), or a <c>StringBuilder</c>. A single <c>char</c> is not free text.
    /// </summary>
    public bool HasFreeText
    {
        get
        {
            foreach (ShapePart part in Parts)
            {
                if (IsFreeTextPart(part))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static bool IsFreeTextPart(ShapePart part) =>
        part.Type.SpecialType == SpecialType.System_String ||
        (part.Type.SpecialType == SpecialType.System_Char && part.Role != TypeRole.Member) ||
        part.Type is INamedTypeSymbol { Name: "StringBuilder", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>What the type can hold, as the name model judges it (worked out once per shape).</summary>
    public ValueShapes ValueShapes()
    {
        int known = System.Threading.Volatile.Read(ref _valueShapes);
        if (known != 0)
        {
            return (ValueShapes)(known - 1);
        }

        ValueShapes shapes = ReadValueShapes();
        System.Threading.Volatile.Write(ref _valueShapes, (int)shapes + 1);
        return shapes;
    }

    private ValueShapes ReadValueShapes()
    {
        ValueShapes shapes = IsTextLike ? Shared.Names.ValueShapes.Text : Shared.Names.ValueShapes.None;
        foreach (ShapePart part in Parts)
        {
            if (part.IsContainer || IsFreeTextPart(part) || part.Type.SpecialType == SpecialType.System_Char)
            {
                continue;
            }

            shapes |= part.Type.SpecialType switch
            {
                SpecialType.System_Boolean => Shared.Names.ValueShapes.Boolean,
                >= SpecialType.System_SByte and <= SpecialType.System_Double => Shared.Names.ValueShapes.Number,
                _ when part.Type.TypeKind == TypeKind.Enum => Shared.Names.ValueShapes.Enum,
                _ => Shared.Names.ValueShapes.Other,
            };
        }

        bool textKey = false;
        bool textValue = false;
        foreach (ShapePart part in Parts)
        {
            textKey |= part.Role == TypeRole.DictionaryKey && part.Type.SpecialType == SpecialType.System_String;
            textValue |= part.Role is TypeRole.DictionaryValue or TypeRole.Element && part.Type.SpecialType == SpecialType.System_String;
        }

        return textKey && textValue ? shapes | Shared.Names.ValueShapes.TextMap : shapes;
    }

    /// <summary>Whether any part is <c>DateTime</c> or <c>DateTimeOffset</c>.</summary>
    public bool HasPointInTime(PiiGuardSymbols symbols)
    {
        // Asked by a rule for every member of the type: worked out once per shape (a shape and its symbols belong to
        // one compilation). 0: not yet; 1: no; 2: yes.
        int known = System.Threading.Volatile.Read(ref _pointInTime);
        if (known != 0)
        {
            return known == 2;
        }

        bool found = false;
        foreach (ShapePart part in Parts)
        {
            if (symbols.IsPointInTimeType(part.Type))
            {
                found = true;
                break;
            }
        }

        System.Threading.Volatile.Write(ref _pointInTime, found ? 2 : 1);
        return found;
    }

    /// <summary>Whether any part is a number (integer or floating point).</summary>
    public bool HasNumber => Any(static t => t.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double);

    /// <summary>Whether the type is a number, bool, char, string, <c>DateTime</c> or enum: it holds nothing else.</summary>
    public static bool IsScalar(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Enum ||
        type.SpecialType is (>= SpecialType.System_Boolean and <= SpecialType.System_String) or SpecialType.System_DateTime;

    public bool Any(System.Func<ITypeSymbol, bool> predicate)
    {
        foreach (ShapePart part in Parts)
        {
            if (predicate(part.Type))
            {
                return true;
            }
        }

        return false;
    }

    private static void Visit(ITypeSymbol type, TypeRole role, int depth, PiiGuardSymbols symbols, ImmutableArray<ShapePart>.Builder parts)
    {
        if (depth > MaxDepth || parts.Count >= MaxParts)
        {
            return;
        }

        if (type is IArrayTypeSymbol array)
        {
            parts.Add(new ShapePart(type, role, isContainer: true, array.ElementType));
            Visit(array.ElementType, TypeRole.Element, depth + 1, symbols, parts);
            return;
        }

        // Numbers, strings, dates and enums hold nothing else: no need to look at their interfaces.
        if (type is not INamedTypeSymbol named || IsScalar(type))
        {
            parts.Add(new ShapePart(type, role, isContainer: false, element: null));
            return;
        }

        INamedTypeSymbol definition = named.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, symbols.Nullable))
        {
            Visit(named.TypeArguments[0], role, depth + 1, symbols, parts);
            return;
        }

        if (named.IsTupleType)
        {
            parts.Add(new ShapePart(type, role, isContainer: true, element: null));
            foreach (IFieldSymbol element in named.TupleElements)
            {
                Visit(element.Type, TypeRole.Element, depth + 1, symbols, parts);
            }

            return;
        }

        // The interfaces read once for both searches below (each read makes a new array).
        bool isPair = SymbolEqualityComparer.Default.Equals(definition, symbols.KeyValuePair);
        ImmutableArray<INamedTypeSymbol> interfaces = isPair ? ImmutableArray<INamedTypeSymbol>.Empty : named.AllInterfaces;
        INamedTypeSymbol? pair = isPair ? named : FindDictionary(named, interfaces, symbols);
        if (pair != null)
        {
            parts.Add(new ShapePart(type, role, isContainer: true, element: null));
            Visit(pair.TypeArguments[0], TypeRole.DictionaryKey, depth + 1, symbols, parts);
            Visit(pair.TypeArguments[1], TypeRole.DictionaryValue, depth + 1, symbols, parts);
            return;
        }

        ITypeSymbol? elementType = FindElement(named, interfaces, symbols);
        if (elementType != null)
        {
            parts.Add(new ShapePart(type, role, isContainer: true, elementType));
            Visit(elementType, TypeRole.Element, depth + 1, symbols, parts);
            return;
        }

        parts.Add(new ShapePart(type, role, isContainer: false, element: null));
    }

    private static INamedTypeSymbol? FindDictionary(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> interfaces, PiiGuardSymbols symbols)
    {
        // The type itself, then its interfaces: loops rather than an iterator, which cost an object per shape made.
        if (IsDictionary(type, symbols))
        {
            return type;
        }

        foreach (INamedTypeSymbol @interface in interfaces)
        {
            if (IsDictionary(@interface, symbols))
            {
                return @interface;
            }
        }

        return null;
    }

    private static bool IsDictionary(INamedTypeSymbol candidate, PiiGuardSymbols symbols)
    {
        foreach (INamedTypeSymbol dictionary in symbols.GenericDictionaries)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, dictionary))
            {
                return true;
            }
        }

        return false;
    }

    private static ITypeSymbol? FindElement(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> interfaces, PiiGuardSymbols symbols)
    {
        foreach (INamedTypeSymbol memoryLike in symbols.MemoryLike)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, memoryLike))
            {
                return type.TypeArguments[0];
            }
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, symbols.GenericEnumerable))
        {
            return type.TypeArguments[0];
        }

        foreach (INamedTypeSymbol @interface in interfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, symbols.GenericEnumerable))
            {
                return @interface.TypeArguments[0];
            }
        }

        return null;
    }
}
