using System;
using System.Buffers;
using System.Text;
using PiiGuard.Runtime.Tests.Payloads;

namespace PiiGuard.Runtime.Tests;

/// <summary>
/// Serializing into a reused buffer allocates nothing (TelemetrySerializer.Serialize: "nothing is allocated when it
/// is reused"). An allocation count, measured on this thread; never a timing.
/// </summary>
public sealed class AllocationTests
{
    private const int Calls = 100;

    [Fact]
    public void Serializing_the_seed_payload_into_a_reused_buffer_allocates_nothing()
    {
        long allocated = MeasureAllocations(SeedPayload.Create(), out string json);

        Assert.Equal(SeedPayload.ExpectedJson, json);
        Assert.True(allocated == 0, $"{Calls} calls allocated {allocated} bytes ({allocated / Calls} per call).");
    }

    [Fact]
    public void Serializing_a_flat_payload_into_a_reused_buffer_allocates_nothing()
    {
        // Scalars only: every value is formatted straight into the buffer. (The seed payload adds nested objects,
        // enums, a list and dictionaries; if this passes and the seed test fails, the allocations are the generated
        // code's, around those members.)
        var payload = new FlatPayload
        {
            InstallationId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            Count = -12345,
            Big = ulong.MaxValue,
            Ratio = 0.1 + 0.2,
            Amount = -12.50m,
            Enabled = true,
            Release = new Version(10, 0, 100, 7),
            CountryCode = CountryCode.Parse("JP"),
            Elapsed = TimeSpan.FromHours(1.5),
            FirstSeen = new DateTimeOffset(2024, 11, 14, 13, 37, 0, TimeSpan.FromHours(2)),
            LastDay = new DateTime(2024, 11, 14, 13, 37, 0, DateTimeKind.Utc),
        };

        long allocated = MeasureAllocations(payload, out string json);

        Assert.Equal(
            "{\"installation_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"count\":-12345,\"big\":18446744073709551615,\"ratio\":0.30000000000000004," +
            "\"amount\":-12.50,\"enabled\":true,\"release\":\"10.0.100.7\",\"country_code\":\"JP\",\"elapsed\":5400," +
            "\"first_seen\":\"2024-11-11T00:00:00Z\",\"last_day\":\"2024-11-14T00:00:00Z\",\"missing\":null}",
            json);
        Assert.True(allocated == 0, $"{Calls} calls allocated {allocated} bytes ({allocated / Calls} per call).");
    }

    [Fact]
    public void The_measurement_sees_an_allocation()
    {
        // The assertion above is only as good as the measurement: one small allocation per call shows.
        long before = GC.GetAllocatedBytesForCurrentThread();
        object? last = null;
        for (int i = 0; i < Calls; i++)
        {
            last = new byte[1];
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(last);
        Assert.True(allocated >= Calls * 25, $"Measured {allocated} bytes for {Calls} arrays.");
    }

    /// <summary>Bytes this thread allocated over <see cref="Calls"/> calls into one reused buffer, after a warm-up.</summary>
    private static long MeasureAllocations<T>(T payload, out string json)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);

        // Warm-up: JIT, static initialization, the buffer's first growth.
        for (int i = 0; i < 3; i++)
        {
            buffer.ResetWrittenCount();
            TelemetrySerializer.Serialize(buffer, payload);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            buffer.ResetWrittenCount();
            TelemetrySerializer.Serialize(buffer, payload);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return allocated;
    }
}
