using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// The shared frame of PiiGuard's member rules. It returns at once when PiiGuard is not referenced, and hands each
/// rule every <c>[TelemetryField]</c> member declared in this compilation (wherever it is reached from, so a member is
/// checked once however many payloads reach it). From each <c>[TelemetryPayload]</c> type it also walks the payload's
/// members through base types and reached types, so that members declared in referenced assemblies are checked too
/// (reported on the source member that reaches them), and so that rules can check the payload as a whole. What it
/// works out per member and per payload is shared by every rule through <see cref="AnalysisCache"/>.
/// </summary>
/// <remarks>
/// The compiler loads one analyzer, <see cref="PiiGuardAnalyzer"/>, which runs every rule from one set of callbacks
/// (<see cref="RegisterRules"/>);
/// each rule is also an analyzer of its own, so that it can be tested alone.
/// </remarks>
public abstract class PayloadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Payload members written by other source generators leave the app like hand-written ones: analyze them too.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            AnalysisCache cache = AnalysisCache.For(start.Compilation);
            if (cache.Symbols is not null)
            {
                RegisterRules(start, cache, new[] { this }, onPayload: null);
            }
        });
    }

    /// <summary>Checks one member; reports through <paramref name="context"/> (passed by reference: no delegate, no boxed copy per member).</summary>
    private protected abstract void AnalyzeMember(PayloadMember member, in SymbolAnalysisContext context);

    /// <summary>Checks a payload as a whole; <paramref name="members"/> is every member it is made of.</summary>
    private protected virtual void AnalyzePayload(INamedTypeSymbol payload, IReadOnlyList<PayloadMember> members, SymbolAnalysisContext context)
    {
    }

    /// <summary>
    /// Registers one callback per type that runs <paramref name="rules"/>: on each <c>[TelemetryField]</c> member the
    /// type declares, once; on every payload's members declared elsewhere, once per source member that reaches them
    /// (so the result does not depend on which payload is analyzed first); and on each payload as a whole, then
    /// <paramref name="onPayload"/>. One callback per type rather than one per field and property: the compiler's
    /// driver then makes no call (and no context) for each member of the project, and the type's members are found
    /// among those read for the walks, not looked up one by one.
    /// </summary>
    internal static void RegisterRules(
        CompilationStartAnalysisContext start,
        AnalysisCache cache,
        IReadOnlyList<PayloadAnalyzer> rules,
        System.Action<SymbolAnalysisContext>? onPayload)
    {
        PiiGuardSymbols symbols = cache.Symbols!;
        var analyzedElsewhere = new ConcurrentDictionary<(ISymbol, Location), bool>(ReachComparer.Instance);
        start.RegisterSymbolAction(context =>
        {
            var type = (INamedTypeSymbol)context.Symbol;

            // The context itself, by reference: `context.ReportDiagnostic` passed as a delegate would box the
            // context and make a delegate for each of the project's members.
            foreach (DeclaredMember declared in cache.GetDeclaredMembers(type, context.Options.AnalyzerConfigOptionsProvider))
            {
                if (declared.Member is { } member)
                {
                    for (int r = 0; r < rules.Count; r++)
                    {
                        rules[r].AnalyzeMember(member, in context);
                    }
                }
            }

            if (!symbols.HasAttribute(type, symbols.TelemetryPayloadAttribute) ||
                PayloadTypes.SourceLocation(type, context.Compilation) is not { } payloadLocation)
            {
                return;
            }

            IReadOnlyList<PayloadMember> members = cache.GetPayloadMembers(type, payloadLocation, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken);
            // Indexed: a foreach over the interface would box the list's enumerator for each of thousands of payloads.
            for (int i = 0; i < members.Count; i++)
            {
                PayloadMember member = members[i];
                if (member.DeclaredElsewhere && analyzedElsewhere.TryAdd((member.Symbol, member.Location), true))
                {
                    for (int r = 0; r < rules.Count; r++)
                    {
                        rules[r].AnalyzeMember(member, in context);
                    }
                }
            }

            for (int r = 0; r < rules.Count; r++)
            {
                rules[r].AnalyzePayload(type, members, context);
            }

            onPayload?.Invoke(context);
        }, SymbolKind.NamedType);
    }

    /// <summary>Compares (member, reaching location) pairs: symbols by symbol identity, locations by value.</summary>
    internal sealed class ReachComparer : IEqualityComparer<(ISymbol Member, Location Location)>
    {
        public static readonly ReachComparer Instance = new();

        public bool Equals((ISymbol Member, Location Location) x, (ISymbol Member, Location Location) y) =>
            SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && x.Location.Equals(y.Location);

        public int GetHashCode((ISymbol Member, Location Location) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Member) * 397) ^ obj.Location.GetHashCode();
    }
}
