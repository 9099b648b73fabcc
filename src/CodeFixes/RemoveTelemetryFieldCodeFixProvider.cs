using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Analyzers;
using PiiGuard.Shared;

namespace PiiGuard.CodeFixes;

/// <summary>
/// Fixes any PiiGuard rule by taking the member out of the payload: removes its <c>[TelemetryField]</c>
/// (and the attribute list, when that was its only attribute). The member itself stays.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveTelemetryFieldCodeFixProvider)), Shared]
public sealed class RemoveTelemetryFieldCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key that groups this fix for Fix All.</summary>
    public const string EquivalenceKey = "PiiGuard.RemoveTelemetryField";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIds.PersonalName, RuleIds.PreciseTime, RuleIds.ForbiddenType, RuleIds.Identifier, RuleIds.LocationOrBehaviour, RuleIds.FreeText);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // A member declared in a referenced assembly is reported at the member that reaches it: that one is not at fault.
            if (diagnostic.Properties.ContainsKey(PayloadMember.DeclaredElsewhereProperty) ||
                MemberAttributes.FindOwner(root.FindNode(diagnostic.Location.SourceSpan)) is not { } owner ||
                MemberAttributes.Find(owner, MetadataNames.TelemetryFieldAttributeMetadataName, model, context.CancellationToken) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove [TelemetryField]: stop sending this member",
                    ct => RemoveAsync(context.Document, diagnostic.Location.SourceSpan, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> RemoveAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        if (MemberAttributes.FindOwner(root.FindNode(span)) is not { } owner ||
            MemberAttributes.Find(owner, MetadataNames.TelemetryFieldAttributeMetadataName, model, cancellationToken) is not { Parent: AttributeListSyntax list } attribute)
        {
            return document;
        }

        SyntaxList<AttributeListSyntax> lists = MemberAttributes.GetAttributeLists(owner);
        SyntaxNode newOwner;
        if (list.Attributes.Count > 1)
        {
            newOwner = owner.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
        }
        else
        {
            // The removed list's leading trivia (indentation, comments) moves to what now starts the declaration.
            int index = lists.IndexOf(list);
            newOwner = MemberAttributes.WithAttributeLists(owner, lists.RemoveAt(index));
            if (index == 0)
            {
                newOwner = newOwner.WithLeadingTrivia(list.GetLeadingTrivia());
            }
        }

        return document.WithSyntaxRoot(root.ReplaceNode(owner, newOwner));
    }
}
