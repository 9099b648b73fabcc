using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Generators.Parser;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>What a walk over one payload found.</summary>
internal sealed class PayloadWalk
{
    public PayloadWalk(IReadOnlyList<PayloadMember> members, IReadOnlyList<PayloadProblem> boundProblems, int steps)
    {
        Members = members;
        BoundProblems = boundProblems;
        Steps = steps;
    }

    /// <summary>Every member of the payload, through base types and reached types, as far as the bounds allow.</summary>
    public IReadOnlyList<PayloadMember> Members { get; }

    /// <summary>Where the payload's shape went beyond a bound of <see cref="ShapeBounds"/>: PII007.</summary>
    public IReadOnlyList<PayloadProblem> BoundProblems { get; }

    /// <summary>The work done: types visited and members looked at (for tests that bound the work by counting it).</summary>
    public int Steps { get; }
}

/// <summary>
/// Walks a payload: every <c>[TelemetryField]</c> member of the payload type and its base types and, recursively, of
/// every class or struct reached through such a member. A member declared outside this compilation is located at
/// the source member (or payload) that reaches it.
/// </summary>
/// <remarks>
/// Each distinct type is visited once, and the types are bounded (<see cref="ShapeBounds"/>): the walk does not
/// follow a generic type to a larger construction of its own definition on the path that reached it (which could lead
/// to ever larger types), stops at <see cref="ShapeBounds.MaxTypes"/> types, and does not look into types larger than
/// <see cref="ShapeBounds.MaxTypeSize"/>. Each of these is a <see cref="PayloadWalk.BoundProblems">bound problem</see>
/// that PII007 reports.
/// </remarks>
internal static class PayloadWalker
{
    public static PayloadWalk Walk(INamedTypeSymbol payload, Location payloadLocation, AnalysisCache cache, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        // Before anything is read into the cache: a cancelled walk caches nothing.
        cancellationToken.ThrowIfCancellationRequested();
        PiiGuardSymbols symbols = cache.Symbols!;
        // At least the payload's own members (read once for the compilation): the list grows at most for the types it reaches.
        var members = new List<PayloadMember>(cache.GetDeclaredMembers(payload, optionsProvider).Length);
        List<PayloadProblem>? problems = null; // made for the first bound problem: most payloads have none
        HashSet<ISymbol>? problemSymbols = null;
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { payload };
        var queue = new Queue<Reach>();
        queue.Enqueue(new Reach(payload, payloadLocation, parent: null));
        int steps = 0;
        bool full = false;

        void Bound(PayloadProblem problem)
        {
            if ((problemSymbols ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(problem.Symbol))
            {
                (problems ??= new List<PayloadProblem>()).Add(problem);
            }
        }

        void Add(PayloadMember member, ISymbol symbol, Reach reach)
        {
            members.Add(member);
            foreach (INamedTypeSymbol type in member.Shape.ReachableTypes)
            {
                if (visited.Contains(type))
                {
                    continue;
                }

                if (reach.FindExpanded(type) is { } ancestor)
                {
                    Bound(ShapeBounds.Expansion(ancestor.OriginalDefinition));
                }
                else if (visited.Count >= ShapeBounds.MaxTypes)
                {
                    Bound(ShapeBounds.TooManyTypes(symbol));
                    full = true;
                }
                else
                {
                    visited.Add(type);
                    queue.Enqueue(new Reach(type, member.Location, reach));
                }
            }
        }

        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Reach reach = queue.Dequeue();
            steps++;
            // System.ValueType, a struct's base, declares no payload members (as System.Object does not): not looked into.
            for (INamedTypeSymbol? current = reach.Type; current != null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, current.OriginalDefinition))
                {
                    // A declared type: its members were read once for the compilation (and shared with the type's own callback).
                    foreach (DeclaredMember declared in cache.GetDeclaredMembers(current, optionsProvider))
                    {
                        steps++;
                        if (declared.IsTooLarge)
                        {
                            Bound(ShapeBounds.TooLarge(declared.Symbol));
                            continue;
                        }

                        Add(declared.Member ?? Elsewhere(declared.Symbol, declared.Type, reach.Location, symbols, optionsProvider), declared.Symbol, reach);
                    }

                    continue;
                }

                // A constructed generic type (A<int>): read afresh, so that the cache does not grow with every construction.
                foreach (ISymbol symbol in current.GetMembers())
                {
                    if (symbol.IsImplicitlyDeclared || GetMemberType(symbol) is not { } memberType ||
                        !symbols.HasAttribute(symbol, symbols.TelemetryFieldAttribute))
                    {
                        continue;
                    }

                    steps++;

                    // Comparing, hashing or printing a type costs its size, and a chain of generic types can double
                    // it at each step: a member with a type that large is not looked at (or into) at all.
                    if (ShapeBounds.IsTooLarge(memberType))
                    {
                        Bound(ShapeBounds.TooLarge(symbol));
                        continue;
                    }

                    Add(cache.GetMember(symbol, optionsProvider) ?? Elsewhere(symbol, memberType, reach.Location, symbols, optionsProvider), symbol, reach);
                }
            }

            if (full)
            {
                // The rest of the queue is reached types: their members belong to a payload already reported.
                queue.Clear();
            }
        }

        return new PayloadWalk(members, (IReadOnlyList<PayloadProblem>?)problems ?? System.Array.Empty<PayloadProblem>(), steps);
    }

    public static ITypeSymbol? GetMemberType(ISymbol symbol) => symbol switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol { IsIndexer: false } property => property.Type,
        _ => null,
    };

    private static PayloadMember Elsewhere(ISymbol symbol, ITypeSymbol type, Location reachedFrom, PiiGuardSymbols symbols, AnalyzerConfigOptionsProvider optionsProvider) =>
        new(symbol, type, reachedFrom, declaredElsewhere: true, PiiGuardOptions.For(optionsProvider.GetOptions(reachedFrom.SourceTree!)), symbols,
            symbols.GetAttribute(symbol, symbols.TelemetryFieldAttribute)!);

    /// <summary>A type the walk reached, and the path that reached it.</summary>
    private sealed class Reach
    {
        public Reach(INamedTypeSymbol type, Location location, Reach? parent)
        {
            Type = type;
            Location = location;
            Parent = parent;
        }

        public INamedTypeSymbol Type { get; }

        /// <summary>Where the member that reached it is reported (for members declared elsewhere).</summary>
        public Location Location { get; }

        public Reach? Parent { get; }

        /// <summary>The type on this path (this one included) that <paramref name="type"/> is a larger construction of, or null.</summary>
        public INamedTypeSymbol? FindExpanded(INamedTypeSymbol type)
        {
            if (!type.IsGenericType)
            {
                return null;
            }

            for (Reach? step = this; step != null; step = step.Parent)
            {
                if (ShapeBounds.IsExpansion(type, step.Type))
                {
                    return step.Type;
                }
            }

            return null;
        }
    }
}
