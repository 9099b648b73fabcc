using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// Two packages along the data flow: <c>PiiGuard</c> (attributes, serializer, analyzers, generator, MSBuild step) with
/// no package dependencies, and <c>PiiGuard.Telemetry</c> (the statistics runtime) with PiiGuard, SQLite and the
/// Microsoft.Extensions abstractions. A guard-only app ships no SQLite; an app that takes PiiGuard.Telemetry, directly
/// or through a class library, still gets PiiGuard's analyzers and generator.
/// </summary>
public sealed partial class PackageTests
{
    /// <summary>The consumers of these tests, restored with the others.</summary>
    private static readonly string[] TwoPackageConsumers = ["GuardOnly", "TelemetryLeaky", "StatsLib", "StatsApp"];

    /// <summary>What a guard-only app may add to its output: PiiGuard's own assembly is a small part of it.</summary>
    private const long GuardOnlyOutputLimit = 1024 * 1024;

    private const string GuardOnlyProgram = """
        using System;
        using System.Text;
        using PiiGuard;
        using Consumer;

        var stats = new PrintStats
        {
            InstallationId = Guid.Parse("550e8400-e29b-41d4-a716-446655440000"),
            PeriodStart = new DateTimeOffset(2024, 11, 18, 0, 0, 0, TimeSpan.Zero),
            Platform = Platform.MacOs,
            JobCount = 23,
            TimelapseEnabled = true,
        };
        string json = TelemetrySerializer.SerializeToString(stats);
        Console.WriteLine("json " + json);
        Console.WriteLine("read " + TelemetrySerializer.Deserialize<PrintStats>(Encoding.UTF8.GetBytes(json)).JobCount);
        """;

    private const string GuardOnlyJson =
        "{\"installation_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"period_start\":\"2024-11-18T00:00:00Z\",\"platform\":\"mac_os\",\"job_count\":23,\"timelapse_enabled\":true}";

    private const string StatsLibrary = """
        using System;
        using PiiGuard;

        namespace StatsLib;

        /// <summary>The app's statistics as its shared library opens them.</summary>
        public static class AppStatistics
        {
            public static UsageStatistics Open<TPayload>(string folder, Func<StatisticsWeek, TPayload> buildPayload) =>
                UsageStatistics.Open(new PiiGuardTelemetryOptions { DataDirectory = folder, TimeZoneId = "Europe/Paris" }, buildPayload);
        }
        """;

    private const string StatsAppPayload = """
        using System;
        using PiiGuard;
        using static PiiGuard.Period;

        namespace StatsApp;

        public enum Counter { Jobs }

        [TelemetryPayload(Name = "app_stats", SchemaVersion = "1.0")]
        public sealed class AppStats
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }

            [TelemetryField, Aggregated(Week)] public DateTimeOffset WeekStart { get; init; }

            [TelemetryField] public long JobCount { get; init; }
        }
        """;

    private const string StatsAppProgram = """
        using System;
        using PiiGuard;
        using StatsApp;

        var stats = new AppStats { InstallationId = Guid.Parse("550e8400-e29b-41d4-a716-446655440000"), WeekStart = new DateTimeOffset(2024, 11, 18, 0, 0, 0, TimeSpan.Zero), JobCount = 7 };
        Console.WriteLine("json " + TelemetrySerializer.SerializeToString(stats));

        using UsageStatistics statistics = StatsLib.AppStatistics.Open(
            args[0],
            week => new AppStats { InstallationId = week.InstallationId, WeekStart = week.Start, JobCount = week.Count(Counter.Jobs) });
        statistics.OptIn();
        statistics.Add(Counter.Jobs, 5);
        Console.WriteLine("preview " + statistics.PreviewNextSubmission()!.BodyText);
        """;

    [Fact]
    public void PiiGuard_has_no_package_dependencies_and_PiiGuard_Telemetry_depends_on_it_SQLite_and_the_abstractions()
    {
        _package.AssertPacked();

        (string[] guardEntries, XElement[] guardDependencies, _) = ReadPackage(_package.PackagePath, "PiiGuard.nuspec");
        Assert.True(guardDependencies.Length == 0, "The package PiiGuard must have no dependencies; its nuspec lists: " + string.Join(", ", guardDependencies.Select(d => d.ToString())));
        string[] guardLib = guardEntries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["lib/net8.0/PiiGuard.dll", "lib/net8.0/PiiGuard.xml"], guardLib);

