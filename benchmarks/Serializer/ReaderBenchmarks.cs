using System;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Printernizer;

namespace PiiGuard.Benchmarks.Serializer;

/// <summary>
/// One call = the seed payload's 755-byte JSON read back into objects. PiiGuard's strict reader (the generator's
/// reader behind <see cref="TelemetrySerializer.Deserialize{T}(ReadOnlySpan{byte})"/>: UTF-8 check, unknown, missing
/// and duplicate properties, enum values and period boundaries checked) against System.Text.Json source generation
/// reading the same bytes into the STJ-shaped copy of the types (no such checks), for scale.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class ReaderBenchmarks
{
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = TelemetrySerializer.SerializeToUtf8Bytes(SeedPayload.Create());

        // Both readers must give back the payload they read: written again, the same bytes.
        byte[] piiguard = TelemetrySerializer.SerializeToUtf8Bytes(PiiGuardStrictRead());
        byte[] stj = JsonSerializer.SerializeToUtf8Bytes(StjSourceGenerated(), BenchmarkJsonContext.Default.UsageReport);
        if (!piiguard.AsSpan().SequenceEqual(_json) || !stj.AsSpan().SequenceEqual(_json))
        {
            throw new InvalidOperationException("A reader did not read back the seed payload: the comparison would not be fair.");
        }
    }

    /// <summary>PiiGuard's strict reader, through the public runtime entry point.</summary>
    [Benchmark(Baseline = true, Description = "PiiGuard strict read")]
    public UsageReport PiiGuardStrictRead() => TelemetrySerializer.Deserialize<UsageReport>(_json);

    /// <summary>STJ source generation (metadata-based reading; STJ generates no fast path for reading).</summary>
    [Benchmark(Description = "STJ source gen read")]
    public StjModel.UsageReport StjSourceGenerated() => JsonSerializer.Deserialize(_json, BenchmarkJsonContext.Default.UsageReport)!;
}
