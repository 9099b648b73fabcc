using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared.Payloads;

namespace PiiGuard.Generators;

public sealed partial class TelemetryPayloadGenerator
{
    /// <summary>Symbols to model: the only step that sees the compilation.</summary>
    internal static class Parser
    {
        public const string TypeInfoMetadataName = "PiiGuard.Serialization.TelemetryTypeInfo`1";

        public static PayloadModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol payload)
            {
                return null;
            }

            // A PiiGuard runtime without the serialization support: nothing to emit against.
            Compilation compilation = context.SemanticModel.Compilation;
            if (compilation.GetTypeByMetadataName(TypeInfoMetadataName) is null)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            (PayloadModel model, var problems) = PayloadModelBuilder.Build(payload, compilation);
            return problems.Count == 0 ? model : null;
        }
    }
}
