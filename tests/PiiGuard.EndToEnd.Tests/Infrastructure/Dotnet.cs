using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using PiiGuard.Tests.Shared;

namespace PiiGuard.EndToEnd.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> process: its command line, exit code and output (stdout and stderr, interleaved).</summary>
public sealed record DotnetResult(string CommandLine, int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Everything a failure message needs: the command, how it ended and all it printed.</summary>
    public string Describe() =>
        $"`{CommandLine}` exited with {ExitCode} after {Duration.TotalSeconds:F1} s. Output:{Environment.NewLine}{Output}";
}

/// <summary>Runs the .NET CLI as a user's shell or CI would: no build servers left behind, no telemetry, English output.</summary>
public static class Dotnet
{
    /// <summary>How long one process may take before it is killed (a cold build on 2 cores takes well under a minute).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static DotnetResult Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, DefaultTimeout, arguments);

    public static DotnetResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // `dotnet test` runs this test host from inside MSBuild, whose variables would leak into the child build.
        foreach (string name in startInfo.Environment.Keys.Where(IsInheritedBuildVariable).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        string commandLine = "dotnet " + string.Join(" ", arguments.Select(Quote));
        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line != null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                throw new TimeoutException(
                    $"`{commandLine}` (in {workingDirectory}) did not finish within {timeout.TotalMinutes:F0} minutes and was killed. Output so far:{Environment.NewLine}{output}");
            }
        }

        process.WaitForExit(); // drains the redirected output
        lock (output)
        {
            return new DotnetResult(commandLine, process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }

    /// <summary>The <c>dotnet</c> that runs these tests, so that child processes use the same SDK.</summary>
    internal static string DotnetExecutable() => ChildProcess.DotnetExecutable();

    private static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase);

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"') ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";
}
