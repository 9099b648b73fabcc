using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII006: a payload member holds free text (a string, string elements, or string dictionary keys or values)
/// that no other rule already reports. A warning by default; an error in strict mode
/// (<c>piiguard.strict = true</c> in <c>.editorconfig</c>, or the MSBuild property <c>PiiGuardStrict</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FreeTextAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.FreeText);

    private protected override void AnalyzeMember(PayloadMember member, Action<Diagnostic> report)
    {
        if (!member.Shape.HasString || member.IsCaughtByName())
        {
            return;
        }

        string where = Describe(member.Shape);
        DiagnosticSeverity severity = member.Options.Strict ? DiagnosticSeverity.Error : Descriptors.FreeText.DefaultSeverity;
        report(Diagnostic.Create(Descriptors.FreeText, member.Location, severity, additionalLocations: null, properties: null, member.Name, where));
    }

    private static string Describe(TypeShape shape)
    {
        foreach (ShapePart part in shape.Parts)
        {
            if (part.Type.SpecialType == SpecialType.System_String)
            {
                return part.Role switch
                {
                    TypeRole.DictionaryKey => "a string dictionary key",
                    TypeRole.DictionaryValue => "string dictionary values",
                    TypeRole.Element => "string elements",
                    _ => "a string",
                };
            }
        }

        return "a string";
    }
}
