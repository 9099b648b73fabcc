using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;

namespace PiiGuard.Generators;

/// <summary>
/// Emits, for every <c>[TelemetryPayload]</c> type, a reflection-free serializer and strict reader, registered with
/// the runtime from a module initializer, and the payload's schema docs (JSON Schema, Markdown disclosure, schema
/// lock entry) in an attribute that PiiGuard's MSBuild step reads to write them to files; and, once for all payloads,
/// the writer and reader of each class, struct, record and enum they hold. A payload the analyzers report a problem
/// in is skipped: user-facing errors come from the analyzers, never from broken generated code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class TelemetryPayloadGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The disclosure promises what the analyzers enforce in the payload's file: its severities (compilation
        // options, equal between edits that do not touch them) and its PiiGuard settings (.editorconfig) are read for
        // each declaration, and a payload goes on unchanged while its model and rules are equal.
        IncrementalValueProvider<(AnalyzerConfigOptionsProvider Settings, CompilationOptions Severities)> build = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.Options));

        IncrementalValuesProvider<ParsedPayload> payloads = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MetadataNames.TelemetryPayloadAttributeMetadataName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .Where(static declaration => declaration is not null)
            .Combine(build)
            .Select(static (pair, cancellationToken) => new ParsedPayload(
                pair.Left!.Model,
                BuildRules.Read(pair.Right.Severities, pair.Left.Tree, PiiGuardOptions.For(pair.Right.Settings.GetOptions(pair.Left.Tree)), cancellationToken)))
            .WithTrackingName(TrackingNames.Payloads);

        // Hint names and class names must be unique, and only the set of all payloads can say whether they are: the
        // collisions are worked out from every payload's name (an equal table while no name changes), and each
        // payload is then named from its own model and that table, so that a payload is emitted again only when its
        // model or its names change.
        IncrementalValueProvider<EquatableArray<NameChoice>> collisions = payloads
            .Select(static (parsed, _) => new NameKey(parsed.Model.TypeName, parsed.Model.HintName))
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

        // Every class, struct, record and enum the emitted payloads hold, once, however many payloads hold it: each
        // payload lists the types it holds, a table (equal while no type or owner changes) says which one payload
        // emits each, and only that payload's entry goes on. An edit regenerates the types it changes, nothing else.
        IncrementalValuesProvider<HeldType> held = named
            .SelectMany(static (payload, _) => SharedTypes.Of(payload.Model).Select(type => new HeldType(payload.Model.TypeName, type)))
            .WithTrackingName(TrackingNames.Types);

        IncrementalValueProvider<TypeTable> table = held
            .Select(static (held, _) => new TypeKey(held.Type.Id, held.Owner))
            .Collect()
            .Select(static (keys, _) => SharedTypes.Table(keys))
            .WithTrackingName(TrackingNames.TypeTable);

        IncrementalValuesProvider<GeneratedType> namedTypes = held
            .Combine(table)
            .Select(static (pair, _) => SharedTypes.Name(pair.Left, pair.Right))
            .Where(static type => type is not null)
            .Select(static (type, _) => type!)
            .WithTrackingName(TrackingNames.NamedTypes);

        context.RegisterSourceOutput(namedTypes, static (context, type) => Emitter.Emit(context, type));
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

        /// <summary>The step that lists the types each emitted payload holds.</summary>
        public const string Types = nameof(Types);

        /// <summary>The step that says which payload emits each type, and names the types whose hint names collide.</summary>
        public const string TypeTable = nameof(TypeTable);

        /// <summary>The step that gives each type its hint name.</summary>
        public const string NamedTypes = nameof(NamedTypes);
    }
}
