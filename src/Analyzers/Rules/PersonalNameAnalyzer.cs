using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII001: a payload member's name, read by the name model with its type, says it holds personal data: a network
/// address or name, a path, a device identifier or name, identity or contact data, a credential, content a person
/// wrote or named, error detail, or a word the project forbids. Identifiers (PII004), documents (PII003), locations
/// and behaviour (PII005) have rules of their own.
/// </summary>
public sealed class PersonalNameAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PersonalName);

    private protected override void AnalyzeMember(PayloadMember member, in SymbolAnalysisContext context)
    {
        if (member.NameRule == RuleIds.PersonalName && member.NameFinding is { } finding)
        {
            context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.PersonalName, member.DisplayName, finding.Category.Description, finding.Found, finding.Category.Why, finding.Category.Fix));
        }
    }
}
