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
using PiiGuard.Analyzers;

namespace PiiGuard.CodeFixes;

/// <summary>Fixes PII111: <c>SendDefaultPii = true</c> becomes <c>SendDefaultPii = false</c> (kept explicit, so the intent stays visible).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SendDefaultPiiOffCodeFixProvider)), Shared]
public sealed class SendDefaultPiiOffCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key that groups this fix for Fix All.</summary>
    public const string EquivalenceKey = "PiiGuard.SendDefaultPiiOff";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SentrySendDefaultPii);

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
            if (Find(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Set SendDefaultPii to false", ct => TurnOffAsync(context.Document, diagnostic, ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static AssignmentExpressionSyntax? Find(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AssignmentExpressionSyntax>()
            .FirstOrDefault(a => a.Right.IsKind(SyntaxKind.TrueLiteralExpression));

    private static async Task<Document> TurnOffAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        if (Find(root, diagnostic) is not { } assignment)
        {
            return document;
        }

        ExpressionSyntax off = SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression).WithTriviaFrom(assignment.Right);
        return document.WithSyntaxRoot(root.ReplaceNode(assignment.Right, off));
    }
}
