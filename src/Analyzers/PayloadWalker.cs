using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// Walks a payload: every <c>[TelemetryField]</c> member of the payload type and its base types and, recursively, of
/// every class or struct reached through such a member. A member declared outside this compilation is located at
/// the source member (or payload) that reaches it.
/// </summary>
internal static class PayloadWalker
{
    /// <summary>A generic type can reach ever new constructions of itself (Node&lt;Node&lt;T&gt;&gt;): no real payload is deeper.</summary>
    private const int MaxReachDepth = 32;

    public static List<PayloadMember> Walk(INamedTypeSymbol payload, Location payloadLocation, AnalysisCache cache, AnalyzerConfigOptionsProvider optionsProvider)
    {
        PiiGuardSymbols symbols = cache.Symbols!;
        var members = new List<PayloadMember>();
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { payload };
        var queue = new Queue<(INamedTypeSymbol Type, Location ReachedFrom, int Depth)>();
        queue.Enqueue((payload, payloadLocation, 0));

        while (queue.Count > 0)
        {
            (INamedTypeSymbol type, Location reachedFrom, int depth) = queue.Dequeue();
            for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (ISymbol symbol in current.GetMembers())
                {
                    if (symbol.IsImplicitlyDeclared || GetMemberType(symbol) is not { } memberType ||
                        !symbols.HasAttribute(symbol, symbols.TelemetryFieldAttribute))
                    {
                        continue;
                    }

                    // A member of this compilation is the one the member action analyzed: share it.
                    PayloadMember member = cache.GetMember(symbol, optionsProvider) ?? Elsewhere(symbol, memberType, reachedFrom, symbols, optionsProvider);
                    members.Add(member);
                    if (depth >= MaxReachDepth)
                    {
                        continue;
                    }

                    foreach (ShapePart part in member.Shape.Parts)
                    {
                        if (!part.IsContainer && IsReachableType(part.Type) && visited.Add(part.Type))
                        {
                            queue.Enqueue(((INamedTypeSymbol)part.Type, member.Location, depth + 1));
                        }
                    }
                }
            }
        }

        return members;
    }

    public static ITypeSymbol? GetMemberType(ISymbol symbol) => symbol switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol { IsIndexer: false } property => property.Type,
        _ => null,
    };

    private static PayloadMember Elsewhere(ISymbol symbol, ITypeSymbol type, Location reachedFrom, PiiGuardSymbols symbols, AnalyzerConfigOptionsProvider optionsProvider) =>
        new(symbol, type, reachedFrom, declaredElsewhere: true, PiiGuardOptions.For(optionsProvider.GetOptions(reachedFrom.SourceTree!)), symbols);

    /// <summary>A class or struct whose <c>[TelemetryField]</c> members belong to the payload that reaches it.</summary>
    private static bool IsReachableType(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named &&
        !SymbolNamespaces.IsFrameworkType(named);
}
