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
            if (cache.Symbols is null)
            {
                return;
            }

            var analyzedElsewhere = new ConcurrentDictionary<(ISymbol, Location), bool>(ReachComparer.Instance);
            start.RegisterSymbolAction(c => OnMember(c, cache), SymbolKind.Field, SymbolKind.Property);
            start.RegisterSymbolAction(c => OnType(c, cache, analyzedElsewhere), SymbolKind.NamedType);
        });
    }

    private protected abstract void AnalyzeMember(PayloadMember member, System.Action<Diagnostic> report);

    /// <summary>Checks a payload as a whole; <paramref name="members"/> is every member it is made of.</summary>
    private protected virtual void AnalyzePayload(INamedTypeSymbol payload, IReadOnlyList<PayloadMember> members, SymbolAnalysisContext context)
    {
    }

    private void OnMember(SymbolAnalysisContext context, AnalysisCache cache)
    {
        if (cache.GetMember(context.Symbol, context.Options.AnalyzerConfigOptionsProvider) is { } member)
        {
            AnalyzeMember(member, context.ReportDiagnostic);
        }
    }

    private void OnType(SymbolAnalysisContext context, AnalysisCache cache, ConcurrentDictionary<(ISymbol, Location), bool> analyzedElsewhere)
    {
        var payload = (INamedTypeSymbol)context.Symbol;
        PiiGuardSymbols symbols = cache.Symbols!;
        if (!symbols.HasAttribute(payload, symbols.TelemetryPayloadAttribute) ||
            PayloadTypes.SourceLocation(payload, context.Compilation) is not { } payloadLocation)
        {
            return;
        }

        IReadOnlyList<PayloadMember> members = cache.GetPayloadMembers(payload, payloadLocation, context.Options.AnalyzerConfigOptionsProvider);
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

    /// <summary>Compares (member, reaching location) pairs: symbols by symbol identity, locations by value.</summary>
    private sealed class ReachComparer : IEqualityComparer<(ISymbol Member, Location Location)>
    {
        public static readonly ReachComparer Instance = new();

        public bool Equals((ISymbol Member, Location Location) x, (ISymbol Member, Location Location) y) =>
            SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && x.Location.Equals(y.Location);

        public int GetHashCode((ISymbol Member, Location Location) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Member) * 397) ^ obj.Location.GetHashCode();
    }
}
