using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Analyzers;

namespace PiiGuard.CodeFixes;

/// <summary>
/// Classifies a member: on PII100, adds <c>[PersonalData(PersonalDataKind.X)]</c> with the kind the diagnostic
/// suggests; on PII103, classifies it as <c>PersonalDataKind.Credential</c> (adding the attribute, or changing the
/// kind of PiiGuard's <c>[PersonalData]</c> already there). Adds <c>using PiiGuard;</c> where it is missing, and
/// writes <c>PiiGuard.PersonalData</c> where another <c>PersonalData</c> attribute (ASP.NET Core Identity's) is in
/// scope too.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClassifyPersonalDataCodeFixProvider)), Shared]
public sealed class ClassifyPersonalDataCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key that groups the PII100 fix for Fix All (each member gets its own suggested kind).</summary>
    public const string ClassifyEquivalenceKey = "PiiGuard.ClassifyPersonalData";

    /// <summary>The equivalence key that groups the PII103 fix for Fix All.</summary>
    public const string CredentialEquivalenceKey = "PiiGuard.ClassifyCredential";

    private const string PersonalDataMetadataName = Shared.MetadataNames.PersonalDataAttributeMetadataName;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIds.UnclassifiedPersonalMember, RuleIds.UnclassifiedCredential);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ApplicationDataAnalyzer.KindProperty, out string? kind) ||
                string.IsNullOrEmpty(kind) || !SyntaxFacts.IsValidIdentifier(kind) ||
                MemberAttributes.FindOwner(root.FindNode(diagnostic.Location.SourceSpan)) is not { } owner ||
                (owner is FieldDeclarationSyntax field && field.Declaration.Variables.Count != 1))
            {
                // A field declaration of several variables shares its attributes: classifying one would classify all.
                continue;
            }

            bool credential = diagnostic.Id == RuleIds.UnclassifiedCredential;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Classify as PersonalDataKind." + kind,
                    ct => ClassifyAsync(context.Document, diagnostic.Location.SourceSpan, kind!, ct),
                    credential ? CredentialEquivalenceKey : ClassifyEquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ClassifyAsync(Document document, TextSpan span, string kind, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        if (MemberAttributes.FindOwner(root.FindNode(span)) is not { } owner)
        {
            return document;
        }

        // PiiGuard.PersonalDataKind.X, reduced to what the file's usings allow once `using PiiGuard;` is added.
        ExpressionSyntax kindExpression = SyntaxFactory.ParseExpression("PiiGuard.PersonalDataKind." + kind)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        SyntaxNode newOwner;
        if (MemberAttributes.Find(owner, PersonalDataMetadataName, model, cancellationToken) is { ArgumentList: { Arguments.Count: > 0 } arguments } existing &&
            arguments.Arguments[0].NameEquals is null && arguments.Arguments[0].NameColon is null)
        {
            // Classified with another kind: change the kind, keep the purpose.
            AttributeArgumentSyntax first = arguments.Arguments[0];
            newOwner = owner.ReplaceNode(first, first.WithExpression(kindExpression.WithTriviaFrom(first.Expression)));
        }
        else
        {
            NameSyntax name = IsAmbiguous(model, owner.SpanStart)
                ? SyntaxFactory.ParseName("PiiGuard.PersonalData")
                : SyntaxFactory.ParseName(PersonalDataMetadataName).WithAdditionalAnnotations(Simplifier.Annotation);
            AttributeSyntax attribute = SyntaxFactory.Attribute(
                name,
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(kindExpression))));
            newOwner = MemberAttributes.WithAttributeAdded(owner, attribute);
        }

        return await MemberAttributes.WithRootTidiedAsync(document, root.ReplaceNode(owner, newOwner), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether another attribute named <c>PersonalData</c> (ASP.NET Core Identity's) is in scope at <paramref name="position"/>.</summary>
    private static bool IsAmbiguous(SemanticModel model, int position) =>
        model.LookupNamespacesAndTypes(position, name: "PersonalDataAttribute")
            .Concat(model.LookupNamespacesAndTypes(position, name: "PersonalData"))
            .Any(symbol => symbol.ToDisplayString() != PersonalDataMetadataName);
}
