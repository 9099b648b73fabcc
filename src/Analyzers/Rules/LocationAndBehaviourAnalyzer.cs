using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII005: a payload member of any type is named like a location (coordinates, a city, anything under geo) or a
/// behavioural measure (clicks, keystrokes, scrolling, screen time, session recordings), as the name model reads it.
/// A <c>CountryCode</c> member is the location the policy allows.
/// </summary>
public sealed class LocationAndBehaviourAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LocationOrBehaviour);

    private protected override void AnalyzeMember(PayloadMember member, in SymbolAnalysisContext context)
    {
        if (member.NameRule != RuleIds.LocationOrBehaviour || member.NameFinding is not { } finding ||
            (finding.Category == Category.Location && member.Shape.Any(static t => t is { Name: MetadataNames.CountryCode, ContainingNamespace.Name: MetadataNames.Namespace })))
        {
            return;
        }

        context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.LocationOrBehaviour, member.DisplayName, finding.Category.Description, finding.Found, finding.Category.Why, finding.Category.Fix));
    }
}
