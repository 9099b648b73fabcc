using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers.Flow;

/// <summary>
/// PII110: a personal value (a classified member, a <c>[DataSubject]</c> type's personal member, or a known
/// personal source) reaches a logger, the console, Debug or Trace, an exception's message, Sentry or a telemetry
/// field. PII111: Sentry's <c>SendDefaultPii</c> is set to <c>true</c>.
/// </summary>
/// <remarks>
/// Each method body is analysed once, from its operation block (<see cref="MethodFlow"/>); calls into the
/// compilation's own methods apply their summaries (<see cref="FlowContext"/>), each computed once per compilation;
/// a member of the compilation read on the way to a sink holds what the compilation stores in it
/// (<see cref="FlowContext.StoredOrigin"/>), also worked out once. The work is linear in the operations of the bodies
/// analysed, summarised, and solved for what they store in members and pass to constructors. A compilation that can hold no
/// personal source and does not reference Sentry (<see cref="ApplicationEvidence"/>) gets no callback at all, so the
/// compiler builds no operation tree for it.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PersonalDataFlowAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The work counters of this analyzer instance, when a test set them.</summary>
    internal FlowCounters? Counters { get; set; }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.PersonalDataToLog,
        Descriptors.PersonalDataToLoggerMessage,
        Descriptors.PersonalDataToConsole,
        Descriptors.PersonalDataToExceptionMessage,
        Descriptors.PersonalDataToSentry,
        Descriptors.PersonalDataToTelemetry,
        Descriptors.SentrySendDefaultPii);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ApplicationSymbols.TryCreate(start.Compilation) is not { } application)
            {
                return;
            }

            ApplicationEvidence evidence = ApplicationEvidence.For(start.Compilation, application, start.CancellationToken);
            if (!evidence.MayReadPersonalData && !evidence.MayConfigureSentry)
            {
                return;
            }

            var symbols = new FlowSymbols(start.Compilation, application, AnalysisCache.For(start.Compilation).Symbols, start.Options);
            var flow = new FlowContext(symbols, Counters);
            start.RegisterOperationBlockAction(block => flow.Analyze(
                block.OwningSymbol,
                block.OperationBlocks,
                (site, taint, parts) => block.ReportDiagnostic(Create(site, taint, parts)),
                assignment => block.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SentrySendDefaultPii,
                    assignment.Syntax.GetLocation(),
                    ((Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation)assignment.Target).Instance?.Type?.Name ?? "SentryOptions")),
                block.CancellationToken));
        });
    }

    private static Diagnostic Create(SinkSite site, Taint taint, ImmutableArray<IOperation> parts)
    {
        DiagnosticDescriptor descriptor = site.Hit.Kind switch
        {
            SinkKind.Log => Descriptors.PersonalDataToLog,
            SinkKind.LoggerMessage => Descriptors.PersonalDataToLoggerMessage,
            SinkKind.Console => Descriptors.PersonalDataToConsole,
            SinkKind.ExceptionMessage => Descriptors.PersonalDataToExceptionMessage,
            SinkKind.Sentry => Descriptors.PersonalDataToSentry,
            _ => Descriptors.PersonalDataToTelemetry,
        };

        // The code fix wraps the personal parts (additional locations) in a redactor, where the message offers one.
        var additional = ImmutableArray.CreateBuilder<Location>(parts.Length);
        foreach (IOperation part in parts)
        {
            additional.Add(part.Syntax.GetLocation());
        }

        ImmutableDictionary<string, string?> properties = site.Hit.Kind is SinkKind.LoggerMessage or SinkKind.Telemetry
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(RedactProperty, "true");
        return Diagnostic.Create(descriptor, site.Value.Syntax.GetLocation(), additional.MoveToImmutable(), properties,
            MethodFlow.ValueName(site.Value, taint.Origin), taint.Origin!.Why, site.Hit.Name);
    }

    /// <summary>The diagnostic property that tells the code fix the message offers a redactor.</summary>
    internal const string RedactProperty = "PiiGuard.Redact";
}
