using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Generators.Parser;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII007: a payload member or type that PiiGuard's generator cannot serialize or read back: an unsupported type,
/// a member generated code cannot read or set, a recursive or abstract type, a shape with no bound (a generic type
/// reaching a larger construction of itself, too many or too large types: see <see cref="ShapeBounds"/>), an enum
/// with duplicate values. The generator skips such a payload; this rule says why. What a privacy rule already
/// reports (a precise timestamp, a forbidden type) is left to that rule.
/// </summary>
public sealed class UnsupportedPayloadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.Unsupported, Descriptors.InvalidSchemaVersion, Descriptors.InvalidPayloadName, Descriptors.GenericPayload,
        Descriptors.InaccessiblePayload, Descriptors.ExpandingType, Descriptors.RecursiveType, Descriptors.TooManyTypes,
        Descriptors.TooManyFieldPaths, Descriptors.TypeTooLarge, Descriptors.AbstractType, Descriptors.RefStruct,
        Descriptors.UnnameableType, Descriptors.HiddenMember, Descriptors.TooManyFields, Descriptors.EmptyJsonName,
        Descriptors.DuplicateJsonName, Descriptors.EnvelopeJsonName, Descriptors.NoConstructor, Descriptors.RequiredNotField,
        Descriptors.NotSettable, Descriptors.NestedTooDeeply, Descriptors.UnnameableEnum, Descriptors.MultiDimensionalArray,
        Descriptors.DictionaryKey, Descriptors.FlagsEnum, Descriptors.DuplicateEnumJsonName, Descriptors.DuplicateEnumValue,
        Descriptors.StaticMember, Descriptors.UnreadableMember);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            AnalysisCache cache = AnalysisCache.For(start.Compilation);
            if (cache.Symbols is not { } symbols)
            {
                return;
            }

            // A type reached by several payloads is reported once.
            var reported = new ConcurrentDictionary<PayloadProblem, bool>();
            start.RegisterSymbolAction(c => Analyze(c, cache, symbols, reported), SymbolKind.NamedType);
        });
    }

    internal static void Analyze(SymbolAnalysisContext context, AnalysisCache cache, PiiGuardSymbols symbols, ConcurrentDictionary<PayloadProblem, bool> reported)
    {
        var payload = (INamedTypeSymbol)context.Symbol;
        if (!symbols.HasAttribute(payload, symbols.TelemetryPayloadAttribute) ||
            PayloadTypes.SourceLocation(payload, context.Compilation) is not { } payloadLocation)
        {
            return;
        }

        IReadOnlyList<PayloadProblem> problems = cache.GetProblems(payload, context.CancellationToken);
        HashSet<ISymbol>? symbolsWithProblems = null; // made for the first problem: most payloads have none
        foreach (PayloadProblem problem in problems)
        {
            (symbolsWithProblems ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(problem.Symbol);
            if (!IsReportedByAnotherRule(problem, symbols))
            {
                Report(context, problem, payloadLocation, reported);
            }
        }

        // The privacy rules' walk reaches further than the model (through tuples and other types the model rejects):
        // where it found the shape unbounded, and the model has nothing to say about that symbol, say so.
        PayloadWalk walk = cache.GetWalk(payload, payloadLocation, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken);
        foreach (PayloadProblem problem in walk.BoundProblems)
        {
            if (symbolsWithProblems is null || !symbolsWithProblems.Contains(problem.Symbol))
            {
                Report(context, problem, payloadLocation, reported);
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, PayloadProblem problem, Location payloadLocation, ConcurrentDictionary<PayloadProblem, bool> reported)
    {
        if (Descriptors.For(problem.Kind) is { } descriptor && reported.TryAdd(problem, true))
        {
            Location location = PayloadTypes.SourceLocation(problem.Symbol, context.Compilation) ?? payloadLocation;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, problem.MessageArguments()));
        }
    }

    /// <summary>
    /// Whether the privacy rule the builder names really reports the member: PII003 only knows some framework
    /// types, so a framework type it does not forbid (a <c>StringBuilder</c>, say) is reported here.
    /// </summary>
    private static bool IsReportedByAnotherRule(PayloadProblem problem, PiiGuardSymbols symbols)
    {
        if (problem.CoveredByRule != RuleIds.ForbiddenType)
        {
            return problem.CoveredByRule != null;
        }

        ITypeSymbol? type = problem.Symbol switch
        {
            IPropertySymbol property => property.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };
        return type != null &&
            symbols.Forbidden.FirstForbidden(TypeShape.Of(type, symbols)) != null;
    }
}
