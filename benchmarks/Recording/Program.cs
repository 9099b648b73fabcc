using BenchmarkDotNet.Running;
using PiiGuard.Benchmarks.Recording;

// `dotnet run -c Release --project benchmarks/Recording -- --filter '*' --job short`: see benchmarks/README.md.
BenchmarkSwitcher.FromAssembly(typeof(RecordingBenchmarks).Assembly).Run(args);
