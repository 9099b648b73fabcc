using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Analyzers.Vocabulary;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII001: a text-like payload member (string, char, their collections, string dictionary keys or values) is
/// named like personal or identifying data: a network address, a path, a device id, contact or identity data,
/// a credential, a location, user content or error detail. A project's own forbidden words, and birth dates,
/// apply to members of any type.
/// </summary>
public sealed class PersonalNameAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PersonalName);

    private protected override void AnalyzeMember(PayloadMember member, Action<Diagnostic> report)
    {
        Phrase? phrase = member.FindName(member.Options.ForbiddenWords) ?? member.FindName(Lexicon.PersonalAnyType);
        if (phrase is null && member.Shape.IsTextLike)
        {
            phrase = member.FindName(Lexicon.PersonalNames);
        }

        if (phrase != null)
        {
            report(member.CreateDiagnostic(Descriptors.PersonalName, member.DisplayName, phrase.Category.Description, phrase.Text, phrase.Category.Fix));
        }
    }
}
