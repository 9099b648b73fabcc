using System.Collections.Immutable;
using System.Composition;
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
/// Fixes PII104 on a type with exactly one point-in-time member by adding <c>[Retention(90, nameof(Member))]</c> (and
/// <c>using PiiGuard;</c> where it is missing). Ninety days is a starting point: the period is the app's to state.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetentionCodeFixProvider)), Shared]
public sealed class AddRetentionCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key that groups this fix for Fix All.</summary>
    public const string EquivalenceKey = "PiiGuard.AddRetention90";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NetworkIdentifiersWithoutRetention);

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
            // The analyzer names the clock only when the type has exactly one point-in-time member.
            if (!diagnostic.Properties.TryGetValue(ApplicationDataAnalyzer.ClockProperty, out string? clock) ||
                string.IsNullOrEmpty(clock) || !SyntaxFacts.IsValidIdentifier(clock) ||
                FindType(root, diagnostic.Location.SourceSpan) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [Retention(90, nameof(" + clock + "))]",
                    ct => AddRetentionAsync(context.Document, diagnostic.Location.SourceSpan, clock!, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static TypeDeclarationSyntax? FindType(SyntaxNode root, TextSpan span) =>
        root.FindToken(span.Start).Parent as TypeDeclarationSyntax;

    private static async Task<Document> AddRetentionAsync(Document document, TextSpan span, string clock, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        if (FindType(root, span) is not { } type)
        {
            return document;
        }

        AttributeSyntax retention = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("PiiGuard.RetentionAttribute"),
                SyntaxFactory.ParseAttributeArgumentList("(90, nameof(" + clock + "))"))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        SyntaxNode newType;
        if (type.AttributeLists.Count > 0)
        {
            newType = MemberAttributes.WithAttributeAdded(type, retention);
        }
        else
        {
            AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(retention));
            // The new list takes the declaration's leading trivia (comments, indentation), and the declaration starts
            // on the next line at the same indentation.
            SyntaxTriviaList leading = type.GetLeadingTrivia();
            SyntaxTriviaList indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
                : SyntaxFactory.TriviaList();
            SyntaxTrivia endOfLine = SyntaxFactory.EndOfLine("\n");
            foreach (SyntaxTrivia trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    endOfLine = trivia;
                    break;
                }
            }

            newType = type.WithLeadingTrivia(indentation)
                .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
        }

        return await MemberAttributes.WithRootTidiedAsync(document, root.ReplaceNode(type, newType), cancellationToken).ConfigureAwait(false);
    }
}
