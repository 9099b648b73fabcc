using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PiiGuard.Analyzers;

/// <summary>
/// PII006: a payload member holds free text (a string, string elements, string dictionary keys or values,
/// characters in an array or collection, or a <c>StringBuilder</c>)
/// that no other rule already reports. A warning by default; an error in strict mode
/// (<c>piiguard.strict = true</c> in <c>.editorconfig</c>, or the MSBuild property <c>PiiGuardStrict</c>).
/// </summary>
public sealed class FreeTextAnalyzer : PayloadAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.FreeText);

    private protected override void AnalyzeMember(PayloadMember member, in SymbolAnalysisContext context)
    {
        if (!member.Shape.HasFreeText || member.IsCaughtByName())
        {
            return;
        }

        string where = Describe(member.Shape);
        DiagnosticSeverity severity = member.Options.Strict ? DiagnosticSeverity.Error : Descriptors.FreeText.DefaultSeverity;
        context.ReportDiagnostic(member.CreateDiagnostic(Descriptors.FreeText, severity, member.DisplayName, where));
    }

    private static string Describe(TypeShape shape)
    {
        foreach (ShapePart part in shape.Parts)
        {
            if (TypeShape.IsFreeTextPart(part))
            {
                return part.Role switch
                {
                    TypeRole.DictionaryKey => "a string dictionary key",
                    TypeRole.DictionaryValue => "string dictionary values",
                    TypeRole.Element when part.Type.SpecialType == SpecialType.System_Char => "characters",
                    TypeRole.Element => "string elements",
                    _ when part.Type.SpecialType == SpecialType.System_String => "a string",
                    _ => "a text builder",
                };
            }
        }

        return "a string";
    }
}
