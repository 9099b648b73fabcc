using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

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

    /// <summary>
    /// <paramref name="owner"/> with a new attribute list holding <paramref name="attribute"/> after its other lists
    /// (marked for formatting); on a record's primary-constructor parameter the list targets the property.
    /// </summary>
    public static SyntaxNode WithAttributeAdded(SyntaxNode owner, AttributeSyntax attribute)
    {
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
        if (owner is ParameterSyntax)
        {
            list = list.WithTarget(SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.PropertyKeyword)));
        }

        return WithAttributeLists(owner, GetAttributeLists(owner).Add(list.WithAdditionalAnnotations(Formatter.Annotation)));
    }

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

    /// <summary>
    /// The document with <paramref name="newRoot"/>, after the attributes the fix added are settled: the usings they
    /// need added (<see cref="Simplifier.AddImportsAnnotation"/>), their names reduced to what those usings allow
    /// (<see cref="Simplifier.Annotation"/>), and the new nodes formatted (<see cref="Formatter.Annotation"/>).
    /// </summary>
    public static async Task<Document> WithRootTidiedAsync(Document document, SyntaxNode newRoot, CancellationToken cancellationToken)
    {
        Document changed = document.WithSyntaxRoot(newRoot);
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
