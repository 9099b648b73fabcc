using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Generators.Parser;

namespace PiiGuard.Analyzers;

/// <summary>
/// The analyzer the compiler loads: it runs every PiiGuard rule (PII001 to PII008) from one callback per type
/// (which checks the type's members too), over one shared analysis of the compilation (<see cref="AnalysisCache"/>). Each rule
/// lives in its own class under <c>Rules/</c>; running them from one analyzer spares the compiler's analyzer driver
/// a round of callbacks per rule for every member of the project.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PiiGuardAnalyzer : DiagnosticAnalyzer
{
    private readonly PayloadAnalyzer[] _rules =
    {
        new PersonalNameAnalyzer(),
        new PreciseTimestampAnalyzer(),
        new ForbiddenTypeAnalyzer(),
        new IdentifierAnalyzer(),
        new LocationAndBehaviourAnalyzer(),
        new FreeTextAnalyzer(),
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Payload members written by other source generators leave the app like hand-written ones: analyze them too.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            AnalysisCache cache = AnalysisCache.For(start.Compilation);
            if (cache.Symbols is not { } symbols)
            {
                return;
            }

            var unsupportedReported = new ConcurrentDictionary<PayloadProblem, bool>();
            var lockFile = SchemaLockAnalyzer.FindActiveLock(start.Options, start.CancellationToken);
            PayloadAnalyzer.RegisterRules(start, cache, _rules, onPayload: context =>
            {
                UnsupportedPayloadAnalyzer.Analyze(context, cache, symbols, unsupportedReported);
                if (lockFile is { } active)
                {
                    SchemaLockAnalyzer.Analyze(context, cache, symbols, active);
                }
            });
        });
    }
}
