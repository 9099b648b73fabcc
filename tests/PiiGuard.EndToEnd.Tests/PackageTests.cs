using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using PiiGuard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// The PiiGuard and PiiGuard.Telemetry packages as a user gets them: packed from src/Runtime and src/Telemetry into a
/// local feed, restored by consumer projects with a single PackageReference, whose build the analyzers then fail or pass.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class PackageTests : IClassFixture<PackageTests.PackedPiiGuard>
{
    private const string LeakyPayload = """
        using PiiGuard;

        namespace Consumer;

        [TelemetryPayload]
        public sealed class PrintStats
        {
            [TelemetryField] public int JobCount { get; init; }

            [TelemetryField] public string FilePath { get; init; } = "";

            [TelemetryField] public string Firmware { get; init; } = "";
        }
        """;

    private const string CleanPayload = """
        using System;
        using PiiGuard;
        using static PiiGuard.Period;

        namespace Consumer;

        public enum Platform { Linux, Windows, MacOs }

        [TelemetryPayload]
        public sealed class PrintStats
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }

            [TelemetryField, Aggregated(Week)] public DateTimeOffset PeriodStart { get; init; }

            [TelemetryField] public Platform Platform { get; init; }

            [TelemetryField] public int JobCount { get; init; }

            [TelemetryField] public bool TimelapseEnabled { get; init; }
        }
        """;

    private const string FreeTextPayload = """
        using PiiGuard;

        namespace Consumer;

        [TelemetryPayload]
        public sealed class PrintStats
        {
            [TelemetryField] public int JobCount { get; init; }

            [TelemetryField] public string Firmware { get; init; } = "";
        }
        """;

    private readonly PackedPiiGuard _package;
    private readonly ITestOutputHelper _output;

    public PackageTests(PackedPiiGuard package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void Package_holds_the_attributes_the_roslyn_components_the_msbuild_files_and_the_task()
    {
        _package.AssertPacked();
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        string[] entries = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
        string listing = string.Join(Environment.NewLine, entries);

        string[] expected =
        [
            "lib/net8.0/PiiGuard.dll",
            "analyzers/dotnet/cs/PiiGuard.Analyzers.dll",
            "analyzers/dotnet/cs/PiiGuard.CodeFixes.dll",
            "analyzers/dotnet/cs/PiiGuard.Generators.dll",
            "build/PiiGuard.props",
            "buildTransitive/PiiGuard.props",
            "build/PiiGuard.targets",
            "buildTransitive/PiiGuard.targets",
            "tasks/netstandard2.0/PiiGuard.Build.dll",
        ];
        foreach (string path in expected)
        {
            Assert.True(entries.Contains(path), $"The package lacks {path}. It holds:{Environment.NewLine}{listing}");
        }

        // The Roslyn components are loaded by the compiler, never referenced by the consumer's code.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers", StringComparison.Ordinal));

        // MSBuild loads the task with its own MSBuild and metadata assemblies: the task folder holds the task alone,
        // and no consumer references it.
        Assert.Equal(["tasks/netstandard2.0/PiiGuard.Build.dll"], entries.Where(e => e.StartsWith("tasks/", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("PiiGuard.Build", StringComparison.Ordinal));
    }

    [Fact]
    public void Consumer_build_fails_with_PII001_at_the_member_that_leaks()
    {
        DotnetResult build = _package.BuildConsumer("Leaky");

        Assert.False(build.Succeeded, "A payload with a string FilePath must fail the build. " + build.Describe());
        string payload = _package.ConsumerFile("Leaky", "Payload.cs");
        (int line, int column) = LocationOf(LeakyPayload, "FilePath");
        var diagnostics = BuildDiagnostic.Parse(build.Output);

        BuildDiagnostic pii001 = Assert.Single(diagnostics, d => d.Id == "PII001");
        Assert.Equal(("error", payload, line, column), (pii001.Severity, pii001.File, pii001.Line, pii001.Column));
        Assert.Contains("'FilePath'", pii001.Message, StringComparison.Ordinal);

        // Without strict mode, free text is only a warning; and nothing else went wrong.
        BuildDiagnostic pii006 = Assert.Single(diagnostics, d => d.Id == "PII006");
        Assert.Equal(("warning", LocationOf(LeakyPayload, "Firmware").Line), (pii006.Severity, pii006.Line));
        Assert.All(diagnostics, d => Assert.True(d.IsPiiGuard, $"Unexpected diagnostic {d}. {build.Describe()}"));

        _package.AssertRestoredOutsideTheGlobalPackagesFolder();
    }

    [Fact]
    public void Consumer_with_a_clean_payload_builds_without_diagnostics()
    {
        DotnetResult build = _package.BuildConsumer("Clean");

        Assert.True(build.Succeeded, "A clean payload must build. " + build.Describe());
        Assert.True(BuildDiagnostic.Parse(build.Output).Count == 0, "A clean payload must build without diagnostics. " + build.Describe());
        Assert.DoesNotContain("PII0", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PiiGuardStrict_property_turns_free_text_into_an_error()
    {
        DotnetResult build = _package.BuildConsumer("Strict");

        Assert.False(build.Succeeded, "In strict mode a string member must fail the build. " + build.Describe());
        BuildDiagnostic pii006 = Assert.Single(BuildDiagnostic.Parse(build.Output), d => d.Id == "PII006");
        Assert.Equal(
            ("error", _package.ConsumerFile("Strict", "Payload.cs"), LocationOf(FreeTextPayload, "Firmware").Line),
            (pii006.Severity, pii006.File, pii006.Line));
    }

    [Fact]
    public void Projects_that_get_PiiGuard_through_a_project_reference_are_checked_too()
    {
        // Transitive -> (project reference) Clean -> (package reference) PiiGuard.
        DotnetResult build = _package.BuildConsumer("Transitive");

        Assert.False(build.Succeeded, "A leaky payload in a project that gets PiiGuard transitively must fail the build. " + build.Describe());
        BuildDiagnostic pii001 = Assert.Single(BuildDiagnostic.Parse(build.Output), d => d.Id == "PII001");
        Assert.Equal(
            (_package.ConsumerFile("Transitive", "Payload.cs"), LocationOf(LeakyPayload, "FilePath").Line),
            (pii001.File, pii001.Line));
    }

    [Fact]
    public void Projects_that_get_PiiGuard_through_another_package_are_checked_too()
    {
        // Downstream -> (package reference) PiiGuardE2E.Clean -> (package dependency) PiiGuard.
        DotnetResult build = _package.BuildDownstreamOfAPackage();

        Assert.False(build.Succeeded, "A leaky payload in a project that gets PiiGuard through another package must fail the build. " + build.Describe());
        BuildDiagnostic pii001 = Assert.Single(BuildDiagnostic.Parse(build.Output), d => d.Id == "PII001");
        Assert.Equal(LocationOf(LeakyPayload, "FilePath").Line, pii001.Line);
    }

    /// <summary>The 1-based line and column of a property's name in a payload source.</summary>
    private static (int Line, int Column) LocationOf(string source, string member)
    {
        string[] lines = source.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int at = lines[i].IndexOf($" {member} {{", StringComparison.Ordinal);
            if (at >= 0)
            {
                return (i + 1, at + 2);
            }
        }

        throw new ArgumentException($"No property {member} in the source.", nameof(member));
    }

    /// <summary>
    /// Packs PiiGuard, PiiGuard.Telemetry and PiiGuard.Collector once for this class, with a version no cache has seen, into a temporary
    /// feed; and sets up consumer projects that restore them from that feed into their own packages folder.
    /// </summary>
    public sealed partial class PackedPiiGuard : IDisposable
    {
        private readonly TempDirectory _work = new("piiguard-e2e-package");
        private readonly Lazy<DotnetResult> _restore;
        private readonly Lazy<DotnetResult> _downstreamRestore;

        public PackedPiiGuard()
        {
            Version = $"0.1.0-e2e.{Random.Shared.Next(1, int.MaxValue)}";
            Pack = Dotnet.Run(Repository.Root,
                "pack", Repository.PathOf("src/Runtime/PiiGuard.Runtime.csproj"),
                "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false", "-tl:off");
            // The statistics runtime, which depends on the package PiiGuard of the same version (its project reference).
            TelemetryPack = Dotnet.Run(Repository.Root,
                "pack", Repository.PathOf("src/Telemetry/PiiGuard.Telemetry.csproj"),
                "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false", "-tl:off");
            // The collector library, which depends on the package PiiGuard of the same version too.
            CollectorPack = Dotnet.Run(Repository.Root,
                "pack", Repository.PathOf("src/Collector/PiiGuard.Collector.csproj"),
                "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false", "-tl:off");
            _restore = new Lazy<DotnetResult>(WriteAndRestoreConsumers);
            _downstreamRestore = new Lazy<DotnetResult>(PackCleanAndRestoreDownstream);
        }

        public string Version { get; }

        public DotnetResult Pack { get; }

        public DotnetResult TelemetryPack { get; }

        public DotnetResult CollectorPack { get; }

        public string Feed => _work.Combine("feed");

        public string PackagePath => Path.Combine(Feed, $"PiiGuard.{Version}.nupkg");

        public string TelemetryPackagePath => Path.Combine(Feed, $"PiiGuard.Telemetry.{Version}.nupkg");

        public string CollectorPackagePath => Path.Combine(Feed, $"PiiGuard.Collector.{Version}.nupkg");

        private string ConsumersRoot => _work.Combine("consumers");

        private string PackagesFolder => _work.Combine("packages");

        public string ConsumerFile(string consumer, string file) => Path.Combine(ConsumersRoot, consumer, file);

        /// <summary>A path in this fixture's temporary folder, outside every consumer project.</summary>
        public string WorkPath(string relativePath) => _work.Combine(relativePath);

        /// <summary>Writes a file of a consumer project (its payload, its lock) and returns its full path.</summary>
        public string WriteConsumerFile(string consumer, string file, string contents) => _work.Write($"consumers/{consumer}/{file}", contents);

        public void AssertPacked()
        {
            Assert.True(Pack.Succeeded, "dotnet pack of src/Runtime failed. " + Pack.Describe());
            Assert.True(File.Exists(PackagePath), $"dotnet pack did not create {PackagePath}. " + Pack.Describe());
            Assert.True(TelemetryPack.Succeeded, "dotnet pack of src/Telemetry failed. " + TelemetryPack.Describe());
            Assert.True(File.Exists(TelemetryPackagePath), $"dotnet pack did not create {TelemetryPackagePath}. " + TelemetryPack.Describe());
            Assert.True(CollectorPack.Succeeded, "dotnet pack of src/Collector failed. " + CollectorPack.Describe());
            Assert.True(File.Exists(CollectorPackagePath), $"dotnet pack did not create {CollectorPackagePath}. " + CollectorPack.Describe());
        }

        /// <summary>
        /// Restores the consumers (once, all together) and runs one more <c>dotnet</c> command on a consumer, such as
        /// <c>publish</c>, with <c>--no-restore</c> added.
        /// </summary>
        public DotnetResult RunOnConsumer(string command, string consumer, params string[] arguments)
        {
            AssertPacked();
            DotnetResult restore = _restore.Value;
            Assert.True(restore.Succeeded, "The consumers did not restore PiiGuard from the local feed. " + restore.Describe());
            return Dotnet.Run(ConsumersRoot,
                [command, Path.Combine(ConsumersRoot, consumer, consumer + ".csproj"), "--no-restore", "-nodeReuse:false", "-tl:off", .. arguments]);
        }

        /// <summary>
        /// Builds one consumer project (restored once, with the others) as a user's CI would, with extra
        /// command-line arguments such as <c>-p:Name=value</c>.
        /// </summary>
        public DotnetResult BuildConsumer(string consumer, params string[] arguments) => RunOnConsumer("build", consumer, arguments);

        /// <summary>
        /// Packs the Clean consumer as the package PiiGuardE2E.Clean (which depends on PiiGuard), then restores and
        /// builds the Downstream project that references only that package.
        /// </summary>
        public DotnetResult BuildDownstreamOfAPackage()
        {
            AssertPacked();
            DotnetResult restore = _restore.Value;
            Assert.True(restore.Succeeded, "The consumers did not restore PiiGuard from the local feed. " + restore.Describe());
            DotnetResult downstreamRestore = _downstreamRestore.Value;
            Assert.True(downstreamRestore.Succeeded, "Packing Clean or restoring Downstream failed. " + downstreamRestore.Describe());
            return Dotnet.Run(ConsumersRoot,
                "build", Path.Combine(ConsumersRoot, "Downstream", "Downstream.csproj"), "--no-restore", "-nodeReuse:false", "-tl:off");
        }

        private DotnetResult PackCleanAndRestoreDownstream()
        {
            DotnetResult pack = Dotnet.Run(ConsumersRoot,
                "pack", Path.Combine(ConsumersRoot, "Clean", "Clean.csproj"), "--no-restore", "-o", Feed,
                "-p:PackageId=PiiGuardE2E.Clean", "-p:PackageVersion=1.0.0", "-nodeReuse:false", "-tl:off");
            if (!pack.Succeeded)
            {
                return pack;
            }

            _work.Write("consumers/Downstream/Downstream.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="PiiGuardE2E.Clean" Version="1.0.0" />
                  </ItemGroup>
                </Project>
                """);
            _work.Write("consumers/Downstream/Payload.cs", LeakyPayload.Replace("namespace Consumer;", "namespace Downstream;", StringComparison.Ordinal));
            return Dotnet.Run(ConsumersRoot,
                "restore", Path.Combine(ConsumersRoot, "Downstream", "Downstream.csproj"), "--packages", PackagesFolder, "-nodeReuse:false", "-tl:off");
        }

        public void AssertRestoredOutsideTheGlobalPackagesFolder()
        {
            string global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (string package in new[] { "piiguard", "piiguard.telemetry" })
            {
                Assert.True(Directory.Exists(Path.Combine(PackagesFolder, package, Version)), $"{package} was not restored into the test's packages folder.");
                Assert.False(Directory.Exists(Path.Combine(global, package, Version)), $"The test's {package} {Version} leaked into the global packages folder {global}.");
            }
        }

        public void Dispose() => _work.Dispose();

        private DotnetResult WriteAndRestoreConsumers()
        {
            // Stop MSBuild's and NuGet's walk up the folders: nothing of the machine's temp folder may apply.
            _work.Write("consumers/Directory.Build.props", "<Project />\n");
            _work.Write("consumers/Directory.Build.targets", "<Project />\n");
            _work.Write("consumers/Directory.Packages.props", "<Project />\n");

            // The local feed, and nuget.org as this machine configures it (`dotnet nuget list source`). Source
            // mapping takes PiiGuard from the local feed only, so no registry is ever asked for the test version.
            _work.Write("consumers/nuget.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="piiguard-e2e" value="{Feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="piiguard-e2e">
                      <package pattern="PiiGuard" />
                      <package pattern="PiiGuard.Telemetry" />
                      <package pattern="PiiGuardE2E.*" />
                    </packageSource>
                    <packageSource key="nuget.org">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """);

            WriteConsumer("Leaky", LeakyPayload, strict: false);
            WriteConsumer("Clean", CleanPayload, strict: false);
            WriteConsumer("Strict", FreeTextPayload, strict: true);
            foreach (string consumer in SchemaConsumers)
            {
                WriteConsumer(consumer, VersionedPayload, strict: false);
            }

            WriteConsumer(DataMapConsumer, DataMapApp, strict: false);

            _work.Write("consumers/Transitive/Transitive.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="../Clean/Clean.csproj" />
                  </ItemGroup>
                </Project>
                """);
            _work.Write("consumers/Transitive/Payload.cs", LeakyPayload.Replace("namespace Consumer;", "namespace Transitive;", StringComparison.Ordinal));
            WriteConsumer("Recorder", RecorderPayload, strict: false, executable: true, package: "PiiGuard.Telemetry");
            _work.Write("consumers/Recorder/Program.cs", RecorderProgram);
            WriteTwoPackageConsumers();
            _work.Write("consumers/consumers.slnx", $$"""
                <Solution>
                  <Project Path="Recorder/Recorder.csproj" />
                {{string.Join("\n", TwoPackageConsumers.Select(c => $"  <Project Path=\"{c}/{c}.csproj\" />"))}}
                  <Project Path="Leaky/Leaky.csproj" />
                  <Project Path="Clean/Clean.csproj" />
                  <Project Path="Strict/Strict.csproj" />
                  <Project Path="Transitive/Transitive.csproj" />
                {{string.Join("\n", SchemaConsumers.Select(c => $"  <Project Path=\"{c}/{c}.csproj\" />"))}}
                  <Project Path="{{DataMapConsumer}}/{{DataMapConsumer}}.csproj" />
                </Solution>
                """);

            return Dotnet.Run(ConsumersRoot,
                "restore", Path.Combine(ConsumersRoot, "consumers.slnx"), "--packages", PackagesFolder, "-nodeReuse:false", "-tl:off");
        }

        private void WriteConsumer(string name, string payload, bool strict, bool executable = false, string package = "PiiGuard")
        {
            string properties = (strict ? "\n    <PiiGuardStrict>true</PiiGuardStrict>" : "") + (executable ? "\n    <OutputType>Exe</OutputType>" : "");
            _work.Write($"consumers/{name}/{name}.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>{properties}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{package}" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            _work.Write($"consumers/{name}/Payload.cs", payload);
        }
    }
}
