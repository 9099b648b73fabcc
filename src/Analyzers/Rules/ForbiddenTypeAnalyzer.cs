using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII003: a payload member holds a type that carries personal data whatever the member is called: network
/// types (<c>IPAddress</c>, <c>IPEndPoint</c>, <c>Uri</c>, <c>PhysicalAddress</c>, <c>MailAddress</c>), file-system
/// types (<c>FileSystemInfo</c> and subclasses), exceptions, binary content (<c>byte[]</c>, <c>Stream</c>,
/// <c>Memory&lt;byte&gt;</c>, …) and unbounded values (<c>object</c>, <c>dynamic</c>, <c>JsonElement</c>, <c>JsonNode</c>, …).
/// </summary>
public sealed class ForbiddenTypeAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForbiddenType);

    private protected override void AnalyzeMember(PayloadMember member, in SymbolAnalysisContext context)
    {
        ForbiddenTypes forbidden = member.Symbols.Forbidden;
        if (forbidden.FirstForbidden(member.Shape) is ({ } part, { } kind))
        {
            string type = part.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.ForbiddenType, member.DisplayName, type, kind.Description, kind.Fix));
        }
        else if (member.NameRule == RuleIds.ForbiddenType && member.NameFinding is { } finding)
        {
            // Text named as a document or dump ("PrintersJson", "EventOriginal") holds what a JsonElement would.
            string type = member.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.ForbiddenType, member.DisplayName, type,
                $"named like {finding.Category.Description} ('{finding.Found}'): {finding.Category.Why}", finding.Category.Fix));
        }
    }
}
