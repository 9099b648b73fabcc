using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Printernizer;

namespace PiiGuard.Benchmarks.Serializer;

/// <summary>
/// One call = the seed payload written once as UTF-8 JSON into a reused <see cref="ArrayBufferWriter{T}"/>
/// (ResetWrittenCount first). The System.Text.Json variants also reuse one <see cref="Utf8JsonWriter"/> (Reset onto
/// the buffer), created with the writer options JsonSerializer uses for the writers it creates itself.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class SerializerBenchmarks
{
    private readonly UsageReport _report = SeedPayload.Create();
    private readonly StjModel.UsageReport _stjReport;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Utf8JsonWriter _jsonWriter = null!;

    public SerializerBenchmarks()
    {
        _stjReport = SeedPayload.ToStjModel(_report);
    }

    /// <summary>Compact, no validation: what JsonSerializer itself uses in Release builds of System.Text.Json.</summary>
    public static JsonWriterOptions StjWriterOptions => new() { SkipValidation = true };

    /// <summary>The bytes the last call wrote.</summary>
    internal byte[] Written => _buffer.WrittenSpan.ToArray();

    [GlobalSetup]
    public void Setup()
    {
        _jsonWriter = new Utf8JsonWriter(_buffer, StjWriterOptions);
        Check.RequireSameOutput(this);
    }

    [GlobalCleanup]
    public void Cleanup() => _jsonWriter.Dispose();

    /// <summary>PiiGuard's generated serializer, through the public runtime entry point.</summary>
    [Benchmark(Baseline = true, Description = "PiiGuard generated")]
    public int PiiGuard()
    {
        _buffer.ResetWrittenCount();
        TelemetrySerializer.Serialize(_buffer, _report);
        return _buffer.WrittenCount;
    }

    /// <summary>STJ source generation at its best: attributes on a copy of the types, the generated fast path.</summary>
    [Benchmark(Description = "STJ source gen, fast path")]
    public int StjSourceGenerated()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        JsonSerializer.Serialize(_jsonWriter, _stjReport, BenchmarkJsonContext.Default.UsageReport);
        _jsonWriter.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>STJ source generation over the seed types, with converters in the options (no fast path).</summary>
    [Benchmark(Description = "STJ source gen, seed types + converters")]
    public int StjSourceGeneratedSeedTypes()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        JsonSerializer.Serialize(_jsonWriter, _report, SeedTypesJsonContext.Default.UsageReport);
        _jsonWriter.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>STJ reflection over the seed types, with the same converters.</summary>
    [Benchmark(Description = "STJ reflection")]
    public int StjReflection()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        JsonSerializer.Serialize(_jsonWriter, _report, global::PiiGuard.Benchmarks.Serializer.StjReflection.Options);
        _jsonWriter.Flush();
        return _buffer.WrittenCount;
    }
}
