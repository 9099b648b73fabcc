using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore;
using PiiGuard.Tests.Shared;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// Compiles test sources the way an app that references PiiGuard.EntityFrameworkCore compiles: against .NET, the
/// PiiGuard runtime, PiiGuard.EntityFrameworkCore and the real EF Core (8.0.34, which these tests run on, with its
/// SQLite provider; or 10.0.15, compiled against only), runs the data map generator over them, and loads the result.
/// </summary>
internal static class EntityFrameworkHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Ef8 = new(() =>
        PlatformReferences.WithPiiGuard
            .AddRange(Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
                .Where(path => Path.GetFileName(path) is var name &&
                    (name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) ||
                     name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) ||
                     name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) ||
                     name == "PiiGuard.EntityFrameworkCore.dll"))
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))));

    private static readonly Lazy<ImmutableArray<MetadataReference>> Ef10 = new(() =>
    {
        // The packages are downloaded (PackageDownload), not referenced: their assemblies are read from NuGet's folder.
        string root = typeof(EntityFrameworkHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        string[] ef10 =
        [
            Path.Combine(root, "microsoft.entityframeworkcore", "10.0.15", "lib", "net10.0", "Microsoft.EntityFrameworkCore.dll"),
            Path.Combine(root, "microsoft.entityframeworkcore.abstractions", "10.0.15", "lib", "net10.0", "Microsoft.EntityFrameworkCore.Abstractions.dll"),
            Path.Combine(root, "microsoft.entityframeworkcore.relational", "10.0.15", "lib", "net10.0", "Microsoft.EntityFrameworkCore.Relational.dll"),
        ];
        return PlatformReferences.WithPiiGuard
            .AddRange(ef10.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
            .AddRange(Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
                .Where(path => Path.GetFileName(path) is var name &&
                    (name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name == "PiiGuard.EntityFrameworkCore.dll"))
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));
    });

    /// <summary>.NET, PiiGuard, PiiGuard.EntityFrameworkCore, EF Core 8 and its SQLite provider.</summary>
    public static ImmutableArray<MetadataReference> EntityFramework8 => Ef8.Value;

    /// <summary>.NET, PiiGuard, PiiGuard.EntityFrameworkCore and EF Core 10 (no provider).</summary>
    public static ImmutableArray<MetadataReference> EntityFramework10 => Ef10.Value;

    /// <summary>A compilation of <paramref name="sources"/> against <paramref name="references"/>.</summary>
    public static CSharpCompilation Compile(IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            "App" + Guid.NewGuid().ToString("N"),
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: $"/src/File{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // As the .NET SDK does: an assembly built against .NET 8 is unified with .NET 10's.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    /// <summary>A driver of the data map generator, which writes the personal data models.</summary>
    public static GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new PersonalDataMapGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator over a compilation; the output compilation and the models' files, by hint name.</summary>
    public static (Compilation Output, Dictionary<string, string> Models) Generate(CSharpCompilation compilation)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        Dictionary<string, string> models = run.GeneratedSources
            .Where(s => s.HintName.StartsWith("PiiGuard.PersonalDataModel.", StringComparison.Ordinal))
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return (output, models);
    }

    /// <summary>Every warning and error of the compilation, generated code included.</summary>
    public static Diagnostic[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();

    /// <summary>Emits the compilation and loads it into a collectible context; its module initializer has run.</summary>
    public static LoadedApp Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("PiiGuard.Generators.Tests.App", isCollectible: true);
        Assembly assembly = context.LoadFromStream(image);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return new LoadedApp(context, assembly);
    }
}

/// <summary>A compiled test app, loaded: its types, and a way to call its static methods.</summary>
internal sealed class LoadedApp(AssemblyLoadContext context, Assembly assembly) : IDisposable
{
    public Assembly Assembly { get; } = assembly;

    public Type Type(string name) => Assembly.GetType(name, throwOnError: true)!;

    /// <summary>Calls a public static method of the app.</summary>
    public object? Call(string type, string method, params object?[] arguments) =>
        Type(type).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);

    /// <summary>The registered model of a context type of the app.</summary>
    public PersonalDataModel Model(string contextType) => PersonalDataModel.For(Type(contextType));

    /// <summary>An entity of a context's model, by its name in the data map.</summary>
    public PersonalDataEntity Entity(string contextType, string entity) => Model(contextType).Entities.Single(e => e.Name == entity);

    public void Dispose() => context.Unload();
}
