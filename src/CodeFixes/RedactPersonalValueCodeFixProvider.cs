using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Analyzers;
using PiiGuard.Analyzers.Flow;

namespace PiiGuard.CodeFixes;

/// <summary>
/// Fixes PII110 where the fix is obvious: the code already has exactly one Microsoft.Extensions.Compliance
/// <c>Redactor</c> in scope (a field, property, parameter or local), so the personal parts of the value (the
/// personal holes of an interpolated string or operands of a concatenation, or else the value) are wrapped in
/// <c>redactor.Redact(...)</c>. With no redactor in scope, or several, nothing is offered: which redactor (which
/// classification) applies is the developer's choice, and replacing the value by a placeholder would lose
/// information silently. <c>[LoggerMessage]</c> parameters and telemetry fields get no fix either: a classification
/// attribute needs the project's taxonomy, and telemetry takes no redacted personal data.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RedactPersonalValueCodeFixProvider)), Shared]
public sealed class RedactPersonalValueCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key that groups this fix for Fix All.</summary>
    public const string EquivalenceKey = "PiiGuard.RedactPersonalValue";

    private const string RedactorMetadataName = "Microsoft.Extensions.Compliance.Redaction.Redactor";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PersonalDataReachesSink);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.Compilation.GetTypeByMetadataName(RedactorMetadataName) is not { } redactorType)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(PersonalDataFlowAnalyzer.RedactProperty) ||
                FindRedactor(model, diagnostic.Location.SourceSpan.Start, redactorType, context.CancellationToken) is not { } redactor)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Redact with '{redactor.Name}'",
                    ct => RedactAsync(context.Document, diagnostic, redactor.Name, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The one redactor the code at <paramref name="position"/> can use, or null when it has none or several.</summary>
    private static ISymbol? FindRedactor(SemanticModel model, int position, INamedTypeSymbol redactorType, CancellationToken cancellationToken)
    {
        ISymbol? enclosing = model.GetEnclosingSymbol(position, cancellationToken);
        bool inStatic = enclosing?.IsStatic == true || (enclosing is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } &&
            enclosing.ContainingSymbol?.IsStatic == true);
        ISymbol? found = null;
        foreach (ISymbol symbol in model.LookupSymbols(position))
        {
            ITypeSymbol? type = symbol switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                IParameterSymbol parameter => parameter.Type,
                ILocalSymbol local when local.DeclaringSyntaxReferences.All(r => r.Span.End <= position) => local.Type,
                _ => null,
            };
            if (type is null || !DerivesFrom(type, redactorType) || (inStatic && !symbol.IsStatic && symbol is IFieldSymbol or IPropertySymbol))
            {
                continue;
            }

            if (found != null)
            {
                return null;
            }

            found = symbol;
        }

        return found;
    }

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        for (ITypeSymbol? current = type; current != null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Document> RedactAsync(Document document, Diagnostic diagnostic, string redactor, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        IEnumerable<TextSpan> spans = diagnostic.AdditionalLocations.Count > 0
            ? diagnostic.AdditionalLocations.Where(l => l.IsInSource).Select(l => l.SourceSpan)
            : new[] { diagnostic.Location.SourceSpan };
        var parts = new List<ExpressionSyntax>();
        foreach (TextSpan span in spans)
        {
            if (root.FindNode(span, getInnermostNodeForTie: true) is { } node &&
                node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span) is { } expression)
            {
                parts.Add(expression);
            }
        }

        if (parts.Count == 0)
        {
            return document;
        }

        SyntaxNode newRoot = root.ReplaceNodes(parts, (original, _) =>
            SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(redactor), SyntaxFactory.IdentifierName("Redact")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(original.WithoutTrivia()))))
                .WithTriviaFrom(original));
        return document.WithSyntaxRoot(newRoot);
    }
}
