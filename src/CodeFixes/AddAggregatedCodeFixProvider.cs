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
using PiiGuard.Analyzers;
using PiiGuard.Shared;

namespace PiiGuard.CodeFixes;

/// <summary>
/// Fixes PII002 on a <c>DateTime</c> or <c>DateTimeOffset</c> member by adding <c>[Aggregated(Period.Week)]</c>
/// next to its <c>[TelemetryField]</c>, and <c>using PiiGuard;</c> where it is missing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAggregatedCodeFixProvider)), Shared]
public sealed class AddAggregatedCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key that groups this fix for Fix All.</summary>
    public const string EquivalenceKey = "PiiGuard.AddAggregatedWeek";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PreciseTime);

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
            // A member declared in a referenced assembly is reported at the member that reaches it: that one is not at fault.
            if (diagnostic.Properties.ContainsKey(PayloadMember.DeclaredElsewhereProperty) ||
                !diagnostic.Properties.TryGetValue(PreciseTimestampAnalyzer.KindProperty, out string? kind) ||
                kind != PreciseTimestampAnalyzer.NotAggregated ||
                MemberAttributes.FindOwner(root.FindNode(diagnostic.Location.SourceSpan)) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [Aggregated(Period.Week)]",
                    ct => AddAggregatedAsync(context.Document, diagnostic.Location.SourceSpan, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddAggregatedAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        SyntaxNode? owner = MemberAttributes.FindOwner(root.FindNode(span));
        if (owner is null)
        {
            return document;
        }

        // PiiGuard.AggregatedAttribute(PiiGuard.Period.Week), reduced to what the file's usings allow (the simplifier drops the
        // Attribute suffix too), with the using added.
        AttributeSyntax aggregated = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName(MetadataNames.AggregatedAttributeMetadataName),
                SyntaxFactory.ParseAttributeArgumentList("(" + MetadataNames.Namespace + "." + MetadataNames.Period + ".Week)"))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        SyntaxNode newOwner;
        AttributeSyntax? field = MemberAttributes.Find(owner, MetadataNames.TelemetryFieldAttributeMetadataName, model, cancellationToken);
        if (field?.Parent is AttributeListSyntax list)
        {
            newOwner = owner.ReplaceNode(list, list.AddAttributes(aggregated));
        }
        else
        {
            newOwner = MemberAttributes.WithAttributeAdded(owner, aggregated);
        }

        return await MemberAttributes.WithRootTidiedAsync(document, root.ReplaceNode(owner, newOwner), cancellationToken).ConfigureAwait(false);
    }
}
