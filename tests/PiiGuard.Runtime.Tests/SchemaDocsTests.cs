using System;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using PiiGuard.Runtime.Tests.Payloads;
using Printernizer;

namespace PiiGuard.Runtime.Tests;

/// <summary>TelemetrySchema.For: the Markdown disclosure of the seed payload, and the JSON Schema's basics.</summary>
public sealed class SchemaDocsTests
{
    private static readonly TelemetrySchemaInfo Seed = TelemetrySchema.For<UsageReport>();

    private static readonly string[] SeedPaths =
    [
        "installation",
        "installation.installation_id",
        "installation.first_seen",
        "installation.app_version",
        "installation.python_version",
        "installation.platform",
        "installation.deployment_mode",
        "installation.country_code",
        "period",
        "period.start",
        "period.end",
        "period.duration_days",
        "printer_fleet",
        "printer_fleet.printer_count",
        "printer_fleet.printer_types",
        "printer_fleet.printer_type_counts",
        "usage_stats",
        "usage_stats.job_count",
        "usage_stats.file_count",
        "usage_stats.upload_count",
        "usage_stats.uptime_hours",
        "usage_stats.feature_usage",
        "usage_stats.feature_usage.library_enabled",
        "usage_stats.feature_usage.timelapse_enabled",
        "usage_stats.feature_usage.auto_job_creation_enabled",
        "usage_stats.feature_usage.german_compliance_enabled",
        "usage_stats.feature_usage.watch_folders_enabled",
        "error_summary",
    ];

    public static TheoryData<string> SeedFieldPaths() => new(SeedPaths);

    [Theory]
    [MemberData(nameof(SeedFieldPaths))]
    public void Markdown_has_a_row_for_every_field_path(string path)
    {
        Assert.Single(Rows(Seed.Markdown), row => row.Path == path);
    }

