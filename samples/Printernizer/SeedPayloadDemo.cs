using System;
using System.IO;
using PiiGuard;

namespace Printernizer;

/// <summary>What the sample printed before it had commands, and still prints first with no arguments (or <c>demo</c>).</summary>
internal static class SeedPayloadDemo
{
    /// <summary>Prints the policy's sample payload as a submission would send it, then reads it back.</summary>
    public static void Print(TextWriter output)
    {
        // The policy's sample data, as Printernizer would collect it. PiiGuard's generated serializer rounds every
        // [Aggregated(Week)] point in time down to the Monday 00:00 UTC that starts its ISO week before writing it.
        UsageReport report = SampleData.Create();

        // Exactly the bytes a submission would send, from the serializer PiiGuard generated at build time.
        string json = TelemetrySerializer.SerializeToString(report);
        output.WriteLine(json);

        // The receiving side reads it back with the generated strict reader.
        UsageReport roundTripped = TelemetrySerializer.Deserialize<UsageReport>(System.Text.Encoding.UTF8.GetBytes(json));
        TelemetrySchemaInfo schema = TelemetrySchema.For<UsageReport>();
        output.WriteLine(
            $"PiiGuard checked the payload '{schema.Name}' (schema version {schema.SchemaVersion}) at build time; " +
            $"{json.Length} bytes; read back: {roundTripped.UsageStats.JobCount} jobs.");
    }
}
