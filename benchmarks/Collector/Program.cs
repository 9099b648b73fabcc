using System;
using System.Linq;
using BenchmarkDotNet.Running;
using PiiGuard.Benchmarks.Collector;

// `dotnet run -c Release --project benchmarks/Collector -- throughput [--quick]`: accepted submissions per second over
// HTTPS (Throughput.cs). `dotnet run -c Release --project benchmarks/Collector -- storage [--postgres ...]`: the same
// on SQLite, on PostgreSQL with one instance and with two on one database, side by side (StorageComparison.cs).
// `dotnet run -c Release --project benchmarks/Collector -- --filter '*'`: the per-submission cost without the network
// (SubmissionBenchmarks.cs, BenchmarkDotNet). See benchmarks/README.md.
if (args.FirstOrDefault() == "throughput")
{
    return await Throughput.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "storage")
{
    return await StorageComparison.RunAsync(args[1..]);
}

if (args.Length == 0)
{
    Console.WriteLine("throughput [--quick] [--help]           accepted submissions per second over HTTPS, concurrent senders");
    Console.WriteLine("storage [--postgres CONN] [--quick]     the same on SQLite, PostgreSQL x1 and PostgreSQL x2, side by side");
    Console.WriteLine("--filter '*' [--job short]              BenchmarkDotNet: the per-submission cost without the network");
    return 2;
}

BenchmarkSwitcher.FromAssembly(typeof(SubmissionBenchmarks).Assembly).Run(args);
return 0;