    [Fact]
    public void Markdown_has_no_other_field_rows()
    {
        Assert.Equal(SeedPaths.Order(StringComparer.Ordinal), Rows(Seed.Markdown).Select(r => r.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Markdown_lists_the_allowed_enum_values()
    {
        Assert.Equal("`linux`, `windows`, `mac_os`", Row("installation.platform").Allowed);
        Assert.Equal("`standalone`, `docker`, `raspberry_pi`, `homeassistant`", Row("installation.deployment_mode").Allowed);
        Assert.Equal("`bambu_lab`, `prusa`", Row("printer_fleet.printer_types").Allowed);
        Assert.Contains("`bambu_lab`, `prusa`", Row("printer_fleet.printer_type_counts").Allowed, StringComparison.Ordinal);
        Assert.Contains("`connection_timeout`, `file_download_failed`, `unknown_error`", Row("error_summary").Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_states_the_aggregation_of_points_in_time_only()
    {
        Assert.Contains("week", Row("period.start").Aggregation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Monday", Row("period.start").Aggregation, StringComparison.Ordinal);
        Assert.Equal(Row("period.start").Aggregation, Row("period.end").Aggregation);
        Assert.Equal(Row("period.start").Aggregation, Row("installation.first_seen").Aggregation);
        Assert.All(Rows(Seed.Markdown).Where(r => r.Path is not ("period.start" or "period.end" or "installation.first_seen")), r => Assert.Equal("", r.Aggregation));

        TelemetrySchemaInfo wide = TelemetrySchema.For<WidePayload>();
        FieldRow day = Rows(wide.Markdown).Single(r => r.Path == "moments.day_of_utc");
        Assert.Contains("day", day.Aggregation, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("week", day.Aggregation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markdown_gives_the_purposes_from_the_TelemetryField_attributes()
    {
        Assert.Equal("Understand the technical environment and deployment patterns", Row("installation").Purpose);
        Assert.Equal("The week the counts below cover", Row("period").Purpose);
        Assert.Equal("Understand the hardware ecosystem and multi-printer setups", Row("printer_fleet").Purpose);
        Assert.Equal("Understand usage intensity and feature adoption", Row("usage_stats").Purpose);
        Assert.Equal("Identify common issues to improve stability", Row("error_summary").Purpose);
    }

    [Fact]
    public void Markdown_has_a_never_collected_section()
    {
        string markdown = Seed.Markdown;
        int section = markdown.IndexOf("\n## Never collected\n", StringComparison.Ordinal);
        Assert.True(section > 0);

        string body = markdown[section..markdown.IndexOf("\n## ", section + 5, StringComparison.Ordinal)];
        string[] items = body.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)).ToArray();
        Assert.True(items.Length >= 5, body);
        Assert.Contains(items, i => i.Contains("timestamp", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(items, i => i.Contains("identifier", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Markdown_example_states_its_size_as_sent()
    {
        string markdown = Seed.Markdown;
        Match example = Regex.Match(markdown, "\n## Example\n\n```json\n(?<json>.*?)\n```\n\nThis example is (?<bytes>[0-9]+) bytes as sent", RegexOptions.Singleline);
        Assert.True(example.Success, markdown);

        using JsonDocument document = JsonDocument.Parse(example.Groups["json"].Value);
        var compact = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(compact, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false }))
        {
            document.WriteTo(writer);
        }

        Assert.Equal(compact.WrittenCount, int.Parse(example.Groups["bytes"].Value, System.Globalization.CultureInfo.InvariantCulture));

        // The example is a payload the strict reader accepts, and the schema too; written back, it is the compact form.
        UsageReport read = TelemetrySerializer.Deserialize<UsageReport>(compact.WrittenSpan);
        Assert.Equal(Encoding.UTF8.GetString(compact.WrittenSpan), TelemetrySerializer.SerializeToString(read));
        Assert.Empty(SchemaValidation.Errors<UsageReport>(Encoding.UTF8.GetString(compact.WrittenSpan)));
    }

    [Fact]
    public void The_schema_and_the_disclosure_cover_the_submission_envelope()
    {
        UsageReport report = TelemetrySerializer.Deserialize<UsageReport>(Encoding.UTF8.GetBytes(SeedPayload.ExpectedJson));
        byte[] payload = TelemetrySerializer.SerializeToUtf8Bytes(report);
        string submission = Encoding.UTF8.GetString(TelemetryEnvelope.ToUtf8Bytes(report, new DateTimeOffset(2024, 11, 20, 12, 34, 0, TimeSpan.Zero)));

        // What a submission sends validates against the published schema, and so does the payload alone.
        Assert.Empty(SchemaValidation.Errors<UsageReport>(submission));
        Assert.Empty(SchemaValidation.Errors<UsageReport>(Encoding.UTF8.GetString(payload)));
        Assert.NotEmpty(SchemaValidation.Errors<UsageReport>(submission.Replace("\"schema_version\":\"1.0\"", "\"schema_version\":\"2.0\"", StringComparison.Ordinal)));
        Assert.NotEmpty(SchemaValidation.Errors<UsageReport>(submission.Replace("T12:00:00Z", "T12:34:00Z", StringComparison.Ordinal)));

        Match envelope = Regex.Match(Seed.Markdown, "\n## Submission envelope\n\n(?<body>.*?)\n## ", RegexOptions.Singleline);
        Assert.True(envelope.Success, Seed.Markdown);
        Assert.Contains("- `schema_version`:", envelope.Groups["body"].Value, StringComparison.Ordinal);
        Assert.Contains("(here `1.0`)", envelope.Groups["body"].Value, StringComparison.Ordinal);
        Assert.Contains("- `submission_timestamp`:", envelope.Groups["body"].Value, StringComparison.Ordinal);
        Assert.Contains("truncated to the hour", envelope.Groups["body"].Value, StringComparison.Ordinal);
        int added = Encoding.UTF8.GetByteCount(submission) - payload.Length;
        Assert.Contains($"plus {added} bytes of submission envelope.", Seed.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_version_and_schema_header()
    {
        Assert.Equal("printernizer_usage", Seed.Name);
        Assert.Equal("1.0", Seed.SchemaVersion);
        Assert.StartsWith("# Usage statistics: `printernizer_usage`", Seed.Markdown, StringComparison.Ordinal);
        Assert.Contains("Schema version: 1.0", Seed.Markdown, StringComparison.Ordinal);

        using JsonDocument schema = JsonDocument.Parse(Seed.JsonSchema);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("urn:piiguard:payload:printernizer_usage:1.0", schema.RootElement.GetProperty("$id").GetString());
        Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(
            ["installation", "period", "printer_fleet", "usage_stats", "error_summary"],
            schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            ["linux", "windows", "mac_os"],
            schema.RootElement.GetProperty("properties").GetProperty("installation").GetProperty("properties").GetProperty("platform").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        TelemetrySchemaInfo wide = TelemetrySchema.For<WidePayload>();
        Assert.Equal("wide_payload", wide.Name);
        Assert.Equal("3.2", wide.SchemaVersion);
    }

    private sealed record FieldRow(string Path, string Type, string Allowed, string Aggregation, string Purpose);

    private static FieldRow Row(string path) => Rows(Seed.Markdown).Single(r => r.Path == path);

    private static FieldRow[] Rows(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(cell => cell.Trim()).ToArray())
            .Select(cells => new FieldRow(cells[0].Trim('`'), cells[1], cells[2], cells[3], cells[4]))
            .ToArray();
}
