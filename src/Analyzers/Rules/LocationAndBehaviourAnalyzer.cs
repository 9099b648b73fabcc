using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Analyzers.Vocabulary;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII005: a payload member of any type is named like a location (latitude, longitude, GPS, geo-IP) or a
/// behavioural measure (clicks, keystrokes, mouse, screen time, session recording).
/// </summary>
public sealed class LocationAndBehaviourAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LocationOrBehaviour);

    private protected override void AnalyzeMember(PayloadMember member, Action<Diagnostic> report)
    {
        if (member.FindName(Lexicon.LocationAndBehaviour) is { } phrase)
        {
            report(member.CreateDiagnostic(Descriptors.LocationOrBehaviour, member.DisplayName, phrase.Category.Description, phrase.Text, phrase.Category.Fix));
        }
    }
}
