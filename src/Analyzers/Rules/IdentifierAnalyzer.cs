using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII004: a payload carries an identifier other than its single <c>[InstallationId]</c>: a <c>Guid</c> member
/// without <c>[InstallationId]</c>, a second <c>[InstallationId]</c> in the same payload, or <c>[InstallationId]</c>
/// on a member that is not a <c>Guid</c>; or a number named like the id of a person, account, device or session
/// (<c>long UserId</c>, <c>int SessionId</c>).
/// </summary>
public sealed class IdentifierAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.Identifier, Descriptors.NamedIdentifier, Descriptors.InstallationIdNotGuid, Descriptors.SecondInstallationId);

    private protected override void AnalyzeMember(PayloadMember member, in SymbolAnalysisContext context)
    {
        if (member.IsInstallationId)
        {
            if (!member.Symbols.IsGuid(member.Type))
            {
                string type = member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.InstallationIdNotGuid, member.DisplayName, type));
            }
        }
        else if (member.Shape.Any(member.Symbols.IsGuidPredicate))
        {
            context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.Identifier, member.DisplayName));
        }
        else
        {
            ReportNamedIdentifier(member, context);
        }
    }

    private static void ReportNamedIdentifier(PayloadMember member, in SymbolAnalysisContext context)
    {
        // A text or number member whose name's head is an id, a key or a hash of a person, an account, a session or a
        // record (or of something the name does not say): "AccountHandle", "long FirebaseUserId", "VisitorHash".
        if (member.NameRule == RuleIds.Identifier && member.NameFinding is { } finding)
        {
            context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.NamedIdentifier,
                member.DisplayName, finding.Category.Description, finding.Found, finding.Category.Why, Category.Identifier.Fix));
        }
    }

    private protected override void AnalyzePayload(INamedTypeSymbol payload, IReadOnlyList<PayloadMember> members, SymbolAnalysisContext context)
    {
        PayloadMember? first = null;
        foreach (PayloadMember member in members)
        {
            if (!member.IsInstallationId)
            {
                continue;
            }

            if (first is null)
            {
                first = member;
                continue;
            }

            context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.SecondInstallationId, member.DisplayName, payload.Name, first.DisplayName));
        }
    }
}
