using System;
using System.Collections.Generic;
using System.IO;
using Printernizer;

namespace PiiGuard.Runtime.Tests;

/// <summary>The seed payload: the policy's "Sample Data Payload", as samples/Printernizer builds it (Payloads/Printernizer/SampleData.cs; the payload types are in tests/Shared/Printernizer).</summary>
internal static class SeedPayload
{
    /// <summary>The policy's sample payload, verbatim (see Fixtures/README.md).</summary>
    public static string FixtureText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample-data-payload.json"));

    /// <summary>What the generated serializer writes for <see cref="Create"/>: the fixture less its envelope, dates on their week's Monday, compact.</summary>
    public const string ExpectedJson =
        "{\"installation\":{\"installation_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"first_seen\":\"2024-10-28T00:00:00Z\"," +
        "\"app_version\":\"2.7.0\",\"python_version\":\"3.11.0\",\"platform\":\"linux\",\"deployment_mode\":\"homeassistant\",\"country_code\":\"DE\"}," +
        "\"period\":{\"start\":\"2024-11-11T00:00:00Z\",\"end\":\"2024-11-18T00:00:00Z\",\"duration_days\":7}," +
        "\"printer_fleet\":{\"printer_count\":3,\"printer_types\":[\"bambu_lab\",\"prusa\"],\"printer_type_counts\":{\"bambu_lab\":2,\"prusa\":1}}," +
        "\"usage_stats\":{\"job_count\":23,\"file_count\":18,\"upload_count\":5,\"uptime_hours\":168,\"feature_usage\":{\"library_enabled\":true," +
        "\"timelapse_enabled\":false,\"auto_job_creation_enabled\":true,\"german_compliance_enabled\":false,\"watch_folders_enabled\":true}}," +
        "\"error_summary\":{\"connection_timeout\":2,\"file_download_failed\":1}}";

    /// <summary>The same UsageReport as the sample's Program.cs, with the policy's precise dates; the arguments replace single values.</summary>
    public static UsageReport Create(
        Platform platform = Platform.Linux,
        Dictionary<PrinterType, int>? printerTypeCounts = null,
        Dictionary<ErrorType, int>? errorSummary = null,
        CountryCode? countryCode = null) =>
        SampleData.Create(platform, printerTypeCounts, errorSummary, countryCode);
}
