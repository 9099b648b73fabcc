using System;
using System.Globalization;
using BenchmarkDotNet.Running;
using PiiGuard.Benchmarks.Serializer;

// First the correctness check (not a benchmark): every variant must write the same bytes.
if (!Check.PrintOutputs())
{
    return 1;
}

Console.WriteLine();

// `-- --interleaved [rounds]`: the cross-check for busy machines (Interleaved.cs) instead of BenchmarkDotNet.
int flag = Array.IndexOf(args, "--interleaved");
if (flag >= 0)
{
    int rounds = flag + 1 < args.Length ? int.Parse(args[flag + 1], CultureInfo.InvariantCulture) : 1000;
    Interleaved.Run(rounds, batch: 2_000);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(SerializerBenchmarks).Assembly).Run(args);
return 0;
