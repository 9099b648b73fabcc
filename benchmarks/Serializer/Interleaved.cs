using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using static PiiGuard.Benchmarks.Shared.Measurements;

namespace PiiGuard.Benchmarks.Serializer;

/// <summary>
/// A cross-check for busy machines, not a BenchmarkDotNet run (`-- --interleaved`): BenchmarkDotNet measures one
/// benchmark after the other, so on a machine that others build on, each one meets a different load. Here every
/// round times a batch of each benchmark back to back (in rotating order), so the ratios compare batches run under
/// the same load; it reports per benchmark the fastest and the median batch, the median of the per-round ratios to
/// PiiGuard, and the bytes allocated per call measured with GC.GetAllocatedBytesForCurrentThread. The writers first,
/// then the readers (PiiGuard's strict reader and STJ source generation reading the same bytes).
/// </summary>
internal static class Interleaved
{
    public static void Run(int rounds, int batch)
    {
        var writers = new SerializerBenchmarks();
        writers.Setup();
        Measure(
            "Serialize",
            rounds,
            batch,
            [
                ("PiiGuard generated", writers.PiiGuard),
                ("STJ source gen, fast path", writers.StjSourceGenerated),
                ("STJ source gen, seed types + converters", writers.StjSourceGeneratedSeedTypes),
                ("STJ reflection", writers.StjReflection),
            ]);
        writers.Cleanup();

        var readers = new ReaderBenchmarks();
        readers.Setup();
        Console.WriteLine();
        Measure(
            "Read",
            rounds,
            batch,
            [
                ("PiiGuard strict read", () => readers.PiiGuardStrictRead().UsageStats.JobCount),
                ("STJ source gen read", () => readers.StjSourceGenerated().UsageStats.JobCount),
            ]);
    }

    private static void Measure(string title, int rounds, int batch, (string Name, Func<int> Call)[] methods)
    {
        // Past tiered compilation: enough calls for tier-1 code, then a pause for the background compiler.
        foreach ((_, Func<int> call) in methods)
        {
            for (int i = 0; i < 100_000; i++)
            {
                call();
            }
        }

        System.Threading.Thread.Sleep(500);

        var nsPerCall = new double[methods.Length, rounds];
        var allocatedPerCall = new double[methods.Length];
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < methods.Length; k++)
            {
                int m = (round + k) % methods.Length;
                Func<int> call = methods[m].Call;
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < batch; i++)
                {
                    call();
                }

                long elapsed = Stopwatch.GetTimestamp() - start;
                allocatedPerCall[m] += (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)batch / rounds;
                nsPerCall[m, round] = elapsed * (1e9 / Stopwatch.Frequency) / batch;
            }
        }

        Console.WriteLine($"{title}, interleaved: {rounds} rounds x {batch} calls per benchmark and round; load average {LoadAverage()}.");
        Console.WriteLine($"| Method | Fastest batch | Median batch | Median ratio to {methods[0].Name} | Allocated per call |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int m = 0; m < methods.Length; m++)
        {
            double[] times = Enumerable.Range(0, rounds).Select(r => nsPerCall[m, r]).ToArray();
            double[] ratios = Enumerable.Range(0, rounds).Select(r => nsPerCall[m, r] / nsPerCall[0, r]).ToArray();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {methods[m].Name} | {times.Min():F1} ns | {Median(times):F1} ns | {Median(ratios):F2} | {allocatedPerCall[m]:F1} B |"));
        }
    }
}
