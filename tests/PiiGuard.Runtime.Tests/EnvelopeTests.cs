using System;
using System.Text;
using PiiGuard;
using Printernizer;

namespace PiiGuard.Runtime.Tests;

public sealed class EnvelopeTests
{
    private static readonly DateTimeOffset Sent = new(2024, 11, 20, 12, 34, 56, TimeSpan.Zero);

    [Fact]
    public void The_envelope_matches_the_policy_sample_and_reads_back()
    {
        UsageReport report = SampleData.Create(dates: date => TelemetryPeriods.StartOf(date, Period.Week));
        byte[] body = TelemetryEnvelope.ToUtf8Bytes(report, Sent);
        string json = Encoding.UTF8.GetString(body);

        Assert.StartsWith("{\"schema_version\":\"1.0\",\"submission_timestamp\":\"2024-11-20T12:00:00Z\",\"installation\":{\"installation_id\":\"550e8400-e29b-41d4-a716-446655440000\"", json, StringComparison.Ordinal);
        Assert.Equal(TelemetrySerializer.SerializeToString(report)[1..], json[(json.IndexOf(",\"installation\"", StringComparison.Ordinal) + 1)..]);

        TelemetrySubmission<UsageReport> read = TelemetryEnvelope.Read<UsageReport>(body);
        Assert.Equal(SchemaVersion.Parse("1.0"), read.SchemaVersion);
        Assert.Equal("1.0", read.SchemaVersion.ToString());
        Assert.Equal(new DateTimeOffset(2024, 11, 20, 12, 0, 0, TimeSpan.Zero), read.SubmissionTimestamp);
        Assert.Equal(report.UsageStats.JobCount, read.Payload.UsageStats.JobCount);
        Assert.Equal(report.Installation.InstallationId, read.Payload.Installation.InstallationId);
    }

    [Fact]
    public void The_envelope_may_come_anywhere_in_the_root_object()
    {
        string payload = TelemetrySerializer.SerializeToString(SampleData.Create(dates: date => TelemetryPeriods.StartOf(date, Period.Week)));
        string json = payload[..^1] + ",\"submission_timestamp\":\"2024-11-20T00:00:00Z\",\"schema_version\":\"1.0\"}";
        Assert.Equal(SchemaVersion.Parse("1.0"), TelemetryEnvelope.Read<UsageReport>(Encoding.UTF8.GetBytes(json)).SchemaVersion);
    }

    [Theory]
    [InlineData("\"schema_version\":\"1.0\",", "", "$", "'submission_timestamp' is missing")]
    [InlineData("", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$", "'schema_version' is missing")]
    [InlineData("\"schema_version\":\"2.0\",", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$.schema_version", "not the schema version this reader accepts")]
    [InlineData("\"schema_version\":\"1.00\",", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$.schema_version", "not a schema version")]
    [InlineData("\"schema_version\":\"1.0-12:34\",", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$.schema_version", "not a schema version")]
    [InlineData("\"schema_version\":\"\",", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$.schema_version", "not a schema version")]
    [InlineData("\"schema_version\":\"1.99999999999\",", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$.schema_version", "not a schema version")]
    [InlineData("\"schema_version\":1.0,", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$.schema_version", "expected a string")]
    [InlineData("\"schema_version\":\"1.0\",", "\"submission_timestamp\":\"2024-11-20T12:34:00Z\",", "$.submission_timestamp", "an hour")]
    [InlineData("\"schema_version\":\"1.0\",", "\"submission_timestamp\":\"2024-11-20T12:00:00.123Z\",", "$.submission_timestamp", "an hour")]
    [InlineData("\"schema_version\":\"1.0\",", "\"submission_timestamp\":\"2024-11-20T24:00:00Z\",", "$.submission_timestamp", "an hour")]
    [InlineData("\"schema_version\":\"1.0\",", "\"submission_timestamp\":\"2024-02-30T12:00:00Z\",", "$.submission_timestamp", "an hour")]
    [InlineData("\"schema_version\":\"1.0\",\"schema_version\":\"1.0\",", "\"submission_timestamp\":\"2024-11-20T12:00:00Z\",", "$.schema_version", "appears twice")]
    public void A_bad_envelope_is_refused_with_the_path_and_never_the_value(string version, string timestamp, string path, string problem)
    {
        string payload = TelemetrySerializer.SerializeToString(SampleData.Create(dates: date => TelemetryPeriods.StartOf(date, Period.Week)));
        string json = "{" + version + timestamp + payload[1..];
        TelemetryFormatException error = Assert.Throws<TelemetryFormatException>(() => TelemetryEnvelope.Read<UsageReport>(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(path, error.Path);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12:34", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.0.0")]
    public void A_version_equal_number_by_number_is_the_readers_version(string version)
    {
        string payload = TelemetrySerializer.SerializeToString(SampleData.Create(dates: date => TelemetryPeriods.StartOf(date, Period.Week)));
        string json = "{\"schema_version\":\"" + version + "\",\"submission_timestamp\":\"2024-11-20T12:00:00Z\"," + payload[1..];
        TelemetrySubmission<UsageReport> read = TelemetryEnvelope.Read<UsageReport>(Encoding.UTF8.GetBytes(json));
        Assert.Equal(SchemaVersion.Parse("1.0"), read.SchemaVersion);
        Assert.Equal(version, read.SchemaVersion.ToString());
    }

    [Fact]
    public void Envelope_properties_inside_the_payload_are_unknown_properties()
    {
        string payload = TelemetrySerializer.SerializeToString(SampleData.Create(dates: date => TelemetryPeriods.StartOf(date, Period.Week)));
        string json = "{\"schema_version\":\"1.0\",\"submission_timestamp\":\"2024-11-20T12:00:00Z\"," +
            payload[1..].Replace("\"installation\":{", "\"installation\":{\"schema_version\":\"1.0\",", StringComparison.Ordinal);
        TelemetryFormatException error = Assert.Throws<TelemetryFormatException>(() => TelemetryEnvelope.Read<UsageReport>(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("$.installation", error.Path);

        // And the plain payload reader knows nothing of an envelope.
        Assert.Throws<TelemetryFormatException>(() => TelemetrySerializer.Deserialize<UsageReport>(TelemetryEnvelope.ToUtf8Bytes(SampleData.Create(), Sent)));
    }
}
