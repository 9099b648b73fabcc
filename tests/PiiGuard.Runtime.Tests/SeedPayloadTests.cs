using System;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Printernizer;

namespace PiiGuard.Runtime.Tests;

/// <summary>The seed: the generated serializer writes the policy's "Sample Data Payload", exactly.</summary>
public sealed class SeedPayloadTests
{
    [Fact]
    public void Serializes_the_policy_sample_byte_for_byte()
    {
        JsonObject sample = JsonNode.Parse(SeedPayload.FixtureText)!.AsObject();

        // The envelope is not part of the payload type; every date goes to 00:00:00Z of its ISO week's Monday.
        Assert.True(sample.Remove("schema_version"));
        Assert.True(sample.Remove("submission_timestamp"));
        int rounded = RoundDatesToWeekStart(sample);
        Assert.Equal(3, rounded);
        string expected = sample.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false });

        // The rounding the brief spells out, checked on the expected text itself.
        Assert.Contains("\"first_seen\":\"2024-10-28T00:00:00Z\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"start\":\"2024-11-11T00:00:00Z\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"end\":\"2024-11-18T00:00:00Z\"", expected, StringComparison.Ordinal);

        string actual = TelemetrySerializer.SerializeToString(SeedPayload.Create());

        Assert.Equal(expected, actual);
        Assert.Equal(SeedPayload.ExpectedJson, expected);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(expected), TelemetrySerializer.SerializeToUtf8Bytes(SeedPayload.Create()));
    }

    [Fact]
    public void The_sample_builds_the_policy_values()
    {
        // Guards the fixture against the sample: the policy's values, not just the serializer's shape.
        UsageReport report = SeedPayload.Create();
        JsonObject sample = JsonNode.Parse(SeedPayload.FixtureText)!.AsObject();

        Assert.Equal((string?)sample["installation"]!["installation_id"], report.Installation.InstallationId.ToString());
        Assert.Equal((int?)sample["usage_stats"]!["job_count"], report.UsageStats.JobCount);
        Assert.Equal((string?)sample["installation"]!["country_code"], report.Installation.CountryCode.ToString());
        Assert.Equal(
            sample["printer_fleet"]!["printer_type_counts"]!.AsObject().Select(p => (p.Key, (int)p.Value!)),
            new[] { ("bambu_lab", report.PrinterFleet.PrinterTypeCounts[PrinterType.BambuLab]), ("prusa", report.PrinterFleet.PrinterTypeCounts[PrinterType.Prusa]) });
    }

    /// <summary>Rounds every string that is a date-time to 00:00:00Z of the Monday that starts its ISO week.</summary>
    private static int RoundDatesToWeekStart(JsonNode node)
    {
        int count = 0;
        switch (node)
        {
            case JsonObject obj:
                foreach (string key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.TryGetValue(out string? text) &&
                        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date))
                    {
                        DateTime day = date.UtcDateTime.Date;
                        int sinceMonday = ((int)day.DayOfWeek + 6) % 7;
                        obj[key] = day.AddDays(-sinceMonday).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);
                        count++;
                    }
                    else if (obj[key] is { } child)
                    {
                        count += RoundDatesToWeekStart(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    if (item != null)
                    {
                        count += RoundDatesToWeekStart(item);
                    }
                }

                break;
        }

        return count;
    }
}
