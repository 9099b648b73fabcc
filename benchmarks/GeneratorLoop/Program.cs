using System;
using System.CommandLine;
using System.IO;
using PiiGuard.Benchmarks.GeneratorLoop;

// The generator in an IDE-like loop (README.md beside this file): what re-running PiiGuard's generator, and
// System.Text.Json's for the same types, costs after an unrelated edit and after a one-member edit, and which
// incremental steps each edit makes run again.
var sources = new Option<DirectoryInfo>("--sources")
{
    Description = "the folder generate.py wrote (src/Shared, src/Payloads and stj-context/)",
    Required = true,
};
var generator = new Option<FileInfo>("--generator") { Description = "PiiGuard.Generators.dll", Required = true };
var runtime = new Option<FileInfo>("--runtime") { Description = "PiiGuard.dll (the attributes the payloads use)", Required = true };
var stj = new Option<FileInfo?>("--stj")
{
    Description = "System.Text.Json.SourceGeneration.dll (default: the one in this SDK's Microsoft.NETCore.App.Ref pack)",
};
var rounds = new Option<int>("--rounds")
{
    Description = "how often each edit is made and undone (each is a timed re-run)",
    DefaultValueFactory = _ => 5,
};
var trackSteps = new Option<bool>("--track-steps")
{
    Description = "count the incremental steps' reasons after each edit instead of timing (Roslyn's step tracking; slow on large projects)",
};
var results = new Option<string?>("--results") { Description = "a Markdown file for the results (default: only print them)" };

var command = new RootCommand("PiiGuard's generator and System.Text.Json's in an IDE-like GeneratorDriver loop.")
{
    sources, generator, runtime, stj, rounds, trackSteps, results,
};
command.Validators.Add(result =>
{
    foreach (Option<FileInfo> file in new[] { generator, runtime })
    {
        if (result.GetValue(file) is { Exists: false } missing)
        {
            result.AddError($"{file.Name}: {missing.FullName} does not exist.");
        }
    }

    if (result.GetValue(sources) is { } folder && !Directory.Exists(Path.Combine(folder.FullName, "src", "Payloads")))
    {
        result.AddError($"--sources: {folder.FullName} has no src/Payloads (run benchmarks/build-time/generate.py first).");
    }
});
command.SetAction(parse =>
{
    if (parse.GetValue(rounds) < 1)
    {
        Console.Error.WriteLine("--rounds must be at least 1.");
        return 2;
    }

    FileInfo stjGenerator = parse.GetValue(stj) ?? new FileInfo(SdkGenerators.SystemTextJson());
    if (!stjGenerator.Exists)
    {
        Console.Error.WriteLine($"--stj: {stjGenerator.FullName} does not exist.");
        return 2;
    }

    var settings = new LoopSettings(
        parse.GetValue(sources)!.FullName,
        parse.GetValue(generator)!.FullName,
        parse.GetValue(runtime)!.FullName,
        stjGenerator.FullName,
        parse.GetValue(rounds),
        parse.GetValue(trackSteps));
    string report = Loop.Run(settings);
    Console.WriteLine(report);
    if (parse.GetValue(results) is { } file)
    {
        File.WriteAllText(file, report);
        Console.Error.WriteLine($"Results written to {file}.");
    }

    return 0;
});
return command.Parse(args).Invoke();
