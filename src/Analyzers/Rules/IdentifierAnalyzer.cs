using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII004: a payload carries an identifier other than its single <c>[InstallationId]</c>: a <c>Guid</c> member
/// without <c>[InstallationId]</c>, a second <c>[InstallationId]</c> in the same payload, or <c>[InstallationId]</c>
/// on a member that is not a <c>Guid</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdentifierAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Identifier);

    private protected override void AnalyzeMember(PayloadMember member, Action<Diagnostic> report)
    {
        if (member.HasAttribute(member.Symbols.InstallationIdAttribute))
        {
            if (!member.Symbols.IsGuid(member.Type))
            {
                string type = member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                report(Diagnostic.Create(Descriptors.Identifier, member.Location,
                    $"'{member.Name}' is marked [InstallationId] but is a '{type}'; the installation id must be a non-nullable Guid holding a random UUIDv4"));
            }
        }
        else if (member.Shape.Any(member.Symbols.IsGuid))
        {
            report(Diagnostic.Create(Descriptors.Identifier, member.Location,
                $"'{member.Name}' is a Guid but not the payload's [InstallationId]; a second identifier can link records to a person or a device: remove it, or send a count or an enum instead"));
        }
    }

    private protected override void AnalyzePayload(INamedTypeSymbol payload, IReadOnlyList<PayloadMember> members, SymbolAnalysisContext context)
    {
        PayloadMember? first = null;
        foreach (PayloadMember member in members)
        {
            if (!member.HasAttribute(member.Symbols.InstallationIdAttribute))
            {
                continue;
            }

            if (first is null)
            {
                first = member;
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Identifier, member.Location,
                $"'{member.Name}' is a second [InstallationId] in payload '{payload.Name}' (the first is '{first.Name}'); a payload carries exactly one installation id"));
        }
    }
}
