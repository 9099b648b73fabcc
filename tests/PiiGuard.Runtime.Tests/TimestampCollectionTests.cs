using System;
using System.Collections.Generic;
using PiiGuard.Runtime.Tests.Payloads;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// [Aggregated] on a collection of points in time: the analyzers accept it (this project builds), so the generator
/// must serialize it, rounding every element.
/// </summary>
public sealed class TimestampCollectionTests
{
    [Fact]
    public void Aggregated_collections_of_points_in_time_are_serialized_and_rounded()
    {
        var payload = new TimestampCollectionsPayload
        {
            Days = [new DateTimeOffset(2024, 11, 14, 1, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2024, 11, 14, 13, 37, 0, TimeSpan.Zero)],
            WeekByBucket = new() { [Bucket.First] = new DateTime(2021, 1, 1, 12, 0, 0, DateTimeKind.Utc) },
            Weeks = [new DateTimeOffset(2024, 11, 17, 23, 0, 0, TimeSpan.Zero)],
        };

        string json = TelemetrySerializer.SerializeToString(payload);

        Assert.Equal(
            "{\"days\":[\"2024-11-13T00:00:00Z\",\"2024-11-14T00:00:00Z\"],\"week_by_bucket\":{\"first\":\"2020-12-28T00:00:00Z\"},\"weeks\":[\"2024-11-11T00:00:00Z\"]}",
            json);
        TimestampCollectionsPayload read = TelemetrySerializer.Deserialize<TimestampCollectionsPayload>(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal([new DateTimeOffset(2024, 11, 13, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 11, 14, 0, 0, 0, TimeSpan.Zero)], read.Days);
    }
}
