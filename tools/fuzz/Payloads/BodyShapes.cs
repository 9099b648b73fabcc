using System;
using System.Collections.Generic;
using PiiGuard.Fuzzing.Bodies;
using PiiGuard.Runtime.Tests;
using PiiGuard.Runtime.Tests.Payloads;
using Printernizer;

namespace PiiGuard.Fuzzing.Shapes;

/// <summary>
/// The payload shapes body fuzzing reads: the Printernizer sample's <see cref="UsageReport"/>, the runtime tests'
/// <see cref="WidePayload"/> (every supported member type), <see cref="FlatPayload"/> and
/// <see cref="TimestampCollectionsPayload"/>, and the submission envelope around two of them. Compiled into the
/// runtime tests and into the long-campaign tool, each with its own generated serializers.
/// </summary>
public static class BodyShapes
{
    private static readonly DateTimeOffset Submitted = new(2024, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every shape, each with its seed bodies.</summary>
    public static IReadOnlyList<BodyShape> Create()
    {
        Func<DateTimeOffset, DateTimeOffset> monday = date => TelemetryPeriods.StartOf(date, Period.Week);
        UsageReport sample = SampleData.Create(dates: monday);
        UsageReport other = SampleData.Create(
            Platform.MacOs,
            new Dictionary<PrinterType, int>(),
            new Dictionary<ErrorType, int> { [ErrorType.UnknownError] = int.MaxValue, [ErrorType.ConnectionTimeout] = 0 },
            CountryCode.Parse("NZ"),
            monday);
        return new[]
        {
            BodyShape.Payload("usage_report", sample, other),
            BodyShape.Payload("wide_payload", WideSample.Create()),
            BodyShape.Payload(
                "flat_payload",
                new FlatPayload
                {
                    InstallationId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
                    Count = -42,
                    Big = ulong.MaxValue,
                    Ratio = 0.1,
                    Amount = 79228162514264337593543950335m,
                    Enabled = true,
                    Release = new Version(1, 2, 3),
                    CountryCode = CountryCode.Parse("DE"),
                    Elapsed = TimeSpan.FromSeconds(90.5),
                    FirstSeen = new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero),
                    LastDay = new DateTime(2024, 11, 14, 0, 0, 0, DateTimeKind.Utc),
                    Missing = null,
                },
                new FlatPayload
                {
                    Release = new Version(0, 0),
                    CountryCode = CountryCode.Parse("AQ"),
                    Elapsed = TimeSpan.MaxValue,
                    FirstSeen = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    LastDay = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc),
                    Missing = int.MinValue,
                }),
            BodyShape.Payload(
                "timestamp_collections",
                new TimestampCollectionsPayload
                {
                    Days = [new DateTimeOffset(2024, 11, 14, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero)],
                    WeekByBucket = new() { [Bucket.First] = new DateTime(2020, 12, 28, 0, 0, 0, DateTimeKind.Utc), [Bucket.Third] = new DateTime(2024, 11, 11, 0, 0, 0, DateTimeKind.Utc) },
                    Weeks = [new DateTimeOffset(2024, 11, 11, 0, 0, 0, TimeSpan.Zero)],
                }),
            BodyShape.Envelope("usage_report_envelope", Submitted, sample, other),
            BodyShape.Envelope("wide_payload_envelope", Submitted, WideSample.Create()),
        };
    }
}
