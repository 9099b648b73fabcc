using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Generators.Parser;

/// <summary>
/// The bounds that every walk over a payload's types keeps (the model builder's, the analyzers' payload walk), and
/// the PII007 problems that say a payload's shape has none. A walk visits each distinct type once, so it is linear in
/// the types it visits; these bounds cap those types:
/// <list type="bullet">
/// <item>a generic type that reaches a larger construction of its own definition (<c>A&lt;T&gt;</c> holding an
/// <c>A&lt;(T, T)&gt;</c> or an <c>A&lt;T[]&gt;</c>, directly or through other types) could reach ever larger types: the
/// walk stops there;</item>
/// <item>at most <see cref="MaxTypes"/> distinct classes and structs in one payload;</item>
/// <item>at most <see cref="MaxTypeSize"/> type names in one type (<c>Dictionary&lt;string, List&lt;int&gt;&gt;</c> has
/// four): a chain of generic types can double a type at each step, and hashing, comparing or printing a type costs its
/// size;</item>
/// <item>at most <see cref="MaxFieldPaths"/> field paths in the payload's schema, where each use of a nested type
/// lists its fields again (checked by the model builder, before the schema docs and the lock are written).</item>
/// </list>
/// </summary>
internal static class ShapeBounds
{
    /// <summary>The most distinct classes and structs one payload may reach, the payload type included.</summary>
    public const int MaxTypes = 256;

    /// <summary>
    /// The most <c>[TelemetryField]</c> members one object may have: the generated reader keeps the fields it has seen
    /// in the bits of one <c>ulong</c>, so that checking that every field came is one comparison.
    /// </summary>
    public const int MaxFields = 64;

    /// <summary>The most type names one type of a payload may be built of.</summary>
    public const int MaxTypeSize = 64;

    /// <summary>
    /// The most field paths a payload's schema may list (<c>period.start</c>, <c>jobs[].size</c>, …): the schema docs
    /// and the lock write a nested type out at each use, so types that each use the next twice double them per level.
    /// </summary>
    public const int MaxFieldPaths = 1024;

    /// <summary>Whether <paramref name="type"/> is built of more than <see cref="MaxTypeSize"/> type names; looks at no more than that many.</summary>
    public static bool IsTooLarge(ITypeSymbol type)
    {
        int budget = MaxTypeSize;
        return !Fits(type, ref budget);
    }

    /// <summary>
    /// Whether <paramref name="reached"/> is a larger construction of <paramref name="ancestor"/>'s definition: one
    /// of its type arguments holds one of the ancestor's (<c>A&lt;int&gt;</c> reaching <c>A&lt;(int, int)&gt;</c>,
    /// <c>A&lt;int[]&gt;</c> or <c>A&lt;List&lt;int&gt;&gt;</c>). Only a cycle that nests a type argument can reach ever new
    /// types; one that keeps or swaps them (<c>Node&lt;T&gt;</c> holding a <c>Node&lt;T&gt;</c>) reaches finitely many.
    /// Both types must be within <see cref="MaxTypeSize"/>, so that this costs a bounded number of comparisons.
    /// </summary>
    public static bool IsExpansion(INamedTypeSymbol reached, INamedTypeSymbol ancestor)
    {
        if (!SymbolEqualityComparer.Default.Equals(reached.OriginalDefinition, ancestor.OriginalDefinition) ||
            SymbolEqualityComparer.Default.Equals(reached, ancestor))
        {
            return false;
        }

        foreach (ITypeSymbol held in AllTypeArguments(ancestor))
        {
            foreach (ITypeSymbol argument in AllTypeArguments(reached))
            {
                if (HoldsInside(argument, held))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A generic type that reaches a larger construction of itself; reported on its definition.</summary>
    public static PayloadProblem Expansion(INamedTypeSymbol definition) =>
        PayloadProblem.Of(definition, PayloadProblemKind.ExpandingType, definition.Name);

    /// <summary>A member through which the payload reaches more than <see cref="MaxTypes"/> types.</summary>
    public static PayloadProblem TooManyTypes(ISymbol member) =>
        PayloadProblem.Of(member, PayloadProblemKind.TooManyTypes, member.Name, MaxTypes);

    /// <summary>A payload whose schema would list more than <see cref="MaxFieldPaths"/> field paths.</summary>
    public static PayloadProblem TooManyFieldPaths(INamedTypeSymbol payload) =>
        PayloadProblem.Of(payload, PayloadProblemKind.TooManyFieldPaths, payload.Name, MaxFieldPaths);

    /// <summary>A member whose type is built of more than <see cref="MaxTypeSize"/> type names.</summary>
    public static PayloadProblem TooLarge(ISymbol member) =>
        PayloadProblem.Of(member, PayloadProblemKind.TypeTooLarge, member.Name, MaxTypeSize);

    private static IEnumerable<ITypeSymbol> AllTypeArguments(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
        {
            foreach (ITypeSymbol argument in current.TypeArguments)
            {
                yield return argument;
            }
        }
    }

    /// <summary>Whether <paramref name="held"/> occurs strictly inside <paramref name="type"/> (not as the type itself).</summary>
    private static bool HoldsInside(ITypeSymbol type, ITypeSymbol held)
    {
        IEnumerable<ITypeSymbol> inner = type switch
        {
            IArrayTypeSymbol array => new[] { array.ElementType },
            IPointerTypeSymbol pointer => new[] { pointer.PointedAtType },
            INamedTypeSymbol named => AllTypeArguments(named),
            _ => Array.Empty<ITypeSymbol>(),
        };
        foreach (ITypeSymbol part in inner)
        {
            if (SymbolEqualityComparer.Default.Equals(part, held) || HoldsInside(part, held))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Fits(ITypeSymbol type, ref int budget)
    {
        if (--budget < 0)
        {
            return false;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return Fits(array.ElementType, ref budget);
            case IPointerTypeSymbol pointer:
                return Fits(pointer.PointedAtType, ref budget);
            case IFunctionPointerTypeSymbol functionPointer:
                if (!Fits(functionPointer.Signature.ReturnType, ref budget))
                {
                    return false;
                }

                foreach (IParameterSymbol parameter in functionPointer.Signature.Parameters)
                {
                    if (!Fits(parameter.Type, ref budget))
                    {
                        return false;
                    }
                }

                return true;
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? current = named; current != null; current = current.ContainingType)
                {
                    foreach (ITypeSymbol argument in current.TypeArguments)
                    {
                        if (!Fits(argument, ref budget))
                        {
                            return false;
                        }
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
