using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using PiiGuard.Telemetry.Storage;

namespace PiiGuard;

/// <summary>
/// Writes the user's export (<see cref="UsageStatistics.ExportJson"/>): format <c>piiguard-usage-statistics</c>,
/// version 1, indented JSON, from what the store holds and what the runtime knows (consent, country, endpoint).
/// </summary>
internal static class StatisticsExport
{
    /// <summary>Writes the export of <paramref name="snapshot"/> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, Header header, StoreSnapshot snapshot)
    {
        StoredConsent consent = header.Consent;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", "piiguard-usage-statistics");
        json.WriteNumber("format_version", 1);
        json.WriteString("exported_at", StatisticsStore.FormatTime(TelemetryEnvelope.TruncateToHour(header.Now)));
        json.WriteStartObject("consent");
        json.WriteString("state", consent.OptedIn ? "opted_in" : consent.Decided ? "opted_out" : "not_asked");
        json.WriteBoolean("opted_in", consent.OptedIn);
        WriteStringOrNull(json, "consented_schema_version", consent.SchemaVersion);
        json.WriteString("current_schema_version", header.CurrentSchemaVersion);
        json.WriteBoolean("needs_consent", consent.OptedIn && header.NeedsConsent);
        json.WriteEndObject();
        WriteStringOrNull(json, "installation_id", consent.InstallationId?.ToString("D"));
        WriteStringOrNull(json, "first_seen", consent.FirstSeen is { } firstSeen ? StatisticsStore.FormatDay(firstSeen) : null);
        WriteStringOrNull(json, "country_code", header.Country?.ToString());
        WriteStringOrNull(json, "endpoint", header.Endpoint?.GetLeftPart(UriPartial.Authority));

        json.WriteStartArray("statistics");
        foreach (StoredStatistic row in snapshot.Statistics)
        {
            json.WriteStartObject();
            json.WriteString("day", row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("kind", KindName(row.Kind));
            json.WriteString("metric", row.Metric);
            json.WriteString("key", row.Key);
            if (row.Kind == StatisticKind.Error)
            {
                json.WriteString("component_metric", row.ComponentMetric);
                json.WriteString("component", row.Component);
            }

            json.WriteNumber("value", row.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("weeks");
        foreach (DateTimeOffset week in snapshot.PendingWeeks)
        {
            WriteWeek(json, StatisticsStore.FormatDay(week), "pending");
        }

        foreach ((string weekStart, string state) in snapshot.Weeks)
        {
            WriteWeek(json, weekStart, state);
        }

        json.WriteEndArray();

        json.WriteStartArray("submission_log");
        foreach (SubmissionLogEntry entry in snapshot.SubmissionLog)
        {
            json.WriteStartObject();
            json.WriteString("week_start", entry.WeekStart);
            json.WriteString("attempted_at", entry.AttemptedAt);
            json.WriteString("outcome", entry.Outcome);
            if (entry.StatusCode is { } status)
            {
                json.WriteNumber("status_code", status);
            }
            else
            {
                json.WriteNull("status_code");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("pending_deletion_requests");
        foreach (DeletionRequestEntry request in snapshot.DeletionRequests)
        {
            json.WriteStartObject();
            json.WriteString("installation_id", request.InstallationId);
            json.WriteString("requested_at", request.RequestedAt);
            json.WriteNumber("attempts", request.Attempts);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("submission_schedule");
        WriteStringOrNull(json, "next_submission_not_before", snapshot.NextSubmissionNotBefore);
        json.WriteNumber("consecutive_failures", snapshot.ConsecutiveFailures);
        json.WriteEndObject();

        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteWeek(Utf8JsonWriter json, string weekStart, string state)
    {
        json.WriteStartObject();
        json.WriteString("week_start", weekStart);
        json.WriteString("state", state);
        json.WriteEndObject();
    }

    private static string KindName(StatisticKind kind) => kind switch
    {
        StatisticKind.Counter => "counter",
        StatisticKind.Gauge => "gauge",
        StatisticKind.Flag => "flag",
        _ => "error",
    };

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>What the export says besides the store's content.</summary>
    /// <param name="Consent">The consent in memory.</param>
    /// <param name="NeedsConsent">Whether that consent is to a lower (or unreadable) schema version.</param>
    /// <param name="CurrentSchemaVersion">The schema version the app ships.</param>
    /// <param name="Country">The country derived from the time zone, if any.</param>
    /// <param name="Endpoint">The collector, of which only the scheme, host and port are written.</param>
    /// <param name="Now">When the export is made (written to the hour).</param>
    internal sealed record Header(StoredConsent Consent, bool NeedsConsent, string CurrentSchemaVersion, CountryCode? Country, Uri? Endpoint, DateTimeOffset Now);
}
