using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PiiGuard.EndToEnd.Tests.Infrastructure;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>samples/Printernizer, the policy's sample payload, builds clean with every warning an error, and prints it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PrinternizerSampleTests
{
    [Fact]
    public void Builds_without_diagnostics_and_prints_the_policy_sample_payload()
    {
        string project = Repository.PathOf("samples/Printernizer/Printernizer.csproj");
        DotnetResult build = Dotnet.Run(Repository.Root, "build", project, "-nodeReuse:false", "-tl:off");

        Assert.True(build.Succeeded, "samples/Printernizer must build. " + build.Describe());
        Assert.True(BuildDiagnostic.Parse(build.Output).Count == 0, "samples/Printernizer must build without diagnostics. " + build.Describe());
        Assert.DoesNotContain("PII0", build.Output, StringComparison.Ordinal);
        AssertSchemaDocsAndLock();

        DotnetResult run = Dotnet.Run(Repository.Root, "run", "--project", project, "--no-build");
        Assert.True(run.Succeeded, "samples/Printernizer must run. " + run.Describe());

        // The payload is the first line: compact JSON, the bytes a submission sends.
        string firstLine = run.Output.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.True(firstLine.StartsWith('{') && firstLine.EndsWith('}'), "The output does not start with a JSON object on one line. " + run.Describe());
        using JsonDocument payload = JsonDocument.Parse(firstLine);
        JsonElement root = payload.RootElement;

        Assert.Equal(["installation", "period", "printer_fleet", "usage_stats", "error_summary"], Keys(root));
        Assert.Equal(
            ["installation_id", "first_seen", "app_version", "python_version", "platform", "deployment_mode", "country_code"],
            Keys(root.GetProperty("installation")));
        Assert.Equal(["start", "end", "duration_days"], Keys(root.GetProperty("period")));
        Assert.Equal(["printer_count", "printer_types", "printer_type_counts"], Keys(root.GetProperty("printer_fleet")));
        Assert.Equal(["job_count", "file_count", "upload_count", "uptime_hours", "feature_usage"], Keys(root.GetProperty("usage_stats")));
        Assert.Equal(
            ["library_enabled", "timelapse_enabled", "auto_job_creation_enabled", "german_compliance_enabled", "watch_folders_enabled"],
            Keys(root.GetProperty("usage_stats").GetProperty("feature_usage")));

        // Enums are snake_case strings, also as dictionary keys; versions and the country code are plain strings.
        Assert.Equal(["bambu_lab", "prusa"], Keys(root.GetProperty("printer_fleet").GetProperty("printer_type_counts")));
        Assert.Equal(["connection_timeout", "file_download_failed"], Keys(root.GetProperty("error_summary")));
        Assert.Equal("homeassistant", root.GetProperty("installation").GetProperty("deployment_mode").GetString());
        Assert.Equal("2.7.0", root.GetProperty("installation").GetProperty("app_version").GetString());
        Assert.Equal("DE", root.GetProperty("installation").GetProperty("country_code").GetString());

        // Week-aggregated points in time start a week: Monday 00:00 UTC.
        Assert.All(
            [root.GetProperty("installation").GetProperty("first_seen"), root.GetProperty("period").GetProperty("start"), root.GetProperty("period").GetProperty("end")],
            e => Assert.Equal((DayOfWeek.Monday, TimeSpan.Zero), (e.GetDateTimeOffset().UtcDateTime.DayOfWeek, e.GetDateTimeOffset().UtcDateTime.TimeOfDay)));

        Match checkedLine = Regex.Match(run.Output, @"PiiGuard checked the payload '([a-z_]+)' \(schema version ([0-9.]+)\) at build time; (\d+) bytes; read back: 23 jobs\.");
        Assert.True(checkedLine.Success, "The output does not say which payload PiiGuard checked and read back. " + run.Describe());
        Assert.Equal(("printernizer_usage", "1.0"), (checkedLine.Groups[1].Value, checkedLine.Groups[2].Value));
        Assert.Equal(Encoding.UTF8.GetByteCount(firstLine), int.Parse(checkedLine.Groups[3].Value));
    }

    /// <summary>
    /// The build wrote the payload's JSON Schema and disclosure into the output folder of the project that declares the
    /// payload (the contract library samples/Printernizer.Payloads, which the app's build builds), and its lock lists it.
    /// </summary>
    private static void AssertSchemaDocsAndLock()
    {
        string folder = Repository.PathOf("samples/Printernizer.Payloads/bin/Debug/net10.0/piiguard");
        string schemaPath = Path.Combine(folder, "printernizer_usage.schema.json");
        string markdownPath = Path.Combine(folder, "printernizer_usage.md");
        Assert.True(File.Exists(schemaPath) && File.Exists(markdownPath),
            $"The sample's build did not write printernizer_usage.schema.json and .md into {folder}.");

        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(schemaPath));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("printernizer_usage", schema.RootElement.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.False, schema.RootElement.GetProperty("additionalProperties").ValueKind);
        // The submission envelope's two properties are allowed beside the payload's fields; only the fields are required.
        Assert.Equal(["schema_version", "submission_timestamp", "installation", "period", "printer_fleet", "usage_stats", "error_summary"], Keys(schema.RootElement.GetProperty("properties")));
        Assert.Equal(["installation", "period", "printer_fleet", "usage_stats", "error_summary"], schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        string markdown = File.ReadAllText(markdownPath);
        Assert.Contains("| `installation.country_code` |", markdown, StringComparison.Ordinal);

        // The sample's own words of personal data (samples/.editorconfig) are errors in its build, so its disclosure
        // promises them: the usage statistics policy's "print settings" and "printer names" are never collected.
        string ownWords = markdown.Split('\n').SingleOrDefault(l => l.StartsWith("- Anything named with one of this app's own words for personal data: ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("The sample's disclosure does not list its own forbidden words under \"Never collected\".\n" + markdown);
        Assert.Contains("home assistant", ownWords, StringComparison.Ordinal);
        Assert.Contains("printer name", ownWords, StringComparison.Ordinal);
        Assert.Contains("print settings", ownWords, StringComparison.Ordinal);

        // The committed lock, next to the project that declares the payload, records the payload at its schema version;
        // the app declares no payload and has no lock.
        Assert.False(File.Exists(Repository.PathOf("samples/Printernizer/piiguard.lock")), "samples/Printernizer declares no payload: it has no lock of its own.");
        string lockText = File.ReadAllText(Repository.PathOf("samples/Printernizer.Payloads/piiguard.lock"));
        Assert.Contains("\npayload printernizer_usage 1.0\n", lockText, StringComparison.Ordinal);
        Assert.Contains("\n  installation.country_code: country\n", lockText, StringComparison.Ordinal);
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
