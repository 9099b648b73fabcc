using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;
using PiiGuard.Generators.Parser;
using PiiGuard.Shared;

namespace PiiGuard.Generators;

public sealed partial class TelemetryPayloadGenerator
{
    /// <summary>Symbols to model: the only step that sees the compilation.</summary>
    internal static class Parser
    {
        /// <summary>The payload's model and its file, or null when there is nothing to emit for this declaration.</summary>
        /// <remarks>
        /// Never throws but for cancellation: a payload that cannot be modelled is skipped, and the analyzers, which
        /// run the same builder, report why.
        /// </remarks>
        public static ParsedDeclaration? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            try
            {
                return ParseCore(context, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return null;
            }
        }

        private static ParsedDeclaration? ParseCore(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol payload || !IsModelledDeclaration(payload, context.TargetNode))
            {
                return null;
            }

            // A PiiGuard runtime without the serialization support: nothing to emit against.
            Compilation compilation = context.SemanticModel.Compilation;
            if (compilation.GetTypeByMetadataName(MetadataNames.TelemetryTypeInfoMetadataName) is null)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            (PayloadModel model, var problems) = PayloadModelBuilder.Build(payload, compilation, typeNames: true, cancellationToken);
            return problems.Count == 0 ? new ParsedDeclaration(model, context.TargetNode.SyntaxTree) : null;
        }

        /// <summary>
        /// Whether <paramref name="node"/> is the declaration of <paramref name="payload"/> to model: a type has one
        /// model however many of its declarations carry <c>[TelemetryPayload]</c> (parts of a partial type, or a type
        /// declared twice while it is being copied), and it belongs to the first of them.
        /// </summary>
        private static bool IsModelledDeclaration(INamedTypeSymbol payload, SyntaxNode node)
        {
            if (payload.DeclaringSyntaxReferences.Length < 2)
            {
                return true;
            }

            foreach (SyntaxReference declaration in payload.DeclaringSyntaxReferences)
            {
                if (HasPayloadAttribute(payload, declaration))
                {
                    return declaration.SyntaxTree == node.SyntaxTree && declaration.Span == node.Span;
                }
            }

            return false;
        }

        private static bool HasPayloadAttribute(INamedTypeSymbol payload, SyntaxReference declaration)
        {
            foreach (AttributeData attribute in payload.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == MetadataNames.TelemetryPayloadAttributeMetadataName &&
                    attribute.ApplicationSyntaxReference is { } application &&
                    application.SyntaxTree == declaration.SyntaxTree &&
                    declaration.Span.Contains(application.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
