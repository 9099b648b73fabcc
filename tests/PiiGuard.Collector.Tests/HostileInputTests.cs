using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PiiGuard.Telemetry.Tests;

namespace PiiGuard.Collector.Tests;

/// <summary>
/// Malformed and hostile bodies POSTed to <c>/v1/submissions</c>. Each is made from a valid body (a week that is over,
/// a fresh random installation id) by one change; the collector must refuse it with the right status and a problem
/// body that names a JSON path, never the value, store nothing and log nothing of it. After each, the very body it was
/// made from, sent as a client sends it, is accepted (and deleted again): the refusal is for the change alone.
/// </summary>
public abstract class HostileInputTests(HostileInputTests.Fixture fixture)
{
    private const string Json = "application/json";

    // The collector's default limit; the tests' host does not change it.
    private static readonly int Limit = new TelemetryCollectorOptions().MaxBodyBytes;

    private static readonly Dictionary<string, HostileCase> Cases = CreateCases();

    /// <summary>The names of the cases, each one test case.</summary>
    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (string name in Cases.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public void There_are_at_least_fifty_cases_of_every_kind()
    {
        Assert.True(Cases.Count >= 50, $"{Cases.Count} cases");
        Assert.Contains(Cases.Values, c => c.Status == 400);
        Assert.Contains(Cases.Values, c => c.Status == 413);
        Assert.Contains(Cases.Values, c => c.Status == 415);
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(HostileInputTests))]
    public async Task A_hostile_body_is_refused_and_nothing_of_it_is_stored_answered_or_logged(string name)
    {
        HostileCase hostile = Cases[name];
        CollectorHost host = fixture.Host;
        Guid id = Guid.NewGuid();
        byte[] valid = Submissions.Body(id, Submissions.LastWeek, host.Time.GetUtcNow());
        byte[] body = hostile.Body(new ValidBody(Encoding.UTF8.GetString(valid), id));
        Assert.NotEqual(valid, body);
        Assert.Equal(0, await host.CountSubmissionsAsync());
        using HttpClient client = host.Client();
        try
        {
            await RefusedAsync(host, client, hostile, body, id);

            // The control: the body this case was made from, sent as a client sends it, is accepted.
            using HttpResponseMessage control = await Submissions.PostAsync(client, valid);
            Assert.Equal(HttpStatusCode.Created, control.StatusCode);
            Assert.Equal(1, await host.CountSubmissionsAsync());
            using HttpResponseMessage deleted = await client.DeleteAsync($"v1/installations/{id:D}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(0, await host.CountSubmissionsAsync());
        }
        finally
        {
            // Whatever failed, the next case starts from an empty store.
            await host.DeleteInstallationAsync(id);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    [InlineData(100)]
    public async Task A_body_of_exactly_the_limit_is_accepted_whatever_its_framing(int chunkSize)
    {
        CollectorHost host = fixture.Host;
        Guid id = Guid.NewGuid();
        byte[] body = Pad(Submissions.Body(id, Submissions.LastWeek, host.Time.GetUtcNow()), Limit);
        using HttpClient client = host.Client();
        try
        {
            using HttpResponseMessage response = await client.PostAsync("v1/submissions", chunkSize > 0 ? new ChunkedContent(body, Json, chunkSize) : Submissions.Json(body));

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(1, await Submissions.CountAsync(host, id));
        }
        finally
        {
            await host.DeleteInstallationAsync(id);
        }
    }

    internal static void AssertNotLogged(CapturingLogger logs, IEnumerable<string> values)
    {
        string[] all = [.. values];
        foreach (LogEntry entry in logs.Entries)
        {
            foreach (string value in all)
            {
                Assert.False(entry.AllText.Contains(value, StringComparison.OrdinalIgnoreCase), $"logged '{value}': {entry.AllText}");
            }
        }
    }

    private static async Task RefusedAsync(CollectorHost host, HttpClient client, HostileCase hostile, byte[] body, Guid id)
    {
        using HttpResponseMessage response = await client.SendAsync(hostile.Request(body));
        string answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(hostile.Status, (int)response.StatusCode);
        // Every refusal comes from the endpoint itself (Kestrel answers none of these on its own), as problem+json.
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using (JsonDocument problem = JsonDocument.Parse(answer))
        {
            Assert.Equal(hostile.Status, problem.RootElement.GetProperty("status").GetInt32());
            string detail = problem.RootElement.GetProperty("detail").GetString()!;
            if (hostile.Status == 400)
            {
                // A JSON path and the problem there.
                Assert.StartsWith("$", detail, StringComparison.Ordinal);
            }

            if (hostile.Detail is not null)
            {
                Assert.Contains(hostile.Detail, detail, StringComparison.Ordinal);
            }
        }

        foreach (string value in hostile.Markers.Concat(Submissions.Forms([id])))
        {
            Assert.DoesNotContain(value, answer, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain('\uFFFD', answer);
        Assert.Equal(0, await host.CountSubmissionsAsync());
        AssertNotLogged(host.Logs, hostile.Markers.Concat(Submissions.Forms([id])));
        // Nor did anything go wrong on the way: no unhandled exception, no warning.
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    private static Dictionary<string, HostileCase> CreateCases()
    {
        const string Week = "\"start\":\"2024-11-04T00:00:00Z\",\"end\":\"2024-11-11T00:00:00Z\"";
        const string Sent = "\"submission_timestamp\":\"2024-11-14T10:00:00Z\"";
        const string Platform = "\"platform\":\"linux\"";
        const string Mode = "\"deployment_mode\":\"homeassistant\"";
        const string Fleet = "\"printer_type_counts\":{\"bambu_lab\":2,\"prusa\":1}";
        const string Types = "\"printer_types\":[\"bambu_lab\",\"prusa\"]";
        const string Errors = "\"error_summary\":{\"connection_timeout\":2,\"file_download_failed\":1}";
        const string Jobs = "\"job_count\":23";
        const string Library = "\"library_enabled\":true";
        const string NotUtf8 = "$: the body is not valid UTF-8";
        const string Unicode = ": a string that is not valid Unicode";
        const string Unknown = "an unknown property";
        const string Malformed = "malformed JSON";
        const string Twice = "appears twice";
        const string NotAllowed = "not one of the allowed values";
        const string Integer = "expected an integer in range";
        const string Negative = "$: counts cannot be negative";
        const string Date = "expected a date written as yyyy-MM-ddT00:00:00Z";
        const string Hour = "$.submission_timestamp: expected an hour written as yyyy-MM-ddTHH:00:00Z";
        const string NotV4 = "$.installation.installation_id: not a random (version 4) UUID";
        const string BadGuid = "$.installation.installation_id: expected a GUID";
        const string Email = "jane.doe@example.com";
        const string TooLarge = "over 16384 bytes";

        return new Dictionary<string, HostileCase>(StringComparer.Ordinal)
        {
            // Invalid UTF-8: checked before anything is parsed.
            ["utf8: lone continuation byte 0x80 in a string"] = Bytes(Platform, "\"platform\":\"lin", [0x80], "ux\"", NotUtf8),
            ["utf8: lone continuation byte 0xBF between tokens"] = Bytes(",\"period\"", ",", [0xBF], "\"period\"", NotUtf8),
            ["utf8: overlong '/' (C0 AF)"] = Bytes(Mode, "\"deployment_mode\":\"home", [0xC0, 0xAF], "assistant\"", NotUtf8),
            ["utf8: overlong NUL (C0 80)"] = Bytes(Mode, "\"deployment_mode\":\"home", [0xC0, 0x80], "assistant\"", NotUtf8),
            ["utf8: overlong 3-byte '/' (E0 80 AF)"] = Bytes(Platform, "\"platform\":\"", [0xE0, 0x80, 0xAF], "linux\"", NotUtf8),
            ["utf8: high surrogate half U+D800 (ED A0 80)"] = Bytes(Platform, "\"platform\":\"linux", [0xED, 0xA0, 0x80], "\"", NotUtf8),
            ["utf8: low surrogate half U+DFFF (ED BF BF)"] = Bytes(Platform, "\"platform\":\"linux", [0xED, 0xBF, 0xBF], "\"", NotUtf8),
            ["utf8: surrogate pair encoded as two halves (CESU-8)"] = Bytes(Mode, "\"deployment_mode\":\"", [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80], "\"", NotUtf8),
            ["utf8: code point above U+10FFFF (F4 90 80 80)"] = Bytes(Mode, "\"deployment_mode\":\"", [0xF4, 0x90, 0x80, 0x80], "\"", NotUtf8),
            ["utf8: truncated 2-byte sequence (C3) before a quote"] = Bytes(Platform, "\"platform\":\"linux", [0xC3], "\"", NotUtf8),
            ["utf8: truncated 3-byte sequence (E2 82) in a property name"] = Bytes(Platform, "\"plat", [0xE2, 0x82], "form\":\"linux\"", NotUtf8),
            ["utf8: truncated 4-byte sequence (F0 9F 98) at the end of the body"] = new(v => [.. Encoding.UTF8.GetBytes(v.Json), 0xF0, 0x9F, 0x98], Detail: NotUtf8),
            ["utf8: byte 0xFF in a property name"] = Bytes(Platform, "\"plat", [0xFF], "form\":\"linux\"", NotUtf8),
            ["unicode: escaped lone high surrogate \\ud800 as an enum value"] = Text(Platform, "\"platform\":\"\\ud800\"", "$.installation.platform" + Unicode),
            ["unicode: escaped lone low surrogate \\udc00 in the printer_types set"] = Text(Types, "\"printer_types\":[\"bambu_lab\",\"\\udc00\"]", "$.printer_fleet.printer_types[1]" + Unicode),
            ["unicode: escaped lone surrogate as a printer type key"] = Text(Fleet, "\"printer_type_counts\":{\"\\ud800\":2,\"prusa\":1}", "$.printer_fleet.printer_type_counts" + Unicode),
            ["unicode: escaped lone surrogate as a property name at the root"] = Text(Sent, Sent + ",\"\\ud800jane\":1", "$" + Unicode, "jane"),
            ["unicode: escaped lone surrogate as a property name in installation"] = Text(Platform, Platform + ",\"\\udfffjane\":1", "$.installation" + Unicode, "jane"),
            ["unicode: escaped surrogates in the wrong order"] = Text(Mode, "\"deployment_mode\":\"\\udc00\\ud800\"", "$.installation.deployment_mode" + Unicode),

            // Deep nesting: in a field, around the body; what does not fit the size limit is refused for its size.
            ["nesting: 100 arrays in printer_types"] = Text(Types, "\"printer_types\":" + Repeat("[", 100) + Repeat("]", 100), "$.printer_fleet.printer_types[0]: expected a string"),
            ["nesting: 10 000 arrays in printer_types, unclosed"] = Text(Types, "\"printer_types\":" + Repeat("[", 10_000), "$.printer_fleet.printer_types[0]: expected a string"),
            ["nesting: 10 000 arrays in printer_types, closed (over the limit)"] = Text(Types, "\"printer_types\":" + Repeat("[", 10_000) + Repeat("]", 10_000), TooLarge) with { Status = 413, ExpectContinue = true },
            ["nesting: 100 objects in library_enabled"] = Text(Library, "\"library_enabled\":" + Repeat("{\"a\":", 100) + "true" + Repeat("}", 100), "$.usage_stats.feature_usage.library_enabled: expected true or false"),
            ["nesting: 2 000 objects in library_enabled"] = Text(Library, "\"library_enabled\":" + Repeat("{\"a\":", 2_000) + "true" + Repeat("}", 2_000), "$.usage_stats.feature_usage.library_enabled: expected true or false"),
            ["nesting: 10 000 objects in library_enabled (over the limit)"] = Text(Library, "\"library_enabled\":" + Repeat("{\"a\":", 10_000) + "true" + Repeat("}", 10_000), TooLarge) with { Status = 413, ExpectContinue = true },
            ["nesting: 100 arrays around the body"] = Whole(json => Repeat("[", 100) + json + Repeat("]", 100), "$: expected an object"),
            ["nesting: 10 000 arrays around the body, unclosed"] = Whole(json => Repeat("[", 10_000) + json, "$: expected an object"),
            ["nesting: 10 000 arrays around the body (over the limit)"] = Whole(json => Repeat("[", 10_000) + json + Repeat("]", 10_000), TooLarge) with { Status = 413, ExpectContinue = true },
            ["nesting: 100 objects around the body"] = Whole(json => Repeat("{\"installation\":", 100) + json + Repeat("}", 100), "$.installation: " + Unknown),
            ["nesting: 2 000 objects around the body"] = Whole(json => Repeat("{\"a\":", 2_000) + json + Repeat("}", 2_000), "$: " + Unknown),
            ["nesting: 10 000 objects around the body (over the limit)"] = Whole(json => Repeat("{\"a\":", 10_000) + json + Repeat("}", 10_000), TooLarge) with { Status = 413, ExpectContinue = true },

            // Numbers out of range, of the wrong kind, or not JSON at all.
            ["number: 1e400 in job_count"] = Text(Jobs, "\"job_count\":1e400", "$.usage_stats.job_count: " + Integer, "1e400"),
            ["number: 1e400 in duration_days"] = Text("\"duration_days\":7", "\"duration_days\":1e400", "$.period.duration_days: " + Integer, "1e400"),
            ["number: 99999999999999999999999 in job_count"] = Text(Jobs, "\"job_count\":99999999999999999999999", "$.usage_stats.job_count: " + Integer, "99999999999999999999999"),
            ["number: 99999999999999999999999 in printer_type_counts"] = Text(Fleet, "\"printer_type_counts\":{\"bambu_lab\":99999999999999999999999,\"prusa\":1}", "$.printer_fleet.printer_type_counts.bambu_lab: " + Integer, "99999999999999999999999"),
            ["number: 2147483648 (one over int) in printer_count"] = Text("\"printer_count\":3", "\"printer_count\":2147483648", "$.printer_fleet.printer_count: " + Integer, "2147483648"),
            ["number: -1 in job_count"] = Text(Jobs, "\"job_count\":-1", Negative),
            ["number: -1 in printer_type_counts"] = Text(Fleet, "\"printer_type_counts\":{\"bambu_lab\":-1,\"prusa\":1}", Negative),
            ["number: -1 in error_summary"] = Text(Errors, "\"error_summary\":{\"connection_timeout\":-1}", Negative),
            ["number: -2147483648 in printer_count"] = Text("\"printer_count\":3", "\"printer_count\":-2147483648", Negative, "2147483648"),
            ["number: 1.5 in printer_count"] = Text("\"printer_count\":3", "\"printer_count\":1.5", "$.printer_fleet.printer_count: " + Integer),
            ["number: 23.0 in job_count"] = Text(Jobs, "\"job_count\":23.0", "$.usage_stats.job_count: " + Integer),
            ["number: 2.3e1 in job_count"] = Text(Jobs, "\"job_count\":2.3e1", "$.usage_stats.job_count: " + Integer),
            ["number: 169 uptime hours in a week of 168"] = Text("\"uptime_hours\":168", "\"uptime_hours\":169", "$.usage_stats.uptime_hours: more hours than a week has"),
            ["number: NaN literal"] = Text(Jobs, "\"job_count\":NaN", Malformed, "NaN"),
            ["number: Infinity literal"] = Text(Jobs, "\"job_count\":Infinity", Malformed, "Infinity"),
            ["number: -Infinity literal"] = Text(Jobs, "\"job_count\":-Infinity", Malformed, "Infinity"),
            ["number: hexadecimal 0x17"] = Text(Jobs, "\"job_count\":0x17", Malformed, "0x17"),
            ["number: leading zero 023"] = Text(Jobs, "\"job_count\":023", Malformed),

            // Duplicate keys: never "the last one wins".
            ["duplicate key at the root: period"] = Text("\"duration_days\":7}", "\"duration_days\":7},\"period\":{\"start\":\"2024-10-28T00:00:00Z\",\"end\":\"2024-11-04T00:00:00Z\",\"duration_days\":7}", "$.period: the property " + Twice),
            ["duplicate key at the root: schema_version"] = Text("{\"schema_version\":\"1.0\"", "{\"schema_version\":\"1.0\",\"schema_version\":\"2.0\"", "$.schema_version: the property " + Twice),
            ["duplicate key at the root: submission_timestamp"] = Text(Sent, Sent + ",\"submission_timestamp\":\"2024-11-13T10:00:00Z\"", "$.submission_timestamp: the property " + Twice),
            ["duplicate key in installation: platform"] = Text(Platform, Platform + ",\"platform\":\"windows\"", "$.installation.platform: the property " + Twice),
            ["duplicate key in installation: installation_id with another id"] = Text("\"first_seen\"", "\"installation_id\":\"3f2b8a61-0b7e-4c1d-9d2e-5a6b7c8d9e0f\",\"first_seen\"", "$.installation.installation_id: the property " + Twice, "3f2b8a61-0b7e-4c1d-9d2e-5a6b7c8d9e0f"),
            ["duplicate key in installation: platform, the second escaped"] = Text(Platform, Platform + ",\"pl\\u0061tform\":\"windows\"", "$.installation.platform: the property " + Twice),
            ["duplicate key in printer_type_counts"] = Text(Fleet, "\"printer_type_counts\":{\"bambu_lab\":2,\"prusa\":1,\"bambu_lab\":7777}", "$.printer_fleet.printer_type_counts", "7777"),
            ["duplicate key in error_summary"] = Text(Errors, "\"error_summary\":{\"connection_timeout\":2,\"file_download_failed\":1,\"connection_timeout\":7777}", "$.error_summary", "7777"),

            // Unknown fields: refused, and their names are not repeated.
            ["unknown field at the root"] = Text(Sent, Sent + ",\"nickname\":\"jane.doe\"", "$: " + Unknown, "nickname", "jane.doe"),
            ["unknown field in installation"] = Text(Platform, Platform + ",\"hostname\":\"janes-laptop\"", "$.installation: " + Unknown, "hostname", "janes-laptop"),
            ["unknown field in feature_usage"] = Text(Library, Library + ",\"contact_email\":\"" + Email + "\"", "$.usage_stats.feature_usage: " + Unknown, "contact_email", Email),
            ["unknown field: __proto__ at the root"] = Text(Sent, Sent + ",\"__proto__\":{\"is_admin\":true}", "$: " + Unknown, "__proto__", "is_admin"),
            ["unknown field: __proto__ in installation"] = Text(Platform, Platform + ",\"__proto__\":{\"platform\":\"windows\"}", "$.installation: " + Unknown, "__proto__"),
            ["unknown field: $type at the root"] = Text("{\"schema_version\"", "{\"$type\":\"System.Diagnostics.Process, System.Diagnostics.Process\",\"schema_version\"", "$: " + Unknown, "$type", "System.Diagnostics.Process"),
            ["unknown field: empty name"] = Text(Sent, Sent + ",\"\":\"jane\"", "$: " + Unknown, "jane"),

            // Personal-looking strings where only a closed set of values goes.
            ["personal: e-mail address as platform"] = Text(Platform, "\"platform\":\"" + Email + "\"", "$.installation.platform: " + NotAllowed, Email, "jane"),
            ["personal: IP address as deployment_mode"] = Text(Mode, "\"deployment_mode\":\"192.168.1.5\"", "$.installation.deployment_mode: " + NotAllowed, "192.168.1.5"),
            ["personal: file path as a printer type key"] = Text(Fleet, "\"printer_type_counts\":{\"/home/jane/x.gcode\":2,\"prusa\":1}", "$.printer_fleet.printer_type_counts: " + NotAllowed, "/home/jane", "x.gcode", "jane"),
            ["personal: Windows user folder as an error type key"] = Text(Errors, "\"error_summary\":{\"C:\\\\Users\\\\jane\":2}", "$.error_summary: " + NotAllowed, "Users", "jane"),
            ["personal: a name in the printer_types set"] = Text(Types, "\"printer_types\":[\"Jane Doe's Prusa\"]", "$.printer_fleet.printer_types[0]: " + NotAllowed, "Jane Doe"),
            ["personal: a name as country_code"] = Text("\"country_code\":\"DE\"", "\"country_code\":\"Jane Doe\"", "$.installation.country_code: expected a two-letter country code", "Jane Doe"),
            ["personal: a host name in app_version"] = Text("\"app_version\":\"2.7.0\"", "\"app_version\":\"2.7.0 (janes-laptop)\"", "$.installation.app_version: expected a version", "janes-laptop"),
            ["enum value in another case"] = Text(Platform, "\"platform\":\"Linux\"", "$.installation.platform: " + NotAllowed),

            // Wrong types and missing values.
            ["wrong type: string for a number"] = Text(Jobs, "\"job_count\":\"23\"", "$.usage_stats.job_count: " + Integer),
            ["wrong type: object for an array"] = Text(Types, "\"printer_types\":{\"bambu_lab\":true}", "$.printer_fleet.printer_types: expected an array"),
            ["wrong type: array for an object"] = Text(Fleet, "\"printer_type_counts\":[\"bambu_lab\",2]", "$.printer_fleet.printer_type_counts: expected an object"),
            ["wrong type: null for a required object"] = Text(Errors, "\"error_summary\":null", "$.error_summary: expected an object"),
            ["wrong type: null for a required number"] = Text(Jobs, "\"job_count\":null", "$.usage_stats.job_count: " + Integer),
            ["wrong type: null for a required string"] = Text(Platform, "\"platform\":null", "$.installation.platform: expected a string"),
            ["wrong type: number for a string"] = Text(Platform, "\"platform\":1", "$.installation.platform: expected a string"),
            ["wrong type: 1 for a boolean"] = Text(Library, "\"library_enabled\":1", "$.usage_stats.feature_usage.library_enabled: expected true or false"),
            ["missing: period"] = Whole(json => ReplaceOnce(json, "\"period\":{" + Week + ",\"duration_days\":7},", ""), "$: the property 'period' is missing"),
            ["missing: installation_id"] = Whole(json => System.Text.RegularExpressions.Regex.Replace(json, "\"installation_id\":\"[0-9a-f-]{36}\",", ""), "$.installation: the property 'installation_id' is missing"),

            // Timestamps finer than their bucket, and weeks that do not fit.
            ["timestamp: period start with a time of day"] = Text("\"start\":\"2024-11-04T00:00:00Z\"", "\"start\":\"2024-11-04T13:45:00Z\"", "$.period.start: " + Date, "13:45"),
            ["timestamp: period start as a date only"] = Text("\"start\":\"2024-11-04T00:00:00Z\"", "\"start\":\"2024-11-04\"", "$.period.start: " + Date),
            ["timestamp: period start on a Tuesday"] = Text(Week, "\"start\":\"2024-11-05T00:00:00Z\",\"end\":\"2024-11-12T00:00:00Z\"", "$.period.start: expected the start of an ISO week (a Monday)"),
            ["timestamp: first_seen not a Monday"] = Text("\"first_seen\":\"2024-10-21T00:00:00Z\"", "\"first_seen\":\"2024-10-23T00:00:00Z\"", "$.installation.first_seen: expected the start of an ISO week (a Monday)"),
            ["timestamp: first_seen with an offset"] = Text("\"first_seen\":\"2024-10-21T00:00:00Z\"", "\"first_seen\":\"2024-10-21T00:00:00+02:00\"", "$.installation.first_seen: " + Date, "+02:00"),
            ["timestamp: first_seen after the week"] = Text("\"first_seen\":\"2024-10-21T00:00:00Z\"", "\"first_seen\":\"2024-11-11T00:00:00Z\"", "$.installation.first_seen: after the week"),
            ["timestamp: submission_timestamp with minutes"] = Text(Sent, "\"submission_timestamp\":\"2024-11-14T10:17:00Z\"", Hour, "10:17"),
            ["timestamp: submission_timestamp with fractional seconds"] = Text(Sent, "\"submission_timestamp\":\"2024-11-14T10:00:00.123Z\"", Hour, ".123"),
            ["timestamp: submission_timestamp with an offset +02:00"] = Text(Sent, "\"submission_timestamp\":\"2024-11-14T12:00:00+02:00\"", Hour, "+02:00"),
            ["timestamp: submission_timestamp as Unix seconds"] = Text(Sent, "\"submission_timestamp\":1731578400", "$.submission_timestamp: expected a string", "1731578400"),
            ["timestamp: submission_timestamp in the future"] = Text(Sent, "\"submission_timestamp\":\"2024-11-14T12:00:00Z\"", "$.submission_timestamp: in the future"),
            ["week: not over yet"] = Text(Week, "\"start\":\"2024-11-11T00:00:00Z\",\"end\":\"2024-11-18T00:00:00Z\"", "$.period: the week is not over yet"),
            ["week: end not 7 days after start"] = Text(Week, "\"start\":\"2024-11-04T00:00:00Z\",\"end\":\"2024-11-18T00:00:00Z\"", "$.period: a submission covers one ISO week"),
            ["week: duration_days 8"] = Text("\"duration_days\":7", "\"duration_days\":8", "$.period: a submission covers one ISO week"),
            ["week: the last week of the calendar"] = Text(Week, "\"start\":\"9999-12-20T00:00:00Z\",\"end\":\"9999-12-27T00:00:00Z\"", "$.period: the week is not over yet", "9999"),
            ["week: at the end of the calendar (9999-12-27)"] = Text(Week, "\"start\":\"9999-12-27T00:00:00Z\",\"end\":\"9999-12-27T00:00:00Z\"", "$.period: a submission covers one ISO week", "9999"),

            // The envelope.
            ["schema_version: 2.0"] = Text("\"schema_version\":\"1.0\"", "\"schema_version\":\"2.0\"", "$.schema_version: not the schema version this reader accepts"),
            ["schema_version: 1.0.1"] = Text("\"schema_version\":\"1.0\"", "\"schema_version\":\"1.0.1\"", "$.schema_version: not the schema version this reader accepts", "1.0.1"),
            ["schema_version: 01.0 (a leading zero)"] = Text("\"schema_version\":\"1.0\"", "\"schema_version\":\"01.0\"", "$.schema_version: not a schema version", "01.0"),
            ["schema_version: 1.0-beta"] = Text("\"schema_version\":\"1.0\"", "\"schema_version\":\"1.0-beta\"", "$.schema_version: not a schema version", "beta"),
            ["schema_version: a part past int.MaxValue"] = Text("\"schema_version\":\"1.0\"", "\"schema_version\":\"1.86753785310\"", "$.schema_version: not a schema version", "86753785310"),
            ["schema_version: a number"] = Text("\"schema_version\":\"1.0\"", "\"schema_version\":1.0", "$.schema_version: expected a string"),
            ["schema_version: missing"] = Text("\"schema_version\":\"1.0\",", "", "$: the property 'schema_version' is missing"),
            ["submission_timestamp: missing"] = Text(Sent + ",", "", "$: the property 'submission_timestamp' is missing"),
            ["envelope: missing (the bare payload)"] = Text("\"schema_version\":\"1.0\"," + Sent + ",", "", "$: the property 'schema_version' is missing"),

            // Installation ids that are not random version 4 UUIDs.
            ["installation_id: a version 1 UUID (time and MAC address)"] = Id("c232ab00-9414-11ec-b3c8-9f6bdeced846", NotV4, "c232ab00-9414-11ec-b3c8-9f6bdeced846", "9f6bdeced846"),
            ["installation_id: a version 5 UUID (from a name)"] = Id("2ed6657d-e927-568b-95e1-2665a8aea6a2", NotV4, "2ed6657d-e927-568b-95e1-2665a8aea6a2"),
            ["installation_id: the nil UUID"] = Id("00000000-0000-0000-0000-000000000000", NotV4),
            ["installation_id: version 4 with the Microsoft variant"] = Id("3f2b8a61-0b7e-4c1d-cd2e-5a6b7c8d9e0f", NotV4, "3f2b8a61-0b7e-4c1d-cd2e-5a6b7c8d9e0f"),
            ["installation_id: without hyphens"] = Id("3f2b8a610b7e4c1d9d2e5a6b7c8d9e0f", BadGuid, "3f2b8a610b7e4c1d9d2e5a6b7c8d9e0f"),
            ["installation_id: in braces"] = Id("{3f2b8a61-0b7e-4c1d-9d2e-5a6b7c8d9e0f}", BadGuid, "3f2b8a61-0b7e-4c1d-9d2e-5a6b7c8d9e0f"),
            ["installation_id: an e-mail address"] = Id(Email, BadGuid, Email),

            // JSON that is not JSON, or not one object.
            ["syntax: trailing garbage after the JSON"] = Whole(json => json + "garbage", Malformed, "garbage"),
            ["syntax: a second object after the first"] = Whole(json => json + "{\"nickname\":\"jane\"}", Malformed, "nickname", "jane"),
            ["syntax: a NUL byte after the JSON"] = Whole(json => json + "\0", Malformed),
            ["syntax: a line comment"] = Whole(json => "// jane.doe's install\n" + json, Malformed, "jane"),
            ["syntax: a block comment inside"] = Text(Platform, Platform + "/* jane.doe */", Malformed, "jane"),
            ["syntax: a trailing comma in an object"] = Text("\"country_code\":\"DE\"", "\"country_code\":\"DE\",", Malformed),
            ["syntax: a trailing comma in an array"] = Text(Types, "\"printer_types\":[\"bambu_lab\",\"prusa\",]", Malformed),
            ["syntax: single-quoted strings"] = Text(Platform, "'platform':'linux'", Malformed),
            ["syntax: an unquoted property name"] = Text(Platform, "platform:\"linux\"", Malformed),
            ["syntax: the body cut off halfway"] = Whole(json => json[..(json.Length / 2)], null),
            ["syntax: an empty body"] = new(_ => [], Detail: "$"),
            ["syntax: whitespace only"] = Whole(_ => " \r\n\t ", null),
            ["syntax: []"] = Whole(_ => "[]", "$: expected an object"),
            ["syntax: null"] = Whole(_ => "null", "$: expected an object"),
            ["syntax: a bare string"] = Whole(_ => "\"" + Email + "\"", "$: expected an object", Email),
            ["syntax: a bare number"] = Whole(_ => "4242", "$: expected an object", "4242"),
            ["syntax: a UTF-8 byte order mark before the JSON"] = new(v => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(v.Json)], Detail: Malformed),

            // Bodies over the limit: 413, whether the client announces the length or not.
            // A Content-Length over the limit is refused before the body is read, and over HTTP/1.1 the connection then
            // closes: a client still sending a large body may see a broken pipe before the answer. So large bodies with
            // a Content-Length go with Expect: 100-continue (the body is never sent) or over HTTP/2 (the answer and a
            // RST_STREAM end the stream, not the connection). A chunked body is read to one byte over the limit, the
            // rest drained: its answer always arrives.
            ["size: one byte over the limit, with Content-Length"] = new(v => Pad(Utf8(v.Json), Limit + 1), Status: 413, Detail: TooLarge),
            ["size: one byte over the limit, with Content-Length and Expect: 100-continue"] = new(v => Pad(Utf8(v.Json), Limit + 1), Status: 413, Detail: TooLarge, ExpectContinue: true),
            ["size: one byte over the limit, chunked"] = new(v => Pad(Utf8(v.Json), Limit + 1), Status: 413, Detail: TooLarge, Chunked: true),
            ["size: one byte over the limit, without Content-Length (HTTP/2)"] = new(v => Pad(Utf8(v.Json), Limit + 1), Status: 413, Detail: TooLarge, Chunked: true, Http2: true),
            ["size: 1 MiB, with Content-Length and Expect: 100-continue"] = new(v => Huge(v.Json), Status: 413, Detail: TooLarge, ExpectContinue: true, Markers: ["jane"]),
            ["size: 1 MiB, with Content-Length (HTTP/2)"] = new(v => Huge(v.Json), Status: 413, Detail: TooLarge, Http2: true, Markers: ["jane"]),
            ["size: 1 MiB, chunked"] = new(v => Huge(v.Json), Status: 413, Detail: TooLarge, Chunked: true, Markers: ["jane"]),
            ["size: 1 MiB, without Content-Length (HTTP/2)"] = new(v => Huge(v.Json), Status: 413, Detail: TooLarge, Chunked: true, Http2: true, Markers: ["jane"]),

            // Content types other than JSON in UTF-8: 415, whatever the body.
            ["content type: text/plain"] = MediaType("text/plain"),
            ["content type: application/x-www-form-urlencoded"] = MediaType("application/x-www-form-urlencoded"),
            ["content type: application/json; charset=latin1"] = MediaType("application/json; charset=latin1"),
            ["content type: application/json; charset=utf-16"] = MediaType("application/json; charset=utf-16") with { Body = v => Encoding.Unicode.GetBytes(v.Json) },
            ["content type: application/json with another parameter"] = MediaType("application/json; profile=jane"),
            ["content type: text/json"] = MediaType("text/json"),
            ["content type: missing"] = MediaType(null),
            ["content type: multipart/form-data"] = MediaType("multipart/form-data") with { Multipart = true },
        };
    }

    private static HostileCase Text(string old, string replacement, string? detail, params string[] markers) =>
        new(v => Utf8(ReplaceOnce(v.Json, old, replacement)), Detail: detail, Markers: markers);

    private static HostileCase Whole(Func<string, string> mutate, string? detail, params string[] markers) =>
        new(v => Utf8(mutate(v.Json)), Detail: detail, Markers: markers);

    private static HostileCase Bytes(string old, string before, byte[] bytes, string after, string detail) =>
        new(v =>
        {
            string json = v.Json;
            int at = json.IndexOf(old, StringComparison.Ordinal);
            Assert.True(at >= 0, old);
            return [.. Utf8(json[..at] + before), .. bytes, .. Utf8(after + json[(at + old.Length)..])];
        },
        Detail: detail);

    private static HostileCase Id(string id, string detail, params string[] markers) =>
        new(v => Utf8(ReplaceOnce(v.Json, v.Id.ToString("D"), id)), Detail: detail, Markers: markers);

    // The valid body, sent with another content type.
    private static HostileCase MediaType(string? contentType) =>
        new(v => Utf8(v.Json + " "), Status: 415, ContentType: contentType, Detail: "the body must be application/json in UTF-8");

    private static string ReplaceOnce(string json, string old, string replacement)
    {
        int at = json.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the valid body has no {old}");
        Assert.Equal(-1, json.IndexOf(old, at + 1, StringComparison.Ordinal));
        return json[..at] + replacement + json[(at + old.Length)..];
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // Valid JSON followed by spaces, to exactly `length` bytes.
    private static byte[] Pad(byte[] body, int length) => [.. body, .. Enumerable.Repeat((byte)' ', length - body.Length)];

    // A megabyte-long unknown property full of personal data.
    private static byte[] Huge(string json) => Utf8(json[..^1] + ",\"notes\":\"" + Repeat("jane.doe@example.com lives at /home/jane ", 1024 * 1024 / 40) + "\"}");

    /// <summary>The test's host: the collector with its clock on Thursday 2024-11-14, shared by the cases.</summary>
    public abstract class Fixture(TestStorage storage) : IAsyncLifetime
    {
        /// <summary>Gets the collector.</summary>
        public CollectorHost Host { get; private set; } = null!;

        /// <inheritdoc/>
        public async Task InitializeAsync() => Host = await CollectorHost.StartAsync(storage);

        /// <inheritdoc/>
        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    /// <summary>The host on SQLite.</summary>
    public sealed class SqliteFixture() : Fixture(TestStorage.Sqlite);

    /// <summary>The host on PostgreSQL.</summary>
    public sealed class PostgreSqlFixture() : Fixture(TestStorage.PostgreSql);

    private sealed record ValidBody(string Json, Guid Id);

    private sealed record HostileCase(
        Func<ValidBody, byte[]> Body,
        int Status = 400,
        string? Detail = null,
        string[]? Markers = null,
        string? ContentType = Json,
        bool Chunked = false,
        bool Multipart = false,
        bool ExpectContinue = false,
        bool Http2 = false)
    {
        public string[] Markers { get; init; } = Markers ?? [];

        public HttpRequestMessage Request(byte[] body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v1/submissions") { Content = Content(body) };
            request.Headers.ExpectContinue = ExpectContinue;
            if (Http2)
            {
                request.Version = HttpVersion.Version20;
                request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            }

            return request;
        }

        private HttpContent Content(byte[] body)
        {
            if (Multipart)
            {
                return new MultipartFormDataContent { { new ByteArrayContent(body), "report", "report.json" } };
            }

            if (Chunked)
            {
                return new ChunkedContent(body, ContentType);
            }

            var content = new ByteArrayContent(body);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            return content;
        }
    }
}

/// <summary>The hostile-input tests on SQLite.</summary>
public sealed class HostileInputTestsOnSqlite(HostileInputTests.SqliteFixture fixture) : HostileInputTests(fixture), IClassFixture<HostileInputTests.SqliteFixture>;

/// <summary>The hostile-input tests on PostgreSQL.</summary>
public sealed class HostileInputTestsOnPostgreSql(HostileInputTests.PostgreSqlFixture fixture) : HostileInputTests(fixture), IClassFixture<HostileInputTests.PostgreSqlFixture>;
