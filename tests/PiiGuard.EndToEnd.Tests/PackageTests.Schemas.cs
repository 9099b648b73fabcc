using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// The package's MSBuild step in a consumer's build: a JSON Schema and a Markdown disclosure per payload in the
/// output folder, and the schema lock in the project folder, byte-identical across builds; and the lock's rules:
/// a payload that grows without a higher SchemaVersion fails the build (PII008) unless the lock is rewritten on
/// purpose, and a higher SchemaVersion moves the lock along.
/// </summary>
public sealed partial class PackageTests
{
    /// <summary>Consumers of <see cref="VersionedPayload"/>, one per test, since the tests change their payload and lock.</summary>
    private static readonly string[] SchemaConsumers = ["Schemas", "SchemaPath", "Growth", "Update", "Bump", "Malformed"];

    private const string VersionedPayload = """
        using System;
        using PiiGuard;
        using static PiiGuard.Period;

        namespace Consumer;

        public enum Platform { Linux, Windows, MacOs }

        [TelemetryPayload(Name = "print_stats", SchemaVersion = "1.0")]
        public sealed class PrintStats
        {
            [TelemetryField, InstallationId] public Guid InstallationId { get; init; }

            [TelemetryField, Aggregated(Week)] public DateTimeOffset PeriodStart { get; init; }

            [TelemetryField] public Platform Platform { get; init; }

            [TelemetryField] public int JobCount { get; init; }

            [TelemetryField] public bool TimelapseEnabled { get; init; }
        }
        """;

    /// <summary>The lock entry of <see cref="VersionedPayload"/>: fields sorted by path, with their type signatures.</summary>
    private const string VersionedPayloadEntry = """
        payload print_stats 1.0
          installation_id: uuid
          job_count: integer:int
          period_start: timestamp:week
          platform: enum(linux|windows|mac_os)
          timelapse_enabled: boolean

        """;

    private const string TimelapseField = "[TelemetryField] public bool TimelapseEnabled { get; init; }";

    /// <summary>The output folder of a consumer's Debug build, where the schema docs go by default.</summary>
    private string DefaultSchemaFolder(string consumer) => _package.ConsumerFile(consumer, Path.Combine("bin", "Debug", "net10.0", "piiguard"));

