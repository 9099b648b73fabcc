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

        // Hint names and class names must be unique, and only the set of all payloads can say whether they are: the
        // collisions are worked out from every payload's name (an equal table while no name changes), and each
        // payload is then named from its own model and that table, so that a payload is emitted again only when its
        // model or its names change.
        IncrementalValueProvider<EquatableArray<NameChoice>> collisions = payloads
            .Select(static (model, _) => new NameKey(model.TypeName, model.HintName))
            .Collect()
            .Select(static (keys, _) => Naming.Resolve(keys))
            .WithTrackingName(TrackingNames.Collisions);

        IncrementalValuesProvider<GeneratedPayload> named = payloads
            .Combine(collisions)
            .Select(static (pair, _) => Naming.Apply(pair.Left, pair.Right))
            .Where(static payload => payload is not null)
            .Select(static (payload, _) => payload!)
            .WithTrackingName(TrackingNames.Named);

        context.RegisterSourceOutput(named, static (context, payload) => Emitter.Emit(context, payload));
    }

    /// <summary>Names of the pipeline steps, for incremental-generation tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The step that turns each payload type into its model.</summary>
        public const string Payloads = nameof(Payloads);

        /// <summary>The step that finds the payloads whose plain hint or class names collide, and names them.</summary>
        public const string Collisions = nameof(Collisions);

        /// <summary>The step that gives each payload its hint name and class names.</summary>
        public const string Named = nameof(Named);
    }
}
