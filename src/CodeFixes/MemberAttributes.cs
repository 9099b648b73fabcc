using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PiiGuard.CodeFixes;

/// <summary>Finds the declaration that a PiiGuard diagnostic points at and its PiiGuard attributes.</summary>
internal static class MemberAttributes
{
    /// <summary>
    /// The declaration that owns the attributes of the member at <paramref name="node"/>: a property, a field
    /// declaration, or a record's primary-constructor parameter.
    /// </summary>
    public static SyntaxNode? FindOwner(SyntaxNode? node)
    {
        for (; node != null; node = node.Parent)
        {
            switch (node)
            {
                case PropertyDeclarationSyntax:
                case FieldDeclarationSyntax:
                case ParameterSyntax:
                    return node;
                case TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    public static SyntaxList<AttributeListSyntax> GetAttributeLists(SyntaxNode owner) => owner switch
    {
        MemberDeclarationSyntax member => member.AttributeLists,
        ParameterSyntax parameter => parameter.AttributeLists,
        _ => default,
    };

    public static SyntaxNode WithAttributeLists(SyntaxNode owner, SyntaxList<AttributeListSyntax> lists) => owner switch
    {
        MemberDeclarationSyntax member => member.WithAttributeLists(lists),
        ParameterSyntax parameter => parameter.WithAttributeLists(lists),
        _ => owner,
    };

    /// <summary>The attribute on <paramref name="owner"/> whose class has the metadata name given, or null.</summary>
    public static AttributeSyntax? Find(SyntaxNode owner, string attributeMetadataName, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (AttributeListSyntax list in GetAttributeLists(owner))
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (model.GetSymbolInfo(attribute, cancellationToken).Symbol?.ContainingType is { } type &&
                    type.ToDisplayString() == attributeMetadataName)
                {
                    return attribute;
                }
            }
        }

        return null;
    }
}
