using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

using PiiGuard.Tests.Shared;

namespace PiiGuard.Generators.Tests;

/// <summary>Compiles test sources against .NET and the PiiGuard runtime, and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);


    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/src/File{i}.cs")),
            PlatformReferences.WithPiiGuard,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver of the payload generator; <paramref name="settings"/> are the .editorconfig options it sees, if any.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false, AnalyzerConfigOptionsProvider? settings = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new TelemetryPayloadGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: settings,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the compilation with the generated code and the run's result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Run(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The files of the payloads' serializers (<c>….PiiGuard.g.cs</c>), one per payload.</summary>
    public static IEnumerable<GeneratedSourceResult> Payloads(this GeneratorRunResult run) =>
        run.GeneratedSources.Where(s => s.HintName.EndsWith(".PiiGuard.g.cs", StringComparison.Ordinal));

    /// <summary>The payloads whose named model is new or changed in this run, and so whose file is written again.</summary>
    public static string[] RegeneratedPayloads(this GeneratorRunResult run) =>
        run.TrackedSteps[TelemetryPayloadGenerator.TrackingNames.Named]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified)
            .Select(o => ((TelemetryPayloadGenerator.GeneratedPayload)o.Value).Model.TypeName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The hint names of the shared types whose file is written again in this run.</summary>
    public static string[] RegeneratedTypes(this GeneratorRunResult run) =>
        run.TrackedSteps[TelemetryPayloadGenerator.TrackingNames.NamedTypes]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified)
            .Select(o => ((TelemetryPayloadGenerator.GeneratedType)o.Value).HintName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The files of the shared types' writers and readers (<c>….PiiGuardType.g.cs</c>), one per type.</summary>
    public static IEnumerable<GeneratedSourceResult> Types(this GeneratorRunResult run) =>
        run.GeneratedSources.Where(s => s.HintName.EndsWith(".PiiGuardType.g.cs", StringComparison.Ordinal));
}
