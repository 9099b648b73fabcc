using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// The shared frame of every PiiGuard rule. It returns at once when PiiGuard is not referenced, and hands each rule every <c>[TelemetryField]</c> member declared in this compilation (wherever it is
/// reached from, so a member is checked once however many payloads reach it). From each <c>[TelemetryPayload]</c>
/// type it also walks the payload's members through base types and reached types, so that members declared in
/// referenced assemblies are checked too (reported on the source member that reaches them), and so that rules
/// can check the payload as a whole.
/// </summary>
public abstract class PayloadAnalyzer : DiagnosticAnalyzer
{
    private const int MaxReachDepth = 32;

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Payload members written by other source generators leave the app like hand-written ones: analyze them too.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            PiiGuardSymbols? symbols = PiiGuardSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var analyzedElsewhere = new ConcurrentDictionary<(ISymbol, Location), bool>(ReachComparer.Instance);
            start.RegisterSymbolAction(c => OnMember(c, symbols), SymbolKind.Field, SymbolKind.Property);
            start.RegisterSymbolAction(c => OnType(c, symbols, analyzedElsewhere), SymbolKind.NamedType);
        });
    }

    private protected abstract void AnalyzeMember(PayloadMember member, System.Action<Diagnostic> report);

    /// <summary>Checks a payload as a whole; <paramref name="members"/> is every member it is made of.</summary>
    private protected virtual void AnalyzePayload(INamedTypeSymbol payload, IReadOnlyList<PayloadMember> members, SymbolAnalysisContext context)
    {
    }

    private void OnMember(SymbolAnalysisContext context, PiiGuardSymbols symbols)
    {
        ISymbol symbol = context.Symbol;
        if (symbol.IsImplicitlyDeclared || GetMemberType(symbol) is not { } type ||
            !symbols.HasAttribute(symbol, symbols.TelemetryFieldAttribute) ||
            PayloadTypes.SourceLocation(symbol, context.Compilation) is not { } location)
        {
            return;
        }

        PiiGuardOptions options = PiiGuardOptions.For(context.Options.AnalyzerConfigOptionsProvider.GetOptions(location.SourceTree!));
        AnalyzeMember(new PayloadMember(symbol, type, location, declaredElsewhere: false, options, symbols), context.ReportDiagnostic);
    }

    private void OnType(SymbolAnalysisContext context, PiiGuardSymbols symbols, ConcurrentDictionary<(ISymbol, Location), bool> analyzedElsewhere)
    {
        var payload = (INamedTypeSymbol)context.Symbol;
        if (!symbols.HasAttribute(payload, symbols.TelemetryPayloadAttribute) ||
            PayloadTypes.SourceLocation(payload, context.Compilation) is not { } payloadLocation)
        {
            return;
        }

        List<PayloadMember> members = Walk(payload, payloadLocation, symbols, context);
        foreach (PayloadMember member in members)
        {
            // Members declared in this compilation are checked by OnMember; the rest are checked here, once for each
            // source member that reaches them (so the result does not depend on which payload is analyzed first).
            if (member.DeclaredElsewhere && analyzedElsewhere.TryAdd((member.Symbol, member.Location), true))
            {
                AnalyzeMember(member, context.ReportDiagnostic);
            }
        }

        AnalyzePayload(payload, members, context);
    }

    private static List<PayloadMember> Walk(INamedTypeSymbol payload, Location payloadLocation, PiiGuardSymbols symbols, SymbolAnalysisContext context)
    {
        var members = new List<PayloadMember>();
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var queue = new Queue<(INamedTypeSymbol Type, Location ReachedFrom, int Depth)>();
        queue.Enqueue((payload, payloadLocation, 0));
        visited.Add(payload);

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

                    Location? own = PayloadTypes.SourceLocation(symbol, context.Compilation);
                    Location location = own ?? reachedFrom;
                    PiiGuardOptions options = PiiGuardOptions.For(context.Options.AnalyzerConfigOptionsProvider.GetOptions(location.SourceTree!));
                    var member = new PayloadMember(symbol, memberType, location, declaredElsewhere: own is null, options, symbols);
                    members.Add(member);

                    // A generic type can reach ever new constructions of itself (Node<Node<T>>): stop at a depth no real payload needs.
                    if (depth >= MaxReachDepth)
                    {
                        continue;
                    }

                    foreach (ShapePart part in member.Shape.Parts)
                    {
                        if (!part.IsContainer && IsReachableType(part.Type) && visited.Add(part.Type))
                        {
                            queue.Enqueue(((INamedTypeSymbol)part.Type, location, depth + 1));
                        }
                    }
                }
            }
        }

        return members;
    }

    /// <summary>Compares (member, reaching location) pairs: symbols by symbol identity, locations by value.</summary>
    private sealed class ReachComparer : IEqualityComparer<(ISymbol Member, Location Location)>
    {
        public static readonly ReachComparer Instance = new();

        public bool Equals((ISymbol Member, Location Location) x, (ISymbol Member, Location Location) y) =>
            SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && x.Location.Equals(y.Location);

        public int GetHashCode((ISymbol Member, Location Location) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Member) * 397) ^ obj.Location.GetHashCode();
    }

    /// <summary>A class or struct whose <c>[TelemetryField]</c> members belong to the payload that reaches it.</summary>
    private static bool IsReachableType(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } named &&
        !IsInSystemNamespace(named);

    private static bool IsInSystemNamespace(INamedTypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { Name: "System" or "Microsoft" };
    }

    private static ITypeSymbol? GetMemberType(ISymbol symbol) => symbol switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol { IsIndexer: false } property => property.Type,
        _ => null,
    };
}
