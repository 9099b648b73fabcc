using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PiiGuard.Shared.Payloads;

namespace PiiGuard.Generators;

/// <summary>
/// Emits, for every <c>[TelemetryPayload]</c> type, a reflection-free serializer and strict reader, registered with
/// the runtime from a module initializer, and the payload's schema docs (JSON Schema, Markdown disclosure, schema
/// lock entry) as constants that PiiGuard's MSBuild step writes to files. A payload the analyzers report a problem
/// in is skipped: user-facing errors come from the analyzers, never from broken generated code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class TelemetryPayloadGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<PayloadModel> payloads = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "PiiGuard.TelemetryPayloadAttribute",
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Payloads);

        context.RegisterSourceOutput(payloads, static (context, payload) => Emitter.Emit(context, payload));
    }

    /// <summary>Names of the pipeline steps, for incremental-generation tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The step that turns each payload type into its model.</summary>
        public const string Payloads = nameof(Payloads);
    }
}