        (XElement[] dependencies, _) = ReadLibraryOnPiiGuard(_package.TelemetryPackagePath, "PiiGuard.Telemetry");
        Assert.Equal(
            [
                "Microsoft.Data.Sqlite",
                "Microsoft.Extensions.Configuration.Abstractions",
                "Microsoft.Extensions.DependencyInjection.Abstractions",
                "Microsoft.Extensions.Hosting.Abstractions",
                "Microsoft.Extensions.Logging.Abstractions",
                "Microsoft.Extensions.Options",
                "PiiGuard",
                "SQLitePCLRaw.bundle_e_sqlite3",
            ],
            dependencies.Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal));

        // PiiGuard of this very version, with every asset: the app gets its analyzers, generator and MSBuild step.
        XElement piiGuard = dependencies.Single(d => (string?)d.Attribute("id") == "PiiGuard");
        Assert.Equal(_package.Version, (string?)piiGuard.Attribute("version"));
        Assert.True(
            string.IsNullOrEmpty((string?)piiGuard.Attribute("exclude")) && (string?)piiGuard.Attribute("include") is null or "All",
            "The dependency on PiiGuard must bring all of its assets: " + piiGuard);
    }

    [Fact]
    public void PiiGuard_Collector_depends_on_PiiGuard_SQLite_Npgsql_and_the_ASP_NET_Core_framework()
    {
        _package.AssertPacked();

        (XElement[] dependencies, XDocument nuspec) = ReadLibraryOnPiiGuard(_package.CollectorPackagePath, "PiiGuard.Collector");
        Assert.Equal(
            ["Microsoft.Data.Sqlite", "Npgsql", "PiiGuard", "SQLitePCLRaw.bundle_e_sqlite3"],
            dependencies.Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal));
        Assert.Equal(_package.Version, (string?)dependencies.Single(d => (string?)d.Attribute("id") == "PiiGuard").Attribute("version"));

        // ASP.NET Core comes as the framework the app runs on, not as packages.
        Assert.Equal(
            ["Microsoft.AspNetCore.App"],
            nuspec.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => (string?)e.Attribute("name")));
    }

    [Fact]
    public void A_guard_only_app_serializes_its_payload_and_ships_PiiGuard_alone_without_SQLite()
    {
        string publish = _package.WorkPath("guard-only-publish");
        DotnetResult published = _package.RunOnConsumer("publish", "GuardOnly", "-o", publish);
        Assert.True(published.Succeeded, "The guard-only app must publish (framework-dependent). " + published.Describe());

        DotnetResult run = Dotnet.Run(publish, Path.Combine(publish, "GuardOnly.dll"));
        Assert.True(run.Succeeded, "The guard-only app must run. " + run.Describe());
        Assert.Contains("json " + GuardOnlyJson + Environment.NewLine, run.Output, StringComparison.Ordinal);
        Assert.Contains("read 23", run.Output, StringComparison.Ordinal);

        // Its package graph holds PiiGuard and nothing else.
        using (JsonDocument assets = JsonDocument.Parse(File.ReadAllText(_package.ConsumerFile("GuardOnly", Path.Combine("obj", "project.assets.json")))))
        {
            Assert.Equal([$"PiiGuard/{_package.Version}"], assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name));
        }

        // No SQLite in the build output nor in the published app: no managed wrapper, no native library.
        string buildOutput = _package.ConsumerFile("GuardOnly", Path.Combine("bin", "Release", "net10.0"));
        foreach (string folder in new[] { buildOutput, publish })
        {
            string[] files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            string listing = string.Join(Environment.NewLine, files.Select(f => Path.GetRelativePath(folder, f)));
            Assert.True(files.Length > 0 && files.Any(f => Path.GetFileName(f) == "PiiGuard.dll"), $"{folder} holds no PiiGuard.dll:{Environment.NewLine}{listing}");
            Assert.False(Directory.Exists(Path.Combine(folder, "runtimes")), $"{folder} has a runtimes folder (native libraries):{Environment.NewLine}{listing}");
            Assert.DoesNotContain(files, f => Path.GetFileName(f).Contains("sqlite", StringComparison.OrdinalIgnoreCase));
        }

        long size = Directory.GetFiles(publish, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        _output.WriteLine($"Guard-only app, published framework-dependent: {size:N0} bytes in {publish}.");
        Assert.True(size < GuardOnlyOutputLimit, $"The guard-only app's output is {size:N0} bytes, over {GuardOnlyOutputLimit:N0}:{Environment.NewLine}{FolderListing(publish)}");
    }

    [Fact]
    public void An_app_that_references_PiiGuard_Telemetry_alone_is_checked_by_PiiGuards_analyzers()
    {
        DotnetResult build = _package.BuildConsumer("TelemetryLeaky");

        Assert.False(build.Succeeded, "A payload with a string FilePath must fail the build of an app that takes PiiGuard.Telemetry. " + build.Describe());
        BuildDiagnostic pii001 = Assert.Single(BuildDiagnostic.Parse(build.Output), d => d.Id == "PII001");
        Assert.Equal(
            ("error", _package.ConsumerFile("TelemetryLeaky", "Payload.cs"), LocationOf(LeakyPayload, "FilePath").Line),
            (pii001.Severity, pii001.File, pii001.Line));
    }

    [Fact]
    public void A_payload_in_an_app_that_gets_PiiGuard_Telemetry_through_a_class_library_builds_and_serializes()
    {
        // StatsApp -> (project reference) StatsLib -> (package reference) PiiGuard.Telemetry -> (package dependency) PiiGuard.
        DotnetResult build = _package.BuildConsumer("StatsApp");
        Assert.True(build.Succeeded, "The app must build with PiiGuard through its class library. " + build.Describe());
        Assert.True(BuildDiagnostic.Parse(build.Output).Count == 0, "The app must build without diagnostics. " + build.Describe());

        string app = _package.ConsumerFile("StatsApp", Path.Combine("bin", "Debug", "net10.0"));
        Assert.True(File.Exists(Path.Combine(app, "piiguard", "app_stats.schema.json")), "PiiGuard's MSBuild step did not write the app's schema docs. " + build.Describe());

        DotnetResult run = Dotnet.Run(app, Path.Combine(app, "StatsApp.dll"), _package.WorkPath("stats-app-data"));
        Assert.True(run.Succeeded, "The app must run. " + run.Describe());
        Assert.Contains(
            "json {\"installation_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"week_start\":\"2024-11-18T00:00:00Z\",\"job_count\":7}" + Environment.NewLine,
            run.Output,
            StringComparison.Ordinal);
        Assert.Contains("preview {\"schema_version\":\"1.0\",\"submission_timestamp\":\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"job_count\":5}", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A package's file names (sorted), the dependencies its nuspec lists (in every group) and the nuspec.</summary>
    private static (string[] Entries, XElement[] Dependencies, XDocument Nuspec) ReadPackage(string path, string nuspec)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        string[] entries = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
        ZipArchiveEntry? manifest = zip.GetEntry(nuspec);
        Assert.True(manifest != null, $"{path} holds no {nuspec}. It holds:{Environment.NewLine}{string.Join(Environment.NewLine, entries)}");
        using Stream stream = manifest.Open();
        XDocument document = XDocument.Load(stream);
        XElement[] dependencies = document.Descendants().Where(e => e.Name.LocalName == "dependency").ToArray();
        return (entries, dependencies, document);
    }

    /// <summary>
    /// A package that depends on PiiGuard (<paramref name="id"/>): its one assembly and XML docs in lib/net8.0, its
    /// PACKAGE.md, and none of PiiGuard's analyzers, generator, MSBuild files or task, which come with the dependency
    /// on PiiGuard, never twice.
    /// </summary>
    private static (XElement[] Dependencies, XDocument Nuspec) ReadLibraryOnPiiGuard(string path, string id)
    {
        (string[] entries, XElement[] dependencies, XDocument nuspec) = ReadPackage(path, id + ".nuspec");
        Assert.Equal([$"lib/net8.0/{id}.dll", $"lib/net8.0/{id}.xml"], entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)));
        Assert.Contains("PACKAGE.md", entries);
        Assert.True(
            !entries.Any(e => e.StartsWith("analyzers/", StringComparison.Ordinal) || e.StartsWith("build", StringComparison.Ordinal) || e.StartsWith("tasks/", StringComparison.Ordinal)),
            $"{id} must not carry PiiGuard's Roslyn components or MSBuild files. It holds:" + Environment.NewLine + string.Join(Environment.NewLine, entries));
        return (dependencies, nuspec);
    }

    private static string FolderListing(string folder) =>
        string.Join(Environment.NewLine, Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => $"{new FileInfo(f).Length,12:N0}  {Path.GetRelativePath(folder, f)}"));

    public sealed partial class PackedPiiGuard
    {
        private void WriteTwoPackageConsumers()
        {
            // A console app that only declares and serializes a payload: PiiGuard alone.
            WriteConsumer("GuardOnly", CleanPayload, strict: false, executable: true);
            _work.Write("consumers/GuardOnly/Program.cs", GuardOnlyProgram);

            // PiiGuard.Telemetry alone, with a payload that leaks: PiiGuard's analyzers must come with it.
            WriteConsumer("TelemetryLeaky", LeakyPayload, strict: false, package: "PiiGuard.Telemetry");

            // An app whose class library takes PiiGuard.Telemetry; the payload is the app's.
            _work.Write("consumers/StatsLib/StatsLib.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="PiiGuard.Telemetry" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            _work.Write("consumers/StatsLib/AppStatistics.cs", StatsLibrary);
            _work.Write("consumers/StatsApp/StatsApp.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <OutputType>Exe</OutputType>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="../StatsLib/StatsLib.csproj" />
                  </ItemGroup>
                </Project>
                """);
            _work.Write("consumers/StatsApp/Payload.cs", StatsAppPayload);
            _work.Write("consumers/StatsApp/Program.cs", StatsAppProgram);
        }
    }
}
