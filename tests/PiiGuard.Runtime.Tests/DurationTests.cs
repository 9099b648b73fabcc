using System;
using PiiGuard.Runtime.Tests.Payloads;

namespace PiiGuard.Runtime.Tests;

/// <summary>TimeSpan members are written as seconds; whatever the writer writes, the reader reads back as it was.</summary>
public sealed class DurationTests
{
    public static TheoryData<long> Ticks() => new(
        0,
        1,
        -1,
        TimeSpan.TicksPerSecond + 1,
        TimeSpan.FromDays(365).Ticks + 1,
        TimeSpan.FromDays(36_500).Ticks + 1, // a century and a tick: more ticks than a double holds exactly
        TimeSpan.MaxValue.Ticks,
        TimeSpan.MinValue.Ticks);

    [Theory]
    [MemberData(nameof(Ticks))]
    public void A_duration_round_trips_exactly(long ticks)
    {
        WidePayload payload = WideSample.Create();
        payload.Scalars.Elapsed = TimeSpan.FromTicks(ticks);

        byte[] json = TelemetrySerializer.SerializeToUtf8Bytes(payload);
        WidePayload read = TelemetrySerializer.Deserialize<WidePayload>(json);

        Assert.Equal(ticks, read.Scalars.Elapsed.Ticks);
    }
}