    [Fact]
    public void First_build_writes_the_schema_docs_and_the_lock_and_a_rebuild_leaves_them_byte_identical()
    {
        DotnetResult first = _package.BuildConsumer("Schemas");

        Assert.True(first.Succeeded, "A clean versioned payload must build. " + first.Describe());
        Assert.True(BuildDiagnostic.Parse(first.Output).Count == 0, "A clean payload must build without diagnostics. " + first.Describe());
        string folder = DefaultSchemaFolder("Schemas");
        string schemaPath = Path.Combine(folder, "print_stats.schema.json");
        string markdownPath = Path.Combine(folder, "print_stats.md");
        string lockPath = _package.ConsumerFile("Schemas", "piiguard.lock");
        foreach (string path in new[] { schemaPath, markdownPath, lockPath })
        {
            Assert.True(File.Exists(path), $"The build wrote no {path}. Files there: {Listing(Path.GetDirectoryName(path)!)}. {first.Describe()}");
        }

        AssertIsPayloadSchema(schemaPath, "print_stats", ["installation_id", "period_start", "platform", "job_count", "timelapse_enabled"]);
        string markdown = File.ReadAllText(markdownPath);
        Assert.StartsWith("# Usage statistics: `print_stats`", markdown, StringComparison.Ordinal);
        Assert.Contains("| `job_count` | integer |", markdown, StringComparison.Ordinal);

        string lockText = File.ReadAllText(lockPath);
        Assert.StartsWith("# PiiGuard schema lock", lockText, StringComparison.Ordinal);
        Assert.EndsWith("\n\n" + VersionedPayloadEntry, lockText, StringComparison.Ordinal);

        // Touch the payload: the compiler runs again, and the MSBuild step finds nothing to write.
        var before = new[] { schemaPath, markdownPath, lockPath }.Select(p => (Path: p, Bytes: File.ReadAllBytes(p), Time: File.GetLastWriteTimeUtc(p))).ToList();
        string assembly = _package.ConsumerFile("Schemas", Path.Combine("obj", "Debug", "net10.0", "Schemas.dll"));
        DateTime compiledAt = File.GetLastWriteTimeUtc(assembly);
        File.SetLastWriteTimeUtc(_package.ConsumerFile("Schemas", "Payload.cs"), DateTime.UtcNow);

        DotnetResult second = _package.BuildConsumer("Schemas");

        Assert.True(second.Succeeded, "The rebuild must succeed. " + second.Describe());
        Assert.True(File.GetLastWriteTimeUtc(assembly) > compiledAt, "The touched payload was not compiled again. " + second.Describe());
        foreach ((string path, byte[] bytes, DateTime time) in before)
        {
            Assert.True(File.Exists(path), $"The rebuild removed {path}. {second.Describe()}");
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"The rebuild changed {path}.");
            Assert.True(time == File.GetLastWriteTimeUtc(path), $"The rebuild rewrote {path} with the same content: its timestamp moved.");
        }
    }

    [Fact]
    public void PiiGuardSchemaOutputPath_puts_the_schema_docs_in_another_folder()
    {
        string folder = _package.WorkPath("schema-docs");

        DotnetResult build = _package.BuildConsumer("SchemaPath", $"-p:PiiGuardSchemaOutputPath={folder}");

        Assert.True(build.Succeeded, "A clean versioned payload must build. " + build.Describe());
        Assert.True(File.Exists(Path.Combine(folder, "print_stats.md")), $"No print_stats.md in {folder}: {Listing(folder)}. {build.Describe()}");
        AssertIsPayloadSchema(Path.Combine(folder, "print_stats.schema.json"), "print_stats", ["installation_id", "period_start", "platform", "job_count", "timelapse_enabled"]);
        Assert.False(Directory.Exists(DefaultSchemaFolder("SchemaPath")), "With PiiGuardSchemaOutputPath set, the default folder must stay empty.");
    }

    /// <remarks>Needs the analyzers' rule PII008 (schema lock check), developed on the main branch.</remarks>
    [Fact]
    public void A_new_field_without_a_higher_SchemaVersion_fails_the_build_with_PII008()
    {
        DotnetResult first = _package.BuildConsumer("Growth");
        Assert.True(first.Succeeded, "The first build must pass and write the lock. " + first.Describe());
        string lockPath = _package.ConsumerFile("Growth", "piiguard.lock");
        string locked = File.ReadAllText(lockPath);

        string payload = _package.WriteConsumerFile("Growth", "Payload.cs", WithFileCount(VersionedPayload));
        DotnetResult grown = _package.BuildConsumer("Growth");

        Assert.False(grown.Succeeded, "A payload with a field its lock does not record, at the same SchemaVersion, must fail the build. " + grown.Describe());
        BuildDiagnostic pii008 = Assert.Single(BuildDiagnostic.Parse(grown.Output), d => d.Id == "PII008");
        Assert.Equal(("error", payload), (pii008.Severity, pii008.File));
        Assert.Contains("file_count", pii008.Message, StringComparison.Ordinal);
        Assert.Equal(locked, File.ReadAllText(lockPath));
    }

    [Fact]
    public void PiiGuardUpdateSchemaLock_rewrites_the_lock_with_the_new_field()
    {
        DotnetResult first = _package.BuildConsumer("Update");
        Assert.True(first.Succeeded, "The first build must pass and write the lock. " + first.Describe());
        string lockPath = _package.ConsumerFile("Update", "piiguard.lock");

        _package.WriteConsumerFile("Update", "Payload.cs", WithFileCount(VersionedPayload));
        DotnetResult update = _package.BuildConsumer("Update", "-p:PiiGuardUpdateSchemaLock=true");

        Assert.True(update.Succeeded, "With PiiGuardUpdateSchemaLock=true a grown payload must build. " + update.Describe());
        Assert.True(BuildDiagnostic.Parse(update.Output).Count == 0, "Rewriting the lock must build without diagnostics. " + update.Describe());
        string rewritten = File.ReadAllText(lockPath);
        Assert.EndsWith("\n\n" + WithFileCountEntry(VersionedPayloadEntry), rewritten, StringComparison.Ordinal);

        // From now on the lock records the field: a plain build passes and leaves the lock alone.
        DotnetResult plain = _package.BuildConsumer("Update");
        Assert.True(plain.Succeeded, "After the lock was rewritten, a plain build must pass. " + plain.Describe());
        Assert.Equal(rewritten, File.ReadAllText(lockPath));
    }

    [Fact]
    public void A_higher_SchemaVersion_passes_and_rewrites_the_payload_entry()
    {
        DotnetResult first = _package.BuildConsumer("Bump");
        Assert.True(first.Succeeded, "The first build must pass and write the lock. " + first.Describe());
        string lockPath = _package.ConsumerFile("Bump", "piiguard.lock");

        _package.WriteConsumerFile("Bump", "Payload.cs",
            WithFileCount(VersionedPayload).Replace("SchemaVersion = \"1.0\"", "SchemaVersion = \"1.1\"", StringComparison.Ordinal));
        DotnetResult bumped = _package.BuildConsumer("Bump");

        Assert.True(bumped.Succeeded, "A grown payload with a higher SchemaVersion must build. " + bumped.Describe());
        Assert.True(BuildDiagnostic.Parse(bumped.Output).Count == 0, "A higher SchemaVersion must build without diagnostics. " + bumped.Describe());
        Assert.EndsWith(
            "\n\n" + WithFileCountEntry(VersionedPayloadEntry).Replace("payload print_stats 1.0", "payload print_stats 1.1", StringComparison.Ordinal),
            File.ReadAllText(lockPath), StringComparison.Ordinal);
        Assert.Contains("\"$id\": \"urn:piiguard:payload:print_stats:1.1\"",
            File.ReadAllText(Path.Combine(DefaultSchemaFolder("Bump"), "print_stats.schema.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_lock_is_a_build_error_at_its_line_and_PiiGuardUpdateSchemaLock_repairs_it()
    {
        string lockPath = _package.WriteConsumerFile("Malformed", "piiguard.lock",
            "# PiiGuard schema lock\n\n" + VersionedPayloadEntry + "<<<<<<< HEAD\n");

        DotnetResult build = _package.BuildConsumer("Malformed");

        Assert.False(build.Succeeded, "A malformed lock must fail the build. " + build.Describe());
        BuildDiagnostic error = Assert.Single(BuildDiagnostic.Parse(build.Output), d => d.Id == "PIIB001");
        Assert.Equal(("error", lockPath, 9), (error.Severity, error.File, error.Line));
        Assert.Contains("<<<<<<< HEAD", error.Message, StringComparison.Ordinal);

        DotnetResult repair = _package.BuildConsumer("Malformed", "-p:PiiGuardUpdateSchemaLock=true");

        Assert.True(repair.Succeeded, "PiiGuardUpdateSchemaLock=true must rewrite a malformed lock. " + repair.Describe());
        string repaired = File.ReadAllText(lockPath);
        Assert.StartsWith("# PiiGuard schema lock: ", repaired, StringComparison.Ordinal);
        Assert.EndsWith("\n\n" + VersionedPayloadEntry, repaired, StringComparison.Ordinal);
    }

    /// <summary>The payload with one more field, <c>file_count</c>, and nothing else changed.</summary>
    private static string WithFileCount(string payload)
    {
        Assert.Contains(TimelapseField, payload, StringComparison.Ordinal);
        return payload.Replace(TimelapseField, TimelapseField + "\n\n    [TelemetryField] public int FileCount { get; init; }", StringComparison.Ordinal);
    }

    private static string WithFileCountEntry(string entry) =>
        entry.Replace("  installation_id: uuid\n", "  file_count: integer:int\n  installation_id: uuid\n", StringComparison.Ordinal);

    private static void AssertIsPayloadSchema(string path, string name, string[] properties)
    {
        Assert.True(File.Exists(path), $"No schema at {path}.");
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = schema.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(name, root.GetProperty("title").GetString());
        Assert.Equal("object", root.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.False, root.GetProperty("additionalProperties").ValueKind);
        // The submission envelope's two properties are allowed beside the payload's fields; only the fields are required.
        Assert.Equal(["schema_version", "submission_timestamp", .. properties], root.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(properties, root.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    private static string Listing(string folder) =>
        Directory.Exists(folder) ? string.Join(", ", Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)) : "(no such folder)";
}
