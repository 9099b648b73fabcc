using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace PiiGuard.Generators.Tests;

/// <summary>
/// What the generator tells a collector about a payload's <c>[InstallationId]</c>: its JSON path and a reader of it,
/// for a non-nullable <c>Guid</c> at the root or in non-nullable objects; nothing for a payload without one, or with
/// one only in a collection or behind a nullable object. Checked on the compiled code, through the runtime's API.
/// </summary>
public class InstallationIdTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using PiiGuard;

        namespace Ids;

        """;

    [Fact]
    public void A_nested_installation_id_gets_its_path_and_a_reader()
    {
        Assembly assembly = Load("""
            public sealed class Installation
            {
                [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
                [TelemetryField] public int Count { get; init; }
            }

            public struct Wrapper
            {
                [TelemetryField] public Installation Installation { get; init; }
            }

            [TelemetryPayload(SchemaVersion = "1.0")]
            public sealed class Report
            {
                [TelemetryField] public int Jobs { get; init; }
                [TelemetryField("outer")] public Wrapper Wrapper { get; init; }
            }
            """);
        Type report = assembly.GetType("Ids.Report")!;

        Assert.Equal("$.outer.installation.installation_id", InstallationIdPath(report));
        Guid id = Guid.NewGuid();
        object installation = Create(assembly.GetType("Ids.Installation")!, ("InstallationId", id));
        object wrapper = Create(assembly.GetType("Ids.Wrapper")!, ("Installation", installation));
        Assert.Equal((true, id), TryGetInstallationId(report, Create(report, ("Wrapper", wrapper))));

        // A payload built by hand with a null object on the way: false, not a NullReferenceException.
        Assert.Equal((false, Guid.Empty), TryGetInstallationId(report, Create(report)));
    }

    [Fact]
    public void An_installation_id_at_the_root_gets_its_path_and_a_reader()
    {
        Assembly assembly = Load("""
            [TelemetryPayload(SchemaVersion = "1.0")]
            public sealed class Report
            {
                [TelemetryField, InstallationId] public Guid Id { get; init; }
            }
            """);
        Type report = assembly.GetType("Ids.Report")!;
        Guid id = Guid.NewGuid();

        Assert.Equal("$.id", InstallationIdPath(report));
        Assert.Equal((true, id), TryGetInstallationId(report, Create(report, ("Id", id))));
    }

    [Theory]
    [InlineData("without one", """
        [TelemetryPayload(SchemaVersion = "1.0")]
        public sealed class Report
        {
            [TelemetryField] public int Jobs { get; init; }
        }
        """)]
    [InlineData("with one only in a list", """
        public sealed class Installation
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
        }

        [TelemetryPayload(SchemaVersion = "1.0")]
        public sealed class Report
        {
            [TelemetryField] public List<Installation> Installations { get; init; } = new();
        }
        """)]
    [InlineData("with one behind a nullable object", """
        public sealed class Installation
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }
        }

        [TelemetryPayload(SchemaVersion = "1.0")]
        public sealed class Report
        {
            [TelemetryField] public Installation? Installation { get; init; }
        }
        """)]
    public void A_payload_without_a_reachable_installation_id_gets_no_path_and_no_reader(string what, string source)
    {
        Assembly assembly = Load(source);
        Type report = assembly.GetType("Ids.Report")!;

        Assert.True(InstallationIdPath(report) is null, what);
        Assert.Equal((false, Guid.Empty), TryGetInstallationId(report, Create(report)));
        Assert.DoesNotContain("InstallationIdPath", GeneratorHarness.Run(Header + source).Result.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(".PiiGuard.g.cs", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    // Compiles the source with the generator's output, loads it, and runs its module initializer (which registers the
    // serializers with the runtime this test references).
    private static Assembly Load(string source)
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Run(Header + source);
        Assert.Empty(result.Diagnostics);
        using var pe = new MemoryStream();
        EmitResult emitted = output.WithAssemblyName("Ids" + Guid.NewGuid().ToString("N")).Emit(pe);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Assembly assembly = Assembly.Load(pe.ToArray());
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return assembly;
    }

    private static string? InstallationIdPath(Type payload) =>
        (string?)typeof(TelemetryEnvelope).GetMethod(nameof(TelemetryEnvelope.InstallationIdPath))!.MakeGenericMethod(payload).Invoke(null, null);

    private static (bool Found, Guid Id) TryGetInstallationId(Type payload, object value)
    {
        object?[] arguments = [value, null];
        bool found = (bool)typeof(TelemetryEnvelope).GetMethod(nameof(TelemetryEnvelope.TryGetInstallationId))!.MakeGenericMethod(payload).Invoke(null, arguments)!;
        return (found, (Guid)arguments[1]!);
    }

    // An instance with the given init-only properties set (through their setters, as an object initializer would).
    private static object Create(Type type, params (string Property, object Value)[] values)
    {
        object instance = RuntimeHelpers.GetUninitializedObject(type);
        foreach ((string property, object value) in values)
        {
            type.GetProperty(property)!.SetValue(instance, value);
        }

        return instance;
    }
}
