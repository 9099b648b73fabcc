using System;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace PiiGuard.Benchmarks.Serializer;

/// <summary>The startup check that keeps the comparison honest: every benchmark writes the same bytes.</summary>
internal static class Check
{
    /// <summary>Runs each benchmark once and returns what it wrote, as text, PiiGuard's first.</summary>
    public static (string Name, string Json)[] Outputs(SerializerBenchmarks benchmarks)
    {
        return
        [
            Run("PiiGuard generated", benchmarks.PiiGuard),
            Run("STJ source gen, fast path", benchmarks.StjSourceGenerated),
            Run("STJ source gen, seed types + converters", benchmarks.StjSourceGeneratedSeedTypes),
            Run("STJ reflection", benchmarks.StjReflection),
        ];

        (string Name, string Json) Run(string name, Func<int> benchmark)
        {
            benchmark();
            return (name, Encoding.UTF8.GetString(benchmarks.Written));
        }
    }

    /// <summary>Prints every output and whether they are all byte-for-byte equal; returns whether they are.</summary>
    public static bool PrintOutputs()
    {
        var benchmarks = new SerializerBenchmarks();
        benchmarks.Setup();
        try
        {
            (string Name, string Json)[] outputs = Outputs(benchmarks);
            foreach ((string name, string json) in outputs)
            {
                Console.WriteLine($"{name} ({Encoding.UTF8.GetByteCount(json)} bytes):");
                Console.WriteLine(json);
            }

            bool same = Array.TrueForAll(outputs, output => output.Json == outputs[0].Json);
            Console.WriteLine(same
                ? $"Correctness check: the {outputs.Length} outputs are byte-for-byte equal."
                : "Correctness check: the outputs DIFFER; the comparison would not be fair.");
            Console.WriteLine(
                $"STJ generated fast path in use: {FastPath(BenchmarkJsonContext.Default.UsageReport)} (fast path); " +
                $"{FastPath(SeedTypesJsonContext.Default.UsageReport)} (seed types + converters).");
            return same;
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    /// <summary>
    /// Whether STJ will call the generated fast path for the root type: its internal CanUseSerializeHandler, read by
    /// reflection for this printout only ("unknown" if a later System.Text.Json renames it).
    /// </summary>
    private static string FastPath(JsonTypeInfo typeInfo)
    {
        typeInfo.Options.GetTypeInfo(typeInfo.Type); // configured, as on the first Serialize
        PropertyInfo? property = typeInfo.GetType().GetProperty("CanUseSerializeHandler", BindingFlags.Instance | BindingFlags.NonPublic);
        return property?.GetValue(typeInfo) is bool value ? (value ? "yes" : "no") : "unknown";
    }

    /// <summary>Fails the benchmark process (also BenchmarkDotNet's child process) if the outputs differ.</summary>
    public static void RequireSameOutput(SerializerBenchmarks benchmarks)
    {
        (string Name, string Json)[] outputs = Outputs(benchmarks);
        for (int i = 1; i < outputs.Length; i++)
        {
            if (outputs[i].Json != outputs[0].Json)
            {
                throw new InvalidOperationException(
                    $"{outputs[i].Name} writes different JSON than {outputs[0].Name}:\n{outputs[i].Json}\n{outputs[0].Json}");
            }
        }
    }
}
