using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;
using PiiGuard.Shared.DataMap;

namespace PiiGuard.Generators;

/// <summary>
/// Emits the project's data map once, as an assembly attribute whose UTF-8 arguments are <c>personal-data.json</c>,
/// <c>personal-data.md</c> and the data map lock's text; PiiGuard's MSBuild step reads them from the built assembly
/// and writes the files. Nothing is emitted when the project declares no <c>[DataSubject]</c> and classifies nothing.
/// </summary>
/// <remarks>
/// The map is built from the whole compilation (types of every file, EF Core entities through their DbContext), but
/// only when the project uses <c>[DataSubject]</c>, PiiGuard's <c>[PersonalData]</c> or ASP.NET Core Identity's
/// <c>[PersonalData]</c>/<c>[ProtectedPersonalData]</c>: those attributes, found by the compiler's attribute index,
/// gate it, so that a project without application data pays only for that lookup. (Microsoft.Extensions.Compliance
/// classifications are mapped once the gate is open; alone they do not open it.)
/// <para>
/// In a project that references PiiGuard.EntityFrameworkCore, the same build writes, for each <c>DbContext</c> the
/// project declares, a <c>PersonalDataModel</c> with typed queries over the context's mapped entities
/// (<see cref="PersonalDataModelEmitter"/>), one file per context.
/// </para>
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class PersonalDataMapGenerator : IIncrementalGenerator
{
    /// <summary>The hint name of the generated file.</summary>
    public const string HintName = "PiiGuard.PersonalDataMap.g.cs";

    /// <summary>The name of the step that builds the map and the models, for incremental-generation tests.</summary>
    public const string MapStep = "DataMap";

    /// <summary>The name of the step that takes the map from the build, for incremental-generation tests.</summary>
    public const string MapOutputStep = "DataMapOutput";

    /// <summary>The name of the step that lists the personal data model of each <c>DbContext</c>, for incremental-generation tests.</summary>
    public const string ModelsStep = "PersonalDataModels";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<bool> used = Uses(context, MetadataNames.DataSubjectAttributeMetadataName)
            .Combine(Uses(context, MetadataNames.PersonalDataAttributeMetadataName))
            .Combine(Uses(context, ApplicationSymbols.IdentityPersonalDataMetadataName))
            .Combine(Uses(context, "Microsoft.AspNetCore.Identity.ProtectedPersonalDataAttribute"))
            .Select(static (all, _) => all.Left.Left.Left || all.Left.Left.Right || all.Left.Right || all.Right);

        // One walk over the compilation builds the map and, in a project that references PiiGuard.EntityFrameworkCore,
        // the personal data model of each DbContext: both compared by value, so that an edit that changes neither
        // regenerates nothing.
        IncrementalValueProvider<PersonalDataBuild> build = used
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => Build(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(MapStep);

        IncrementalValueProvider<DataMap?> map = build
            .Select(static (build, _) => build.Map)
            .WithTrackingName(MapOutputStep);

        context.RegisterSourceOutput(map, static (context, map) =>
        {
            if (map is not null)
            {
                context.AddSource(HintName, SourceText.From(Emit(map), Encoding.UTF8));
            }
        });

        IncrementalValuesProvider<ContextModel> models = build
            .SelectMany(static (build, _) => build.Contexts)
            .WithTrackingName(ModelsStep);

        context.RegisterSourceOutput(models, static (context, model) =>
        {
            string source;
            try
            {
                source = PersonalDataModelEmitter.Emit(model);
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // The model comes from the map's own build; should the emitter still fail on it, the context is left
                // without a model (PersonalDataModel.For then says so at run time) rather than the generator failing,
                // which would leave the data map and every other context without theirs.
                return;
            }

            context.AddSource(PersonalDataModelEmitter.HintName(model), SourceText.From(source, Encoding.UTF8));
        });
    }

    /// <summary>The map and the models of a compilation, when the project uses the application-data attributes.</summary>
    private static PersonalDataBuild Build(bool used, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (!used || compilation.GetTypeByMetadataName(MetadataNames.PersonalDataMapAttributeMetadataName) is null ||
            ApplicationSymbols.TryCreate(compilation) is not { } symbols)
        {
            return new PersonalDataBuild(null, EquatableArray<ContextModel>.Empty);
        }

        DataMapScan scan = DataMapBuilder.Scan(compilation, symbols, cancellationToken);
        DataMap? map = DataMapBuilder.Build(scan, symbols, cancellationToken);
        return new PersonalDataBuild(map, map is null ? EquatableArray<ContextModel>.Empty : PersonalDataModels.Build(compilation, symbols, scan, map, cancellationToken));
    }

    /// <summary>The generated file of a map.</summary>
    internal static string Emit(DataMap map)
    {
        var code = new SourceWriter();
        code.WriteLine("// <auto-generated/>");
        code.WriteLine("// PiiGuard: the data map (personal-data.json, personal-data.md and the data map lock), for PiiGuard's MSBuild step.");
        code.WriteLine();
        code.WriteLine("[assembly: global::" + MetadataNames.PersonalDataMapAttributeMetadataName.Substring(0, MetadataNames.PersonalDataMapAttributeMetadataName.Length - "Attribute".Length) + "(");
        code.Indent++;
        code.WriteLine(TelemetryPayloadGenerator.Emitter.Literal(DataMapDocs.Json(map)) + ",");
        code.WriteLine(TelemetryPayloadGenerator.Emitter.Literal(DataMapDocs.Markdown(map)) + ",");
        code.WriteLine(TelemetryPayloadGenerator.Emitter.Literal(DataMapLock.Format(map)) + ")]");
        code.Indent--;
        return code.ToString();
    }

    private static IncrementalValueProvider<bool> Uses(IncrementalGeneratorInitializationContext context, string attribute) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attribute, static (_, _) => true, static (_, _) => true)
            .Collect()
            .Select(static (found, _) => found.Length > 0);
}
