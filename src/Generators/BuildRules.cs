using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared;

namespace PiiGuard.Generators;

/// <summary>
/// Which payload rules a build enforces as errors in a payload's file: its <c>.editorconfig</c> or global config
/// (<c>dotnet_diagnostic.PII001.severity</c>), <c>/warnaserror</c> and <c>NoWarn</c>. The disclosure promises only what
/// an error enforces: a rule lowered to a warning, or switched off, enforces nothing, and the fields it would report
/// are listed as such.
/// </summary>
/// <param name="PersonalNames">PII001: members named like personal data.</param>
/// <param name="PreciseTimes">PII002: points in time finer than a day or a week.</param>
/// <param name="ForbiddenTypes">PII003: exceptions, files, network objects, documents and other unbounded values.</param>
/// <param name="Identifiers">PII004: identifiers other than the installation id.</param>
/// <param name="LocationAndBehaviour">PII005: locations and behavioural tracking.</param>
/// <param name="FreeText">PII006: free text (a warning unless <c>piiguard.strict</c> or a severity says otherwise).</param>
/// <param name="Options">The file's PiiGuard settings: its project's own forbidden and allowed words judge names as in the analyzers.</param>
internal sealed record BuildRules(
    bool PersonalNames,
    bool PreciseTimes,
    bool ForbiddenTypes,
    bool Identifiers,
    bool LocationAndBehaviour,
    bool FreeText,
    PiiGuardOptions Options)
{
    /// <summary>Whether <paramref name="rule"/> (a PII00x id) is an error here.</summary>
    public bool IsError(string rule) => rule switch
    {
        Rules.PersonalName => PersonalNames,
        Rules.PreciseTime => PreciseTimes,
        Rules.ForbiddenType => ForbiddenTypes,
        Rules.Identifier => Identifiers,
        Rules.LocationOrBehaviour => LocationAndBehaviour,
        Rules.FreeText => FreeText,
        _ => true,
    };

    /// <summary>
    /// Reads the rules' effective severities for <paramref name="tree"/> under <paramref name="options"/>: PII006 is
    /// reported as an error under <c>piiguard.strict</c>, and a configured severity still overrides that, as the
    /// compiler does with every diagnostic an analyzer reports.
    /// </summary>
    public static BuildRules Read(CompilationOptions compilation, SyntaxTree tree, PiiGuardOptions options, CancellationToken cancellationToken) => new(
        IsError(compilation, tree, Rules.PersonalName, errorByDefault: true, cancellationToken),
        IsError(compilation, tree, Rules.PreciseTime, errorByDefault: true, cancellationToken),
        IsError(compilation, tree, Rules.ForbiddenType, errorByDefault: true, cancellationToken),
        IsError(compilation, tree, Rules.Identifier, errorByDefault: true, cancellationToken),
        IsError(compilation, tree, Rules.LocationOrBehaviour, errorByDefault: true, cancellationToken),
        IsError(compilation, tree, Rules.FreeText, errorByDefault: options.Strict, cancellationToken),
        options);

    private static bool IsError(CompilationOptions options, SyntaxTree tree, string id, bool errorByDefault, CancellationToken cancellationToken)
    {
        ReportDiagnostic report = ReportDiagnostic.Default;
        SyntaxTreeOptionsProvider? trees = options.SyntaxTreeOptionsProvider;
        if (trees is not null &&
            (trees.TryGetDiagnosticValue(tree, id, cancellationToken, out ReportDiagnostic configured) ||
             trees.TryGetGlobalDiagnosticValue(id, cancellationToken, out configured)))
        {
            report = configured;
        }

        if (report == ReportDiagnostic.Default && options.SpecificDiagnosticOptions.TryGetValue(id, out ReportDiagnostic specific))
        {
            report = specific;
        }

        return report switch
        {
            ReportDiagnostic.Error => true,
            ReportDiagnostic.Default => errorByDefault || options.GeneralDiagnosticOption == ReportDiagnostic.Error,
            ReportDiagnostic.Warn => options.GeneralDiagnosticOption == ReportDiagnostic.Error,
            _ => false,
        };
    }
}
